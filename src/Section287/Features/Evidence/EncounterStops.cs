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

    public async Task<Result<string>> CsvAsync(Actor actor, string? level, string? subject, Guid? officerId, DateOnly? from, DateOnly? to, CancellationToken ct)
    {
        if (!StopDatasets.CanRead(actor)) return EvidenceRules.WhoReads;
        var today = Clock.DayOf(clock.GetUtcNow().UtcDateTime);
        var (start, end) = (from ?? today.AddMonths(-12).AddDays(1), to ?? today);
        if (end < start)
            return Error.Invalid("evidence.period_invalid", "The period ends before it starts.", new Dictionary<string, string[]> { ["to"] = ["Give an end on or after the start."] });
        var scoped = await ImmigrationTests.ScopeAsync(db, (level ?? "nation").Trim().ToLowerInvariant(), subject, officerId, start, end, ct);
        if (!scoped.IsSuccess) return scoped.Error!;
        var rows = await scoped.Value.Query.Where(e => e.Model == AgreementModel.TaskForce && e.StopType != null).OrderBy(e => e.OccurredAt).ThenBy(e => e.Id)
            .Select(e => new
            {
                e.OccurredAt, e.TimeZone, e.PerceivedRaces, e.PerceivedGender, e.PerceivedAge, e.OfficerId, e.StopType, e.District, e.Offense,
                e.StopOutcome, e.SearchConducted, e.SearchBasis, e.ContrabandFound,
                Agency = db.Agencies.Where(a => a.Id == e.AgencyId).Select(a => a.Name).FirstOrDefault(),
            }).ToListAsync(ct);
        var csv = new StringBuilder(string.Join(",", Header)).Append('\n');
        var n = 0;
        var hashes = new Dictionary<Guid, string>();
        foreach (var r in rows)
        {
            var local = ZonedTime.ToLocal(r.OccurredAt, UsTimeZones.Find(r.TimeZone));
            if (!hashes.TryGetValue(r.OfficerId, out var hash))
                hashes[r.OfficerId] = hash = personData.LookupHash("stop_officer", r.OfficerId.ToString("N"))![..12];
            string Flag(bool? b) => b switch { true => "TRUE", false => "FALSE", null => "NA" };
            csv.Append(string.Join(",", new[]
            {
                (++n).ToString(CultureInfo.InvariantCulture), local.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                local.ToString("HH:mm:ss", CultureInfo.InvariantCulture), ImmigrationTests.GroupOf(r.PerceivedRaces),
                r.PerceivedGender switch { "cisgender_man" or "transgender_man" => "male", "cisgender_woman" or "transgender_woman" => "female", _ => "NA" },
                r.PerceivedAge.ToString(CultureInfo.InvariantCulture), hash, r.Agency ?? "NA", r.StopType!, r.District ?? "NA", r.Offense ?? "NA",
                Flag(r.StopOutcome == "arrest"), Flag(r.StopOutcome == "citation"), Flag(r.StopOutcome == "warning"), r.StopOutcome ?? "NA",
                Flag(r.SearchConducted), r.SearchBasis ?? "NA", Flag(r.SearchConducted == true ? r.ContrabandFound : null),
            }.Select(OppCsv.Field))).Append('\n');
        }
        return csv.ToString();
    }
}
