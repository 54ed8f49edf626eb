using System.Reflection;
using System.Text;

namespace Section287.Features.Evidence;

/// <summary>
/// The bundled ACS 2017 5-year table B03002 rows for every county and state (Data/Reference, SOURCES.md): the residential
/// benchmark of a dataset or an agency, by its county's FIPS code or a row's Geography name ("Daviess County, Kentucky").
/// </summary>
public static class AcsBenchmarks
{
    private const string CountyFile = "acs_2017_5_year_county_level_race_data.csv";
    private const string StateFile = "acs_2017_5_year_state_level_race_data.csv";
    private static readonly Lazy<(string Text, Dictionary<string, string> GeographyByFips, List<string> Geographies)> Counties = new(() => Load(CountyFile));
    private static readonly Lazy<(string Text, Dictionary<string, string> GeographyByFips, List<string> Geographies)> States = new(() => Load(StateFile));

    /// <summary>Every row's Geography: counties, then states.</summary>
    public static IReadOnlyList<string> Geographies => [.. Counties.Value.Geographies, .. States.Value.Geographies];

    public static PopulationBenchmark? ForGeography(string geography)
    {
        foreach (var (file, table) in new[] { (CountyFile, Counties.Value), (StateFile, States.Value) })
            if (table.Geographies.Contains(geography))
                return PopulationBenchmark.Read(new StringReader(table.Text), file, geography);
        return null;
    }

    public static PopulationBenchmark? ForCounty(string? fips) =>
        fips is not null && Counties.Value.GeographyByFips.TryGetValue(fips, out var geography) ? ForGeography(geography) : null;

    private static (string, Dictionary<string, string>, List<string>) Load(string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("Section287.Reference." + name)
            ?? throw new InvalidOperationException($"The bundled {name} is missing.");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var byFips = new Dictionary<string, string>(StringComparer.Ordinal);
        var geographies = new List<string>();
        using var csv = new CsvRecords(new StringReader(text));
        csv.Read();
        while (csv.Read())
        {
            byFips[csv.Text(1)] = csv.Text(2);
            geographies.Add(csv.Text(2));
        }
        return (text, byFips, geographies);
    }
}
