using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;

namespace Section287.Tests.Features.Shared;

/// <summary>
/// Every page of the app, opened with a plain GET by every role (and by the public), on the Development demo data: a page
/// that answers shows no error summary, first and while paging. A new page without a sample here fails the walk.
/// </summary>
public sealed partial class EveryPageTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>Pages that no plain GET reaches by design: the second step of a sign-in needs the password step first.</summary>
    private static readonly HashSet<string> OnlyAfterAnotherStep = ["/account/two-factor"];

    /// <summary>Pages whose plain answer is not 200 by design: the refusal page says 403 to the browser.</summary>
    private static readonly Dictionary<string, HttpStatusCode> AnswerByDesign = new() { ["/account/denied"] = HttpStatusCode.Forbidden,
        ["/error"] = HttpStatusCode.NotFound };

    [Fact]
    public async Task NoPage_ShowsTheErrorSummary_OnAPlainGet_OrWhilePaging()
    {
        await using var app = await TestApp.StartAsync(environment: "Development");
        var samples = await SamplesAsync(app);

        var readers = await ReadersAsync(app);
        var routes = Routes(app);
        routes.Count.ShouldBeGreaterThan(30);

        var answered = new HashSet<string>();
        foreach (var route in routes.Where(r => !OnlyAfterAnotherStep.Contains(r)))
        {
            var path = RouteParameter().Replace(route, m => samples.TryGetValue(m.Value,
                out var v) ? v(route) : throw new ShouldAssertException($"No sample for {m.Value} in {route}: add one."));
            foreach (var (who, http) in readers)
            {
                foreach (var url in new[] { path, path + (path.Contains('?') ? "&" : "?") + "page=2", path + (path.Contains('?') ? "&" : "?") + "lang=es" })
                {
                    var response = await http.GetAsync(url, Ct);
                    var html = await response.Content.ReadAsStringAsync(Ct);
                    response.StatusCode.ShouldNotBe(HttpStatusCode.InternalServerError, $"{who} {url}");
                    if (response.StatusCode != AnswerByDesign.GetValueOrDefault(route, HttpStatusCode.OK)) continue;
                    answered.Add(route);
                    html.ShouldNotContain("id=\"error-summary\"", customMessage: $"{who} {url}: {ErrorText(html)}");
                    html.ShouldNotContain("usa-alert--error", customMessage: $"{who} {url}: {ErrorText(html)}");
                    if (route != "/error") html.ShouldNotContain("id=\"error-page\"", customMessage: $"{who} {url}");
                }
            }
        }
        routes.Where(r => !OnlyAfterAnotherStep.Contains(r) && !answered.Contains(r)).ShouldBeEmpty("pages no role could open");
    }

    /// <summary>
    /// Issue 20: every page, in Spanish, by every role that may open it, says nothing in English besides what records hold
    /// (names, what someone typed: shown as they are) and what is marked lang="en" (the rule book, record text).
    /// </summary>
    [Fact]
    public async Task EveryPage_InSpanish_LeavesNoEnglish_OutsideWhatRecordsSay()
    {
        await using var app = await TestApp.StartAsync(environment: "Development");
        var samples = await SamplesAsync(app);
        var recordTexts = await RecordTextsAsync(app);

        var readers = await ReadersAsync(app);
        var routes = Routes(app);

        var english = new List<string>();
        var read = 0;
        foreach (var route in routes.Where(r => !OnlyAfterAnotherStep.Contains(r)))
        {
            var path = RouteParameter().Replace(route, m => samples[m.Value](route));
            foreach (var (who, http) in readers)
            {
                var url = path + (path.Contains('?') ? "&" : "?") + "lang=es";
                var response = await http.GetAsync(url, Ct);
                if (response.StatusCode != AnswerByDesign.GetValueOrDefault(route, HttpStatusCode.OK)) continue;
                var html = await response.Content.ReadAsStringAsync(Ct);
                html.ShouldContain("<html lang=\"es\"", customMessage: url);
                read++;
                var main = Regex.Match(html, "<main[^>]*>(.*)</main>", RegexOptions.Singleline).Groups[1].Value;
                var text = WebUtility.HtmlDecode(Tags().Replace(Scripts().Replace(Code().Replace(EnglishMarked().Replace(main, " "), " "), " "), " "));
                foreach (var record in recordTexts) text = text.Replace(record, " ", StringComparison.Ordinal);
                // Names that stay as they are: e-mail addresses, file names, the Stanford Open Policing Project.
                text = Untranslatable().Replace(text, " ");
                var words = EnglishWords().Matches(text).Select(m => m.Value).Distinct().ToList();
                if (words.Count > 0) english.Add($"{who} {route}: {string.Join(" | ", Sentences(text))}");
            }
        }
        read.ShouldBeGreaterThan(100);
        english.ShouldBeEmpty(string.Join("\n", english));

        // Numbers are written as Spanish is in the United States and Puerto Rico (6,921.5), not as in Spain (6.921,5).
        var dataset = await app.WithDbAsync((db, _) => db.StopDatasets.Select(d => new { d.Id, d.Stops }).FirstAsync());
        dataset.Stops.ShouldBeGreaterThan(999);
        var page = await readers.Single(r => r.Who == "program-office").Http.GetStringAsync($"/staff/evidence/{dataset.Id}?lang=es", Ct);
        page.ShouldContain($"{dataset.Stops.ToString("N0", System.Globalization.CultureInfo.InvariantCulture)} paradas");
    }

    /// <summary>
    /// What the demonstration and walk records hold in English: names, what people typed (the walk's application), the course catalog's
    /// titles, topics and exams as the program office wrote them, the training class's place. Shown as they are, in any language.
    /// </summary>
    private static async Task<List<string>> RecordTextsAsync(TestApp app)
    {
        var typed = System.Text.Json.JsonSerializer.SerializeToElement(Given.CompleteApplication(Section287.Common.Clock.DayOf(DateTime.UtcNow)));
        IEnumerable<string> Strings(System.Text.Json.JsonElement e) => e.ValueKind switch
        {
            System.Text.Json.JsonValueKind.String => [e.GetString()!],
            System.Text.Json.JsonValueKind.Object => e.EnumerateObject().SelectMany(p => Strings(p.Value)),
            System.Text.Json.JsonValueKind.Array => e.EnumerateArray().SelectMany(Strings),
            _ => [],
        };
        var texts = await app.WithDbAsync(async (db, _) => (await db.Agencies.Select(a => a.Name).ToListAsync())
            .Concat(await db.Users.Select(u => u.DisplayName).ToListAsync())
            .Concat(await db.Courses.Select(c => c.Title).ToListAsync())
            .Concat((await db.Courses.Select(c => c.TopicsJson).ToListAsync()).SelectMany(j => System.Text.Json.JsonSerializer.Deserialize<string[]>(j) ?? []))
            .Concat(await db.Set<Section287.Features.Training.CourseExam>().Select(x => x.Title).ToListAsync())
            .Concat(await db.TrainingClasses.Select(c => c.Location).ToListAsync())
            .Concat(await db.QuarterCosts.Select(q => q.OpenedByName).ToListAsync())
            .ToList());
        return texts.Concat(Strings(typed)).Where(t => !string.IsNullOrWhiteSpace(t) && t.Length > 3).Distinct().OrderByDescending(t => t.Length).ToList();
    }

    /// <summary>The stretches of a page's text that hold an English word, so that a failure lists what to translate.</summary>
    private static IEnumerable<string> Sentences(string text) =>
        Regex.Split(text, @"\s{2,}|(?<=[.:;])\s").Select(t => t.Trim()).Where(t => EnglishWords().IsMatch(t)).Distinct();

    private static string Context(string text, List<string> words) =>
        string.Join(" | ", words.Take(3).Select(w =>
        {
            var i = Regex.Match(text, $@"\b{w}\b").Index;
            return Regex.Replace(text.Substring(Math.Max(0, i - 60), Math.Min(120, text.Length - Math.Max(0, i - 60))), @"\s+", " ");
        }));

    [GeneratedRegex("<(\\w+)[^>]*\\blang=\"en\"[^>]*>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex EnglishMarked();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    // Identifiers shown as code (an audit action, a CSV column) are not words of a language.
    [GeneratedRegex("<code[^>]*>.*?</code>", RegexOptions.Singleline)]
    private static partial Regex Code();

    [GeneratedRegex(@"\S+@\S+\.\w+|\S+\.(csv|xlsx|pdf)\b|(Stanford )?Open Policing Project")]
    private static partial Regex Untranslatable();

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex Scripts();

    // Words no Spanish sentence uses, which almost every English one does, and the staff pages' commonest English words.
    [GeneratedRegex(@"\b(the|and|of|to|is|are|with|for|your|you|this|what|when|where|which|not|by|from|an|agreements?|officers?|encounters?|complaints?|agency|agencies|records?|save|none|yes|status|hours|page|show|open|closed|due|since|until|days?|months?|people|stops?|searches|rate|share|claims?|findings?|inspections?|training|courses?|classes|exam|signed|sent|approved|declined|withdrawn|returned|issued|requested|pending|draft|active|suspended|download|upload|import|file|send|edit|add|remove|back|next|previous|search|filter|clear)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWords();

    /// <summary>The public, and each demonstration role signed in.</summary>
    private static async Task<List<(string Who, HttpClient Http)>> ReadersAsync(TestApp app)
    {
        var readers = new List<(string Who, HttpClient Http)> { ("public", app.Client()) };
        foreach (var (role, email, _) in DemoSeed.Users) readers.Add((role.Code(), await SignedInAsync(app, email)));
        return readers;
    }

    /// <summary>Every Razor page's route, as the app maps it.</summary>
    private static List<string> Routes(TestApp app) =>
        app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null)
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct().Order().ToList();

    private static string ErrorText(string html) => Regex.Match(html, "usa-alert--error.{0,600}", RegexOptions.Singleline).Value;

    [GeneratedRegex(@"\{[a-z]+(:[a-z]+)?\??\}")]
    private static partial Regex RouteParameter();

    private static async Task<HttpClient> SignedInAsync(TestApp app, string email)
    {
        var http = app.Client(cookies: new CookieContainer());
        var signIn = await FormSignIn.PostAsync(http, email, DemoSeed.Password);
        signIn.StatusCode.ShouldBe(HttpStatusCode.Redirect, email);
        return http;
    }

    /// <summary>A real value for each route parameter, from the demo data and a few records made through the API.</summary>
    private static async Task<Dictionary<string, Func<string, string>>> SamplesAsync(TestApp app)
    {
        var ids = await app.WithDbAsync(async (db, _) => new
        {
            Agency = await db.Agencies.Where(a => a.IsDemo).Select(a => a.Id).SingleAsync(),
            Agreement = await db.Agreements.Where(a => a.Agency.IsDemo
                && a.Status == Section287.Features.Agreements.AgreementStatus.Active).Select(a => a.Id).SingleAsync(),
            Officer = await db.Officers.Select(o => o.Id).FirstAsync(),
            Course = await db.Courses.Where(c => c.Code == "JEM-BASIC").Select(c => c.Id).SingleAsync(),
            Class = await db.TrainingClasses.Select(c => c.Id).FirstAsync(),
            Account = await db.Users.Where(u => u.IsDemo && u.Role == Role.DesignatedOfficer).Select(u => u.Id).FirstAsync(),
        });

        var officer = await Given.ApiClientAsync(app, await DemoUserAsync(app, Role.DesignatedOfficer));
        var now = DateTime.UtcNow;
        var encounter = await Api.Ok(officer.PostAsJsonAsync("/api/v1/encounters/", new
        {
            agreementId = ids.Agreement,
            occurredAt = now.AddMinutes(-10),
            location = "Demonstration county jail, booking (fictional)",
            basis = new { kind = "booking", bookingNumber = "DEMO-B-2", charges = "Burglary (fictional)", arrestedAt = now.AddHours(-3),
                bookedAt = now.AddHours(-2) },
            person = new { name = "Synthetic Person Lambda", dateOfBirth = "1991-02-03" },
            perception = new { races = new[] { "asian" }, gender = "cisgender_man", age = 35, limitedEnglish = false, disabilities = new[] { "none" },
                interpreterNeeded = false },
        }, Ct));

        // An application open for comment, of another (test) agency, so that public and staff application pages have one.
        var agency = await Given.AgencyAsync(app, "Walk Test County Sheriff's Office");
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var started = await Api.Ok(coordinator.PostAsync("/api/v1/applications/", null, Ct));
        var applicationId = started.GetProperty("id").GetString()!;
        var edited = await Api.Ok(coordinator.PutAsJsonAsync($"/api/v1/applications/{applicationId}",
            new { version = started.GetProperty("version").GetInt64(), content = Given.CompleteApplication(Section287.Common.Clock.DayOf(now)) }, Ct));
        await Api.Ok(coordinator.PostAsync($"/api/v1/applications/{applicationId}/submission?version={edited.GetProperty("version").GetInt64()}", null, Ct));

        var job = app.Services.GetRequiredService<Section287.Features.IceLists.ImportJobs>()
            .Start(await File.ReadAllBytesAsync(Repo.Participating("2021-01-13"), Ct), "participatingAgencies-2021-01-13.xlsx", null, "test", "Test").Value;
        for (var i = 0; i < 600 && job.State is Section287.Features.IceLists.ImportJobState.Queued or Section287.Features.IceLists.ImportJobState.Running; i++)
            await Task.Delay(100, Ct);

        // A complaint from the public form's API about the demonstration agency.
        var receipt = await Api.Ok(app.Client().PostAsJsonAsync("/api/v1/public/complaints", new { agencyId = ids.Agency, language = "en",
            narrative = "A fictional complaint for the page walk.", anonymous = true }, Ct));
        var tracking = receipt.GetProperty("trackingNumber").GetString();
        var complaintId = await app.WithDbAsync((db, _) => db.Complaints.Where(c => c.TrackingNumber == tracking).Select(c => c.Id).SingleAsync());

        // An inspection of the demonstration agreement, scheduled by the program office.
        var programOffice = await Given.ApiClientAsync(app, await DemoUserAsync(app, Role.ProgramOffice));
        var inspection = await Api.Ok(programOffice.PostAsJsonAsync($"/api/v1/agreements/{ids.Agreement}/inspections",
            new { dueOn = Section287.Common.Clock.DayOf(now).AddDays(30).ToString("yyyy-MM-dd"), cycleMonths = 12 }, Ct));

        // Reference stop data (Owensboro's published stops), imported by the program office.
        var stops = await Api.Ok(programOffice.PostAsync("/api/v1/stop-datasets?name=Owensboro&city=Owensboro&state=KY&centerLat=37.7719074"
            + "&centerLng=-87.1111676&timeZone=America/Chicago&benchmarkGeography=Daviess%20County,%20Kentucky",
            new StreamContent(File.OpenRead(Path.Combine(Repo.SharedData, "stops", "ky_owensboro_opp_2020_04_01.csv"))), Ct));

        // A quarter of the demonstration agreement's costs, as its coordinator would open it.
        var quarterCost = await app.WithDbAsync(async (db, _) =>
        {
            var q = new Section287.Features.Costs.QuarterCost { AgencyId = ids.Agency, AgreementId = ids.Agreement, Year = 2026, Quarter = 1,
                OpenedByName = "Page walk" };
            db.QuarterCosts.Add(q);
            await db.SaveChangesAsync();
            return q.Id;
        });

        return new Dictionary<string, Func<string, string>>
        {
            ["{id:guid}"] = route => route switch
            {
                _ when route.StartsWith("/registry/agencies/", StringComparison.Ordinal) => AnyRegistryAgency(app),
                _ when route.StartsWith("/staff/agencies/", StringComparison.Ordinal) => ids.Agency.ToString(),
                _ when route.StartsWith("/staff/accounts/", StringComparison.Ordinal) => ids.Account.ToString(),
                _ when route.StartsWith("/staff/agreements/", StringComparison.Ordinal) => ids.Agreement.ToString(),
                _ when route.StartsWith("/staff/applications/", StringComparison.Ordinal)
                    || route.StartsWith("/applications/", StringComparison.Ordinal) => applicationId,
                _ when route.StartsWith("/staff/encounters/", StringComparison.Ordinal) => encounter.GetProperty("id").GetString()!,
                _ when route.StartsWith("/staff/complaints/", StringComparison.Ordinal) => complaintId.ToString(),
                _ when route.StartsWith("/staff/inspections/", StringComparison.Ordinal) => inspection.GetProperty("id").GetString()!,
                _ when route.StartsWith("/staff/ice-lists/imports/", StringComparison.Ordinal) => job.Id.ToString(),
                _ when route.StartsWith("/staff/evidence/", StringComparison.Ordinal) => stops.GetProperty("id").GetString()!,
                _ when route.StartsWith("/staff/officers/", StringComparison.Ordinal) => ids.Officer.ToString(),
                _ when route.StartsWith("/staff/costs/", StringComparison.Ordinal) => quarterCost.ToString(),
                _ when route.StartsWith("/staff/training/classes/", StringComparison.Ordinal) => ids.Class.ToString(),
                _ when route.StartsWith("/staff/training/courses/", StringComparison.Ordinal) => ids.Course.ToString(),
                _ => throw new ShouldAssertException($"No sample id for {route}: add one."),
            },
            ["{number:int}"] = _ => "1",
            // An optional segment: the map of a state (the nation's map is its own plain GET of the same page without it).
            ["{state?}"] = _ => "TX",
        };
    }

    private static string AnyRegistryAgency(TestApp app) =>
        app.WithDbAsync((db, _) => db.Agencies.Where(a => !a.IsDemo && a.Agreements.Any()).Select(a => a.Id).FirstAsync()).GetAwaiter().GetResult().ToString();

    private static async Task<TestUser> DemoUserAsync(TestApp app, Role role)
    {
        var user = await app.WithDbAsync((db, _) => db.Users.SingleAsync(u => u.IsDemo && u.Role == role));
        return new TestUser(user.Id, user.Email!, DemoSeed.Password, role, null);
    }
}
