using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Deadlines;

namespace Section287.Features.Encounters;

public sealed record DetainerToReview(Guid DetainerId, Guid EncounterId, string Number, string AgencyName, string OfficerName, DateTime QueuedAt,
    int Returns, DateTime? DueAt, string State);

public sealed record ClaimOpen(Guid EncounterId, string Number, string AgencyName, DateTime ClaimedAt, DateTime? ReportedAt, string? ReportedTo)
{
    /// <summary>The soonest open deadline of the claim (its report within the hour, then its resolution).</summary>
    public DateTime? DueAt { get; init; }
}

public sealed record HoldNearing(Guid EncounterId, string Number, string AgencyName, DateTime ScheduledReleaseAt, DateTime HoldEndsAt,
    double HoursHeld, string State);

public sealed record IncidentOpen(Guid IncidentId, Guid EncounterId, string Number, string AgencyName, string Kind, DateTime OccurredAt, string Description);

public sealed record DocumentToSign(Guid DocumentId, Guid EncounterId, string Number, string AgencyName, string Form, string Reference,
    string PreparedByName, DateTime PreparedAt)
{
    /// <summary>When ICE's review of the encounter's documents is due.</summary>
    public DateTime? DueAt { get; init; }
}

public sealed record SupervisionQueue(DateTime At, IReadOnlyList<IncidentOpen> Incidents, IReadOnlyList<HoldNearing> Holds, IReadOnlyList<ClaimOpen> Claims,
    IReadOnlyList<DetainerToReview> Detainers, IReadOnlyList<DeadlineView> DeadlinesAtRisk)
{
    /// <summary>Notices to Appear and Forms I-213 waiting for an ICE officer's signature, oldest first.</summary>
    public IReadOnlyList<DocumentToSign> Documents { get; init; } = [];
}

/// <summary>
/// What an ICE supervisor watches in their area (the program office: everywhere): critical incidents first, then people
/// held past their release on a detainer, open citizenship claims, detainers waiting for review, and the use-of-authority
/// deadlines at risk. Each list is capped at 200, oldest or most urgent first; every item opens the full record.
/// </summary>
public sealed class Supervision(AppDbContext db, TimeProvider clock)
{
    private const int Cap = 200;

    private static readonly string[] EncounterRules =
    [
        DeadlineRules.EncounterSupervisorContact.Code, DeadlineRules.EncounterSameDayToIce.Code, DeadlineRules.DetainerReview.Code,
            DeadlineRules.DocumentReview.Code, DeadlineRules.DetainerTransmit.Code,
        DeadlineRules.CustodyHoldLimit.Code, DeadlineRules.CitizenshipReport.Code, DeadlineRules.CitizenshipResolution.Code,
    ];

