// The national-scale benchmark of issue 17, driven by bench/scale.sh. Two modes:
//   Scale csv LIST.xlsx OUT.csv   the rows of an ICE list as CSV (the app's own reader), for `sqlite3 .import`
//   Scale http --url U [--requests N] [--seconds S] [--pid P]
//       against a running app started in Development (the fictional demo accounts) on a database the load generator filled:
//       every read endpoint, one connection, N requests each: p50/p95/p99 and the ratio of its p50 to a static file's served
//       by the same app in the same run; encounter writes per second at 1 and 8 connections for S seconds each; the staff
//       list's latency alone and under a burst of 64 connections on public pages; the app's resident memory at the end.
// A timing is a measurement, never an assertion: this is not part of ./test.sh.
using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Section287.Features.IceLists;

if (args.Length >= 3 && args[0] == "csv")
{
    using var stream = File.OpenRead(args[1]);
    var sheet = IceListWorkbook.Read(stream, out var problem) ?? throw new InvalidOperationException(problem);
    var columns = sheet.Rows.SelectMany(r => r.Cells.Keys).Distinct().ToList();
    static string Quote(string s) => "\"" + s.Replace("\"", "\"\"") + "\"";
    var csv = new StringBuilder().AppendLine(string.Join(",", columns.Select(Quote)));
    foreach (var row in sheet.Rows) csv.AppendLine(string.Join(",", columns.Select(c => Quote(row[c].Text))));
    File.WriteAllText(args[2], csv.ToString());
    Console.WriteLine($"{sheet.Rows.Count} rows, {columns.Count} columns");
    return 0;
}

string Arg(string name, string fallback) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
var url = Arg("--url", "http://127.0.0.1:5287");
var requests = int.Parse(Arg("--requests", "200"));
var seconds = int.Parse(Arg("--seconds", "20"));
var pid = int.Parse(Arg("--pid", "0"));
// --only reads|writes|burst runs one part (for profiling one of them); all three by default.
var only = Arg("--only", "all");
bool Runs(string part) => only == "all" || only == part;
const string Password = "demo-password-287";

var handler = new SocketsHttpHandler { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };
using var http = new HttpClient(handler) { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(120) };
var tokens = new Dictionary<string, string>();
foreach (var who in new[] { "officer", "program-office", "field-supervisor", "coordinator", "oversight", "public-affairs", "privacy-office" })
{
    using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { email = $"{who}@demo.section287.test", password = Password });
    response.EnsureSuccessStatusCode();
    tokens[who] = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
}
var me = await Json("/api/v1/officers/me", "officer");
var agreementId = me.GetProperty("authority")[0].GetProperty("agreementId").GetString()!;
var agencyId = me.GetProperty("agencyId").GetString()!;
var firstPage = await Json("/api/v1/encounters/", "program-office");
var encounterId = firstPage.GetProperty("items")[0].GetProperty("id").GetString()!;
var next = firstPage.GetProperty("next").GetString();
var staticFile = "/site.css";

// The public figures need releases: the program office asks for every kind, both ICE offices approve; the second approval publishes
// every settled quarter of the load (timed: it is the publication through the gate, once per kind and quarter).
if (Runs("reads"))
{
    // Every kind of figure, and the quarterly reports (whose approval makes the nation's reports of every published quarter).
    var kinds = Section287.Features.Transparency.FigureKinds.All.Select(k => k.Code).Append(Section287.Features.Transparency.QuarterlyReports.ReleaseKind).ToArray();
    var publishing = Stopwatch.StartNew();
    foreach (var kind in kinds)
    {
        using var ask = new HttpRequestMessage(HttpMethod.Post, "/api/v1/releases") { Content = JsonContent.Create(new { kind, reason = "bench" }) };
        ask.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens["program-office"]);
        using var asked = await http.SendAsync(ask);
        if (!asked.IsSuccessStatusCode) continue; // already asked in an earlier run on this database
        var id = (await asked.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString();
        foreach (var office in new[] { "public-affairs", "privacy-office" })
        {
            using var approve = new HttpRequestMessage(HttpMethod.Post, $"/api/v1/releases/{id}/approval");
            approve.Headers.Authorization = new AuthenticationHeaderValue("Bearer", tokens[office]);
            (await http.SendAsync(approve)).EnsureSuccessStatusCode();
        }
    }
    var published = await http.GetFromJsonAsync<JsonElement>("/api/v1/figures");
    Console.WriteLine($"public figures: {published.GetProperty("kinds").GetArrayLength()} kinds, "
        + $"{published.GetProperty("kinds").EnumerateArray().Sum(k => k.GetProperty("quarters").GetArrayLength())} quarters published in {publishing.Elapsed.TotalSeconds:0.0} s");
}

