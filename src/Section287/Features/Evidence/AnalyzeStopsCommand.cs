using System.Globalization;
using System.Text;

namespace Section287.Features.Evidence;

/// <summary>
/// <c>analyze-stops FILE --city NAME --state ST --center-lat X --center-lng Y --tz ZONE [--benchmark POP.csv
/// [--benchmark-geography NAME]] [--discretionary intent|as_executed] [--json]</c>: OPP's disparity statistics for one
/// place's stop file. It needs no database and no key, so it runs before the app is built.
/// </summary>
public static class AnalyzeStopsCommand
{
    public const string Name = "analyze-stops";

    public const string Usage = """
        usage: analyze-stops FILE --city NAME --state ST --center-lat X --center-lng Y --tz ZONE
                             [--benchmark POP.csv [--benchmark-geography NAME]] [--discretionary intent|as_executed] [--json]
          FILE is a stop file in the Stanford Open Policing Project's standard schema (CSV).
          The centre is where sunset and dusk are computed; ZONE is an IANA time zone (America/New_York).
          The benchmark is a one-row table of residents by race or an ACS B03002 table with the row named.
          --json prints one JSON object: `headline` (the reference's keys), the detail, and `decisions`.
        """;

    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        string? file = null;
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var json = false;
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (arg == "--json") { json = true; continue; }
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                var key = arg[2..];
                string value;
                if (key.Contains('=', StringComparison.Ordinal)) (key, value) = (key[..key.IndexOf('=', StringComparison.Ordinal)], key[(key.IndexOf('=', StringComparison.Ordinal) + 1)..]);
                else if (i + 1 < args.Length) value = args[++i];
                else return Fail(error, $"--{key} needs a value.");
                options[key] = value;
                continue;
            }
            if (file is not null) return Fail(error, $"Unexpected argument \"{arg}\": give one stop file.");
            file = arg;
        }
        var unknown = options.Keys.Except(["city", "state", "center-lat", "center-lng", "tz", "benchmark", "benchmark-geography", "discretionary"]).ToList();
        if (unknown.Count > 0) return Fail(error, $"Unknown option --{unknown[0]}.");
        if (file is null) return Fail(error, "Name the stop file to analyse.");
        foreach (var required in new[] { "city", "state", "center-lat", "center-lng", "tz" })
            if (!options.ContainsKey(required)) return Fail(error, $"--{required} is required.");
        if (!double.TryParse(options["center-lat"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lat) || lat is < -90 or > 90)
            return Fail(error, "--center-lat must be a latitude in degrees.");
        if (!double.TryParse(options["center-lng"], NumberStyles.Float, CultureInfo.InvariantCulture, out var lng) || lng is < -180 or > 180)
            return Fail(error, "--center-lng must be a longitude in degrees.");
        if (!TimeZoneInfo.TryFindSystemTimeZoneById(options["tz"], out var zone))
            return Fail(error, $"--tz \"{options["tz"]}\" is not a time zone this machine knows (use an IANA name such as America/Chicago).");
        var discretionary = options.GetValueOrDefault("discretionary", "intent");
        if (discretionary is not ("intent" or "as_executed")) return Fail(error, "--discretionary is intent or as_executed.");
        file = Common.CallerPath.Resolve(file);
        if (!File.Exists(file)) return Fail(error, $"No such file: {file}");

        try
        {
            PopulationBenchmark? benchmark = null;
            if (options.TryGetValue("benchmark", out var benchmarkPath))
            {
                benchmarkPath = Common.CallerPath.Resolve(benchmarkPath);
                if (!File.Exists(benchmarkPath)) return Fail(error, $"No such benchmark file: {benchmarkPath}");
                using var reader = new StreamReader(benchmarkPath, Encoding.UTF8);
                benchmark = PopulationBenchmark.Read(reader, Path.GetFileName(benchmarkPath), options.GetValueOrDefault("benchmark-geography"));
            }
            StopData data;
            using (var reader = new StreamReader(file, Encoding.UTF8, true, 1 << 16)) data = StopData.ReadCsv(reader);
            var result = OppAnalysis.Run(data, new OppOptions(options["city"], options["state"], lat, lng, zone, benchmark,
                DiscretionaryAsExecuted: discretionary == "as_executed"));
            if (json) output.WriteLine(OppJson.ToJson(result, file).ToJsonString(OppJson.Indented));
            else output.Write(OppText.Summary(result));
            return 0;
        }
        catch (FormatException e)
        {
            return Fail(error, e.Message);
        }
    }

    private static int Fail(TextWriter error, string message)
    {
        error.WriteLine(message);
        error.WriteLine(Usage);
        return 2;
    }
}
