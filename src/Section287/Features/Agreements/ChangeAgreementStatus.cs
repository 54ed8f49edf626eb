using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Audit;

namespace Section287.Features.Agreements;

/// <summary>A suspension: by ICE (the default) or, where the model lets it, the agency; with the content its model asks for (<see cref="NoticeRules"/>).</summary>
public sealed record SuspendInput(string? Reason, DateOnly? Until, string? Response = null, string? By = null, string? DecidedBy = null,
    string? RecommendedBy = null,
    string? Delivery = null, DateOnly? ReceivedOn = null, string? Exigency = null);

public sealed record ExtensionInput(DateOnly? Until, string? Reason);

public sealed record TerminationNoticeInput(string? By, DateOnly? EffectiveOn, string? Reason, int? AliensIdentified = null, string? Examples = null,
    DateOnly? PublishedOn = null,
    string? DecidedBy = null, string? Delivery = null, DateOnly? ReceivedOn = null, string? Exigency = null);

public sealed record AgreementStatusView(Guid Id, string Status, DateOnly? SuspendedOn, DateOnly? SuspendedUntil, string? SuspensionReason,
    string? SuspensionResponse,
    DateOnly? TerminationNoticeOn, string? TerminationBy, DateOnly? TerminationEffectiveOn, string? TerminationReason, long Version)
{
    /// <summary>The suspension as noticed: by whom, when it takes effect (90 days after receipt for warrant service), who decided it.</summary>
    public SuspensionNoticeView? SuspensionNotice { get; init; }

    /// <summary>What ICE's notice of termination carries (jail, task force) and how it was delivered (warrant service).</summary>
    public TerminationDetails? TerminationDetails { get; init; }

    public static AgreementStatusView Of(Agreement a) => new(a.Id, a.Status.Code(), a.SuspendedOn, a.SuspendedUntil, a.SuspensionReason, a.SuspensionResponse,
        a.TerminationNoticeOn, a.TerminationBy, a.TerminationEffectiveOn, a.TerminationReason, a.Version)
    {
        SuspensionNotice = a.SuspensionNoticeOn is { } on
            ? new(a.SuspensionBy ?? "ice", on, a.SuspensionEffectiveOn, a.SuspensionDecidedBy, a.SuspensionRecommendedBy, a.SuspensionDelivery,
                a.SuspensionReceivedOn, a.SuspensionExigency)
            : null,
        TerminationDetails = a.TerminationNoticeOn is null ? null
            : new(a.TerminationAliensIdentified, a.TerminationExamples, a.TerminationPublishedOn, a.TerminationDecidedBy, a.TerminationDelivery,
                a.TerminationReceivedOn, a.TerminationExigency),
    };
}

public sealed record SuspensionNoticeView(string By, DateOnly NoticeOn, DateOnly? EffectiveOn, string? DecidedBy, string? RecommendedBy,
    string? Delivery, DateOnly? ReceivedOn, string? Exigency);

/// <summary>
/// Suspends, extends, reinstates (vacates) and gives notice of termination. ICE's program office does all of them for ICE; an
/// agency's coordinator gives its own agency's notice of suspension or termination. The rules themselves live on
/// <see cref="Agreement"/>, per model (<see cref="NoticeRules"/>).
/// </summary>
public sealed class ChangeAgreementStatus(AppDbContext db, ChangeContext change, TimeProvider clock, Deadlines.DeadlineBook deadlines)
{
    public async Task<Result<AgreementStatusView>> SuspendAsync(Guid id, Role role, SuspendInput input, CancellationToken ct)
    {
        var notice = new SuspensionNotice(input.By ?? "ice", input.DecidedBy, input.RecommendedBy, input.Delivery, input.ReceivedOn, input.Exigency);
        if (notice.Side is null) return AgreementErrors.SideInvalid;
        var allowed = notice.Side == "ice" ? role == Role.ProgramOffice : role is Role.AgencyCoordinator or Role.ProgramOffice;
        return await ApplyAsync(id, allowed, "agreement.suspend", input.Reason,
            a => a.Suspend(clock.Today(), input.Reason, input.Until, clock.GetUtcNow().UtcDateTime, input.Response, notice), ct);
    }

    public async Task<Result<AgreementStatusView>> ExtendSuspensionAsync(Guid id, Role role, ExtensionInput input, CancellationToken ct) =>
        await ApplyAsync(id, role == Role.ProgramOffice, "agreement.suspension_extend", input.Reason,
            a => a.ExtendSuspension(clock.Today(), input.Until, input.Reason, clock.GetUtcNow().UtcDateTime), ct);

