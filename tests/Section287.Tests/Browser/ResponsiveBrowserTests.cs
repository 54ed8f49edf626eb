using Microsoft.Playwright;
using Section287.Features.Accounts;

namespace Section287.Tests.Browser;

/// <summary>
/// The header and navigation at every width, as USWDS lays them out: below the desktop breakpoint a menu button opens
/// the navigation (without script it is shown in place); at the desktop width it is in the header. Fonts, icons and
/// every other request load; axe finds nothing, on a phone (375 px), at 200% zoom of a 1280 px laptop and on a desktop.
/// </summary>
[Trait("Category", "Browser")]
public sealed class ResponsiveBrowserTests(Chromium chromium) : IClassFixture<Chromium>
{
    private static readonly string[] PublicPages = ["/", "/registry", "/registry/summary", "/applications", "/registry?lang=es", "/account/sign-in"];

    public static TheoryData<string, int, int, float> Widths => new()
    {
        { "phone", 375, 812, 1 },
        { "laptop at 200% zoom", 640, 360, 2 },
        { "desktop", 1280, 800, 1 },
    };

    [Theory]
    [MemberData(nameof(Widths))]
    public async Task EveryPublicPage_AndAStaffPage_HaveAWorkingNavigation_NoMissingFile_AndNoAxeViolation(string name, int width, int height, float scale)
    {
        await using var app = await TestApp.StartAsync(seedBundledList: true);
        var agency = await Given.AgencyAsync(app, "Responsive Test County Sheriff's Office");
        var coordinator = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = width, Height = height }, DeviceScaleFactor = scale,
        });
        var page = await context.NewPageAsync();
        var failed = new List<string>();
        var fonts = new List<string>();
        page.Response += (_, response) =>
        {
            if (response.Status >= 400) failed.Add($"{response.Status} {response.Url}");
            if (response.Url.EndsWith(".woff2", StringComparison.Ordinal) && response.Status == 200) fonts.Add(response.Url);
        };
        var narrow = width < 1024;

        foreach (var path in PublicPages.Append("/staff/work"))
        {
            if (path == "/staff/work") await SignInAsync(page, coordinator);
            await page.GotoAsync(path);
            await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
            var menu = page.Locator(".usa-menu-btn");
            var nav = page.Locator("nav.usa-nav");
            if (narrow)
            {
                (await menu.IsVisibleAsync()).ShouldBeTrue($"{name} {path}: the menu button");
                (await nav.IsVisibleAsync()).ShouldBeFalse($"{name} {path}: the navigation must not cover the page until asked for");
                await menu.ClickAsync();
                (await nav.IsVisibleAsync()).ShouldBeTrue($"{name} {path}: the menu opens");
                await page.Locator(".usa-nav__close").ClickAsync();
                (await nav.IsVisibleAsync()).ShouldBeFalse($"{name} {path}: the menu closes");
            }
            else
            {
                (await menu.IsVisibleAsync()).ShouldBeFalse($"{name} {path}");
                (await nav.IsVisibleAsync()).ShouldBeTrue($"{name} {path}");
            }
            await Axe.ShouldHaveNoViolationsAsync(page);
        }
        failed.ShouldBeEmpty();
        fonts.ShouldNotBeEmpty("USWDS's fonts load");
        await context.DisposeAsync();
    }

    [Fact]
    public async Task WithoutScript_OnAPhone_TheNavigationIsShownInPlace_AndItsLinksWork()
    {
        await using var app = await TestApp.StartAsync(seedBundledList: true);
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(), ViewportSize = new ViewportSize { Width = 375, Height = 812 }, JavaScriptEnabled = false,
        });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");
        (await page.Locator(".usa-menu-btn").IsVisibleAsync()).ShouldBeFalse("a menu button that cannot work without script is not offered");
        (await page.Locator("nav.usa-nav").IsVisibleAsync()).ShouldBeTrue();
        await page.Locator("nav.usa-nav a[href='/registry/summary']").ClickAsync();
        await page.WaitForURLAsync(u => u.EndsWith("/registry/summary", StringComparison.Ordinal));
        (await page.TextContentAsync("h1"))!.ShouldNotBeNullOrWhiteSpace();
        await context.DisposeAsync();
    }

    private static async Task SignInAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#field-email", user.Email);
        await page.FillAsync("#field-password", user.Password);
        await page.ClickAsync("main button[type=submit]");
        if (user.AuthenticatorKey is { } key)
        {
            await page.WaitForURLAsync(u => u.Contains("/account/two-factor", StringComparison.Ordinal));
            await page.FillAsync("#field-code", await Totp.NextAsync(key));
            await page.ClickAsync("main button[type=submit]");
        }
        await page.WaitForURLAsync(u => u.EndsWith("/staff", StringComparison.Ordinal));
    }
}
