using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace Section287.Tests.FirstStart;

/// <summary>
/// The product started exactly as the README tells a newcomer: its run command, in Development, with no configuration but
/// a free URL and a throwaway data directory. What a newcomer sees first must be true: ICE's bundled list, pages that
/// answer, demo accounts that sign in, a demo officer who may act, and a log without errors.
/// </summary>
[Trait("Category", "FirstStart")]
public sealed partial class ReadmeRunTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheReadmesRunCommand_ServesTheBundledList_PublicPages_DemoSignIn_AndAnEncounter_WithNoErrorInTheLog()
    {
        await using var run = await ReadmeRun.StartAsync();
        var http = run.Client();

        var health = await http.GetFromJsonAsync<JsonElement>("/health", Ct);
        health.GetProperty("status").GetString().ShouldBe("healthy", health.ToString());
        foreach (var part in new[] { "database", "keyRing", "bundledList", "bundledStops", "crimePanel" })
            health.GetProperty("parts").GetProperty(part).GetProperty("status").GetString().ShouldBe("healthy", part);

        // The registry shows every agreement of the bundled list, and nothing of the demo data.
        var bundled = IceListFile.Read(Path.Combine(Repo.AppContentRoot, "Data", "Reference", "participatingAgencies-2026-05-18.xlsx"));
        var summary = await http.GetFromJsonAsync<JsonElement>("/api/v1/registry/summary", Ct);
        summary.GetProperty("agreements").GetProperty("total").GetInt32().ShouldBe(bundled.Rows.Count);
        var first = (await http.GetFromJsonAsync<JsonElement>("/api/v1/registry/agreements?pageSize=1", Ct)).GetProperty("items")[0];

        foreach (var page in new[]
                 {
                     "/", "/?lang=es", "/registry", "/registry?lang=es", "/registry/summary", "/registry/summary?lang=es", "/applications",
                     "/applications?lang=es", $"/registry/agencies/{first.GetProperty("agencyId").GetString()}", "/account/sign-in",
                     "/figures/costs", "/figures/costs?lang=es",
                 })
        {
            var response = await http.GetAsync(page, Ct);
            response.StatusCode.ShouldBe(HttpStatusCode.OK, page);
            (await response.Content.ReadAsStringAsync(Ct)).ShouldNotContain("usa-alert--error", customMessage: page);
        }

        // A demo user signs in through the form, as a person would.
        var cookies = new CookieContainer();
        var browser = run.Client(cookies);
        var signIn = await FormSignIn.PostAsync(browser, "officer@demo.section287.test", Section287.Features.Accounts.DemoSeed.Password);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, await signIn.Content.ReadAsStringAsync(Ct));
        var staff = await browser.GetAsync("/staff/me", Ct);
        staff.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await staff.Content.ReadAsStringAsync(Ct)).ShouldContain("Dana Example");

        // The demo program office finds OPP's tests on Owensboro's published stops, loaded on the first start.
        var office = run.Client(new CookieContainer());
        (await FormSignIn.PostAsync(office, "program-office@demo.section287.test", Section287.Features.Accounts.DemoSeed.Password)).StatusCode
            .ShouldBe(HttpStatusCode.Redirect);
        var datasets = await (await office.GetAsync("/staff/evidence", Ct)).Content.ReadAsStringAsync(Ct);
        var link = DatasetLink().Match(datasets);
        link.Success.ShouldBeTrue("the evidence page lists Owensboro's stops:\n" + datasets);
        var dataset = await office.GetAsync(link.Groups[1].Value, Ct);
        dataset.StatusCode.ShouldBe(HttpStatusCode.OK);
        var analysis = await dataset.Content.ReadAsStringAsync(Ct);
        analysis.ShouldContain("Owensboro");
        analysis.ShouldContain("id=\"decision-log\"");
        analysis.ShouldNotContain("usa-alert--error");

        // And the crime evaluation on the real panel (2009–2024) and the real agreements: counties sorted, an estimate, its limits.
        var evaluation = WebUtility.HtmlDecode(await (await office.GetAsync("/staff/evaluation?lang=en", Ct)).Content.ReadAsStringAsync(Ct));
        evaluation.ShouldContain("id=\"eval-headline\"");
        evaluation.ShouldContain("whose first agreement began between");
        evaluation.ShouldContain("cannot be evaluated yet: the crime data end in 2024");
        evaluation.ShouldContain("<svg class=\"s287-chart s287-estimates\"");

        // The costs: the bundled reimbursement rules and LEMAS budgets are read, and the public page says they are not released yet.
        (await http.GetStringAsync("/figures/costs", Ct)).ShouldContain("id=\"costs-not-released\"");

        // The demo officer may record an encounter at once, under the fictional agency's jail agreement.
        var officer = run.Client();
        var issued = await officer.PostAsJsonAsync("/api/v1/auth/token",
            new { email = "officer@demo.section287.test", password = Section287.Features.Accounts.DemoSeed.Password }, Ct);
        issued.EnsureSuccessStatusCode();
        officer.DefaultRequestHeaders.Authorization = new("Bearer",
            (await issued.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("accessToken").GetString());
        var me = await officer.GetFromJsonAsync<JsonElement>("/api/v1/officers/me", Ct);
        var authority = me.GetProperty("authority")[0];
        authority.GetProperty("granted").GetBoolean().ShouldBeTrue(authority.ToString());
        var now = DateTime.UtcNow;
        var recorded = await officer.PostAsJsonAsync("/api/v1/encounters/", new
        {
            agreementId = authority.GetProperty("agreementId").GetString(),
            occurredAt = now.AddMinutes(-5),
            location = "Demonstration county jail, booking (fictional)",
            basis = new { kind = "booking", bookingNumber = "DEMO-B-1", charges = "Burglary (fictional)", arrestedAt = now.AddHours(-3),
                bookedAt = now.AddHours(-2) },
            person = new { name = "Synthetic Person Kappa", dateOfBirth = "1990-01-01" },
            perception = new { races = new[] { "white" }, gender = "cisgender_woman", age = 36, limitedEnglish = false,
                disabilities = new[] { "none" }, interpreterNeeded = false },
        }, Ct);
        recorded.StatusCode.ShouldBe(HttpStatusCode.Created, await recorded.Content.ReadAsStringAsync(Ct));

        var log = await run.StopAsync();
        log.ShouldContain("Prepared in");
        var errors = log.Split('\n').Where(l => l.StartsWith("fail:", StringComparison.Ordinal) || l.StartsWith("crit:", StringComparison.Ordinal)).ToList();
        errors.ShouldBeEmpty(log);
        TestContext.Current.SendDiagnosticMessage(PreparedLine().Match(log).Value);
    }

    [GeneratedRegex("href=\"(/staff/evidence/[0-9a-f-]{36})\"[^>]*>Owensboro")]
    private static partial Regex DatasetLink();

    [Fact]
    public async Task TheReadmeGivesTheCommandsThisTestRuns()
    {
        var readme = await File.ReadAllTextAsync(Path.Combine(Repo.Root, "README.md"), Ct);
        ReadmeRun.RunCommand(readme).ShouldBe("dotnet run --project src/Section287");
        readme.ShouldContain("\n    ./test.sh\n");
        File.ReadAllText(Path.Combine(Repo.Root, ".ci", "run")).ShouldContain("exec ./test.sh");
    }

    [GeneratedRegex("Prepared in [0-9.]+ s")]
    private static partial Regex PreparedLine();
}

