using System.Globalization;

namespace Section287.Features.Evidence;

/// <summary>
/// Residents by OPP's five race groups, the denominator of the benchmark test. Read from either a one-row table of
/// counts (Total population, Hispanic, White, Black, American Indian, Asian, Native Hawaiian and Other Pacific Islander,
/// Some other race, Two or more races — the race columns non-Hispanic) or Census ACS table B03002 in OPP's layout, one
/// row per place, picked by its Geography. Mapping as OPP's <c>opp_load_acs_race_data</c>: Asian/Pacific Islander =
/// Asian + NHPI; other = every remaining non-Hispanic resident.
/// </summary>
public sealed record PopulationGroup(string Race, double Population);

public sealed record PopulationBenchmark(string Source, double Total, IReadOnlyList<PopulationGroup> Groups)
{
    public static readonly string[] Races = ["white", "black", "hispanic", "asian/pacific islander", "other"];

    [System.Text.Json.Serialization.JsonIgnore]
    public bool SumsToTotal => Math.Abs(Groups.Sum(g => g.Population) - Total) <= 1.5e-8 * Math.Max(1, Math.Abs(Total));

    public double? PopulationOf(string race) => Groups.Where(g => g.Race == race).Select(g => (double?)g.Population).FirstOrDefault();

    /// <summary>Several places' residents added group by group (the agencies' counties of a multi-agency analysis), or null if any is unknown.</summary>
    public static PopulationBenchmark? Sum(IReadOnlyList<PopulationBenchmark?> places)
    {
        if (places.Count == 0 || places.Any(p => p is null)) return null;
        if (places.Count == 1) return places[0];
        return new PopulationBenchmark($"the sum of {places.Count} places: " + string.Join("; ", places.Select(p => p!.Source)), places.Sum(p => p!.Total),
            Races.Select(r => new PopulationGroup(r, places.Sum(p => p!.PopulationOf(r) ?? 0))).ToList());
    }

    public static PopulationBenchmark Read(TextReader text, string sourceName, string? geography)
    {
        using var csv = new CsvRecords(text);
        if (!csv.Read()) throw new FormatException($"{sourceName}: the benchmark file is empty.");
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.Text(i).TrimStart('\uFEFF')).ToArray();
        var rows = new List<string[]>();
        while (csv.Read()) rows.Add(Enumerable.Range(0, header.Length).Select(csv.Text).ToArray());

        double Number(string[] row, string column)
        {
            var i = Array.IndexOf(header, column);
            if (i < 0) throw new FormatException($"{sourceName}: the benchmark has no column \"{column}\".");
            if (!double.TryParse(row[i].Replace(",", "", StringComparison.Ordinal), NumberStyles.Float, CultureInfo.InvariantCulture, out var v))
                throw new FormatException($"{sourceName}: \"{column}\" is not a number (\"{row[i]}\").");
            return v;
        }

        if (header.Contains("Estimate; Total:"))
        {
            if (geography is null) throw new FormatException($"{sourceName} is an ACS table: name the row with --benchmark-geography.");
            var g = Array.IndexOf(header, "Geography");
            var matches = rows.Where(r => g >= 0 && r[g] == geography).ToList();
            if (matches.Count != 1) throw new FormatException($"{sourceName}: the benchmark geography \"{geography}\" is not found exactly once.");
            var row = matches[0];
            const string nh = "Estimate; Not Hispanic or Latino:";
            var white = Number(row, nh + " - White alone");
            var black = Number(row, nh + " - Black or African American alone");
            var api = Number(row, nh + " - Asian alone") + Number(row, nh + " - Native Hawaiian and Other Pacific Islander alone");
            var hispanic = Number(row, "Estimate; Hispanic or Latino:");
            var other = Number(row, nh) - white - black - api;
            return new PopulationBenchmark($"ACS B03002 row '{geography}' of {sourceName}", Number(row, "Estimate; Total:"),
                [new("white", white), new("black", black), new("hispanic", hispanic), new("asian/pacific islander", api), new("other", other)]);
        }
        if (rows.Count != 1) throw new FormatException($"{sourceName}: expected one row of population counts.");
        var r0 = rows[0];
        return new PopulationBenchmark(sourceName, Number(r0, "Total population"),
        [
            new("white", Number(r0, "White")), new("black", Number(r0, "Black")), new("hispanic", Number(r0, "Hispanic")),
            new("asian/pacific islander", Number(r0, "Asian") + Number(r0, "Native Hawaiian and Other Pacific Islander")),
            new("other", Number(r0, "American Indian") + Number(r0, "Some other race") + Number(r0, "Two or more races")),
        ]);
    }
}
