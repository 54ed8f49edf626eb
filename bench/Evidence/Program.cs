using System.Diagnostics;
using System.Globalization;
using System.Text;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Running;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Section287;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Audit;
using Section287.Features.Evidence;

// bench/evidence.sh runs this in Release. Two parts:
//   analysis  BenchmarkDotNet: OPP's whole analysis of an 18k-stop city and of 1 million stops, in process (parsed, and parse + analyse)
//   import    a 1M-row OPP file imported by the app (SQLite, through StopDatasets) against `sqlite3 .import` of the same file
var mode = args.FirstOrDefault() ?? "all";
Files.Prepare();
if (mode is "analysis" or "all") BenchmarkRunner.Run<AnalysisBench>(args: args.Skip(1).ToArray());
if (mode is "import" or "all") await ImportBench.RunAsync();

/// <summary>The inputs, made once from Columbus's real OPP file: an 18,000-stop sample (seeded) and the file 8 times over (1,025,256 stops).</summary>
public static class Files
{
    public static readonly string Folder = Path.Combine(Path.GetTempPath(), "section287-bench-evidence");
    public static string Small => Path.Combine(Folder, "columbus-18k.csv");
    public static string Million => Path.Combine(Folder, "columbus-x8.csv");
    public const double Lat = 39.9611755, Lng = -82.99879419999999;

    public static string Columbus()
    {
        var dir = AppContext.BaseDirectory;
        while (dir is not null && !File.Exists(Path.Combine(dir, "Section287.slnx"))) dir = Path.GetDirectoryName(dir);
        return Path.GetFullPath(Path.Combine(dir!, "..", "shared", "data", "stops", "oh_columbus_opp_2020_04_01.csv"));
    }

    public static string Benchmark()
    {
        var dir = Path.GetDirectoryName(Columbus())!;
        return Path.Combine(dir, "oh_columbus_acs2017_5yr_city_benchmark.csv");
    }

    public static void Prepare()
    {
        Directory.CreateDirectory(Folder);
        if (File.Exists(Small) && File.Exists(Million)) return;
        var lines = File.ReadAllLines(Columbus());
        var random = new Random(287);
        var sample = lines.Skip(1).OrderBy(_ => random.Next()).Take(18_000).ToList();
        File.WriteAllLines(Small, [lines[0], .. sample]);
        using var w = new StreamWriter(Million, false, new UTF8Encoding(false));
        w.WriteLine(lines[0]);
        for (var copy = 0; copy < 8; copy++)
            foreach (var line in lines.Skip(1)) w.WriteLine(line);
    }

    public static OppOptions Options() => new("Columbus", "OH", Lat, Lng, TimeZoneInfo.FindSystemTimeZoneById("America/New_York"),
        PopulationBenchmark.Read(new StreamReader(Benchmark()), "benchmark", "Columbus city, Ohio"));
}

[SimpleJob(launchCount: 1, warmupCount: 2, iterationCount: 5)]
[MemoryDiagnoser]
public class AnalysisBench
{
    private StopData small = null!, million = null!;
    private OppOptions options = null!;

    [GlobalSetup]
    public void Setup()
    {
        Files.Prepare();
        options = Files.Options();
        small = StopData.ReadCsv(new StreamReader(Files.Small));
        million = StopData.ReadCsv(new StreamReader(Files.Million));
    }

    [Benchmark(Description = "18k stops: analysis")]
    public OppResult Analyse18k() => OppAnalysis.Run(small, options);

    [Benchmark(Description = "18k stops: read CSV + analysis")]
    public OppResult ReadAndAnalyse18k() => OppAnalysis.Run(StopData.ReadCsv(new StreamReader(Files.Small)), options);

    [Benchmark(Description = "1M stops: analysis")]
    public OppResult Analyse1M() => OppAnalysis.Run(million, options);

    [Benchmark(Description = "1M stops: read CSV + analysis")]
    public OppResult ReadAndAnalyse1M() => OppAnalysis.Run(StopData.ReadCsv(new StreamReader(Files.Million)), options);
}

/// <summary>Rows per second: the app's import (spool, check, hash officer IDs, insert) against sqlite3 .import of the same file; median of 3.</summary>
public static class ImportBench
{
    public static async Task RunAsync()
    {
        var rows = File.ReadLines(Files.Million).LongCount() - 1;
        var sqlite = new List<double>();
        var app = new List<double>();
        for (var round = 0; round < 3; round++)
        {
            var db = Path.Combine(Files.Folder, $"sqlite3-{round}.db");
            File.Delete(db);
            var clock = Stopwatch.StartNew();
            using (var p = Process.Start(new ProcessStartInfo("sqlite3", [db, "-cmd", ".mode csv", $".import {Files.Million} stops"]) { RedirectStandardError = true })!)
            {
                await p.WaitForExitAsync();
                if (p.ExitCode != 0) throw new InvalidOperationException(await p.StandardError.ReadToEndAsync());
            }
            sqlite.Add(clock.Elapsed.TotalSeconds);
            File.Delete(db);
            app.Add(await AppImportAsync(round));
        }
        var (s, a) = (Median(sqlite), Median(app));
        Console.WriteLine();
        Console.WriteLine($"Import of {rows:N0} OPP rows ({new FileInfo(Files.Million).Length / 1e6:N0} MB), median of 3:");
        Console.WriteLine($"  sqlite3 .import   {s,7:0.00} s  {rows / s,10:N0} rows/s");
        Console.WriteLine($"  Section287 import {a,7:0.00} s  {rows / a,10:N0} rows/s");
        Console.WriteLine($"  ratio (Section287 / sqlite3 rate): {s / a:0.00}   target >= 0.50");
    }

    private static double Median(List<double> v) => v.Order().ElementAt(v.Count / 2);

    private static async Task<double> AppImportAsync(int round)
    {
        var data = Path.Combine(Files.Folder, $"app-{round}");
        if (Directory.Exists(data)) Directory.Delete(data, true);
        Directory.CreateDirectory(data);
        var repo = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(repo, "Section287.slnx"))) repo = Path.GetDirectoryName(repo)!;
        var contentRoot = Path.Combine(repo, "src", "Section287");
        var builder = AppHost.CreateBuilder(["--environment", "Development", "--contentRoot", contentRoot, "--Section287:DataDirectory", data], configure: null);
        builder.Logging.ClearProviders();
        await using var host = builder.Build();
        await using var scope = host.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<AccessScope>().Become(AccessScope.System());
        services.GetRequiredService<ChangeContext>().As("bench", "bench");
        await DatabaseSchema.ApplyAsync(services.GetRequiredService<AppDbContext>(), host.Logger, TimeSpan.FromMinutes(1));
        await services.GetRequiredService<MasterKey>().OpenAsync(services, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        await using var file = File.OpenRead(Files.Million);
        var result = await services.GetRequiredService<StopDatasets>().ImportAsync(new Actor(Guid.NewGuid(), Role.ProgramOffice, "bench", null),
            new DatasetInput("Columbus x8", null, "opp", "Columbus", "OH", Files.Lat, Files.Lng, "America/New_York", null), file, "columbus-x8.csv",
            CancellationToken.None);
        var seconds = clock.Elapsed.TotalSeconds;
        if (!result.IsSuccess) throw new InvalidOperationException(result.Error!.Message);
        Console.WriteLine($"  round {round + 1}: app import {seconds:0.00} s ({result.Value.Rows:N0} rows)");
        return seconds;
    }
}
