using System.Globalization;
using System.Text;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Training;

namespace Section287.Features.Officers;

public static class OfficersApi
{
    /// <summary>A roster file is small: 2,000 officers fit in well under this.</summary>
    public const int MaxRosterBytes = 1024 * 1024;

    public static void Map(RouteGroupBuilder api)
    {
        var agreements = api.MapGroup("/agreements").WithTags("Officers").RequireAuthorization(Identity.StaffPolicy);
        agreements.MapPost("/{id:guid}/nominations", async (OfficerWorkflow w, Guid id, OfficerInput input, Actor actor, CancellationToken ct) =>
            (await w.NominateAsync(id, actor, input, ct)).ToCreated(o => $"/api/v1/officers/{o.Id}"));
        agreements.MapPost("/{id:guid}/nominations/import", async (OfficerWorkflow w, Guid id, HttpRequest request, Actor actor, CancellationToken ct) =>
        {
            var csv = await ReadRosterAsync(request, ct);
            if (!csv.IsSuccess) return csv.Error!.ToProblem();
            return (await w.ImportRosterAsync(id, actor, csv.Value, ct)).ToHttp();
        }).DisableAntiforgery();
        agreements.MapGet("/{id:guid}/officers",
            async (ComplianceQueries queries, Guid id, string? q, int? page, int? pageSize, Actor actor, CancellationToken ct) =>
            (await queries.AgreementRosterAsync(id, q, page, pageSize, actor.Role, ct)).ToHttp());

        var officers = api.MapGroup("/officers").WithTags("Officers").RequireAuthorization(Identity.StaffPolicy);
        officers.MapGet("/{id:guid}", async (OfficerWorkflow w, Guid id, Actor actor, CancellationToken ct) => (await w.GetAsync(id, actor, ct)).ToHttp());
        officers.MapGet("/{id:guid}/authority", async (OfficerWorkflow w, Guid id, Guid? agreementId, string? at, Actor actor, CancellationToken ct) =>
        {
            DateTime? instant = null;
            if (!string.IsNullOrWhiteSpace(at))
            {
                if (!DateTimeOffset.TryParse(at, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
                    return Error.Invalid("authority.at_invalid", "Give the instant as ISO 8601, such as 2026-03-01T12:00Z.",
                        new Dictionary<string, string[]> { ["at"] = ["Give the instant as ISO 8601, such as 2026-03-01T12:00Z."] }).ToProblem();
                instant = parsed.UtcDateTime;
            }
            return (await w.AuthorityAsync(id, agreementId, instant, actor, ct)).ToHttp();
        });
        officers.MapPost("/{id:guid}/disciplinary-history/reads", async (OfficerWorkflow w, Guid id, PurposeInput input, Actor actor, CancellationToken ct) =>
            (await w.RevealDisciplinaryAsync(id, input.Purpose, actor, ct)).ToHttp());
        officers.MapPut("/{id:guid}/account", async (OfficerWorkflow w, Guid id, LinkAccountInput input, Actor actor, CancellationToken ct) =>
            (await w.LinkAccountAsync(id, actor, input, ct)).ToHttp());
        // The invitation's link is in this answer once (and e-mailed when a mail server is configured); only its hash is kept.
        officers.MapPost("/{id:guid}/account/invitation", async (OfficerWorkflow w, Guid id, LinkAccountInput input, Actor actor, HttpRequest request,
            CancellationToken ct) =>
        {
            var result = await w.InviteAccountAsync(id, actor, input, ct);
            return (result.IsSuccess
                ? new OfficerInvitationAnswer(result.Value.Officer, result.Value.Account, $"{request.Scheme}://{request.Host}{result.Value.Path}",
                    result.Value.ExpiresAt, result.Value.Emailed)
                : (Result<OfficerInvitationAnswer>)result.Error!).ToHttp();
        });
        officers.MapPost("/{id:guid}/separation", async (OfficerWorkflow w, Guid id, SeparationInput input, Actor actor, CancellationToken ct) =>
            (await w.SeparateAsync(id, actor, input, ct)).ToHttp());
        officers.MapPost("/{id:guid}/conditions", async (OfficerWorkflow w, Guid id, ConditionInput input, Actor actor, CancellationToken ct) =>
            (await w.RecordConditionAsync(id, actor, input, ct)).ToHttp());
        officers.MapPost("/{id:guid}/revocation-notice", async (OfficerWorkflow w, Guid id, NoticeInput input, Actor actor, CancellationToken ct) =>
            (await w.RecordRevocationNoticeAsync(id, actor, input, ct)).ToHttp());
        officers.MapGet("/me", async (OfficerWorkflow w, Actor actor, CancellationToken ct) => (await w.MineAsync(actor, ct)).ToHttp());

        var nominations = api.MapGroup("/nominations").WithTags("Officers").RequireAuthorization(Identity.StaffPolicy);
        nominations.MapPost("/{id:guid}/background", async (OfficerWorkflow w, Guid id, BackgroundInput input, Actor actor, CancellationToken ct) =>
            (await w.RecordBackgroundAsync(id, actor, input, ct)).ToHttp());
        nominations.MapPost("/{id:guid}/records-access-request", async (OfficerWorkflow w, Guid id, Actor actor, CancellationToken ct) =>
            (await w.RequestRecordsAccessAsync(id, actor, ct)).ToHttp());
        nominations.MapPost("/{id:guid}/records-authorization",
            async (OfficerWorkflow w, Guid id, RecordsAuthorizationInput input, Actor actor, CancellationToken ct) =>
            (await w.RecordRecordsAuthorizationAsync(id, actor, input, ct)).ToHttp());
        nominations.MapPost("/{id:guid}/authorization", async (OfficerWorkflow w, Guid id, AuthorizeInput input, Actor actor, CancellationToken ct) =>
            (await w.AuthorizeAsync(id, actor, input, ct)).ToHttp());

        var authorizations = api.MapGroup("/authorizations").WithTags("Officers").RequireAuthorization(Identity.StaffPolicy);
        authorizations.MapPost("/{id:guid}/suspension", async (OfficerWorkflow w, Guid id, ReasonInput input, Actor actor, CancellationToken ct) =>
            (await w.SuspendAuthorizationAsync(id, actor, input, ct)).ToHttp());
        authorizations.MapDelete("/{id:guid}/suspension", async (OfficerWorkflow w, Guid id, Actor actor, CancellationToken ct) =>
            (await w.LiftSuspensionAsync(id, actor, ct)).ToHttp());
        authorizations.MapPost("/{id:guid}/revocation", async (OfficerWorkflow w, Guid id, ReasonInput input, Actor actor, CancellationToken ct) =>
            (await w.RevokeAsync(id, actor, input, ct)).ToHttp());
        authorizations.MapPost("/{id:guid}/credentials-returned", async (OfficerWorkflow w, Guid id, Actor actor, CancellationToken ct) =>
            (await w.CredentialsReturnedAsync(id, actor, ct)).ToHttp());
        authorizations.MapGet("/{id:guid}/letter", async (OfficerWorkflow w, Guid id, Actor actor, CancellationToken ct) =>
            (await w.AuthorizationLetterAsync(id, actor, ct)).ToPdf());

        var compliance = api.MapGroup("/compliance").WithTags("Officers").RequireAuthorization(Identity.StaffPolicy);
        compliance.MapGet("/training", async (ComplianceQueries q, string? model, int? page, int? pageSize, Actor actor, CancellationToken ct) =>
            (await q.NationalAsync(model, page, pageSize, actor.Role, ct)).ToHttp());
        api.MapGroup("/agencies").WithTags("Officers").RequireAuthorization(Identity.StaffPolicy)
            .MapGet("/{id:guid}/officers", async (ComplianceQueries queries, Guid id, string? q, int? page, int? pageSize, Actor actor, CancellationToken ct) =>
                (await queries.RosterAsync(id, null, q, page, pageSize, actor.Role, ct)).ToHttp());

    }

    /// <summary>The roster as a text/csv body, or as the "file" field of a form.</summary>
    public static async Task<Result<string>> ReadRosterAsync(HttpRequest request, CancellationToken ct)
    {
        if (request.ContentLength > MaxRosterBytes) return TooLarge;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(ct);
            if (form.Files.GetFile("file") is not { } file || file.Length == 0)
                return Error.Invalid("roster.file_missing", "Choose a CSV file.", new Dictionary<string, string[]> { ["file"] = ["Choose a CSV file."] });
            if (file.Length > MaxRosterBytes) return TooLarge;
            using var reader = new StreamReader(file.OpenReadStream(), Encoding.UTF8);
            return await reader.ReadToEndAsync(ct);
        }
        using var body = new StreamReader(request.Body, Encoding.UTF8);
        var buffer = new char[MaxRosterBytes + 1];
        var read = await body.ReadBlockAsync(buffer, ct);
        if (read > MaxRosterBytes) return TooLarge;
        return new string(buffer, 0, read);
    }

    private static readonly Error TooLarge = Error.Invalid("roster.file_too_large", "A roster file is at most 1 MB.",
        new Dictionary<string, string[]> { ["file"] = ["A roster file is at most 1 MB; split it."] });
}

public sealed record PurposeInput(string? Purpose);

/// <summary>The officer, the new account, and the invitation's link, whole, this once.</summary>
public sealed record OfficerInvitationAnswer(OfficerView Officer, Accounts.AccountView Account, string Url, DateTime ExpiresAt, bool Emailed);
