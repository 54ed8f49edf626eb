using Section287.Features.Shared;
using System.Globalization;
using System.Text;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Encounters;
using Section287.Features.Notifications;

namespace Section287.Features.Agreements;

/// <summary>
/// ICE's request for a task force agency's statistics (MOA, task force 2025, section XII: "Upon ICE's request, such data and
/// information shall be provided to ICE for comparison and verification with ICE's own data"), with the day it is due. The
/// agency's answer is counted by the product from the agreement's own records and frozen with the list of exactly what was
/// counted, so ICE can compare it row by row (the export). No person data is in either.
/// </summary>
public sealed class StatisticsRequest : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid AgreementId { get; init; }

    /// <summary>The measures asked for, comma-separated codes of <see cref="StatisticsRequests.Measures"/>.</summary>
    public string Measures { get; init; } = "";

    public DateOnly PeriodFrom { get; init; }

    public DateOnly PeriodTo { get; init; }

    public DateOnly DueOn { get; init; }

    public string Note { get; init; } = "";

    public DateTime RequestedAt { get; init; }

    public string RequestedByName { get; init; } = "";

    public DateTime? AnsweredAt { get; private set; }

    public string? AnsweredByName { get; private set; }

    /// <summary>The frozen answer: each measure's count and the rows counted (JSON of <see cref="StatisticsAnswer"/>).</summary>
    public string? Answer { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    internal Error? Answered(StatisticsAnswer answer, string byName, DateTime now)
    {
        if (AnsweredAt is not null) return StatisticsRequests.AlreadyAnswered;
        AnsweredAt = now;
        AnsweredByName = byName;
        Answer = JsonSerializer.Serialize(answer);
        return null;
    }

    public StatisticsAnswer? AnswerValue => Answer is null ? null : JsonSerializer.Deserialize<StatisticsAnswer>(Answer);
}

/// <summary>One row counted: the measure, the encounter's number, what happened and when (UTC).</summary>
public sealed record CountedRow(string Measure, string Encounter, string Event, DateTime At);

public sealed record StatisticsAnswer(IReadOnlyDictionary<string, int> Counts, IReadOnlyList<CountedRow> Rows, string Note);

public sealed record StatisticsRequestInput(DateOnly? PeriodFrom, DateOnly? PeriodTo, DateOnly? DueOn, IReadOnlyList<string>? Measures, string? Note);

public sealed record StatisticsAnswerInput(string? Note);

public sealed record StatisticsRequestView(Guid Id, Guid AgreementId, IReadOnlyList<string> Measures, DateOnly PeriodFrom, DateOnly PeriodTo,
    DateOnly DueOn, string Note,
    DateTime RequestedAt, string RequestedByName, DateTime? AnsweredAt, string? AnsweredByName, IReadOnlyDictionary<string, int>? Counts,
        string? AnswerNote, long Version);

/// <summary>ICE asks a task force agency for statistics by a date; the agency answers with what the product counted.</summary>
public sealed class StatisticsRequests(AppDbContext db, ChangeContext change, TimeProvider clock, DeadlineBook deadlines, Notifier notify)
{
    private const string Section = $"{RuleBook.TaskForceMoa}, section XII: \"Upon ICE's request, such data and information shall be provided to ICE for comparison and verification with ICE's own data and statistical information\"";

    public static readonly Rule NotInModel = new("statistics.not_in_model",
        "ICE's requests for an agency's statistics are a term of the task force agreement; the jail and warrant service texts have none.",
        $"{Section}; the jail (2020) and warrant service (2025) texts have no reporting section");

    public static readonly Rule IceRequests = new("statistics.ice_requests",
        "Only ICE (the program office, or a field supervisor of the agency's area) requests an agency's statistics.", Section, RuleKind.Role);

    public static readonly Rule AgencyAnswers = new("statistics.agency_answers",
        "Only the agency's coordinator answers ICE's request for its statistics.",
            $"{RuleBook.TaskForceMoa}, section XII: \"The LEA will be responsible for tracking and maintaining accurate data and statistical information\"", RuleKind.Role);

    public static readonly Rule AlreadyAnswered = new("statistics.already_answered", "The request was already answered; its answer is kept as sent.",
        Rule.PolicyReason("what the agency sent ICE is never changed afterwards; a correction is a new request"), Basis: RuleBasis.Policy);

