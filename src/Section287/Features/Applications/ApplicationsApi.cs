using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Applications;

public static class ApplicationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/applications").WithTags("Applications").RequireAuthorization(Identity.StaffPolicy);

        group.MapGet("/", async (ApplicationQueries queries, string? status, int? page, int? pageSize, CancellationToken ct) =>
            (await queries.ListAsync(status, page, pageSize, ct)).ToHttp());

        group.MapPost("/", async (ApplicationWorkflow workflow, Actor actor, CancellationToken ct) =>
            (await workflow.StartAsync(actor, ct)).ToCreated(a => $"/api/v1/applications/{a.Id}"));

        group.MapGet("/{id:guid}", async (ApplicationQueries queries, Guid id, CancellationToken ct) => (await queries.GetAsync(id, ct)).ToHttp());

        group.MapPut("/{id:guid}", async (ApplicationWorkflow workflow, Guid id, EditApplicationInput input, Actor actor, CancellationToken ct) =>
            (await workflow.EditAsync(id, actor, input, ct)).ToHttp());

        group.MapPost("/{id:guid}/submission", async (ApplicationWorkflow workflow, Guid id, long? version, Actor actor, CancellationToken ct) =>
            (await workflow.SubmitAsync(id, actor, version, ct)).ToHttp());

        group.MapPost("/{id:guid}/review", async (ApplicationWorkflow workflow, Guid id, Actor actor, CancellationToken ct) =>
            (await workflow.StartReviewAsync(id, actor, ct)).ToHttp());

        group.MapPost("/{id:guid}/checklist", async (ApplicationWorkflow workflow, Guid id, CheckInput input, Actor actor, CancellationToken ct) =>
            (await workflow.CheckAsync(id, actor, input, ct)).ToHttp());

        group.MapPost("/{id:guid}/information-requests",
            async (ApplicationWorkflow workflow, Guid id, QuestionsInput input, Actor actor, CancellationToken ct) =>
            (await workflow.RequestInformationAsync(id, actor, input, ct)).ToHttp());

        group.MapPost("/{id:guid}/answers", async (ApplicationWorkflow workflow, Guid id, AnswerInput input, Actor actor, CancellationToken ct) =>
            (await workflow.AnswerAsync(id, actor, input, ct)).ToHttp());

        group.MapPost("/{id:guid}/decision", async (ApplicationWorkflow workflow, Guid id, PrepareDecisionInput input, Actor actor, CancellationToken ct) =>
            (await workflow.PrepareDecisionAsync(id, actor, input, ct)).ToHttp());

        group.MapPost("/{id:guid}/decision/approval", async (ApplicationWorkflow workflow, Guid id, Actor actor, CancellationToken ct) =>
            (await workflow.ApproveDecisionAsync(id, actor, ct)).ToHttp());

        group.MapPost("/{id:guid}/decision/return", async (ApplicationWorkflow workflow, Guid id, Actor actor, CancellationToken ct) =>
            (await workflow.ReturnDecisionAsync(id, actor, ct)).ToHttp());

        group.MapPost("/{id:guid}/withdrawal", async (ApplicationWorkflow workflow, Guid id, WithdrawInput input, Actor actor, CancellationToken ct) =>
            (await workflow.WithdrawAsync(id, actor, input, ct)).ToHttp());

        // Bearer tokens only reach the API, so a form post here cannot ride on a page's cookie.
        group.MapPost("/{id:guid}/attachments",
            async (ApplicationAttachments attachments, Guid id, IFormFile? file,
            [Microsoft.AspNetCore.Mvc.FromForm] string? description, Actor actor, CancellationToken ct) =>
        {
            if (file is null) return AttachmentErrors.Empty.ToProblem();
            await using var stream = file.OpenReadStream();
            return (await attachments.AddAsync(id, actor, file.FileName, description, stream,
                ct)).ToCreated(a => $"/api/v1/applications/{id}/attachments/{a.Id}");
        }).DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(Attachment.MaxBytes + 64 * 1024));

        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}",
            async (ApplicationAttachments attachments, Guid id, Guid attachmentId, HttpContext context, CancellationToken ct) =>
        {
            var result = await attachments.GetAsync(id, attachmentId, ct);
            return result.IsSuccess ? Download(context, result.Value) : result.Error!.ToProblem();
        });

        group.MapGet("/{id:guid}/comments", async (CommentQueries queries, Guid id, int? page, int? pageSize, CancellationToken ct) =>
            (await queries.OfApplicationAsync(id, page, pageSize, ct)).ToHttp());

        var publicGroup = api.MapGroup("/public/applications").WithTags("Public comment").AllowAnonymous().RequireRateLimiting(RateLimits.AnonymousWrite);
        publicGroup.MapGet("/",
            async (PublicApplications pub, int? page, int? pageSize, CancellationToken ct) => (await pub.OpenForCommentAsync(page, pageSize, ct)).ToHttp());
        publicGroup.MapGet("/{id:guid}",
            async (PublicApplications pub, Guid id, int? commentPage, CancellationToken ct) => (await pub.GetAsync(id, ct, commentPage)).ToHttp());
        publicGroup.MapPost("/{id:guid}/comments", async (PublicApplications pub, Guid id, CommentInput input, CancellationToken ct) =>
        {
            var result = await pub.CommentAsync(id, input, ct);
            return result.IsSuccess ? (IResult)TypedResults.Accepted((string?)null, new { id = result.Value, status = "pending" }) : result.Error!.ToProblem();
        });

        var comments = api.MapGroup("/comments").WithTags("Public comment").RequireAuthorization(Identity.StaffPolicy);
        comments.MapGet("/pending", async (PublicApplications pub, int? page, int? pageSize, Actor actor, CancellationToken ct) =>
            (await pub.PendingAsync(actor, page, pageSize, ct)).ToHttp());
        comments.MapPost("/{id:guid}/moderation", async (PublicApplications pub, Guid id, ModerateInput input, Actor actor, CancellationToken ct) =>
            (await pub.ModerateAsync(id, actor, input, ct)).ToHttp());
    }

    /// <summary>Always a download: never rendered inline, never sniffed into something else, sandboxed if opened anyway.</summary>
    public static IResult Download(HttpContext context, AttachmentFile file)
    {
        context.Response.Headers["Content-Security-Policy"] = "sandbox; default-src 'none'";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.Headers["Digest"] = $"sha-256={Convert.ToBase64String(Convert.FromHexString(file.Sha256))}";
        return TypedResults.File(file.Bytes, file.ContentType, file.FileName);
    }
}