// The newest national report in the archive (made when the reports' release was approved above).
var reports = await http.GetFromJsonAsync<JsonElement>("/api/v1/reports");
var newestReport = reports.GetArrayLength() > 0 ? reports[0].GetProperty("url").GetString() : null;

var endpoints = new (string Name, string Path, string? Who)[]
{
    ("static file", staticFile, null),
    ("public registry page", "/registry", null),
    ("public registry page (es)", "/registry?lang=es&state=TX", null),
    ("public registry API", "/api/v1/registry/agreements?state=FL", null),
    ("public summary API", "/api/v1/registry/summary", null),
    ("public summary page", "/registry/summary", null),
    ("public figures page, nation", "/figures", null),
    ("public figures page, a state (es)", "/figures?state=TX&lang=es", null),
    ("public figures API", "/api/v1/figures", null),
    ("public figures CSV", "/api/v1/figures/download.csv", null),
    ("registry CSV, a state", "/api/v1/registry/agreements.csv?state=TX", null),
    ("ICE lists page", "/registry/lists", null),
    ("map page, nation", "/registry/map", null),
    ("map page, a state (es)", "/registry/map/TX?lang=es", null),
    ("stops in OPP's vocabulary, CSV", "/api/v1/figures/opp-stops.csv", null),
    ("quarterly report, nation (PDF)", newestReport ?? "/api/v1/reports", null),
    ("measures nation", "/api/v1/measures/use-of-authority?level=nation", "program-office"),
    ("measures area ATL", "/api/v1/measures/use-of-authority?level=area&subject=ATL", "program-office"),
    ("measures agency", $"/api/v1/measures/use-of-authority?level=agency&subject={agencyId}", "program-office"),
    ("measures agreement", $"/api/v1/measures/use-of-authority?level=agreement&subject={agreementId}", "program-office"),
    ("oversight measures nation", "/api/v1/measures/oversight?level=nation", "oversight"),
    ("encounters, program office", "/api/v1/encounters/", "program-office"),
    ("encounters, program office, page 2", $"/api/v1/encounters/?after={next}", "program-office"),
    ("encounters, open, program office", "/api/v1/encounters/?status=open", "program-office"),
    ("encounters, field supervisor", "/api/v1/encounters/", "field-supervisor"),
    ("encounters, coordinator", "/api/v1/encounters/", "coordinator"),
    ("encounters, officer", "/api/v1/encounters/", "officer"),
    ("encounter record", $"/api/v1/encounters/{encounterId}", "program-office"),
    ("supervision queue, field supervisor", "/api/v1/supervision", "field-supervisor"),
    ("supervision queue, program office", "/api/v1/supervision", "program-office"),
};

Console.WriteLine($"{"endpoint",-38} {"p50 ms",8} {"p95 ms",8} {"p99 ms",8} {"p50/static",11} {"errors",7}");
double staticP50 = 0;
foreach (var (name, path, who) in Runs("reads") ? endpoints : [])
{
    for (var i = 0; i < 5; i++) await Timed(path, who); // warm
    var times = new List<double>();
    var errors = 0;
    for (var i = 0; i < requests; i++)
    {
        var (ms, ok) = await Timed(path, who);
        times.Add(ms);
        if (!ok) errors++;
    }
    var s = times.Order().ToArray();
    if (path == staticFile) staticP50 = Pct(s, 0.5);
    Console.WriteLine($"{name,-38} {Pct(s, 0.5),8:0.0} {Pct(s, 0.95),8:0.0} {Pct(s, 0.99),8:0.0} {Pct(s, 0.5) / staticP50,11:0.0} {errors,7}");
}