    /// <summary>What ICE may ask for, each counted from the agreement's own records: an encounter event kind, or the encounter itself.</summary>
    public static readonly IReadOnlyDictionary<string, (string Name, string? EventKind)> Measures = new Dictionary<string, (string, string?)>
    {
        ["encounters"] = ("Encounters recorded (uses of authority)", null),
        ["arrests_without_warrant"] = ("Arrests without a warrant", "arrest_without_warrant"),
        ["warrants_served"] = ("Warrants of arrest served", "warrant_served"),
        ["detainers_issued"] = ("Detainers issued", "detainer.issued"),
        ["i213_prepared"] = ("Forms I-213 prepared", "i213_prepared"),
        ["nta_prepared"] = ("Notices to Appear prepared", "nta_prepared"),
        ["custody_transfers"] = ("Custody transferred to ICE", "custody_transferred"),
        ["releases"] = ("Released", "released"),
        ["citizenship_claims"] = ("Claims of U.S. citizenship", "citizenship.claimed"),
    };

    /// <summary>Only the task force text has ICE request the agency's statistics (section XII).</summary>
    public static bool AppliesTo(AgreementModel model) => model == AgreementModel.TaskForce;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static bool IsIce(Actor actor) => actor.Role is Role.ProgramOffice or Role.FieldSupervisor;

    private IQueryable<Agreement> AgreementsInScope => db.Agreements.Where(a => db.AgenciesInScope.Any(s => s.Id == a.AgencyId));

    public async Task<Result<IReadOnlyList<StatisticsRequestView>>> ListAsync(Guid agreementId, CancellationToken ct)
    {
        if (!await AgreementsInScope.AnyAsync(a => a.Id == agreementId, ct)) return AgreementErrors.NotFound;
        var list = await db.StatisticsRequests.AsNoTracking().Where(r => r.AgreementId == agreementId).OrderByDescending(r => r.RequestedAt).ToListAsync(ct);
        return list.Select(View).ToList();
    }

    public async Task<Result<StatisticsRequestView>> RequestAsync(Guid agreementId, Actor actor, StatisticsRequestInput input, CancellationToken ct)
    {
        var agreement = await AgreementsInScope.Include(a => a.Agency).FirstOrDefaultAsync(a => a.Id == agreementId, ct);
        if (agreement is null) return AgreementErrors.NotFound;
        if (!IsIce(actor)) return IceRequests;
        if (!AppliesTo(agreement.Model)) return NotInModel;
        var today = Clock.DayOf(Now);
        var errors = new Dictionary<string, string[]>();
        var measures = (input.Measures ?? []).Select(m => m.Trim().ToLowerInvariant()).Distinct().ToList();
        if (measures.Count == 0
            || measures.Any(m => !Measures.ContainsKey(m))) errors["measures"] = [$"Choose one or more of: {string.Join(", ", Measures.Keys)}."];
        if (input.PeriodFrom is not { } from || input.PeriodTo is not { } to || to < from
            || to > today) errors["periodTo"] = ["Give the period counted: from a day to a later day, no later than today."];
        if (input.DueOn is not { } due || due < today) errors["dueOn"] = ["Give the day the answer is due, today or later."];
        if (errors.Count > 0) return Error.Invalid("statistics.invalid", "The request is not complete.", errors);
        var request = new StatisticsRequest
        {
            AgencyId = agreement.AgencyId, AgreementId = agreement.Id, Measures = string.Join(",", measures), PeriodFrom = input.PeriodFrom!.Value,
                PeriodTo = input.PeriodTo!.Value,
            DueOn = input.DueOn!.Value, Note = input.Note?.Trim() ?? "", RequestedAt = Now, RequestedByName = actor.Name,
        };
        db.StatisticsRequests.Add(request);
        var zone = UsTimeZones.Find(agreement.Agency?.TimeZone);
        deadlines.OpenUntil(DeadlineRules.StatisticsDue, agreement.AgencyId, "agreement", agreement.Id,
            $"Statistics ICE asked for, {request.PeriodFrom:yyyy-MM-dd} to {request.PeriodTo:yyyy-MM-dd}",
            ZonedTime.EndOfDayUtc(request.DueOn, zone));
        await notify.ToRoleAsync(Role.AgencyCoordinator, agreement.AgencyId, "statistics.requested",
            $"ICE asks for the task force statistics of {request.PeriodFrom:yyyy-MM-dd} to {request.PeriodTo:yyyy-MM-dd} by {request.DueOn:yyyy-MM-dd}.", Links.For("agreement", agreement.Id), ct);
        change.For("statistics.request",
            $"{request.Measures}, {request.PeriodFrom:yyyy-MM-dd} to {request.PeriodTo:yyyy-MM-dd}, due {request.DueOn:yyyy-MM-dd}");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return View(request);
    }

