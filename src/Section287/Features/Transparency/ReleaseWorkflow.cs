using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Audit;

namespace Section287.Features.Transparency;

public sealed record ReleaseInput(string? Kind, string? Reason);

public sealed record DeclineInput(string? Reason);

public sealed record ReleaseView(Guid Id, string Kind, string KindName, string Reason, string RequestedBy, DateTime RequestedAt, string Status,
    string? PublicAffairsBy, DateTime? PublicAffairsAt, string? PrivacyBy, DateTime? PrivacyAt, string? DeclinedBy, DateTime? DeclinedAt,
    string? DeclineReason, DateTime? ApprovedAt, long Version);

/// <summary>
/// Release requests: the program office asks to publish a kind of figure, ICE's Office of Public Affairs and its Privacy Office each
/// approve (or one declines, saying why). The second approval publishes every settled quarter of the kind in the same request.
/// </summary>
public sealed class ReleaseWorkflow(AppDbContext db, ChangeContext change, TimeProvider clock, IServiceScopeFactory scopes)
{
    public static readonly Error NotFound = Error.NotFound("release.not_found", "No such release request.");

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public static ReleaseView View(ReleaseRequest r) => new(r.Id, r.Kind,
        Publications.NameOf(r.Kind), r.Reason, r.RequestedBy, r.RequestedAt,
        r.Status.ToString().ToLowerInvariant(), r.PublicAffairsBy, r.PublicAffairsAt, r.PrivacyBy, r.PrivacyAt, r.DeclinedBy, r.DeclinedAt, r.DeclineReason,
        r.ApprovedAt, r.Version);

    /// <summary>Every request, newest first (a few per kind: the list is short by nature, and capped).</summary>
    public async Task<Result<IReadOnlyList<ReleaseView>>> ListAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Role is not (Role.ProgramOffice or Role.Oversight) && !actor.Role.ApprovesReleases()) return ReleaseRules.OfficesApprove;
        return (await db.ReleaseRequests.AsNoTracking().OrderByDescending(r => r.RequestedAt).Take(200).ToListAsync(ct)).Select(View).ToList();
    }

    public async Task<Result<ReleaseView>> RequestAsync(Actor actor, ReleaseInput input, CancellationToken ct)
    {
        if (actor.Role != Role.ProgramOffice) return ReleaseRules.ProgramOfficeRequests;
        var errors = new Dictionary<string, string[]>();
        // A kind of figure, or another publication (the quarterly reports show only figures already released, the crime
        // evaluation only public data, but each is a publication of its own).
        var kind = FigureKinds.ByCode(input.Kind) is { } figure ? (Code: figure.Code, NameEn: figure.NameEn)
            : Publications.ByCode(input.Kind) is { } other ? (Code: other.Code, NameEn: other.NameEn) : ((string Code, string NameEn)?)null;
        if (kind is null) errors["kind"] = [$"Choose one of: {string.Join(", ", FigureKinds.All.Select(k => k.Code).Concat(Publications.All.Select(p => p.Code)))}."];
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 2000) errors["reason"] = ["Say why the public should see this figure (at most 2,000 characters)."];
        if (errors.Count > 0) return Error.Invalid("release.invalid", "The release request is incomplete.", errors);
        if (await db.ReleaseRequests.AnyAsync(r => r.Kind == kind!.Value.Code && r.Status != ReleaseStatus.Declined, ct)) return ReleaseRules.AlreadyRequested;
        var request = new ReleaseRequest { Kind = kind!.Value.Code, Reason = reason, RequestedBy = actor.Name, RequestedAt = Now };
        db.ReleaseRequests.Add(request);
        change.For("release.request", $"Asked to publish {kind.Value.NameEn}: {reason}");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return View(request);
    }

    public async Task<Result<ReleaseView>> ApproveAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var request = await db.ReleaseRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return NotFound;
        if (request.Approve(actor.Role, actor.Name, Now) is { } refused) return refused;
        change.For("release.approve", $"{actor.Role.Code()} approved publishing {request.Kind}");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        // Both offices have approved: the settled quarters are published now rather than at the next sweep, by the system as the
        // sweep would (the offices themselves write no figures), in a unit of work of its own after the approval is saved.
        if (request.Status == ReleaseStatus.Approved)
        {
            await using var system = scopes.CreateAsyncScope();
            system.ServiceProvider.GetRequiredService<AccessScope>().Become(AccessScope.System());
            system.ServiceProvider.GetRequiredService<ChangeContext>().As("system", $"publication of figures approved by {actor.Name}");
            await system.ServiceProvider.GetRequiredService<PublicFigures>().PublishDueAsync(ct);
            await system.ServiceProvider.GetRequiredService<QuarterlyReports>().PublishDueAsync(ct);
        }
        return View(request);
    }

    public async Task<Result<ReleaseView>> DeclineAsync(Guid id, Actor actor, DeclineInput input, CancellationToken ct)
    {
        var request = await db.ReleaseRequests.FirstOrDefaultAsync(r => r.Id == id, ct);
        if (request is null) return NotFound;
        if (!actor.Role.ApprovesReleases()) return ReleaseRules.OfficesApprove;
        var reason = input.Reason?.Trim() ?? "";
        if (reason.Length is 0 or > 2000)
            return Error.Invalid("release.decline_invalid", "Say why the release is declined.",
                new Dictionary<string, string[]> { ["reason"] = ["Say why the release is declined (at most 2,000 characters)."] });
        if (request.Decline(actor.Role, actor.Name, reason, Now) is { } refused) return refused;
        change.For("release.decline", reason);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return View(request);
    }
}

/// <summary>The sweep's watch that publishes settled quarters of approved kinds (idempotent: a quarter is published once).</summary>
internal sealed class FiguresPublicationTick(PublicFigures figures) : Deadlines.IWatch
{
    public int Order => 20;

    public async Task<(LogLevel Level, string Message)?> RunAsync(CancellationToken ct)
    {
        var published = await figures.PublishDueAsync(ct);
        return published > 0 ? (LogLevel.Information, $"{published} quarters of public figures published") : null;
    }
}
