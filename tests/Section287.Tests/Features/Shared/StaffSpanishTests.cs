using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Encounters;

namespace Section287.Tests.Features.Shared;

/// <summary>
/// Issue 20: staff pages in Spanish. Every text a page wraps in S("…") has its Spanish in the catalog; the choices the officer's
/// forms show (California's perception categories, OPP's stop facts) do too; and the pages translated so far, rendered in
/// Spanish, leave no English outside what records say.
/// </summary>
public sealed partial class StaffSpanishTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    /// <summary>
    /// The officer's and supervisor's daily pages, drawn with a detainer and a claim open so that most of each is shown. Every other
    /// page is walked in Spanish by every role in EveryPageTests.EveryPage_InSpanish_LeavesNoEnglish_OutsideWhatRecordsSay.
    /// </summary>
    private static readonly (Role Role, string Page, string Says)[] TranslatedPages =
    [
        (Role.DesignatedOfficer, "/staff/encounters", "Encuentros que puede ver"),
        (Role.DesignatedOfficer, "/staff/encounters/new", "Fundamento legal"),
        (Role.DesignatedOfficer, "/staff/encounters/{encounter}", "Registrar lo que hizo"),
        (Role.DesignatedOfficer, "/staff/work", "Mi trabajo"),
        (Role.DesignatedOfficer, "/staff/me", "Mi historial"),
        (Role.DesignatedOfficer, "/staff/notifications", "Notificaciones"),
        (Role.FieldSupervisor, "/staff/supervision", "Detainers por revisar"),
        (Role.FieldSupervisor, "/staff/encounters/{encounter}", "Aprobar y emitir"),
        (Role.FieldSupervisor, "/staff/work", "Pendiente de usted"),
    ];

    [Fact]
    public void EveryTextAPageWraps_HasItsSpanish()
    {
        var missing = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Root, "src", "Section287"), "*.*", SearchOption.AllDirectories)
                     .Where(f => (f.EndsWith(".cshtml", StringComparison.Ordinal) || f.EndsWith(".cs", StringComparison.Ordinal))
                         && !f.EndsWith("StaffTexts.cs", StringComparison.Ordinal)
                         && !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                         && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)))
        {
            foreach (Match m in Wrapped().Matches(File.ReadAllText(file)))
            {
                var english = Regex.Unescape(m.Groups[1].Value);
                if (!Texts.Staff.ContainsKey(english)) missing.Add($"{Path.GetFileName(file)}: {english}");
            }
        }
        missing.ShouldBeEmpty();
        // The scan finds the wrapped texts at all (a broken pattern would pass every page).
        Texts.Staff.Count.ShouldBeGreaterThan(100);
    }

    /// <summary>
    /// What a page says after an action succeeded (its <c>DoneText</c>, shown after the redirect with <c>?done=</c>) is in the
    /// reader's language too: each page's confirmation goes through the catalog, and every one of them has its Spanish.
    /// </summary>
    [Fact]
    public void EveryConfirmationAfterAnAction_HasItsSpanish()
    {
        var pages = typeof(Texts).Assembly.GetTypes()
            .Select(t => t.GetMethod("DoneText", System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.Static, [typeof(string)]))
            .Where(m => m is not null).ToList();
        pages.Count.ShouldBeGreaterThanOrEqualTo(10);
        var codes = new List<string>();
        foreach (var file in Directory.EnumerateFiles(Path.Combine(Repo.Root, "src", "Section287"), "*.cshtml.cs", SearchOption.AllDirectories))
        {
            var source = File.ReadAllText(file);
            var start = source.IndexOf("public static string DoneText(string? done)", StringComparison.Ordinal);
            if (start < 0) continue;
            var end = source.IndexOf("});", start, StringComparison.Ordinal);
            var body = source[start..(end > 0 ? end : source.Length)];
            codes.AddRange(Regex.Matches(body, "\"([a-z_]+)\" =>").Select(m => m.Groups[1].Value));
        }
        codes.Count.ShouldBeGreaterThan(50);
        var english = new List<string>();
        var spanish = new List<string>();
        var culture = System.Globalization.CultureInfo.CurrentUICulture;
        try
        {
            foreach (var code in codes.Distinct())
            {
                System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("en-US");
                english.AddRange(pages.Select(p => (string)p!.Invoke(null, [code])!).Where(x => x.Length > 0));
                System.Globalization.CultureInfo.CurrentUICulture = new System.Globalization.CultureInfo("es-US");
                spanish.AddRange(pages.Select(p => (string)p!.Invoke(null, [code])!).Where(x => x.Length > 0));
            }
        }
        finally
        {
            System.Globalization.CultureInfo.CurrentUICulture = culture;
        }
        english.Count.ShouldBeGreaterThan(50);
        spanish.Where(english.Contains).ShouldBeEmpty("confirmations still in English on a Spanish page");
    }

    [Fact]
    public void TheChoicesOfTheOfficersForms_HaveTheirSpanish()
    {
        var choices = Perception.Races.Values.Concat(Perception.Genders.Values).Concat(Perception.Disabilities.Values)
            .Concat(StopFacts.Types.Values).Concat(StopFacts.SearchBases.Values).Concat(StopFacts.Outcomes.Values)
            .Concat(Enum.GetValues<Role>().Select(r => r.Title()))
            .Concat(Encounter.InvestigationSteps.Values).Concat(Encounter.LocalChargeStates.Values).Concat(Encounter.DeconflictionCheckNames.Values)
            .Concat(Section287.Features.Encounters.Pages.EncounterModel.ActionNames.Values)
            .Concat(Enum.GetValues<Section287.Features.Complaints.AllegationCategory>().Select(Section287.Features.Complaints.ComplaintTexts.Category))
            .Concat(Enum.GetValues<Section287.Features.Complaints.ReferralTo>().Select(Section287.Features.Complaints.ComplaintTexts.Referral))
            .Concat(Enum.GetValues<Section287.Features.Complaints.Finding>().Select(Section287.Features.Complaints.ComplaintTexts.Finding))
            .Concat(Enum.GetValues<Section287.Features.Complaints.ComplaintChannel>().Select(Section287.Features.Complaints.ComplaintTexts.Channel))
            .Concat(Section287.Features.Officers.OfficerConditions.Kinds.Select(k => k.Name))
            .Concat(Section287.Features.Applications.ReviewItems.All.Select(i => i.Question))
            .Concat(Section287.Features.Agreements.StatisticsRequests.Measures.Values.Select(m => m.Name))
            .Concat(new[] { "opened", "investigated", "recorded", "requested", "reviewed", "signed", "answered", "transmitted", "claimed", "reported",
                "resolved", "corrected" }.Select(Section287.Features.Encounters.Pages.EncounterModel.DoneText));
        choices.Where(c => !Texts.Staff.ContainsKey(c)).ShouldBeEmpty();
    }

    [Fact]
    public async Task TheTranslatedPages_InSpanish_LeaveNoEnglishOutsideTheRecords()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Nu County Sheriff's Office");
        var jail = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var officer = await Given.UserAsync(app, Role.DesignatedOfficer, agency.Id);
        await GivenOfficers.AuthorizedAsync(app, agency, officer, DateTime.UtcNow, jail);
        var supervisor = await Given.UserAsync(app, Role.FieldSupervisor, aor: "ATL");
        var readers = new Dictionary<Role, HttpClient>
        {
            [Role.DesignatedOfficer] = await FormSignIn.SignInAsync(app, officer, new CookieContainer()),
            [Role.FieldSupervisor] = await FormSignIn.SignInAsync(app, supervisor, new CookieContainer()),
        };
        // An encounter with a detainer requested and a claim open, so that most of its page is drawn.
        var api = await Given.ApiClientAsync(app, officer);
        var now = DateTime.UtcNow;
        var encounter = (await Api.Ok(api.PostAsJsonAsync("/api/v1/encounters/", GivenEncounters.Booking(jail.Id, now.AddHours(-1), "B-ES-1", now.AddDays(2)), Ct)))
            .GetProperty("id").GetGuid();
        await Api.Ok(api.PostAsJsonAsync($"/api/v1/encounters/{encounter}/actions", new { kind = "record_check", systems = "IDENT", result = "Match" }, Ct));
        await Api.Ok(api.PostAsJsonAsync($"/api/v1/encounters/{encounter}/detainers", new
        {
            probableCause = "IDENT shows a final order of removal.", warrantForm = "I-205", warrantNumber = "W-1", warrantSignedBy = "Test SDDO Mu",
            warrantSignedOn = now.AddDays(-2).ToString("yyyy-MM-dd"),
        }, Ct));
        foreach (var (role, path, says) in TranslatedPages)
        {
            var page = path.Replace("{encounter}", encounter.ToString());
            var html = await readers[role].GetStringAsync(page + "?lang=es", Ct);
            html.ShouldContain("<html lang=\"es\"");
            // Each page is drawn in full, in Spanish (a page that failed to draw would have nothing English to find).
            html.ShouldContain(says, Case.Sensitive, $"{role} {page}");
            var main = Regex.Match(html, "<main[^>]*>(.*)</main>", RegexOptions.Singleline).Groups[1].Value;
            var text = WebUtility.HtmlDecode(Tags().Replace(Scripts().Replace(main, " "), " "));
            // Record values (an agency's name) are English by nature; they are not the page's words.
            text = text.Replace(agency.Name, " ", StringComparison.Ordinal);
            // What records say in English (a basis, a timeline entry, a probable cause) is marked lang="en" and left out.
            text = WebUtility.HtmlDecode(Tags().Replace(Scripts().Replace(EnglishMarked().Replace(main, " "), " "), " ")).Replace(agency.Name, " ", StringComparison.Ordinal);
            var english = EnglishWords().Matches(text).Select(m => m.Value).Distinct().ToList();
            english.ShouldBeEmpty($"{page} in Spanish still says: {string.Join(", ", english)} — in: {Context(text, english)}");
        }
    }

    private static string Context(string text, List<string> words) =>
        words.Count == 0 ? "" : string.Join(" | ", words.Take(3).Select(w =>
        {
            var i = Regex.Match(text, $@"\b{w}\b").Index;
            return Regex.Replace(text.Substring(Math.Max(0, i - 60), Math.Min(120, text.Length - Math.Max(0, i - 60))), @"\s+", " ");
        }));

    // S("…") with a plain literal (the catalog's key); interpolated or variable arguments are checked where their values come from.
    [GeneratedRegex(@"\bS\(\s*""((?:[^""\\]|\\.)*)""")]
    private static partial Regex Wrapped();

    [GeneratedRegex("<(\\w+)[^>]*\\blang=\"en\"[^>]*>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex EnglishMarked();

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex Tags();

    [GeneratedRegex("<(script|style)[^>]*>.*?</\\1>", RegexOptions.Singleline)]
    private static partial Regex Scripts();

    // Words no Spanish sentence uses, which almost every English one does.
    [GeneratedRegex(@"\b(the|and|of|to|is|are|with|for|your|you|this|what|when|where|which|not|by|from|an)\b", RegexOptions.IgnoreCase)]
    private static partial Regex EnglishWords();
}