    public async Task<Result<AgreementStatusView>> ReinstateAsync(Guid id, Role role, CancellationToken ct) =>
        await ApplyAsync(id, role == Role.ProgramOffice, "agreement.reinstate", "Reinstated",
            a => a.Reinstate(clock.Today(), clock.GetUtcNow().UtcDateTime), ct);

    public async Task<Result<AgreementStatusView>> GiveTerminationNoticeAsync(Guid id, Role role, TerminationNoticeInput input, CancellationToken ct)
    {
        var byIce = input.By?.Trim().ToLowerInvariant() switch
        {
            "ice" => (bool?)true,
            "agency" => false,
            _ => null,
        };
        var fields = new Dictionary<string, string[]>();
        if (byIce is null) fields["by"] = ["Say who gives notice: ice or agency."];
        if (input.EffectiveOn is null) fields["effectiveOn"] = ["Give the date the termination takes effect (YYYY-MM-DD)."];
        if (fields.Count > 0) return Error.Invalid("agreement.notice_invalid", "The notice of termination is not complete.", fields);
        var allowed = byIce == true ? role == Role.ProgramOffice : role is Role.AgencyCoordinator or Role.ProgramOffice;

        return await ApplyAsync(id, allowed, "agreement.termination_notice", input.Reason,
            a => a.GiveTerminationNotice(byIce!.Value, clock.Today(), input.EffectiveOn!.Value, input.Reason, clock.GetUtcNow().UtcDateTime,
                new TerminationDetails(input.AliensIdentified, input.Examples, input.PublishedOn, input.DecidedBy, input.Delivery, input.ReceivedOn,
                    input.Exigency)), ct);
    }

    /// <summary>Suspends every agreement whose noticed suspension has come into effect (warrant service). Idempotent.</summary>
    public async Task<int> ApplyDueSuspensionsAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var due = await db.Agreements.Include(a => a.History)
            .Where(a => a.Status == AgreementStatus.Active && a.SuspensionEffectiveOn != null && a.SuspensionEffectiveOn <= today && a.SuspendedOn == null)
            .ToListAsync(ct);
        change.For("agreement.suspend_due", "The suspension's 90 days of notice have passed");
        var suspended = due.Where(a => a.ApplyDueSuspension(today, clock.GetUtcNow().UtcDateTime)).ToList();
        // Officers' authority under them follows in the same save (AgreementStatusChanged).
        if (suspended.Count > 0) await db.SaveChangesAsync(ct);
        return suspended.Count;
    }

    /// <summary>Ends every agreement whose termination date has come. Idempotent: a second run changes nothing.</summary>
    public async Task<int> ApplyDueTerminationsAsync(CancellationToken ct)
    {
        var today = clock.Today();
        var due = await db.Agreements.Include(a => a.History)
            .Where(a => a.TerminationEffectiveOn != null && a.TerminationEffectiveOn <= today && a.Status != AgreementStatus.Terminated)
            .ToListAsync(ct);
        change.For("agreement.terminate_due", "The termination date in the notice has come");
        var ended = due.Where(a => a.ApplyDueTermination(today, clock.GetUtcNow().UtcDateTime)).ToList();
        // An agreement that has ended waits for no review, meeting, signature or installation.
        foreach (var agreement in ended) await deadlines.CancelAllAsync(agreement.Id, ct);
        if (ended.Count > 0) await db.SaveChangesAsync(ct);
        return ended.Count;
    }

    /// <summary>Finds the agreement within the user's scope (404 otherwise), then checks the role (403), then the rule (422).</summary>
    private async Task<Result<AgreementStatusView>> ApplyAsync(
        Guid id, bool roleAllowed, string action, string? reason, Func<Agreement, Error?> rule, CancellationToken ct)
    {
        var agreement = await db.Agreements.Include(a => a.History)
            .Where(a => db.AgenciesInScope.Any(s => s.Id == a.AgencyId))
            .FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agreement is null) return AgreementErrors.NotFound;
        if (!roleAllowed) return AgreementErrors.IceOnly;
        if (rule(agreement) is { } refused) return refused;
        if (agreement.Status is AgreementStatus.Terminated or AgreementStatus.Expired) await deadlines.CancelAllAsync(agreement.Id, ct);
        // A notice of suspension or termination is the process a revocation of the last officer calls for (jail, section IV.D).
        if (action is "agreement.suspend" or "agreement.termination_notice") await deadlines.CloseAsync(agreement.Id,
            Deadlines.DeadlineRules.AgreementLastOfficer, ct);
        change.For(action, reason?.Trim() ?? "");
        // Officers under a suspended or ended agreement lose authority at once: the agreement raises AgreementStatusChanged and
        // the authority watch records it in this same save.
        await db.SaveChangesAsync(ct);
        return AgreementStatusView.Of(agreement);
    }
}
