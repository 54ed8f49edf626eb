using Section287.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;

namespace Section287.Features.Encounters;

/// <summary>
/// Makes an overdetention impossible to miss: a warning at 36 hours past the scheduled release, a critical incident at 48, each
/// once (the flags are stored on the encounter).
/// </summary>
public sealed class CustodyWatch(AppDbContext db, EncounterWorkflow workflow, Notifier notify, ChangeContext change, TimeProvider clock)
{
    public sealed record Outcome(int Warned, int Overdetained);

    public async Task<Outcome> RunAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        var warnFrom = now - Encounter.HoldWarning;
        var held = await db.Encounters
            .Where(e => e.ClosedAt == null && e.ScheduledReleaseAt != null && e.ScheduledReleaseAt <= warnFrom && e.OverdetentionAt == null
                && db.Detainers.Any(d => d.EncounterId == e.Id && d.Status == DetainerStatus.Issued))
            .Include(e => e.Detainers).Include(e => e.Claims).Include(e => e.Events).AsSplitQuery()
            .OrderBy(e => e.ScheduledReleaseAt).Take(500).ToListAsync(ct);
        int warned = 0, overdetained = 0;
        foreach (var e in held)
        {
            var link = Links.For("encounter", e.Id);
            if (e.WarnHold(now))
            {
                warned++;
                var text = $"Held 36 hours past release on a detainer: {e.Number}. Release or transfer to ICE before {ZonedTime.Format(e.ScheduledReleaseAt!.Value + Encounter.HoldLimit, UsTimeZones.Find(e.TimeZone))}.";
                await notify.ToRoleAsync(Role.FieldSupervisor, e.AgencyId, "custody.warning", text, link, ct);
                await notify.ToRoleAsync(Role.AgencyCoordinator, e.AgencyId, "custody.warning", text, link, ct);
                await notify.ToUserAsync(e.OfficerUserId, e.AgencyId, "custody.warning", text, link, ct);
            }
            if (e.FlagOverdetention(now) && await workflow.RaiseOverdetentionAsync(e, ct)) overdetained++;
        }
        // The stay in the jail after custody passed to ICE (jail and warrant service, no detention agreement).
        var stayWarnFrom = now - Encounter.StayWarning;
        var staying = await db.Encounters
            .Where(e => e.ClosedAt == null && e.TransferredAt != null && e.TransferredAt <= stayWarnFrom && !e.DetentionAgreementAtTransfer
                && e.StayPastLimitAt == null)
            .Include(e => e.Detainers).Include(e => e.Claims).Include(e => e.Events).AsSplitQuery()
            .OrderBy(e => e.TransferredAt).Take(500).ToListAsync(ct);
        foreach (var e in staying)
        {
            var link = Links.For("encounter", e.Id);
            if (e.WarnStay(now))
            {
                warned++;
                var text = $"In the jail 36 hours after custody passed to ICE: {e.Number}. ICE takes the person, or the agency releases them, before {ZonedTime.Format(e.StayEndsAt, UsTimeZones.Find(e.TimeZone))}.";
                await notify.ToRoleAsync(Role.FieldSupervisor, e.AgencyId, "custody.stay_warning", text, link, ct);
                await notify.ToRoleAsync(Role.AgencyCoordinator, e.AgencyId, "custody.stay_warning", text, link, ct);
            }
            if (e.FlagStayPastLimit(now) && await workflow.RaiseStayPastLimitAsync(e, ct)) overdetained++;
        }
        if (warned + overdetained > 0)
        {
            change.For("custody.watch", $"{warned} warned, {overdetained} past 48 hours");
            await db.SaveChangesAsync(ct);
        }
        return new Outcome(warned, overdetained);
    }
}
