using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Audit;

namespace Section287.Features.Evidence;

/// <summary>
/// Task force stops recorded as encounters, written in OPP's standardized schema, so that the same tests (and anyone's
/// copy of OPP's code) read them: the date and time on the agency's clock, the officer's perception as OPP's race groups, the
/// stop's facts, and the officer only as a keyed hash (<c>officer_id_hash</c>). No name, no date of birth, no number that
/// points at the person; the encounter's own number is not written either.
/// </summary>
public sealed class EncounterStops(AppDbContext db, TimeProvider clock, PersonData personData)
{
    public static readonly string[] Header =
    [
        "raw_row_number", "date", "time", "subject_race", "subject_sex", "subject_age", "officer_id_hash", "department_name", "type", "district",
        "violation", "arrest_made", "citation_issued", "warning_issued", "outcome", "search_conducted", "search_basis", "contraband_found",
    ];

    /// <summary>Task force stops of a level, officer and period, as OPP's schema (officers hashed, no person data).</summary>
    public async Task<Result<string>> CsvAsync(Actor actor, string? level, string? subject, Guid? officerId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        var loaded = await LoadAsync(actor, level, subject, officerId, from, to, ct);
        return loaded.IsSuccess ? Csv(loaded.Value, forAnalysis: false) : loaded.Error!;
    }

    /// <summary>
    /// OPP's three tests on the product's own task force stops, for a level (nation, model, area, agency), an officer and a
    /// period: the same <see cref="OppAnalysis"/> that reproduces OPP's numbers on published data, with the reader's period
    /// in place of OPP's 2011–2018. One agency is one place (its centre and clock, its recorded districts as the
    /// subgeography); several agencies are several places, each with its own centre, clock, inter-twilight window and year
    /// rules, and the agency is the subgeography. The residential benchmark is the ACS population of the agencies' counties,
    /// given only when every agency has a county. OPP's own count rules decide what is shown for a small agency or one officer.
    /// </summary>
    public async Task<Result<OppResult>> AnalyseAsync(Actor actor, string? level, string? subject, Guid? officerId, DateOnly? from, DateOnly? to,
        bool discretionaryAsExecuted, CancellationToken ct)
    {
        var loaded = await LoadAsync(actor, level, subject, officerId, from, to, ct);
        if (!loaded.IsSuccess) return loaded.Error!;
        var stops = loaded.Value;
        var data = StopData.ReadCsv(new StringReader(Csv(stops, forAnalysis: true)), placeColumn: PlaceColumn);
        var agencies = stops.Agencies.Values.Where(a => stops.Rows.Any(r => r.AgencyId == a.Id)).OrderBy(a => a.State).ThenBy(a => a.Name).ToList();
        var period = new OppPeriod(stops.Start, stops.End);
        var counties = agencies.Select(a => a.CountyFips).Distinct().ToList();
        var benchmark = counties.Count == 0 || counties.Any(c => c is null) ? null
            : PopulationBenchmark.Sum(counties.Select(c => AcsBenchmarks.ForCounty(c)).ToList());
        if (agencies.Count == 1 && agencies[0].Centre() is { } centre)
        {
            var one = agencies[0];
            return OppAnalysis.Run(data, new OppOptions(one.Name, one.State, centre.Point.Lat, centre.Point.Lng, UsTimeZones.Find(one.TimeZone), benchmark,
                discretionaryAsExecuted, period));
        }
        var places = agencies.Where(a => a.Centre() is not null).ToDictionary(a => a.Id.ToString("N"),
            a => new OppPlace(Label(a), a.Centre()!.Value.Point.Lat, a.Centre()!.Value.Point.Lng, UsTimeZones.Find(a.TimeZone)));
        return OppAnalysis.Run(data, new OppOptions(stops.Title, "US", 0, 0, TimeZoneInfo.Utc, benchmark, discretionaryAsExecuted, period, places));
    }

    private const string PlaceColumn = "agency_key";

    private static string Label(Agencies.Agency a) => $"{a.Name} ({a.State})";

    private sealed record StopRow(DateTime OccurredAt, string TimeZone, string PerceivedRaces, string PerceivedGender, int PerceivedAge, Guid OfficerId,
        string StopType, string? District, string? Offense, string? StopOutcome, bool? SearchConducted, string? SearchBasis, bool? ContrabandFound,
        Guid AgencyId);

    private sealed record Stops(List<StopRow> Rows, Dictionary<Guid, Agencies.Agency> Agencies, DateOnly Start, DateOnly End, string Title);

