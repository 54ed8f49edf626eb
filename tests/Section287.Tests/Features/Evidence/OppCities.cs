using Section287.Features.Evidence;

namespace Section287.Tests.Features.Evidence;

/// <summary>The real cities the reference shipped expected results for, with the arguments it was run with.</summary>
public sealed record OppCity(string Name, string Stops, string Expected, string DecisionLog, string City, string State,
    double Lat, double Lng, string Zone, string Benchmark, string BenchmarkGeography)
{
    public static string StopsFolder => Path.Combine(Repo.SharedData, "stops");

    public static readonly OppCity Owensboro = new("owensboro", "ky_owensboro_opp_2020_04_01.csv", "ky_owensboro_expected.json",
        "ky_owensboro_decision_log.csv", "Owensboro", "KY", 37.7719074, -87.1111676, "America/Chicago",
        Path.Combine("..", "census", "acs_2017_5_year_county_level_race_data.csv"), "Daviess County, Kentucky");

    public static readonly OppCity Columbus = new("columbus", "oh_columbus_opp_2020_04_01.csv", "oh_columbus_expected.json",
        "oh_columbus_decision_log.csv", "Columbus", "OH", 39.9611755, -82.99879419999999, "America/New_York",
        "oh_columbus_acs2017_5yr_city_benchmark.csv", "Columbus city, Ohio");

    public static readonly OppCity ColumbusSyntheticContraband = Columbus with
    {
        Name = "columbus-synthetic-contraband", Stops = "oh_columbus_opp_2020_04_01_synthetic_contraband.csv",
        Expected = "oh_columbus_synthetic_contraband_expected.json", DecisionLog = "oh_columbus_synthetic_contraband_decision_log.csv",
    };

    public static OppCity ByName(string name) => new[] { Owensboro, Columbus, ColumbusSyntheticContraband }.Single(c => c.Name == name);

    public string StopsPath => Path.Combine(StopsFolder, Stops);
    public string ExpectedPath => Path.Combine(StopsFolder, Expected);
    public string BenchmarkPath => Path.GetFullPath(Path.Combine(StopsFolder, Benchmark));

    public OppResult Analyse()
    {
        using var benchmark = new StreamReader(BenchmarkPath);
        using var stops = new StreamReader(StopsPath);
        return OppAnalysis.Run(StopData.ReadCsv(stops), new OppOptions(City, State, Lat, Lng, TimeZoneInfo.FindSystemTimeZoneById(Zone),
            PopulationBenchmark.Read(benchmark, Path.GetFileName(BenchmarkPath), BenchmarkGeography)));
    }

    public string[] CommandArguments() =>
    [
        "analyze-stops", StopsPath, "--city", City, "--state", State,
        "--center-lat", Lat.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        "--center-lng", Lng.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        "--tz", Zone, "--benchmark", BenchmarkPath, "--benchmark-geography", BenchmarkGeography, "--json",
    ];
}
