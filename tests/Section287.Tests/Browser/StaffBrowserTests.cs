using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using Section287.Features.Accounts;

namespace Section287.Tests.Browser;

/// <summary>One app for the staff walks: empty registry, so an ICE list can be imported through the page.</summary>
public sealed class StaffApp : IAsyncLifetime
{
    public TestApp App { get; private set; } = null!;

    public async ValueTask InitializeAsync() => App = await TestApp.StartAsync();

    public async ValueTask DisposeAsync() => await App.DisposeAsync();
}

[Trait("Category", "Browser")]
public sealed class StaffBrowserTests(StaffApp staff, Chromium chromium) : IClassFixture<StaffApp>, IClassFixture<Chromium>
{
    private TestApp App => staff.App;

    private static async Task SignInAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#field-email", user.Email);
        await page.FillAsync("#field-password", user.Password);
        await page.ClickAsync("button:has-text('Sign in')");
    }

    private static async Task SignInWithCodeAsync(IPage page, TestUser user)
    {
        await SignInAsync(page, user);
        await page.FillAsync("#field-code", await Totp.NextAsync(user.AuthenticatorKey!));
        await page.ClickAsync("button:has-text('Continue')");
        await page.WaitForURLAsync(u => u.EndsWith("/staff"));
    }

    [Fact]
    public async Task AnIceUser_SetsUpTwoFactor_ThenSignsInWithACode()
    {
        var user = await Given.UserAsync(App, Role.ProgramOffice, linkAuthenticator: false);
        var link = await Given.SecondFactorLinkAsync(App, user.Id);
        var page = await chromium.PageAsync(App);

        // The password alone reaches a page that explains the one-time link, and shows no key.
        await SignInAsync(page, user);
        await page.WaitForURLAsync(u => u.Contains("/account/two-factor/set-up"));
        (await page.Locator("#authenticator-key").CountAsync()).ShouldBe(0);
        await Axe.ShouldHaveNoViolationsAsync(page);
        await page.GotoAsync(link);
        await page.WaitForSelectorAsync("#authenticator-key");
        await Axe.ShouldHaveNoViolationsAsync(page);
        var key = (await page.TextContentAsync("#authenticator-key"))!;
        await page.FillAsync("#field-code", await Totp.NextAsync(key));
        await page.ClickAsync("button:has-text('Turn on two-factor sign-in')");
        await page.WaitForURLAsync(u => u.EndsWith("/staff"));
        (await page.TextContentAsync("h1"))!.ShouldContain("Welcome");

        await page.ClickAsync("button:has-text('Sign out')");
        await page.WaitForURLAsync(u => !u.Contains("/staff"));

        await SignInAsync(page, user);
        await page.WaitForURLAsync(u => u.Contains("/account/two-factor"));
        await Axe.ShouldHaveNoViolationsAsync(page);
        await page.FillAsync("#field-code", "000000" == Totp.Code(key) ? "111111" : "000000");
        await page.ClickAsync("button:has-text('Continue')");
        (await page.TextContentAsync("#error-summary"))!.ShouldContain("not right");
        await Axe.ShouldHaveNoViolationsAsync(page);

        await page.FillAsync("#field-code", await Totp.NextAsync(key));
        await page.ClickAsync("button:has-text('Continue')");
        await page.WaitForURLAsync(u => u.EndsWith("/staff"));
        (await page.Locator("a:has-text('Import a list')").CountAsync()).ShouldBe(1);
    }

    [Fact]
    public async Task AnIceUserWithoutASecondFactor_CannotReachStaffPages()
    {
        var user = await Given.UserAsync(App, Role.Oversight, linkAuthenticator: false);
        var page = await chromium.PageAsync(App);
        await SignInAsync(page, user);
        await page.WaitForURLAsync(u => u.Contains("/account/two-factor/set-up"));

        await page.GotoAsync("/staff/audit");
        page.Url.ShouldContain("/account/two-factor/set-up");
    }

    [Fact]
    public async Task WrongPassword_IsShownInTheSummaryAndBesideNothingElse()
    {
        var page = await chromium.PageAsync(App, javaScript: false);
        await page.GotoAsync("/account/sign-in");
        await page.ClickAsync("button:has-text('Sign in')");
        (await page.TextContentAsync("#field-email-error"))!.ShouldContain("e-mail");
        (await page.TextContentAsync("#field-password-error"))!.ShouldContain("password");
        (await page.Locator("#error-summary li").CountAsync()).ShouldBe(2);
        var checkedPage = await chromium.PageAsync(App);
        await checkedPage.GotoAsync("/account/sign-in");
        await checkedPage.ClickAsync("button:has-text('Sign in')");
        await Axe.ShouldHaveNoViolationsAsync(checkedPage);
    }

    [Fact]
    public async Task ACoordinator_AddsAPointOfContact_WithoutScript_AndSeesNoOtherAgency()
    {
        var own = await Given.AgencyAsync(App, "Test Epsilon County Sheriff's Office");
        var other = await Given.AgencyAsync(App, "Test Zeta Police Department");
        var user = await Given.UserAsync(App, Role.AgencyCoordinator, own.Id);
        var page = await chromium.PageAsync(App, javaScript: false);
        await SignInWithCodeAsync(page, user);

        await page.ClickAsync("a:has-text('Open agencies')");
        await page.WaitForURLAsync(u => u.Contains($"/staff/agencies/{own.Id}"));
        (await page.TextContentAsync("h1"))!.ShouldBe(own.Name);
        await page.ClickAsync("button:has-text('Add point of contact')");
        (await page.TextContentAsync("#error-summary"))!.ShouldContain("name");
        await page.FillAsync("#field-name", "Robin Sample");
        await page.FillAsync("#field-title", "Program coordinator");
        await page.FillAsync("#field-email", "robin.sample@example.test");
        await page.ClickAsync("button:has-text('Add point of contact')");
        (await page.TextContentAsync("[role=status]"))!.ShouldContain("was added");
        (await page.TextContentAsync("table"))!.ShouldContain("Robin Sample");

        var foreign = await page.GotoAsync($"/staff/agencies/{other.Id}");
        foreign!.Status.ShouldBe(404);
        var audit = await page.GotoAsync("/staff/audit");
        page.Url.ShouldContain("/account/denied");
        await Axe.ShouldHaveNoViolationsAsync(await Reopen(page));
    }

    [Fact]
    public async Task TheProgramOffice_ImportsAnIceListOnTheWeb_AndWatchesItsProgress()
    {
        var user = await Given.UserAsync(App, Role.ProgramOffice);
        var page = await chromium.PageAsync(App, javaScript: false);
        await SignInWithCodeAsync(page, user);

        await page.GotoAsync("/staff/ice-lists");
        await Axe.ShouldHaveNoViolationsAsync(await Reopen(page));
        await page.SetInputFilesAsync("#field-file", Repo.Participating("2025-02-21"));
        await page.ClickAsync("button:has-text('Import')");
        await page.WaitForURLAsync(new Regex("/staff/ice-lists/imports/"));
        await page.Locator("#import-report").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });

        var rows = IceListFile.Read(Repo.Participating("2025-02-21")).Rows.Count;
        (await page.TextContentAsync("#import-report"))!.ShouldContain($"Added{rows}");
        (await App.WithDbAsync((db, _) => db.IceListSnapshots.CountAsync())).ShouldBeGreaterThan(0);
        await Axe.ShouldHaveNoViolationsAsync(await Reopen(page));
    }

    [Fact]
    public async Task WithScript_TheImportsProgressUpdatesInPlace_WithoutReloadingThePage()
    {
        // Its own app: the shared one's import of an earlier list must not follow a later one.
        await using var app = await TestApp.StartAsync();
        var user = await Given.UserAsync(app, Role.ProgramOffice);
        var page = await chromium.PageAsync(app);
        await SignInWithCodeAsync(page, user);
        await page.GotoAsync("/staff/ice-lists");
        await page.SetInputFilesAsync("#field-file", Repo.Participating("2025-07-18"));
        await page.ClickAsync("button:has-text('Import')");
        await page.WaitForURLAsync(new Regex("/staff/ice-lists/imports/"));
        await page.WaitForLoadStateAsync(LoadState.Load);
        // A mark left in the page's window survives only if the page is never reloaded.
        await page.EvaluateAsync("() => { window.s287Mark = 'same page'; }");
        (await page.Locator("meta[http-equiv=refresh]").CountAsync()).ShouldBe(0, "with script the page never reloads itself");
        await page.Locator("#import-report").WaitForAsync(new LocatorWaitForOptions { Timeout = 60_000 });
        (await page.EvaluateAsync<string?>("() => window.s287Mark ?? null")).ShouldBe("same page", "the report arrived in place");
        (await page.Locator("#import-progress[data-refresh-every='2']").CountAsync()).ShouldBe(0,
            "an ended import stops updating: " + await page.EvaluateAsync<string>("document.getElementById('import-progress').outerHTML.slice(0, 200)"));
        (await page.TextContentAsync("main"))!.ShouldNotMatch(@"\b[a-z]+\.[a-z_]+\b: \d");
    }

    [Fact]
    public async Task Oversight_SeesTheAuditCheck_AndEveryStaffPagePassesAxe()
    {
        var agency = await Given.AgencyAsync(App, "Test Eta County Sheriff's Office");
        var user = await Given.UserAsync(App, Role.Oversight);
        var page = await chromium.PageAsync(App);
        await SignInWithCodeAsync(page, user);
        await Axe.ShouldHaveNoViolationsAsync(page);

        await page.GotoAsync("/staff/audit");
        (await page.TextContentAsync("#audit-verdict"))!.ShouldContain("Intact");
        await Axe.ShouldHaveNoViolationsAsync(page);

        foreach (var url in new[] { "/staff/agencies", $"/staff/agencies/{agency.Id}", "/account/denied" })
        {
            await page.GotoAsync(url);
            await Axe.ShouldHaveNoViolationsAsync(page);
        }
        (await page.GotoAsync("/staff/ice-lists"))!.Url.ShouldContain("/account/denied");
    }

    /// <summary>axe runs as script: a page visited without script is checked again in a tab with it, signed in the same way.</summary>
    private async Task<IPage> Reopen(IPage page)
    {
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = App.BaseAddress.ToString() });
        await context.AddCookiesAsync((await page.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        var copy = await context.NewPageAsync();
        await copy.GotoAsync(page.Url);
        return copy;
    }
}
