using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Tests.Features.Agreements;

public sealed class AgreementsApiTests
{
    private static async Task<JsonElement> Json(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);

    [Fact]
    public async Task TheProgramOffice_SuspendsAndReinstates_AndARefusalNamesTheRule()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Nu County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency);
        var ice = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));

        var suspended = await ice.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/suspension",
            Notices.Suspension("Unsupervised use of authority", "2027-01-31"), TestContext.Current.CancellationToken);
        suspended.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(suspended)).GetProperty("status").GetString().ShouldBe("suspended");

        (await ice.PostAsync($"/api/v1/agreements/{agreement.Id}/reinstatement", null,
            TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await ice.PostAsync($"/api/v1/agreements/{agreement.Id}/reinstatement", null, TestContext.Current.CancellationToken);
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Json(again)).GetProperty("code").GetString().ShouldBe("agreement.not_suspended");

        var noReason = await ice.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/suspension", new { reason = "" }, TestContext.Current.CancellationToken);
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(noReason)).GetProperty("code").GetString().ShouldBe("agreement.reason_required");
    }

    [Fact]
    public async Task IcesNoticeOfTermination_IsOnThePublicAgencyPageAtOnce_AndEndsTheAgreementOnItsDate()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 22, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var agency = await Given.AgencyAsync(app, "Test Xi County Sheriff's Office");
        var agreement = await Given.AgreementAsync(app, agency);
        var ice = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));

        // Task force (MOA section XVIII): ICE moves from a suspension to termination, with the notice's content.
        var notSuspended = await ice.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/termination-notice",
            new { by = "ice", effectiveOn = "2027-02-20", reason = "Findings not corrected" }, TestContext.Current.CancellationToken);
        (await Json(notSuspended)).GetProperty("code").GetString().ShouldBe("agreement.termination_from_suspension");
        (await ice.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/suspension", Notices.Suspension("Findings of unsupervised arrests"),
            TestContext.Current.CancellationToken)).StatusCode.ShouldBe(HttpStatusCode.OK);
        var bare = await ice.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/termination-notice",
            new { by = "ice", effectiveOn = "2027-02-20", reason = "Findings not corrected" }, TestContext.Current.CancellationToken);
        (await Json(bare)).GetProperty("code").GetString().ShouldBe("agreement.termination_content_required");
        var tooSoon = await ice.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/termination-notice",
            new { by = "ice", effectiveOn = "2027-02-19", reason = "Findings not corrected", aliensIdentified = 12, examples = "Test examples",
                publishedOn = "2026-11-20", decidedBy = "Test ICE Director" }, TestContext.Current.CancellationToken);
        tooSoon.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await Json(tooSoon)).GetProperty("code").GetString().ShouldBe("agreement.notice_too_short");

        var notice = await ice.PostAsJsonAsync($"/api/v1/agreements/{agreement.Id}/termination-notice",
            new { by = "ice", effectiveOn = "2027-02-20", reason = "Findings not corrected", aliensIdentified = 12, examples = "Test examples",
                publishedOn = "2026-11-20", decidedBy = "Test ICE Director" }, TestContext.Current.CancellationToken);
        notice.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await Json(notice)).GetProperty("terminationDetails").GetProperty("aliensIdentified").GetInt32().ShouldBe(12);

        var page = await app.Client().GetStringAsync($"/registry/agencies/{agency.Id}", TestContext.Current.CancellationToken);
        page.ShouldContain("ICE gave notice that it is ending this agreement. It ends on 2027-02-20.");
        page.ShouldContain("Findings not corrected");
        var spanish = await app.Client().GetStringAsync($"/registry/agencies/{agency.Id}?lang=es", TestContext.Current.CancellationToken);
        spanish.ShouldContain("Termina el 2027-02-20");

        async Task<AgreementStatus> StatusAsync() => await app.WithDbAsync((db, _) => db.Agreements.Where(a => a.Id == agreement.Id).Select(a => a.Status).SingleAsync());
        async Task<int> RunTimersAsync() => await app.WithDbAsync((_, s) => s.GetRequiredService<ChangeAgreementStatus>().ApplyDueTerminationsAsync(CancellationToken.None));

        clock.Advance(TimeSpan.FromDays(89));
        (await RunTimersAsync()).ShouldBe(0);
        (await StatusAsync()).ShouldBe(AgreementStatus.Suspended);

        // A review was due; once the agreement has ended, it waits for nothing.
        var review = await app.WithDbAsync(async (db, s) =>
        {
            var opened = s.GetRequiredService<Section287.Features.Deadlines.DeadlineBook>().Open(Section287.Features.Deadlines.DeadlineRules.AgreementYearlyMeeting, agency.Id, "agreement", agreement.Id, "test");
            await db.SaveChangesAsync();
            return opened.Id;
        });
        clock.Advance(TimeSpan.FromDays(1));
        (await RunTimersAsync()).ShouldBe(1);
        (await StatusAsync()).ShouldBe(AgreementStatus.Terminated);
        (await RunTimersAsync()).ShouldBe(0);
        (await app.WithDbAsync((db, _) => db.Deadlines.Where(d => d.Id == review).Select(d => d.Status).SingleAsync())).ShouldBe(Section287.Features.Deadlines.DeadlineStatus.Cancelled);
    }

    [Fact]
    public async Task AnAgency_GivesNoticeForItsOwnAgreementOnly()
    {
        await using var app = await TestApp.StartAsync();
        var own = await Given.AgencyAsync(app, "Test Omicron County Sheriff's Office");
        var other = await Given.AgencyAsync(app, "Test Pi County Sheriff's Office");
        var ownAgreement = await Given.AgreementAsync(app, own);
        var otherAgreement = await Given.AgreementAsync(app, other);
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, own.Id));
        var soon = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(30)).ToString("yyyy-MM-dd");

        (await coordinator.PostAsJsonAsync($"/api/v1/agreements/{ownAgreement.Id}/termination-notice",
            new { by = "agency", effectiveOn = soon, reason = "The county withdraws" }, TestContext.Current.CancellationToken))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        (await coordinator.PostAsJsonAsync($"/api/v1/agreements/{otherAgreement.Id}/termination-notice",
            new { by = "agency", effectiveOn = soon, reason = "x" }, TestContext.Current.CancellationToken))
            .StatusCode.ShouldBe(HttpStatusCode.NotFound);
        var asIce = await coordinator.PostAsJsonAsync($"/api/v1/agreements/{ownAgreement.Id}/termination-notice",
            new { by = "ice", effectiveOn = "2030-01-01", reason = "x" }, TestContext.Current.CancellationToken);
        asIce.StatusCode.ShouldBe(HttpStatusCode.Forbidden);
        var incomplete = await coordinator.PostAsJsonAsync($"/api/v1/agreements/{ownAgreement.Id}/termination-notice", new { reason = "x" },
            TestContext.Current.CancellationToken);
        incomplete.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await Json(incomplete)).GetProperty("errors").TryGetProperty("effectiveOn", out _).ShouldBeTrue();
    }
}
