using System.Net;
using System.Text;
using System.Text.Json;
using Section287.Features.Accounts;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Evaluation;
using static Section287.Tests.Infrastructure.Api;

namespace Section287.Tests.Features.Evaluation;

/// <summary>
/// The crime evaluation end to end: a panel imported as reference data, agreements in the registry placing counties in cohorts,
/// the estimate over the API, the staff page and, only once both offices release it, the public page and API in both languages.
/// The panel is simulated (counties with codes no real county has, in two real states) so the true effect is known: crime
/// falls by 50 per 100,000 where agreements began in 2015.
/// </summary>
public sealed class CrimeEvaluationTests : IAsyncLifetime
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;
    private const double Effect = GivenCrimePanel.Effect;
    private TestApp app = null!;

    private static string Wy(int i) => GivenCrimePanel.Wy(i);

    public async ValueTask InitializeAsync()
    {
        app = await TestApp.StartAsync();
        await GivenCrimePanel.SimulatedAsync(app);
    }

    public async ValueTask DisposeAsync() => await app.DisposeAsync();

    private async Task<HttpClient> StaffAsync() => await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.Oversight));

    [Fact]
    public async Task Counties_are_sorted_by_when_their_first_agreement_began_and_the_known_effect_is_recovered()
    {
        var staff = await StaffAsync();
        var report = await Ok(staff.GetAsync("/api/v1/evaluation/crime?outcome=violent", Ct));

        report.GetProperty("panel").GetProperty("version").GetString().ShouldBe("test 1");
        var design = report.GetProperty("design");
        design.GetProperty("treatedInWindow").GetInt32().ShouldBe(20);
        design.GetProperty("treatedAfterWindow").GetInt32().ShouldBe(5);
        design.GetProperty("controls").GetInt32().ShouldBe(40);
        design.GetProperty("controlsLeftOutStatewide").GetInt32().ShouldBe(5);
        design.GetProperty("statewideStates").EnumerateArray().Select(s => s.GetString()).ShouldContain("MT");
        design.GetProperty("flagged").GetInt32().ShouldBe(1);
        report.GetProperty("flaggedCounties").EnumerateArray().Select(s => s.GetString()).ShouldBe([Wy(2)]);

        var national = report.GetProperty("allCounties").GetProperty("national");
        national.GetProperty("treatedCounties").GetInt32().ShouldBe(20);
        national.GetProperty("controlCounties").GetInt32().ShouldBe(40);
        var overall = national.GetProperty("overall");
        overall.GetProperty("lower").GetDouble().ShouldBeLessThan(Effect + 3);
        overall.GetProperty("upper").GetDouble().ShouldBeGreaterThan(Effect - 3);
        overall.GetProperty("upper").GetDouble().ShouldBeLessThan(0);
        var cohort = national.GetProperty("cohorts").EnumerateArray().ShouldHaveSingleItem();
        cohort.GetProperty("cohort").GetInt32().ShouldBe(2015);
        cohort.GetProperty("postYears").GetInt32().ShouldBe(10);
        // Years before the start are placebo years: about zero.
        national.GetProperty("preTrendAverage").GetProperty("value").GetDouble().ShouldBeInRange(-5, 5);

        // The model of each county's first agreement: ten jail, ten task force counties, each recovering the same effect.
        var byModel = report.GetProperty("allCounties").GetProperty("byModel");
        foreach (var model in new[] { "JEM", "TFM" })
        {
            byModel.GetProperty(model).GetProperty("treatedCounties").GetInt32().ShouldBe(10);
            byModel.GetProperty(model).GetProperty("overall").GetProperty("value").GetDouble().ShouldBeInRange(Effect - 12, Effect + 12);
        }
        // 2025 agreements: before-only, against the comparison counties.
        var later = report.GetProperty("allCounties").GetProperty("laterCohortsPreTrendOnly");
        later.GetProperty("treatedCounties").GetInt32().ShouldBe(5);
        later.GetProperty("overall").ValueKind.ShouldBe(JsonValueKind.Null);
        later.GetProperty("eventStudy").EnumerateArray().ShouldAllBe(e => e.GetProperty("eventTime").GetInt32() < 0);

        // Without the county whose series broke, one comparison county fewer.
        report.GetProperty("withoutFlagged").GetProperty("national").GetProperty("controlCounties").GetInt32().ShouldBe(39);
    }

    [Fact]
    public async Task An_agreement_added_to_the_registry_moves_its_county_into_a_cohort_at_once()
    {
        var staff = await StaffAsync();
        (await Ok(staff.GetAsync("/api/v1/evaluation/crime", Ct))).GetProperty("design").GetProperty("controls").GetInt32().ShouldBe(40);
        var agency = await Given.AgencyAsync(app, "Fictional County 7 Police", "WY");
        await app.WithDbAsync(async (db, _) =>
        {
            (await db.Agencies.FindAsync([agency.Id], Ct))!.CountyFips = Wy(7);
            await db.SaveChangesAsync(Ct);
        });
        await Given.AgreementAsync(app, agency, AgreementModel.WarrantService, new DateOnly(2019, 9, 1));

        var report = await Ok(staff.GetAsync("/api/v1/evaluation/crime", Ct));
        report.GetProperty("design").GetProperty("controls").GetInt32().ShouldBe(39);
        report.GetProperty("allCounties").GetProperty("national").GetProperty("cohorts").EnumerateArray()
            .Select(c => (c.GetProperty("cohort").GetInt32(), c.GetProperty("counties").GetInt32())).ShouldBe([(2015, 20), (2019, 1)]);
    }

    [Fact]
    public async Task The_public_sees_the_evaluation_only_once_both_offices_release_it_in_English_and_Spanish()
    {
        var anonymous = app.Client();
        await Refused(anonymous.GetAsync("/api/v1/figures/evaluation", Ct), HttpStatusCode.NotFound, "evaluation.not_released");
        await Refused(anonymous.GetAsync("/api/v1/figures/evaluation.csv", Ct), HttpStatusCode.NotFound, "evaluation.not_released");
        var before = await anonymous.GetStringAsync("/figures/evaluation?lang=en", Ct);
        before.ShouldContain("id=\"eval-not-released\"");
        before.ShouldNotContain("id=\"eval-headline\"");
        (await anonymous.GetStringAsync("/figures?lang=en", Ct)).ShouldNotContain("id=\"figures-evaluation\"");

        await GivenReleases.ApprovedAsync(app, CrimeEvaluation.ReleaseKind);

        var released = await Ok(anonymous.GetAsync("/api/v1/figures/evaluation?outcome=violent", Ct));
        var staffView = await Ok((await StaffAsync()).GetAsync("/api/v1/evaluation/crime?outcome=violent", Ct));
        released.GetProperty("allCounties").GetProperty("national").GetProperty("overall").GetProperty("value").GetDouble()
            .ShouldBe(staffView.GetProperty("allCounties").GetProperty("national").GetProperty("overall").GetProperty("value").GetDouble());
        (await anonymous.GetStringAsync("/figures?lang=en", Ct)).ShouldContain("id=\"figures-evaluation\"");

        var english = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/figures/evaluation?lang=en", Ct));
        english.ShouldContain("In the 20 counties whose first agreement began between 2015 and 2015, violent crime was on average");
        english.ShouldContain("lower after the agreement began");
        english.ShouldContain("<svg class=\"s287-chart s287-estimates\"");
        english.ShouldContain("counties whose first agreement began after 2024 cannot be evaluated yet");
        var spanish = WebUtility.HtmlDecode(await anonymous.GetStringAsync("/figures/evaluation?lang=es&outcome=violent&counties=unflagged", Ct));
        spanish.ShouldContain("En los 20 condados cuyo primer acuerdo comenzó entre 2015 y 2015");
        spanish.ShouldContain("Lo que esto puede y no puede mostrar");

        var csv = await anonymous.GetStringAsync("/api/v1/figures/evaluation.csv?outcome=property", Ct);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("outcome,counties,analysis,estimate,key,value");
        lines.ShouldContain(l => l.StartsWith("property,all,national,overall,", StringComparison.Ordinal));
        lines.ShouldContain(l => l.StartsWith("property,without_flagged,national,event_time,-5,", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Staff_see_it_before_release_and_a_choice_not_offered_is_a_clear_400()
    {
        var staff = await StaffAsync();
        await Refused(staff.GetAsync("/api/v1/evaluation/crime?outcome=arson", Ct), HttpStatusCode.BadRequest, "evaluation.query");
        (await app.Client().GetAsync("/api/v1/evaluation/crime", Ct)).StatusCode.ShouldBe(HttpStatusCode.Unauthorized);

        var page = await FormSignIn.SignInAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var html = await page.GetStringAsync("/staff/evaluation?outcome=property&counties=unflagged&lang=en", Ct);
        html.ShouldContain("The public does not see this evaluation yet");
        html.ShouldContain("property crime was on average");
        html.ShouldContain("id=\"eval-event-table\"");
        var bad = await page.GetAsync("/staff/evaluation?counties=some&lang=en", Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadAsStringAsync(Ct)).ShouldContain("That choice is not one of those offered");
    }
}
