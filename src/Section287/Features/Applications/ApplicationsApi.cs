using System.Security.Claims;
using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Applications;

public static class ApplicationsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/applications").WithTags("Applications").RequireAuthorization(Identity.StaffPolicy);

        group.MapGet("/", async (ApplicationQueries queries, string? status, int? page, int? pageSize, CancellationToken ct) =>
            Ok(await queries.ListAsync(status, page, pageSize, ct)));

        group.MapPost("/", async (ApplicationWorkflow workflow, ClaimsPrincipal user, CancellationToken ct) =>
        {
            var result = await workflow.StartAsync(Actor.Of(user), ct);
            return result.IsSuccess ? (IResult)TypedResults.Created($"/api/v1/applications/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
        });

        group.MapGet("/{id:guid}", async (ApplicationQueries queries, Guid id, CancellationToken ct) => Ok(await queries.GetAsync(id, ct)));

        group.MapPut("/{id:guid}", async (ApplicationWorkflow workflow, Guid id, EditApplicationInput input, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await workflow.EditAsync(id, Actor.Of(user), input, ct)));

        group.MapPost("/{id:guid}/submission", async (ApplicationWorkflow workflow, Guid id, long? version, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await workflow.SubmitAsync(id, Actor.Of(user), version, ct)));

        group.MapPost("/{id:guid}/review", async (ApplicationWorkflow workflow, Guid id, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await workflow.StartReviewAsync(id, Actor.Of(user), ct)));

        group.MapPost("/{id:guid}/checklist", async (ApplicationWorkflow workflow, Guid id, CheckInput input, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await workflow.CheckAsync(id, Actor.Of(user), input, ct)));

        group.MapPost("/{id:guid}/information-requests", async (ApplicationWorkflow workflow, Guid id, QuestionsInput input, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await workflow.RequestInformationAsync(id, Actor.Of(user), input, ct)));

        group.MapPost("/{id:guid}/answers", async (ApplicationWorkflow workflow, Guid id, AnswerInput input, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await workflow.AnswerAsync(id, Actor.Of(user), input, ct)));

        group.MapPost("/{id:guid}/decision", async (ApplicationWorkflow workflow, Guid id, PrepareDecisionInput input, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await workflow.PrepareDecisionAsync(id, Actor.Of(user), input, ct)));

        group.MapPost("/{id:guid}/decision/approval", async (ApplicationWorkflow workflow, Guid id, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await workflow.ApproveDecisionAsync(id, Actor.Of(user), ct)));

        group.MapPost("/{id:guid}/decision/return", async (ApplicationWorkflow workflow, Guid id, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await workflow.ReturnDecisionAsync(id, Actor.Of(user), ct)));

        group.MapPost("/{id:guid}/withdrawal", async (ApplicationWorkflow workflow, Guid id, WithdrawInput input, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await workflow.WithdrawAsync(id, Actor.Of(user), input, ct)));

        // Bearer tokens only reach the API, so a form post here cannot ride on a page's cookie.
        group.MapPost("/{id:guid}/attachments", async (ApplicationAttachments attachments, Guid id, IFormFile? file, [Microsoft.AspNetCore.Mvc.FromForm] string? description, ClaimsPrincipal user, CancellationToken ct) =>
        {
            if (file is null) return AttachmentErrors.Empty.ToProblem();
            await using var stream = file.OpenReadStream();
            var result = await attachments.AddAsync(id, Actor.Of(user), file.FileName, description, stream, ct);
            return result.IsSuccess ? (IResult)TypedResults.Created($"/api/v1/applications/{id}/attachments/{result.Value.Id}", result.Value) : result.Error!.ToProblem();
        }).DisableAntiforgery();

        group.MapGet("/{id:guid}/attachments/{attachmentId:guid}", async (ApplicationAttachments attachments, Guid id, Guid attachmentId, HttpContext context, CancellationToken ct) =>
        {
            var result = await attachments.GetAsync(id, attachmentId, ct);
            return result.IsSuccess ? Download(context, result.Value) : result.Error!.ToProblem();
        });

        group.MapGet("/{id:guid}/comments", async (CommentQueries queries, Guid id, int? page, int? pageSize, CancellationToken ct) =>
            Ok(await queries.OfApplicationAsync(id, page, pageSize, ct)));

        var publicGroup = api.MapGroup("/public/applications").WithTags("Public comment").AllowAnonymous();
        publicGroup.MapGet("/", async (PublicApplications pub, int? page, int? pageSize, CancellationToken ct) => Ok(await pub.OpenForCommentAsync(page, pageSize, ct)));
        publicGroup.MapGet("/{id:guid}", async (PublicApplications pub, Guid id, CancellationToken ct) => Ok(await pub.GetAsync(id, ct)));
        publicGroup.MapPost("/{id:guid}/comments", async (PublicApplications pub, Guid id, CommentInput input, CancellationToken ct) =>
        {
            var result = await pub.CommentAsync(id, input, ct);
            return result.IsSuccess ? (IResult)TypedResults.Accepted((string?)null, new { id = result.Value, status = "pending" }) : result.Error!.ToProblem();
        });

        var comments = api.MapGroup("/comments").WithTags("Public comment").RequireAuthorization(Identity.StaffPolicy);
        comments.MapGet("/pending", async (PublicApplications pub, int? page, int? pageSize, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await pub.PendingAsync(Actor.Of(user), page, pageSize, ct)));
        comments.MapPost("/{id:guid}/moderation", async (PublicApplications pub, Guid id, ModerateInput input, ClaimsPrincipal user, CancellationToken ct) =>
            Ok(await pub.ModerateAsync(id, Actor.Of(user), input, ct)));
    }

    /// <summary>Always a download: never rendered inline, never sniffed into something else, sandboxed if opened anyway.</summary>
    public static IResult Download(HttpContext context, AttachmentFile file)
    {
        context.Response.Headers["Content-Security-Policy"] = "sandbox; default-src 'none'";
        context.Response.Headers["X-Content-Type-Options"] = "nosniff";
        context.Response.Headers["Digest"] = $"sha-256={Convert.ToBase64String(Convert.FromHexString(file.Sha256))}";
        return TypedResults.File(file.Bytes, file.ContentType, file.FileName);
    }

    private static IResult Ok<T>(Result<T> result) => result.IsSuccess ? TypedResults.Ok(result.Value) : result.Error!.ToProblem();
}
