using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Encounters;

namespace Section287.Features.Evidence;

/// <summary>One group's count, rate, and rate ratio to white with its 95% interval, or why the ratio is not given.</summary>
public sealed record GroupRate(string Group, long People, long Events, double? Rate, double? RatioToWhite, double? Low, double? High, string? NotShown);

/// <summary>A test of who bore an immigration action, by the officer's perception of the person.</summary>
public sealed record ImmigrationTest(string Code, string Title, string Population, string Event, long People, long Events,
    IReadOnlyList<GroupRate> Groups, string Explanation, string Caveat);

/// <summary>Encounters filtered to a level, an officer and a period (a record: a query is an interface, which a result cannot wrap implicitly).</summary>
public sealed record EncounterQuery(IQueryable<Encounter> Query);

public sealed record ImmigrationTestsResult(string Level, string? Subject, Guid? OfficerId, DateOnly From, DateOnly To, IReadOnlyList<ImmigrationTest> Tests);

/// <summary>
/// The tests no one else runs, on the product's own encounters: among people booked under a jail agreement, how often they
/// were questioned about their status and how often a detainer was requested, by perceived race or ethnicity; among task
/// force stops, how often the stop led to an immigration action. Each group's rate is compared with white people's as a
/// rate ratio with a 95% interval (Katz's log method). A group with fewer than <see cref="MinimumPeople"/> people, or a
/// comparison with no events on either side, shows its count and rate but no ratio, and says why.
/// </summary>
public sealed class ImmigrationTests(AppDbContext db, TimeProvider clock)
{
    /// <summary>Policy: below this many people a group's rate is too unstable to compare (and could point at a few people).</summary>
    public const int MinimumPeople = 20;

    public static readonly string[] Groups = ["white", "black", "hispanic", "asian/pacific islander", "other"];

    /// <summary>
    /// RIPA perceptions (several may be chosen) as OPP's five groups, as California's DOJ reports them: Hispanic when Hispanic is
    /// among them; otherwise the one race; Asian and Pacific Islander together; several races, Native American, and Middle
    /// Eastern or South Asian as other.
    /// </summary>
    public static string GroupOf(string perceivedRaces)
    {
        var races = perceivedRaces.Split(',', StringSplitOptions.RemoveEmptyEntries);
        if (races.Contains("hispanic")) return "hispanic";
        if (races.Length == 1 && races[0] is "white" or "black") return races[0];
        if (races.Length > 0 && races.All(r => r is "asian" or "pacific_islander")) return "asian/pacific islander";
        return "other";
    }

    private sealed record Row(AgreementModel Model, string Races, bool Questioned, bool Detainer, bool ImmigrationAction);

    public async Task<Result<ImmigrationTestsResult>> RunAsync(Actor actor, string? level, string? subject, Guid? officerId, DateOnly? from, DateOnly? to,
        CancellationToken ct)
    {
        if (!StopDatasets.CanRead(actor)) return EvidenceRules.WhoReads;
        var today = Clock.DayOf(clock.GetUtcNow().UtcDateTime);
        var (start, end) = (from ?? today.AddMonths(-12).AddDays(1), to ?? today);
        if (end < start)
            return Error.Invalid("evidence.period_invalid", "The period ends before it starts.", new Dictionary<string, string[]> { ["to"] = ["Give an end on or after the start."] });
        var lvl = (level ?? "nation").Trim().ToLowerInvariant();
        var scoped = await ScopeAsync(db, lvl, subject, officerId, start, end, ct);
        if (!scoped.IsSuccess) return scoped.Error!;
        var encounters = scoped.Value.Query;

        var questioning = ActionKind.Questioning.Code();
        string[] immigration = [ActionKind.ArrestWithoutWarrant.Code(), ActionKind.I213Prepared.Code(), ActionKind.NtaPrepared.Code(),
            ActionKind.CustodyTransferred.Code(), ActionKind.WarrantServed.Code()];
        var rows = await encounters.Select(e => new Row(e.Model, e.PerceivedRaces,
                db.EncounterEvents.Any(v => v.EncounterId == e.Id && v.Kind == questioning),
                db.Detainers.Any(d => d.EncounterId == e.Id),
                db.Detainers.Any(d => d.EncounterId == e.Id) || db.EncounterEvents.Any(v => v.EncounterId == e.Id && immigration.Contains(v.Kind))))
            .ToListAsync(ct);

        var jail = rows.Where(r => r.Model == AgreementModel.Jail).ToList();
        var stops = rows.Where(r => r.Model == AgreementModel.TaskForce).ToList();
        const string perceived = "Groups are the officer's perception of the person (RIPA's categories), not the person's own identity.";
        var tests = new List<ImmigrationTest>
        {
            Test("jail.questioning", "Questioned about immigration status, among people booked", "people booked and encountered under a jail agreement",
                "questioned about status", jail, r => r.Questioned,
                "Of the people a designated officer encountered at booking, how many were questioned about their immigration status, by group.",
                $"{perceived} The denominator is the people officers encountered, not everyone booked: a gap in who is encountered at all does not show here. A difference can come from who is booked (arrest decisions upstream), not from the screening."),
            Test("jail.detainer", "Detainer requested, among people booked", "people booked and encountered under a jail agreement", "a detainer requested",
                jail, r => r.Detainer,
                "Of the people encountered at booking, how many had an immigration detainer requested, by group.",
                $"{perceived} Detainers follow from status and records, which differ between groups for reasons that are not bias; a ratio says where to look, not why."),
            Test("task_force.immigration_action", "Stops that led to an immigration action", "task force stops and arrests", "an immigration action",
                stops, r => r.ImmigrationAction,
                "Of task force stops and arrests, how many led to an immigration action (a detainer, an arrest or warrant served under 287(g), a charging document, or custody passed to ICE), by group. The action is read from the record's actions, not from the outcome the officer typed.",
                $"{perceived} It counts what followed the stop, not why people were stopped: who is stopped at all is the question of the stop tests (veil of darkness, benchmark)."),
        };
        return new ImmigrationTestsResult(lvl, subject, officerId, start, end, tests);
    }

