using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;

// The soak run (issue 14): mixed load against a running app on loopback for a set time, with a bounded number of workers, sampling
// the app's memory. It signs in the Development demo accounts (bench/soak.sh starts the app so), so it never runs against real data.
//   dotnet run -c Release --project bench/Soak -- --url http://127.0.0.1:5287 --minutes 30 --workers 8 --pid PID
// Tokens last an hour, longer than a run of 30 minutes; a 401 would count as a 4xx, and the table would show it.
// Prints a table by kind of request (count, status classes, p50/p95/p99 ms), memory samples, and exits 1 on any 5xx or transport error.

var url = Arg("--url") ?? "http://127.0.0.1:5287";
var minutes = double.Parse(Arg("--minutes") ?? "30", CultureInfo.InvariantCulture);
var workers = int.Parse(Arg("--workers") ?? "8", CultureInfo.InvariantCulture);
var pid = Arg("--pid") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : (int?)null;
const string Password = "demo-password-287";

using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = workers * 2, AllowAutoRedirect = false })
{
    BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60),
};
var tokens = new Dictionary<string, string>(StringComparer.Ordinal);
foreach (var who in new[] { "officer", "program-office", "field-supervisor", "oversight" }) tokens[who] = await TokenAsync(who);
var officerMe = await GetJsonAsync("/api/v1/officers/me", tokens["officer"]);
var agreementId = officerMe.GetProperty("authority")[0].GetProperty("agreementId").GetString()!;
var registry = await GetJsonAsync("/api/v1/registry/agreements?pageSize=100", null);
var agencyIds = registry.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("agencyId").GetString()!).Distinct().ToArray();
var states = new[] { "TX", "FL", "GA", "NC", "AZ", "OK", "LA", "TN" };

var stats = new Dictionary<string, Kind>();
var memory = new List<(double Minutes, long RssKb)>();
var stopwatch = Stopwatch.StartNew();
var until = TimeSpan.FromMinutes(minutes);
var encounters = new System.Collections.Concurrent.ConcurrentBag<string>();

// Weighted mix: the public reads most, officers write, ICE and oversight read the heavy pages.
var mix = new (int Weight, string Kind, Func<Random, Task<HttpResponseMessage>> Send)[]
{
    (14, "public registry page", r => Send(HttpMethod.Get, $"/registry?page={r.Next(1, 20)}", null)),
    (6, "public registry filtered (es)", r => Send(HttpMethod.Get, $"/registry?state={states[r.Next(states.Length)]}&lang=es", null)),
    (8, "public registry API", r => Send(HttpMethod.Get, $"/api/v1/registry/agreements?page={r.Next(1, 18)}&state={(r.Next(2) == 0 ? "" : states[r.Next(states.Length)])}", null)),
    (6, "public summary", r => Send(HttpMethod.Get, r.Next(2) == 0 ? "/registry/summary" : "/api/v1/registry/summary", null)),
    (6, "public agency page", r => Send(HttpMethod.Get, $"/registry/agencies/{agencyIds[r.Next(agencyIds.Length)]}", null)),
    (2, "home and health", r => Send(HttpMethod.Get, r.Next(2) == 0 ? "/" : "/health", null)),
    (12, "officer records an encounter", RecordAsync),
    (6, "officer reads an encounter", r => encounters.IsEmpty ? Send(HttpMethod.Get, "/api/v1/encounters/", "officer")
        : Send(HttpMethod.Get, $"/api/v1/encounters/{encounters.ElementAt(r.Next(Math.Min(encounters.Count, 200)))}", "officer")),
    (4, "officer lists encounters", r => Send(HttpMethod.Get, "/api/v1/encounters/", "officer")),
    (4, "supervision queue", r => Send(HttpMethod.Get, "/api/v1/supervision", "field-supervisor")),
    (3, "measures (nation)", r => Send(HttpMethod.Get, "/api/v1/measures/use-of-authority?level=nation", "program-office")),
    (3, "audit entries", r => Send(HttpMethod.Get, $"/api/v1/audit/entries?page={r.Next(1, 5)}", "oversight")),
    (2, "wrong sign-in", r => http.PostAsJsonAsync("/api/v1/auth/token", new { email = "nobody@demo.section287.test", password = $"wrong {r.Next()}" })),
    (1, "oversized body", r => http.PostAsync("/api/v1/auth/token", new StringContent(new string('x', 200_000), System.Text.Encoding.UTF8, "application/json"))),
};
var totalWeight = mix.Sum(m => m.Weight);