// Writes: the demo officer records bookings under the demo jail agreement, closed loop.
foreach (var connections in Runs("writes") ? new[] { 1, 8 } : [])
{
    var watch = Stopwatch.StartNew();
    var (done, failed) = (0, 0);
    await Task.WhenAll(Enumerable.Range(0, connections).Select(async w =>
    {
        var random = new Random(w);
        while (watch.Elapsed.TotalSeconds < seconds)
        {
            using var response = await Record(random);
            if (response.StatusCode == HttpStatusCode.Created) Interlocked.Increment(ref done);
            else Interlocked.Increment(ref failed);
        }
    }));
    Console.WriteLine($"encounter writes, {connections} connection(s): {done / watch.Elapsed.TotalSeconds:0.0} per s ({done} in {watch.Elapsed.TotalSeconds:0.0} s, {failed} refused or failed)");
}

// The staff list alone, then with 64 connections reading public pages.
async Task<double[]> StaffLatency()
{
    var list = new List<double>();
    for (var i = 0; i < requests; i++) list.Add((await Timed("/api/v1/encounters/", "coordinator")).Ms);
    return list.Order().ToArray();
}
if (!Runs("burst")) return 0;
var alone = await StaffLatency();
using var stop = new CancellationTokenSource();
var publicPaths = new[] { "/registry", "/api/v1/registry/summary", "/registry/summary", "/api/v1/registry/agreements?state=TX", "/registry?lang=es",
    "/figures", "/registry/map", "/registry/map/TX", "/api/v1/figures/download.csv" };
var burstCount = 0;
var burst = Enumerable.Range(0, 64).Select(async w =>
{
    var n = w;
    while (!stop.IsCancellationRequested)
    {
        try { using var r = await http.GetAsync(publicPaths[n++ % publicPaths.Length], stop.Token); Interlocked.Increment(ref burstCount); }
        catch (OperationCanceledException) { }
    }
}).ToArray();
await Task.Delay(1000);
var burstWatch = Stopwatch.StartNew();
var during = await StaffLatency();
var burstRate = burstCount / (burstWatch.Elapsed.TotalSeconds + 1);
stop.Cancel();
await Task.WhenAll(burst);
Console.WriteLine($"staff list alone p50 {Pct(alone, 0.5):0.0} ms p95 {Pct(alone, 0.95):0.0} ms; under 64 public connections ({burstRate:0} public req/s) p50 {Pct(during, 0.5):0.0} ms p95 {Pct(during, 0.95):0.0} ms: p95 {(Pct(during, 0.95) / Pct(alone, 0.95) - 1) * 100:+0;-0}%");
if (pid > 0 && File.Exists($"/proc/{pid}/status"))
{
    var status = File.ReadAllLines($"/proc/{pid}/status");
    string Line(string key) => status.FirstOrDefault(l => l.StartsWith(key, StringComparison.Ordinal))?.Split(':')[1].Trim() ?? "?";
    Console.WriteLine($"app memory: resident {Line("VmRSS")}, peak {Line("VmHWM")}");
}
return 0;

async Task<(double Ms, bool Ok)> Timed(string path, string? who)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    if (who is not null) request.Headers.Authorization = new("Bearer", tokens[who]);
    var watch = Stopwatch.StartNew();
    using var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead);
    await response.Content.ReadAsByteArrayAsync();
    return (watch.Elapsed.TotalMilliseconds, response.IsSuccessStatusCode);
}

async Task<JsonElement> Json(string path, string who)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    request.Headers.Authorization = new("Bearer", tokens[who]);
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
    return await response.Content.ReadFromJsonAsync<JsonElement>();
}

Task<HttpResponseMessage> Record(Random r)
{
    var now = DateTime.UtcNow;
    var n = r.Next(1_000_000);
    var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/encounters/")
    {
        Content = JsonContent.Create(new
        {
            agreementId,
            occurredAt = now.AddMinutes(-r.Next(5, 60)),
            location = "Demonstration county jail, booking (fictional)",
            basis = new { kind = "booking", bookingNumber = $"BENCH-{n}", charges = "Burglary (fictional)", arrestedAt = now.AddHours(-3), bookedAt = now.AddHours(-2) },
            person = new { name = $"Synthetic Person {n}", dateOfBirth = $"19{r.Next(60, 99)}-0{r.Next(1, 9)}-1{r.Next(0, 9)}" },
            perception = new { races = new[] { new[] { "white", "black", "hispanic", "asian" }[r.Next(4)] }, gender = "cisgender_woman", age = r.Next(18, 70),
                limitedEnglish = false, disabilities = new[] { "none" }, interpreterNeeded = false },
        }),
    };
    request.Headers.Authorization = new("Bearer", tokens["officer"]);
    return http.SendAsync(request);
}

static double Pct(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];