    public async Task<Result<SupervisionQueue>> QueueAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Role is not (Role.FieldSupervisor or Role.ProgramOffice or Role.Oversight))
            return AccessRules.SupervisionIceOnly;
        var now = clock.GetUtcNow().UtcDateTime;
        var agencies = db.Agencies.Select(a => new { a.Id, a.Name });

        var incidents = await (from i in db.Incidents.AsNoTracking()
                               where i.ClosedAt == null
                               join e in db.Encounters on i.EncounterId equals e.Id
                               join a in agencies on i.AgencyId equals a.Id
                               orderby i.OccurredAt
                               select new IncidentOpen(i.Id, e.Id, e.Number, a.Name, i.Kind, i.OccurredAt, i.Description)).Take(Cap).ToListAsync(ct);

        var held = await (from e in db.Encounters.AsNoTracking()
                          where e.ClosedAt == null && e.ScheduledReleaseAt != null && e.ScheduledReleaseAt <= now
                              && db.Detainers.Any(d => d.EncounterId == e.Id && d.Status == DetainerStatus.Issued)
                          join a in agencies on e.AgencyId equals a.Id
                          orderby e.ScheduledReleaseAt
                          select new { e.Id, e.Number, a.Name, Release = e.ScheduledReleaseAt!.Value }).Take(Cap).ToListAsync(ct);
        var holds = held.Select(h =>
        {
            var hours = (now - h.Release).TotalHours;
            var state = hours >= 48 ? "past_48_hours" : hours >= 36 ? "past_36_hours" : "holding";
            return new HoldNearing(h.Id, h.Number, h.Name, h.Release, h.Release + Encounter.HoldLimit, Math.Round(hours, 1), state);
        }).ToList();

        var claims = await (from c in db.CitizenshipClaims.AsNoTracking()
                            where c.ResolvedAt == null
                            join e in db.Encounters on c.EncounterId equals e.Id
                            join a in agencies on c.AgencyId equals a.Id
                            orderby c.ClaimedAt
                            select new ClaimOpen(e.Id, e.Number, a.Name, c.ClaimedAt, c.ReportedAt, c.ReportedTo)).Take(Cap).ToListAsync(ct);

        var reviewDeadlines = db.Deadlines.Where(x => x.Rule == DeadlineRules.DetainerReview.Code && x.Status == DeadlineStatus.Open);
        var detainers = (await (from d in db.Detainers.AsNoTracking()
                                where d.Status == DetainerStatus.Requested
                                join e in db.Encounters on d.EncounterId equals e.Id
                                join a in agencies on d.AgencyId equals a.Id
                                join o in db.Officers on e.OfficerId equals o.Id
                                orderby d.QueuedAt
                                select new
                                {
                                    d.Id, EncounterId = e.Id, e.Number, a.Name, Officer = o.FullName, d.QueuedAt, d.Returns,
                                    Due = reviewDeadlines.Where(x => x.SubjectId == e.Id).Select(x => (DateTime?)x.DueAt).Min(),
                                }).Take(Cap).ToListAsync(ct))
            .Select(x => new DetainerToReview(x.Id, x.EncounterId, x.Number, x.Name, x.Officer, x.QueuedAt, x.Returns, x.Due,
                x.Due is { } due ? now > due ? "overdue" : now >= due - DeadlineRules.DetainerReview.WarnBefore ? "warning" : "open" : "open")).ToList();

        var atRisk = (await db.Deadlines.AsNoTracking()
                .Where(x => x.Status == DeadlineStatus.Open && EncounterRules.Contains(x.Rule) && x.WarnAt <= now)
                .OrderBy(x => x.DueAt).Take(Cap).ToListAsync(ct))
            .Select(x => DeadlineView.Of(x, now)).ToList();
        var documents = await (from d in db.ChargingDocuments.AsNoTracking()
                               where d.Status == DocumentStatus.AwaitingSignature
                               join e in db.Encounters on d.EncounterId equals e.Id
                               join a in agencies on d.AgencyId equals a.Id
                               orderby d.PreparedAt
                               select new DocumentToSign(d.Id, e.Id, e.Number, a.Name, d.Form, d.Reference, d.PreparedByName,
                                   d.PreparedAt)).Take(Cap).ToListAsync(ct);
        var claimDue = await DueByEncounterAsync(claims.Select(c => c.EncounterId), [DeadlineRules.CitizenshipReport.Code, DeadlineRules.CitizenshipResolution.Code], ct);
        var documentDue = await DueByEncounterAsync(documents.Select(d => d.EncounterId), [DeadlineRules.DocumentReview.Code], ct);
        claims = claims.Select(c => c with { DueAt = claimDue.GetValueOrDefault(c.EncounterId) }).ToList();
        documents = documents.Select(d => d with { DueAt = documentDue.GetValueOrDefault(d.EncounterId) }).ToList();
        return new SupervisionQueue(now, incidents, holds, claims, detainers, atRisk) { Documents = documents };
    }

    /// <summary>The soonest open deadline of each encounter among the given rules.</summary>
    private async Task<Dictionary<Guid, DateTime?>> DueByEncounterAsync(IEnumerable<Guid> encounterIds, string[] rules, CancellationToken ct)
    {
        var ids = encounterIds.Distinct().ToList();
        if (ids.Count == 0) return [];
        return (await db.Deadlines.AsNoTracking()
                .Where(x => x.Status == DeadlineStatus.Open && rules.Contains(x.Rule) && ids.Contains(x.SubjectId))
                .Select(x => new { x.SubjectId, x.DueAt }).ToListAsync(ct))
            .GroupBy(x => x.SubjectId).ToDictionary(g => g.Key, g => (DateTime?)g.Min(x => x.DueAt));
    }

    /// <summary>
    /// Open critical incidents in the user's scope: on the program office's queue (everywhere), an area supervisor's, and the
    /// agency's own (its coordinator's "my work"). A designated officer is told through notifications instead.
    /// </summary>
    public async Task<Result<IReadOnlyList<IncidentOpen>>> OpenIncidentsAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Role == Role.DesignatedOfficer) return AccessRules.IncidentNotPermitted.RefuseAs("An officer is told of incidents on their encounters by notification.");
        var agencies = db.Agencies.Select(a => new { a.Id, a.Name });
        return await (from i in db.Incidents.AsNoTracking()
                      where i.ClosedAt == null
                      join e in db.Encounters on i.EncounterId equals e.Id
                      join a in agencies on i.AgencyId equals a.Id
                      orderby i.OccurredAt
                      select new IncidentOpen(i.Id, e.Id, e.Number, a.Name, i.Kind, i.OccurredAt, i.Description)).Take(Cap).ToListAsync(ct);
    }

    public async Task<Result<IncidentOpen>> CloseIncidentAsync(Guid id, Actor actor, string? resolution, Audit.ChangeContext change, CancellationToken ct)
    {
        var incident = await db.Incidents.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (incident is null) return Error.NotFound("incident.not_found", "No such incident among those you can see.");
        if (actor.Role is not (Role.ProgramOffice or Role.FieldSupervisor or Role.AgencyCoordinator))
            return AccessRules.IncidentNotPermitted.RefuseAs("ICE or the agency's coordinator closes an incident, saying what was done.");
        if (incident.Close(resolution, actor.Name, clock.GetUtcNow().UtcDateTime) is { } refused) return refused;
        change.For("incident.close", resolution ?? "");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        var e = await db.Encounters.Where(x => x.Id == incident.EncounterId).Select(x => x.Number).SingleAsync(ct);
        var agency = await db.Agencies.Where(a => a.Id == incident.AgencyId).Select(a => a.Name).SingleAsync(ct);
        return new IncidentOpen(incident.Id, incident.EncounterId, e, agency, incident.Kind, incident.OccurredAt, incident.Description);
    }
}