/// <summary>The README's run command as a child process, with its output kept.</summary>
public sealed class ReadmeRun : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _log = new();
    private readonly string _dataDirectory;

    private ReadmeRun(Process process, string dataDirectory, Uri address)
    {
        _process = process;
        _dataDirectory = dataDirectory;
        Address = address;
    }

    public Uri Address { get; }

    /// <summary>The indented line under "Run the product:" in the README.</summary>
    public static string RunCommand(string readme)
    {
        var lines = readme.Split('\n');
        var at = Array.FindIndex(lines, l => l.StartsWith("Run the product", StringComparison.Ordinal));
        return lines.Skip(at + 1).First(l => l.StartsWith("    ", StringComparison.Ordinal)).Trim();
    }

    public static async Task<ReadmeRun> StartAsync()
    {
        var command = RunCommand(await File.ReadAllTextAsync(Path.Combine(Repo.Root, "README.md"))).Split(' ');
        var port = FreePort();
        var dataDirectory = Directory.CreateTempSubdirectory("s287-readme-").FullName;
        var start = new ProcessStartInfo(command[0]) { WorkingDirectory = Repo.Root, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in command[1..]) start.ArgumentList.Add(arg);
        // The only configuration a newcomer's run gets here: a free URL and a throwaway data directory.
        foreach (var arg in new[] { "--", "--urls", $"http://127.0.0.1:{port}", $"--Section287:DataDirectory={dataDirectory}" }) start.ArgumentList.Add(arg);
        foreach (var key in start.Environment.Keys.ToList())
        {
            if (key.StartsWith("ASPNETCORE_", StringComparison.OrdinalIgnoreCase) || key.StartsWith("DOTNET_ENVIRONMENT", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("Database__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Section287__", StringComparison.OrdinalIgnoreCase)
                || key.StartsWith("Security__", StringComparison.OrdinalIgnoreCase) || key.StartsWith("Smtp__", StringComparison.OrdinalIgnoreCase))
            {
                start.Environment.Remove(key);
            }
        }
        var process = Process.Start(start)!;
        var run = new ReadmeRun(process, dataDirectory, new Uri($"http://127.0.0.1:{port}"));
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) lock (run._log) run._log.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) lock (run._log) run._log.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { BaseAddress = run.Address, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddMinutes(5);
        while (DateTime.UtcNow < deadline)
        {
            if (process.HasExited) throw new InvalidOperationException("The app exited:\n" + run.Log);
            try
            {
                if ((await probe.GetAsync("/health")).StatusCode is HttpStatusCode.OK or HttpStatusCode.ServiceUnavailable) return run;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(500);
        }
        await run.DisposeAsync();
        throw new TimeoutException("No answer from /health within 5 minutes:\n" + run.Log);
    }

    public string Log
    {
        get { lock (_log) return _log.ToString(); }
    }

    public HttpClient Client(CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = cookies ?? new CookieContainer(),
            UseCookies = true }) { BaseAddress = Address };

    public async Task<string> StopAsync()
    {
        if (!_process.HasExited) _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
        return Log;
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        _process.Dispose();
        try { Directory.Delete(_dataDirectory, recursive: true); }
        catch (IOException) { }
    }
}