var sampler = Task.Run(async () =>
{
    while (stopwatch.Elapsed < until)
    {
        if (pid is { } id && Rss(id) is { } rss) lock (memory) memory.Add((stopwatch.Elapsed.TotalMinutes, rss));
        await Task.Delay(TimeSpan.FromSeconds(10));
    }
});
var tasks = Enumerable.Range(0, workers).Select(w => Task.Run(async () =>
{
    var random = new Random(287 + w);
    while (stopwatch.Elapsed < until)
    {
        var pick = random.Next(totalWeight);
        var choice = mix.First(m => (pick -= m.Weight) < 0);
        var started = Stopwatch.GetTimestamp();
        int status;
        try
        {
            using var response = await choice.Send(random);
            status = (int)response.StatusCode;
            await response.Content.ReadAsByteArrayAsync();
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            status = 0;
        }
        Record(choice.Kind, status, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
    }
})).ToArray();
await Task.WhenAll(tasks);
await sampler;
if (pid is { } last && Rss(last) is { } end) memory.Add((stopwatch.Elapsed.TotalMinutes, end));

Console.WriteLine($"Soak: {minutes} min, {workers} workers, {url}");
Console.WriteLine("| kind | requests | 2xx | 3xx | 4xx | 429 | 5xx | transport errors | p50 ms | p95 ms | p99 ms |");
Console.WriteLine("|---|---|---|---|---|---|---|---|---|---|---|");
foreach (var (kind, s) in stats.OrderByDescending(k => k.Value.Count))
{
    var sorted = s.Millis.Order().ToArray();
    Console.WriteLine($"| {kind} | {s.Count} | {s.Classes[2]} | {s.Classes[3]} | {s.Classes[4] - s.TooMany} | {s.TooMany} | {s.Classes[5]} | {s.Classes[0]} | "
        + $"{Pct(sorted, 0.50):F0} | {Pct(sorted, 0.95):F0} | {Pct(sorted, 0.99):F0} |");
}
var all = stats.Values.ToList();
var errors = all.Sum(s => s.Classes[5] + s.Classes[0]);
Console.WriteLine($"Total: {all.Sum(s => s.Count)} requests, {all.Sum(s => s.Count) / stopwatch.Elapsed.TotalSeconds:F1}/s; 5xx {all.Sum(s => s.Classes[5])}, "
    + $"transport errors {all.Sum(s => s.Classes[0])}; encounters recorded {encounters.Count}");
if (memory.Count > 0)
{
    var firstTen = memory.Where(m => m.Minutes <= Math.Min(5, minutes / 2)).Select(m => m.RssKb).DefaultIfEmpty(memory[0].RssKb).Max();
    var lastTen = memory.Where(m => m.Minutes >= minutes - 5).Select(m => m.RssKb).DefaultIfEmpty(memory[^1].RssKb).Max();
    Console.WriteLine($"Memory (RSS of pid {pid}): start {memory[0].RssKb / 1024} MB, peak {memory.Max(m => m.RssKb) / 1024} MB, "
        + $"peak of the first 5 min {firstTen / 1024} MB, peak of the last 5 min {lastTen / 1024} MB, end {memory[^1].RssKb / 1024} MB, {memory.Count} samples");
    Console.WriteLine("Memory by minute (MB): " + string.Join(" ", memory.GroupBy(m => (int)m.Minutes).Select(g => $"{g.Key}:{g.Max(m => m.RssKb) / 1024}")));
}
return errors == 0 ? 0 : 1;

async Task<HttpResponseMessage> RecordAsync(Random r)
{
    var now = DateTime.UtcNow;
    var n = r.Next(1_000_000);
    var response = await Send(HttpMethod.Post, "/api/v1/encounters/", "officer", new
    {
        agreementId,
        occurredAt = now.AddMinutes(-r.Next(5, 60)),
        location = "Demonstration county jail, booking (fictional)",
        basis = new { kind = "booking", bookingNumber = $"SOAK-{n}", charges = "Burglary (fictional)", arrestedAt = now.AddHours(-3), bookedAt = now.AddHours(-2) },
        person = new { name = $"Synthetic Person {n}", dateOfBirth = $"19{r.Next(60, 99)}-0{r.Next(1, 9)}-1{r.Next(0, 9)}" },
        perception = new { races = new[] { new[] { "white", "black", "hispanic", "asian" }[r.Next(4)] }, gender = "cisgender_woman", age = r.Next(18, 70),
            limitedEnglish = false, disabilities = new[] { "none" }, interpreterNeeded = false },
    });
    if (response.StatusCode == HttpStatusCode.Created)
    {
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        encounters.Add(body.GetProperty("id").GetString()!);
        return new HttpResponseMessage(HttpStatusCode.Created) { Content = new ByteArrayContent([]) };
    }
    return response;
}

Task<HttpResponseMessage> Send(HttpMethod method, string path, string? who, object? body = null)
{
    var request = new HttpRequestMessage(method, path);
    if (who is not null) lock (tokens) request.Headers.Authorization = new("Bearer", tokens[who]);
    if (body is not null) request.Content = JsonContent.Create(body);
    return http.SendAsync(request);
}

async Task<string> TokenAsync(string who)
{
    using var response = await http.PostAsJsonAsync("/api/v1/auth/token", new { email = $"{who}@demo.section287.test", password = Password });
    response.EnsureSuccessStatusCode();
    return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("accessToken").GetString()!;
}

async Task<JsonElement> GetJsonAsync(string path, string? token)
{
    using var request = new HttpRequestMessage(HttpMethod.Get, path);
    if (token is not null) request.Headers.Authorization = new("Bearer", token);
    using var response = await http.SendAsync(request);
    response.EnsureSuccessStatusCode();
    return await response.Content.ReadFromJsonAsync<JsonElement>();
}

void Record(string kind, int status, double ms)
{
    lock (stats)
    {
        if (!stats.TryGetValue(kind, out var s)) stats[kind] = s = new Kind();
        s.Count++;
        s.Classes[status / 100]++;
        if (status == 429) s.TooMany++;
        s.Millis.Add(ms);
    }
}

static double Pct(double[] sorted, double q) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(q * sorted.Length) - 1)];

static long? Rss(int id)
{
    try
    {
        var line = File.ReadLines($"/proc/{id}/status").FirstOrDefault(l => l.StartsWith("VmRSS:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], CultureInfo.InvariantCulture);
    }
    catch (IOException) { return null; }
}

string? Arg(string name) => Array.IndexOf(args, name) is var i and >= 0 && i + 1 < args.Length ? args[i + 1] : null;

sealed class Kind
{
    public int Count;
    public int TooMany;
    public readonly int[] Classes = new int[6];
    public readonly List<double> Millis = [];
}
