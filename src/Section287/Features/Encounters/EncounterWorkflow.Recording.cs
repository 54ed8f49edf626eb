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

/// <summary>The officer opens an encounter and records each action on it.</summary>
public sealed partial class EncounterWorkflow
{
    // ---- The officer records --------------------------------------------------------------------------------------

    public async Task<Result<EncounterView>> OpenAsync(Actor actor, EncounterInput input, CancellationToken ct)
    {
        if (actor.Role != Role.DesignatedOfficer) return OwnRecordOnly;
        var officer = await db.Officers.FirstOrDefaultAsync(o => o.UserId == actor.Id, ct);
        if (officer is null) return Error.NotFound("officer.no_record", "No officer record is linked to your account; ask your agency's coordinator.");
        var agreement = input.AgreementId is { } agreementId
            ? await db.Agreements.Include(a => a.History).Include(a => a.Agency).FirstOrDefaultAsync(a => a.Id == agreementId
                && a.AgencyId == officer.AgencyId, ct)
            : null;
        if (agreement is null)
            return Error.Invalid("encounter.agreement_required", "Choose the agreement you act under.",
                new Dictionary<string, string[]> { ["agreementId"] = ["Choose the agreement you act under."] });
        var facts = await loader.LoadOneAsync(officer, agreement, ct);
        var now = Now;
        var opened = Encounter.Open(agreement, officer, As(actor), input, Protect(input.Person), at => AuthorityRules.Evaluate(facts!, at), now);
        if (!opened.IsSuccess) return opened.Error!;
        var e = opened.Value;
        db.Encounters.Add(e);
        var label = $"{e.Number} — {agreement.Model.IceName()}";
        // MOA (task force): contact an ICE supervisor at the time, or as soon as practicable.
        if (e.Model == AgreementModel.TaskForce) deadlines.Open(DeadlineRules.EncounterSupervisorContact, e.AgencyId, "encounter", e.Id, label,
            actor.Id, e.OccurredAt);
        change.For("encounter.open", $"{e.Number}: {e.BasisText()}");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        // The record as written, from the unit of work itself (a new encounter has no detainers, claims, versions or documents
        // yet); its deadlines are read, as handlers of its events may have opened some.
        return EncounterView.Of(e, agreement.Agency!.Name, officer.FullName, await DeadlineView.OfSubjectAsync(db, e.Id, Now, ct));
    }

    public Task<Result<EncounterView>> ActAsync(Guid id, Actor actor, ActionInput input, CancellationToken ct) =>
        OfficerAppliesAsync(id, actor, $"encounter.{input.Kind}", async (e, authority, now, terms) =>
        {
            var action = input.ToAction();
            if (!action.IsSuccess) return action.Error;
            var done = e.Act(action.Value, As(actor), authority, now, terms);
            if (!done.IsSuccess) return done.Error;
            var label = $"{e.Number} — {e.Model.IceName()}";
            switch (action.Value.Kind)
            {
                case ActionKind.SupervisorContact:
                    await deadlines.CloseAsync(e.Id, DeadlineRules.EncounterSupervisorContact, ct, done.Value.At);
                    break;
                case ActionKind.I213Prepared or ActionKind.NtaPrepared:
                    // The document waits for ICE's signature in the supervisor's queue (MOA: "for the signature of an ICE officer").
                    deadlines.Open(DeadlineRules.DocumentReview, e.AgencyId, "encounter", e.Id,
                        $"{label} — {(action.Value.Kind == ActionKind.NtaPrepared ? "Notice to Appear" : "Form I-213")} to sign");
                    await notify.ToRoleAsync(Role.FieldSupervisor, e.AgencyId, "document.prepared", $"Document to sign: {e.Number}",
                        Links.For("encounter", e.Id), ct);
                    break;
                case ActionKind.WarrantServed when e.Model == AgreementModel.WarrantService:
                    // Appendix A: the ICE officer is told immediately after a warrant is served.
                    deadlines.OpenUntil(DeadlineRules.EncounterWarrantServiceNotice, e.AgencyId, "encounter", e.Id,
                        $"{label} — tell ICE the warrant was served",
                        done.Value.At.AddHours(DeadlineRules.EncounterWarrantServiceNotice.Length), assigneeId: actor.Id);
                    break;
                case ActionKind.IceNotified:
                    await deadlines.CloseAsync(e.Id, DeadlineRules.EncounterWarrantServiceNotice, ct, done.Value.At);
                    break;
                // Task force, section VI: the person arrested on behalf of ICE, on a warrant or without one, is taken to ICE the same day.
                case ActionKind.ArrestWithoutWarrant or ActionKind.WarrantServed when e.Model == AgreementModel.TaskForce:
                    deadlines.OpenUntil(DeadlineRules.EncounterSameDayToIce, e.AgencyId, "encounter", e.Id, label,
                        ZonedTime.EndOfDayUtc(ZonedTime.DayOf(done.Value.At, UsTimeZones.Find(e.TimeZone)), UsTimeZones.Find(e.TimeZone)),
                        assigneeId: actor.Id);
                    break;
                case ActionKind.ReleaseScheduled or ActionKind.DetainerServed:
                    await SetHoldDeadlineAsync(e, label, ct);
                    break;
                case ActionKind.CustodyTransferred:
                    await deadlines.CloseAsync(e.Id, [DeadlineRules.EncounterSameDayToIce, DeadlineRules.CustodyHoldLimit], ct, done.Value.At);
                    await deadlines.CancelAsync(e.Id, [DeadlineRules.DetainerReview, DeadlineRules.DetainerTransmit], ct);
                    // Jail and warrant service: the person's stay in the jail after the transfer has its own 48 hours.
                    if (e.InIceCustodyHere && e.StayEndsAt is { } stayEnds)
                        deadlines.OpenUntil(DeadlineRules.CustodyAfterTransfer, e.AgencyId, "encounter", e.Id,
                            $"{label} — in ICE custody in the jail", stayEnds, Encounter.StayLimit - Encounter.StayWarning);
                    break;
                case ActionKind.Released or ActionKind.PickedUpByIce or ActionKind.Transported when e.IsClosed:
                    await deadlines.CloseAsync(e.Id, [DeadlineRules.CustodyHoldLimit, DeadlineRules.CustodyAfterTransfer], ct, done.Value.At);
                    await deadlines.CancelAsync(e.Id,
                        [DeadlineRules.EncounterSameDayToIce, DeadlineRules.DetainerReview, DeadlineRules.DetainerTransmit, DeadlineRules.DocumentReview], ct);
                    break;
            }
            if (e.OverdetentionAt is not null) await RaiseOverdetentionAsync(e, ct);
            if (e.StayPastLimitAt is not null) await RaiseStayPastLimitAsync(e, ct);
            return null;
        }, ct);
}