    private async Task<Result<Stops>> LoadAsync(Actor actor, string? level, string? subject, Guid? officerId, DateOnly? from, DateOnly? to,
        CancellationToken ct)
    {
        if (!StopDatasets.CanRead(actor)) return EvidenceRules.WhoReads;
        var today = Clock.DayOf(clock.GetUtcNow().UtcDateTime);
        var (start, end) = (from ?? today.AddMonths(-12).AddDays(1), to ?? today);
        if (end < start)
            return Error.Invalid("evidence.period_invalid", "The period ends before it starts.", new Dictionary<string, string[]> { ["to"] = ["Give an end on or after the start."] });
        var lvl = (level ?? "nation").Trim().ToLowerInvariant();
        var scoped = await ImmigrationTests.ScopeAsync(db, lvl, subject, officerId, start, end, ct);
        if (!scoped.IsSuccess) return scoped.Error!;
        var rows = await scoped.Value.Query.Where(e => e.Model == AgreementModel.TaskForce && e.StopType != null).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new StopRow(e.OccurredAt, e.TimeZone, e.PerceivedRaces, e.PerceivedGender, e.PerceivedAge, e.OfficerId, e.StopType!, e.District,
                e.Offense, e.StopOutcome, e.SearchConducted, e.SearchBasis, e.ContrabandFound, e.AgencyId))
            .ToListAsync(ct);
        var ids = rows.Select(r => r.AgencyId).Distinct().ToList();
        var agencies = await db.Agencies.AsNoTracking().Where(a => ids.Contains(a.Id)).ToDictionaryAsync(a => a.Id, ct);
        var title = lvl switch
        {
            "agency" => agencies.Values.FirstOrDefault()?.Name ?? "the agency",
            "model" => $"{subject?.Trim().ToUpperInvariant()} agreements",
            "area" => $"the {subject?.Trim().ToUpperInvariant()} area",
            _ => "every agency",
        };
        return new Stops(rows, agencies, start, end, title);
    }

    /// <summary>
    /// The stops as OPP's schema. For the analysis, a last column names each stop's agency (its place), and with several
    /// agencies the agency stands in for the district (the subgeography OPP compares within).
    /// </summary>
    private string Csv(Stops stops, bool forAnalysis)
    {
        var several = stops.Rows.Select(r => r.AgencyId).Distinct().Skip(1).Any();
        var csv = new StringBuilder(string.Join(",", Header)).Append(forAnalysis ? "," + PlaceColumn : "").Append('\n');
        var n = 0;
        var hashes = new Dictionary<Guid, string>();
        foreach (var r in stops.Rows)
        {
            var local = ZonedTime.ToLocal(r.OccurredAt, UsTimeZones.Find(r.TimeZone));
            if (!hashes.TryGetValue(r.OfficerId, out var hash))
                // Base64url may begin with '-', which a CSV writer guards against spreadsheet formulas by prefixing "'": the export's
                // hash uses '~' instead, so one officer's hash reads the same in every file (found as a 1-in-64 flaky test).
                hashes[r.OfficerId] = hash = personData.LookupHash("stop_officer", r.OfficerId.ToString("N"))![..12].Replace('-', '~');
            string Flag(bool? b) => b switch { true => "TRUE", false => "FALSE", null => "NA" };
            var agency = stops.Agencies.GetValueOrDefault(r.AgencyId);
            var district = forAnalysis && several ? (agency is null ? null : Label(agency)) : r.District;
            var fields = new[]
            {
                (++n).ToString(CultureInfo.InvariantCulture), local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                local.ToString("HH:mm:ss", CultureInfo.InvariantCulture), ImmigrationTests.GroupOf(r.PerceivedRaces),
                r.PerceivedGender switch { "cisgender_man" or "transgender_man" => "male", "cisgender_woman" or "transgender_woman" => "female", _ => "NA" },
                r.PerceivedAge.ToString(CultureInfo.InvariantCulture), hash, agency?.Name ?? "NA", r.StopType, district ?? "NA", r.Offense ?? "NA",
                Flag(r.StopOutcome == "arrest"), Flag(r.StopOutcome == "citation"), Flag(r.StopOutcome == "warning"), r.StopOutcome ?? "NA",
                Flag(r.SearchConducted), r.SearchBasis ?? "NA", Flag(r.SearchConducted == true ? r.ContrabandFound : null),
            }.Select(OppCsv.Field);
            csv.Append(string.Join(",", fields));
            if (forAnalysis) csv.Append(',').Append(r.AgencyId.ToString("N"));
            csv.Append('\n');
        }
        return csv.ToString();
    }
}
