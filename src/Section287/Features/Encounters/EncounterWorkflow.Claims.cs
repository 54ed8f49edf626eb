using Section287.Features.Shared;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;
using Section287.Features.Officers;

namespace Section287.Features.Encounters;

/// <summary>Claims of U.S. citizenship, from the claim to ICE's resolution, and corrections of the record.</summary>
public sealed partial class EncounterWorkflow
{
    public Task<Result<EncounterView>> ClaimCitizenshipAsync(Guid id, Actor actor, ClaimInput input, CancellationToken ct) =>
        OfficerAppliesAsync(id, actor, "citizenship.claim", async (e, _, now, terms) =>
        {
            var claimed = e.ClaimCitizenship(input.Statement, input.At, As(actor), now, input.Suspected == true);
            if (!claimed.IsSuccess) return claimed.Error;
            deadlines.OpenUntil(DeadlineRules.CitizenshipReport, e.AgencyId, "encounter", e.Id, $"{e.Number} — citizenship claim",
                claimed.Value.ClaimedAt.AddHours(1), assigneeId: actor.Id);
            deadlines.Open(DeadlineRules.CitizenshipResolution, e.AgencyId, "encounter", e.Id, $"{e.Number} — citizenship claim");
            await notify.ToRoleAsync(Role.FieldSupervisor, e.AgencyId, "citizenship.claimed",
                $"Claim of U.S. citizenship: {e.Number}. Everything on it stops until you resolve it.", Links.For("encounter", e.Id), ct);
            await notify.ToRoleAsync(Role.AgencyCoordinator, e.AgencyId, "citizenship.claimed", $"Claim of U.S. citizenship: {e.Number}",
                Links.For("encounter", e.Id), ct);
            return null;
        }, ct);

    public Task<Result<EncounterView>> ReportClaimAsync(Guid id, Actor actor, ReportInput input, CancellationToken ct) =>
        OfficerAppliesAsync(id, actor, "citizenship.report", async (e, _, now, terms) =>
        {
            var reported = e.ReportClaim(input.ReportedTo, As(actor), now);
            if (!reported.IsSuccess) return reported.Error;
            await deadlines.CloseAsync(e.Id, DeadlineRules.CitizenshipReport, ct);
            return null;
        }, ct);

    /// <summary>A step of the claim's investigation, by the recording officer or an ICE supervisor of the area.</summary>
    public async Task<Result<EncounterView>> InvestigateClaimAsync(Guid id, Actor actor, InvestigationInput input, CancellationToken ct)
    {
        var e = await LoadAsync(Visible(actor), id, ct);
        if (e is null) return NotFound;
        if (!IsIce(actor) && !(actor.Role == Role.DesignatedOfficer && e.OfficerUserId == actor.Id)) return OwnRecordOnly;
        var step = e.InvestigateClaim(input.Step, input.Details, As(actor), Now);
        if (!step.IsSuccess) return step.Error!;
        change.For("citizenship.investigate", $"{e.Number}: {input.Step}");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(id, actor, ct);
    }

    public async Task<Result<EncounterView>> ResolveClaimAsync(Guid id, Actor actor, ResolveInput input, CancellationToken ct)
    {
        var e = await LoadAsync(Visible(actor), id, ct);
        if (e is null) return NotFound;
        if (!IsIce(actor)) return RuleBook.ClaimResolvedByIce;
        var resolved = e.ResolveClaim(input.Outcome, input.Explanation, As(actor), Now);
        if (!resolved.IsSuccess) return resolved.Error!;
        await deadlines.CloseAsync(e.Id, [DeadlineRules.CitizenshipResolution, DeadlineRules.CitizenshipReport], ct);
        if (resolved.Value.Outcome == ClaimOutcome.UsCitizen)
            await deadlines.CancelAsync(e.Id,
                [DeadlineRules.DetainerReview, DeadlineRules.DetainerTransmit, DeadlineRules.EncounterSameDayToIce, DeadlineRules.DocumentReview], ct);
        var text = $"Citizenship claim resolved on {e.Number}: {(resolved.Value.Outcome == ClaimOutcome.UsCitizen ? "U.S. citizen — release the person" : "not a U.S. citizen")}";
        await notify.ToUserAsync(e.OfficerUserId, e.AgencyId, "citizenship.resolved", text, Links.For("encounter", e.Id), ct);
        await notify.ToRoleAsync(Role.AgencyCoordinator, e.AgencyId, "citizenship.resolved", text, Links.For("encounter", e.Id), ct);
        change.For("citizenship.resolve", input.Explanation ?? "");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(id, actor, ct);
    }

    /// <summary>Corrects what was recorded, with an explanation; every version stays readable.</summary>
    public Task<Result<EncounterView>> CorrectAsync(Guid id, Actor actor, CorrectionInput input, CancellationToken ct) =>
        OfficerAppliesAsync(id, actor, "encounter.correct", async (e, _, now, terms) =>
        {
            if (input.Version is null)
                return Error.Invalid("encounter.version_required", "Send the version of the encounter you are correcting.",
                    new Dictionary<string, string[]> { ["version"] = ["Send the encounter's version, as read."] });
            if (input.Version != e.Version) return CommonErrors.StaleEdit;
            var person = input.Person is null ? null : Protect(input.Person);
            var corrected = e.Correct(new EncounterInput(null, null, input.Location, input.Basis, null, input.Perception, null, null, null, null, null, Stop: input.Stop),
                person, input.Explanation, As(actor), now, terms);
            return corrected.Error;
        }, ct);
}
