using Section287.Features.Evidence;

namespace Section287.Tests.Features.Evidence;

/// <summary>The real cities the reference shipped expected results for, with the arguments it was run with.</summary>
public sealed record OppCity(string Name, string Stops, string Expected, string DecisionLog, string City, string State,
    double Lat, double Lng, string Zone, string Benchmark, string? BenchmarkGeography)
{
    public static string SharedStops => Path.Combine(Repo.SharedData, "stops");

    public string StopsFolder { get; init; } = SharedStops;

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

    /// <summary>Synthetic (Fixtures/README.md): search basis, a city the outcome test keeps, and the untidy values real files have.</summary>
    public static readonly OppCity Exampleville = new("exampleville", "exampleville_stops.csv", "exampleville_expected.json",
        "exampleville_decision_log.csv", "Exampleville", "XX", 35.1495, -90.0490, "America/Chicago", "exampleville_population.csv", null)
    {
        StopsFolder = Path.Combine(Repo.Root, "tests", "Section287.Tests", "Features", "Evidence", "Fixtures"),
    };

    public static OppCity ByName(string name) => new[] { Owensboro, Columbus, ColumbusSyntheticContraband, Exampleville }.Single(c => c.Name == name);

    public string DecisionLogPath => Path.Combine(StopsFolder, DecisionLog);

    public string StopsPath => Path.Combine(StopsFolder, Stops);
    public string ExpectedPath => Path.Combine(StopsFolder, Expected);
    public string BenchmarkPath => Path.GetFullPath(Path.Combine(StopsFolder, Benchmark));

    public OppResult Analyse(bool discretionaryAsExecuted = false)
    {
        using var benchmark = new StreamReader(BenchmarkPath);
        using var stops = new StreamReader(StopsPath);
        return OppAnalysis.Run(StopData.ReadCsv(stops), new OppOptions(City, State, Lat, Lng, TimeZoneInfo.FindSystemTimeZoneById(Zone),
            PopulationBenchmark.Read(benchmark, Path.GetFileName(BenchmarkPath), BenchmarkGeography), discretionaryAsExecuted));
    }

    public string[] CommandArguments() =>
    [
        "analyze-stops", StopsPath, "--city", City, "--state", State,
        "--center-lat", Lat.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        "--center-lng", Lng.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        "--tz", Zone, "--benchmark", BenchmarkPath, .. (BenchmarkGeography is null ? [] : new[] { "--benchmark-geography", BenchmarkGeography }), "--json",
    ];
}