    /// <summary>The encounters of a level (nation, model, area, agency), an officer and a period, within the reader's scope.</summary>
    internal static async Task<Result<EncounterQuery>> ScopeAsync(AppDbContext db, string lvl, string? subject, Guid? officerId, DateOnly start,
        DateOnly end, CancellationToken ct)
    {
        IQueryable<Encounter> encounters = db.Encounters.AsNoTracking();
        switch (lvl)
        {
            case "nation":
                break;
            case "model":
                if (AgreementModels.FromCode(subject) is not { } model)
                    return Error.Invalid("evidence.subject_required", "Choose the model.", new Dictionary<string, string[]> { ["subject"] = ["Choose JEM, TFM or WSO."] });
                encounters = encounters.Where(e => e.Model == model);
                break;
            case "area":
                if (string.IsNullOrWhiteSpace(subject))
                    return Error.Invalid("evidence.subject_required", "Choose the area.", new Dictionary<string, string[]> { ["subject"] = ["Give an ICE area code, such as ATL."] });
                var aor = subject.Trim().ToUpperInvariant();
                encounters = encounters.Where(e => db.Agencies.Any(a => a.Id == e.AgencyId && a.AorCode == aor));
                break;
            case "agency":
                if (!Guid.TryParse(subject, out var agencyId))
                    return Error.Invalid("evidence.subject_required", "Choose the agency.", new Dictionary<string, string[]> { ["subject"] = ["Give the agency's id."] });
                if (!await db.AgenciesInScope.AnyAsync(a => a.Id == agencyId, ct)) return Agencies.AgencyErrors.NotFound;
                encounters = encounters.Where(e => e.AgencyId == agencyId);
                break;
            default:
                return Error.Invalid("evidence.level_invalid", "Choose the level.", new Dictionary<string, string[]> { ["level"] = ["Choose nation, model, area or agency."] });
        }
        if (officerId is { } officer) encounters = encounters.Where(e => e.OfficerId == officer);
        var (startUtc, endUtc) = (Clock.StartOfDayUtc(start), Clock.StartOfDayUtc(end.AddDays(1)));
        encounters = encounters.Where(e => e.OccurredAt >= startUtc && e.OccurredAt < endUtc);

        return new EncounterQuery(encounters);
    }

    private static ImmigrationTest Test(string code, string title, string population, string @event, List<Row> rows, Func<Row, bool> happened,
        string explanation, string caveat)
    {
        var counts = Groups.ToDictionary(g => g, _ => (People: 0L, Events: 0L));
        foreach (var r in rows)
        {
            var g = GroupOf(r.Races);
            var (people, events) = counts[g];
            counts[g] = (people + 1, events + (happened(r) ? 1 : 0));
        }
        var white = counts["white"];
        var groups = Groups.Select(g =>
        {
            var (n, k) = counts[g];
            double? rate = n == 0 ? null : (double)k / n;
            if (g == "white") return new GroupRate(g, n, k, rate, null, null, null, n < MinimumPeople ? $"fewer than {MinimumPeople} people: the reference is too small" : "the reference group");
            string? why = n < MinimumPeople ? $"fewer than {MinimumPeople} people"
                : white.People < MinimumPeople ? $"fewer than {MinimumPeople} white people to compare with"
                : k == 0 || white.Events == 0 ? "no events on one side: the ratio has no interval" : null;
            if (why is not null) return new GroupRate(g, n, k, rate, null, null, null, why);
            var ratio = ((double)k / n) / ((double)white.Events / white.People);
            var se = Math.Sqrt(1.0 / k - 1.0 / n + 1.0 / white.Events - 1.0 / white.People);
            return new GroupRate(g, n, k, rate, ratio, Math.Exp(Math.Log(ratio) - 1.96 * se), Math.Exp(Math.Log(ratio) + 1.96 * se), null);
        }).ToList();
        return new ImmigrationTest(code, title, population, @event, rows.Count, rows.Count(happened), groups, explanation, caveat);
    }

    public static string Csv(ImmigrationTestsResult r)
    {
        var s = new System.Text.StringBuilder("test,group,people,events,rate,ratio_to_white,ci95_low,ci95_high,not_shown\n");
        string N(double? v) => v is { } x ? x.ToString("R", System.Globalization.CultureInfo.InvariantCulture) : "";
        foreach (var t in r.Tests)
            foreach (var g in t.Groups)
                s.Append(string.Join(",", t.Code, OppCsv.Field(g.Group), g.People, g.Events, N(g.Rate), N(g.RatioToWhite), N(g.Low), N(g.High), OppCsv.Field(g.NotShown ?? ""))).Append('\n');
        return s.ToString();
    }
}
