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

/// <summary>
/// The encounter use cases: the rules live on <see cref="Encounter"/>; this finds records in the user's scope, loads authority,
/// protects person data, keeps deadlines and tells whose move it is.
/// </summary>
public sealed partial class EncounterWorkflow(
    AppDbContext db, ChangeContext change, TimeProvider clock, DeadlineBook deadlines, Notifier notify, PersonData personData, AuthorityFactsLoader loader)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static bool IsIce(Actor actor) => actor.Role is Role.ProgramOffice or Role.FieldSupervisor;

    private static Acting As(Actor actor) => new(actor.Id, actor.Name, IsIce(actor));

    private static readonly Error OwnRecordOnly = RuleBook.OwnRecordOnly;

    public static readonly Error NotFound = Error.NotFound("encounter.not_found", "No such encounter among those you can see.");

    /// <summary>Encounters the user may see: a designated officer only their own; everyone else as the tenancy filter allows.</summary>
    private IQueryable<Encounter> Visible(Actor actor) =>
        actor.Role == Role.DesignatedOfficer ? db.Encounters.Where(e => e.OfficerUserId == actor.Id) : db.Encounters;

    // ---- Reading -------------------------------------------------------------------------------------------------

    public async Task<Result<EncounterView>> GetAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var e = await Visible(actor).AsNoTracking().Include(x => x.Events).Include(x => x.Detainers).Include(x => x.Claims).Include(x => x.Versions).Include(x => x.Documents)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return NotFound;
        var agencyName = await db.Agencies.Where(a => a.Id == e.AgencyId).Select(a => a.Name).SingleAsync(ct);
        var officerName = await db.Officers.Where(o => o.Id == e.OfficerId).Select(o => o.FullName).SingleAsync(ct);
        return EncounterView.Of(e, agencyName, officerName, await DeadlineView.OfSubjectAsync(db, id, Now, ct));
    }

    /// <summary>
    /// Encounters in the user's scope, newest first, by keyset (<see cref="KeysetPage{T}"/>). The scope is also stated as a plain
    /// condition on the agency or the area, beside the tenancy filter, so that the database walks the index of that agency's,
    /// area's or officer's encounters by time (the plan test reads the plans: <c>EncounterQueryPlanTests</c>).
    /// </summary>
    public async Task<Result<KeysetPage<EncounterSummary>>> ListAsync(Actor actor, Guid? agreementId, string? status, string? after, int? pageSize,
        CancellationToken ct)
    {
        var size = Keyset.Size(pageSize);
        if (!size.IsSuccess) return size.Error!;
        var cursor = Cursor.Parse(after);
        if (!cursor.IsSuccess) return cursor.Error!;
        var query = Visible(actor).AsNoTracking();
        // The scope the tenancy filter applies, restated as plain conditions the planner can use: an agency's encounters through
        // (AgencyId, OccurredAt), an area's through (AorCode, OccurredAt). The filter itself still applies.
        if (db.Scope.AgencyId is { } own) query = query.Where(e => e.AgencyId == own);
        if (db.Scope.AorCode is { } area) query = query.Where(e => e.AorCode == area);
        if (agreementId is { } a) query = query.Where(e => e.AgreementId == a);
        query = status switch
        {
            "open" => query.Where(e => e.ClosedAt == null),
            "closed" => query.Where(e => e.ClosedAt != null),
            _ => query,
        };
        if (cursor.Value is { } c) query = query.Where(e => e.OccurredAt < c.At || (e.OccurredAt == c.At && e.Id < c.Id));
        var rows = await Rows(query).Take(size.Value + 1).ToListAsync(ct);
        var now = Now;
        var page = Keyset.Of(rows, size.Value, r => new Cursor(r.OccurredAt, r.Id));
        return new KeysetPage<EncounterSummary>(page.Items.Select(x => ToSummary(x, now)).ToList(), page.PageSize, page.Next);
    }

    private sealed record SummaryRow(Guid Id, string Number, string Agency, AgreementModel Model, string Officer, DateTime OccurredAt, BasisKind BasisKind,
        DateTime? ClosedAt, string? Outcome, DateTime RecordedAt, int Corrections, bool ClaimOpen, DetainerStatus? Detainer,
            DateTime? ScheduledReleaseAt, DateTime? OverdetentionAt);

    private IQueryable<SummaryRow> Rows(IQueryable<Encounter> query) =>
        from e in query
        join g in db.Agencies on e.AgencyId equals g.Id
        join o in db.Officers on e.OfficerId equals o.Id
        orderby e.OccurredAt descending, e.Id descending
        select new SummaryRow(e.Id, e.Number, g.Name, e.Model, o.FullName, e.OccurredAt, e.BasisKind, e.ClosedAt, e.Outcome, e.RecordedAt, e.Corrections,
            db.CitizenshipClaims.Any(c => c.EncounterId == e.Id && c.ResolvedAt == null),
            db.Detainers.Where(d => d.EncounterId == e.Id).OrderByDescending(d => d.RequestedAt).Select(d => (DetainerStatus?)d.Status).FirstOrDefault(),
            e.ScheduledReleaseAt, e.OverdetentionAt);

    private static EncounterSummary ToSummary(SummaryRow x, DateTime now) => new(x.Id, x.Number, x.Agency, x.Model.Code(), x.Officer, x.OccurredAt,
        x.BasisKind.Code(),
        x.ClosedAt is null ? "open" : x.Outcome ?? "closed", x.ClaimOpen, x.Detainer?.Code(),
        x.OverdetentionAt is not null ? "past_48_hours" : x.Detainer == DetainerStatus.Issued && x.ClosedAt is null && x.ScheduledReleaseAt is { } r
            && now > r ? "holding" : "none",
        x.RecordedAt - x.OccurredAt > Encounter.LateAfter, x.Corrections);

    /// <summary>The person's data, decrypted for someone who needs it, after the read is logged with its purpose.</summary>
    public async Task<Result<PersonView>> RevealPersonAsync(Guid id, Actor actor, RevealInput input, CancellationToken ct)
    {
        var e = await Visible(actor).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return NotFound;
        if (actor.Role is Role.Oversight)
            return AccessRules.PersonDataNotPermitted.RefuseAs("Person data is shown only to the agency and the ICE staff who work the case; oversight reads the record without it.");
        if (string.IsNullOrWhiteSpace(input.Purpose))
            return Error.Invalid("person_data.purpose_required", "Say why you need to read it; the read is logged.",
                new Dictionary<string, string[]> { ["purpose"] = ["Say why you need to read it."] });
        var values = await personData.RevealAllAsync(new Dictionary<string, string?>
        {
            ["name"] = e.NameProtected, ["dateOfBirth"] = e.DateOfBirthProtected, ["fbiNumber"] = e.FbiNumberProtected, ["aNumber"] = e.ANumberProtected,
        }, e.AgencyId, "encounter", e.Id, input.Purpose, ct);
        return new PersonView(values["name"], values["dateOfBirth"], values["fbiNumber"], values["aNumber"]);
    }

    /// <summary>
    /// Finds encounters by an exact identifier — A-number, FBI number, or name with date of birth — through keyed hashes, without
    /// decrypting anyone. The search itself is logged as a read of person data, with its purpose.
    /// </summary>
    public async Task<Result<IReadOnlyList<EncounterSummary>>> LookupAsync(Actor actor, LookupInput input, CancellationToken ct)
    {
        if (actor.Role is Role.Oversight) return AccessRules.PersonDataNotPermitted.RefuseAs("Oversight does not search people.");
        if (string.IsNullOrWhiteSpace(input.Purpose))
            return Error.Invalid("person_data.purpose_required", "Say why you are searching; the search is logged.",
                new Dictionary<string, string[]> { ["purpose"] = ["Say why you are searching."] });
        var aNumber = personData.LookupHash("a_number", input.ANumber);
        var fbi = personData.LookupHash("fbi_number", input.FbiNumber);
        var nameDob = input.DateOfBirth is { } dob ? personData.LookupHash("name_dob", $"{input.Name}|{dob:yyyy-MM-dd}") : null;
        if (aNumber is null && fbi is null && (nameDob is null || string.IsNullOrWhiteSpace(input.Name)))
            return Error.Invalid("lookup.identifier_required", "Give an A-number, an FBI number, or a name with a date of birth.",
                new Dictionary<string, string[]> { ["aNumber"] = ["Give an A-number, an FBI number, or a name with a date of birth."] });
        var ids = await Visible(actor).Where(e => (aNumber != null && e.ANumberHash == aNumber) || (fbi != null && e.FbiNumberHash == fbi)
            || (nameDob != null && e.NameDobHash == nameDob))
            .OrderByDescending(e => e.OccurredAt).Select(e => new { e.Id, e.AgencyId }).Take(200).ToListAsync(ct);
        var fields = string.Join(",",
            new[] { aNumber is null ? null : "aNumber", fbi is null ? null : "fbiNumber",
            nameDob is null ? null : "nameAndDateOfBirth" }.Where(f => f is not null));
        await personData.LogAsync(ids.FirstOrDefault()?.AgencyId ?? actor.AgencyId ?? Guid.Empty, "lookup", Guid.Empty, fields,
            $"{input.Purpose.Trim()} ({ids.Count} found)", ct);
        var now = Now;
        var idList = ids.Select(i => i.Id).ToList();
        return (await Rows(db.Encounters.Where(e => idList.Contains(e.Id))).ToListAsync(ct)).Select(x => ToSummary(x, now)).ToList();
    }

    /// <summary>The agreements the signed-in designated officer is nominated under, to record an encounter under one.</summary>
    public async Task<IReadOnlyList<(Guid Id, AgreementModel Model, string Status)>> MyAgreementsAsync(Actor actor, CancellationToken ct)
    {
        var officer = await db.Officers.AsNoTracking().Where(o => o.UserId == actor.Id).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
        if (officer is null) return [];
        return (await db.Agreements.AsNoTracking().Where(a => db.Nominations.Any(n => n.OfficerId == officer && n.AgreementId == a.Id && n.EndedAt == null))
                .OrderBy(a => a.Model).Select(a => new { a.Id, a.Model, a.Status }).ToListAsync(ct))
            .Select(a => (a.Id, a.Model, a.Status.Code())).ToList();
    }

    // ---- Shared ----------------------------------------------------------------------------------------------------

    private ProtectedPerson Protect(PersonInput? p)
    {
        if (p is null) return new ProtectedPerson(null, null, null, null, null, null, null);
        var dob = p.DateOfBirth?.ToString("yyyy-MM-dd");
        return new ProtectedPerson(personData.Protect(p.Name), personData.Protect(dob), personData.Protect(p.FbiNumber), personData.Protect(p.ANumber),
            dob is null ? null : personData.LookupHash("name_dob", $"{p.Name}|{dob}"), personData.LookupHash("fbi_number", p.FbiNumber),
                personData.LookupHash("a_number", p.ANumber));
    }

    /// <summary>The hold's deadline: 48 hours after the scheduled release, warned at 36, while an issued detainer holds the person.</summary>
    private async Task SetHoldDeadlineAsync(Encounter e, string label, CancellationToken ct)
    {
        if (e.ScheduledReleaseAt is not { } release || e.IssuedDetainer?.ServedAt is null) return;
        await deadlines.CancelAsync(e.Id, [DeadlineRules.CustodyHoldLimit], ct);
        deadlines.OpenUntil(DeadlineRules.CustodyHoldLimit, e.AgencyId, "encounter", e.Id, label, release + Encounter.HoldLimit,
            Encounter.HoldLimit - Encounter.HoldWarning);
    }

    /// <summary>A hold past 48 hours becomes a critical incident on the program office's and the agency's queues, once.</summary>
    internal Task<bool> RaiseOverdetentionAsync(Encounter e, CancellationToken ct)
    {
        var zone = UsTimeZones.Find(e.TimeZone);
        return RaiseIncidentAsync(e, "overdetention", e.OverdetentionAt!.Value,
            $"Held past 48 hours on a detainer: {e.Number}. The hold ended {ZonedTime.Format(e.OverdetentionAt, zone)} (scheduled release {ZonedTime.Format(e.ScheduledReleaseAt, zone)}).",
            " Record the release or the transfer now.", ct);
    }

    /// <summary>A stay in the jail past 48 hours after the transfer to ICE, with no detention agreement: a critical incident, once.</summary>
    internal Task<bool> RaiseStayPastLimitAsync(Encounter e, CancellationToken ct)
    {
        var zone = UsTimeZones.Find(e.TimeZone);
        return RaiseIncidentAsync(e, "stay_past_limit", e.StayPastLimitAt!.Value,
            $"Held in the jail more than 48 hours after custody passed to ICE, with no detention agreement: {e.Number}. Custody passed {ZonedTime.Format(e.TransferredAt, zone)}; the stay ended {ZonedTime.Format(e.StayPastLimitAt, zone)}.",
            " Record ICE taking the person, or the release, now.", ct);
    }

    /// <summary>One critical incident of a kind per encounter, on the program office's, the area's and the agency's queues and the officer's.</summary>
    private async Task<bool> RaiseIncidentAsync(Encounter e, string kind, DateTime occurredAt, string text, string toOfficer, CancellationToken ct)
    {
        if (await db.Incidents.IgnoreQueryFilters().AnyAsync(i => i.EncounterId == e.Id && i.Kind == kind, ct)
            || db.ChangeTracker.Entries<Incident>().Any(x => x.Entity.EncounterId == e.Id && x.Entity.Kind == kind)) return false;
        db.Incidents.Add(new Incident { AgencyId = e.AgencyId, EncounterId = e.Id, Kind = kind, OccurredAt = occurredAt, DetectedAt = Now,
            Description = text });
        var link = Links.For("encounter", e.Id);
        foreach (var role in new[] { Role.ProgramOffice, Role.AgencyCoordinator, Role.FieldSupervisor })
            await notify.ToRoleAsync(role, e.AgencyId, $"incident.{kind}", $"CRITICAL: {text}", link, ct);
        await notify.ToUserAsync(e.OfficerUserId, e.AgencyId, $"incident.{kind}", $"CRITICAL: {text}{toOfficer}", link, ct);
        return true;
    }

    private static Task<Encounter?> LoadAsync(IQueryable<Encounter> from, Guid id, CancellationToken ct) =>
        from.Include(x => x.Events).Include(x => x.Detainers).Include(x => x.Claims).Include(x => x.Versions).Include(x => x.Documents).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);

    /// <summary>The recording officer acts on their own encounter, with their authority loaded for any instant.</summary>
    private async Task<Result<EncounterView>> OfficerAppliesAsync(Guid id, Actor actor, string action,
        Func<Encounter, Func<DateTime, AuthorityAnswer>, DateTime, AgreementTerms, Task<Error?>> rule, CancellationToken ct)
    {
        var e = await LoadAsync(Visible(actor), id, ct);
        if (e is null) return NotFound;
        if (actor.Role != Role.DesignatedOfficer || e.OfficerUserId != actor.Id) return OwnRecordOnly;
        var facts = await loader.LoadOneAsync(e.OfficerId, e.AgreementId, ct);
        // The agreement's terms as they stand now (ICE's categories, the policies, the agency's detention agreement), from the same load.
        if (await rule(e, at => AuthorityRules.Evaluate(facts!, at), Now, AgreementTerms.Of(facts!.Agreement)) is { } refused) return refused;
        change.For(action, e.Number);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(id, actor, ct);
    }

    private async Task<Result<EncounterView>> OnDetainerAsync(Guid detainerId, Actor actor, bool officerSide, string action,
        Func<Encounter, Detainer, DateTime, Task<Error?>> rule, CancellationToken ct)
    {
        var encounterId = await db.Detainers.Where(d => d.Id == detainerId).Select(d => (Guid?)d.EncounterId).FirstOrDefaultAsync(ct);
        var e = encounterId is { } eid ? await LoadAsync(Visible(actor), eid, ct) : null;
        if (e is null) return Error.NotFound("detainer.not_found", "No such detainer among those you can see.");
        if (officerSide && (actor.Role != Role.DesignatedOfficer || e.OfficerUserId != actor.Id)) return OwnRecordOnly;
        var d = e.Detainers.Single(x => x.Id == detainerId);
        if (await rule(e, d, Now) is { } refused) return refused;
        change.For(action, e.Number);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(e.Id, actor, ct);
    }

}