    /// <summary>The coordinator answers: the product counts the agreement's own records in the period (the agency's days) and freezes the answer.</summary>
    public async Task<Result<StatisticsRequestView>> AnswerAsync(Guid requestId, Actor actor, StatisticsAnswerInput input, CancellationToken ct)
    {
        var request = await db.StatisticsRequests.FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return Error.NotFound("statistics.not_found", "No such request among those you can see.");
        if (actor.Role != Role.AgencyCoordinator) return AgencyAnswers;
        if (request.AnsweredAt is not null) return AlreadyAnswered;
        var answer = await CountAsync(request, input.Note?.Trim() ?? "", ct);
        if (request.Answered(answer, actor.Name, Now) is { } refused) return refused;
        await deadlines.CloseAsync(request.AgreementId, DeadlineRules.StatisticsDue, ct);
        await notify.ToRoleAsync(Role.FieldSupervisor, request.AgencyId, "statistics.answered",
            "The agency answered ICE's request for its task force statistics.", Links.For("agreement", request.AgreementId), ct);
        change.For("statistics.answer", string.Join(", ", answer.Counts.Select(c => $"{c.Key} {c.Value}")));
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return View(request);
    }

    /// <summary>Exactly what was counted, one row per record, as CSV: the answer if sent, what would be sent otherwise.</summary>
    public async Task<Result<(string Csv, string FileName)>> ExportAsync(Guid requestId, CancellationToken ct)
    {
        var request = await db.StatisticsRequests.AsNoTracking().FirstOrDefaultAsync(r => r.Id == requestId, ct);
        if (request is null) return Error.NotFound("statistics.not_found", "No such request among those you can see.");
        var answer = request.AnswerValue ?? await CountAsync(request, "", ct);
        var csv = new StringBuilder("measure,encounter,event,at_utc\n");
        foreach (var row in answer.Rows) csv.Append(CultureInfo.InvariantCulture, $"{row.Measure},{row.Encounter},{row.Event},{row.At:yyyy-MM-ddTHH:mm:ssZ}\n");
        return (csv.ToString(), $"statistics-{request.PeriodFrom:yyyyMMdd}-{request.PeriodTo:yyyyMMdd}{(request.AnsweredAt is null ? "-draft" : "")}.csv");
    }

    private async Task<StatisticsAnswer> CountAsync(StatisticsRequest request, string note, CancellationToken ct)
    {
        var zoneId = await db.Agencies.Where(a => a.Id == request.AgencyId).Select(a => a.TimeZone).SingleAsync(ct);
        var zone = UsTimeZones.Find(zoneId);
        var start = ZonedTime.StartOfDayUtc(request.PeriodFrom, zone);
        var until = ZonedTime.StartOfDayUtc(request.PeriodTo.AddDays(1), zone);
        var rows = new List<CountedRow>();
        var counts = new Dictionary<string, int>();
        foreach (var code in request.Measures.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            var (_, kind) = Measures[code];
            var found = kind is null
                ? await db.Encounters.AsNoTracking().Where(e => e.AgreementId == request.AgreementId && e.OccurredAt >= start && e.OccurredAt < until)
                    .OrderBy(e => e.OccurredAt).Select(e => new CountedRow(code, e.Number, "opened", e.OccurredAt)).ToListAsync(ct)
                : await (from ev in db.EncounterEvents.AsNoTracking()
                         join e in db.Encounters on ev.EncounterId equals e.Id
                         where e.AgreementId == request.AgreementId && ev.Kind == kind && ev.At >= start && ev.At < until
                         orderby ev.At
                         select new CountedRow(code, e.Number, ev.Kind, ev.At)).ToListAsync(ct);
            counts[code] = found.Count;
            rows.AddRange(found);
        }
        return new StatisticsAnswer(counts, rows, note);
    }

    private static StatisticsRequestView View(StatisticsRequest r)
    {
        var answer = r.AnswerValue;
        return new StatisticsRequestView(r.Id, r.AgreementId, r.Measures.Split(',', StringSplitOptions.RemoveEmptyEntries), r.PeriodFrom, r.PeriodTo,
            r.DueOn, r.Note,
            r.RequestedAt, r.RequestedByName, r.AnsweredAt, r.AnsweredByName, answer?.Counts, answer?.Note, r.Version);
    }
}
