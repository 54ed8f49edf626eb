using Microsoft.Playwright;

namespace Section287.Tests.Browser;

/// <summary>What the browser walks share: signing in, pressing a button and waiting for the page it leads to, USWDS
/// choices, reading a text, pages without script, and axe-core on every page.</summary>
public abstract class BrowserWalk(Chromium chromium)
{
    protected Chromium Chromium => chromium;

    protected static async Task SignInAsync(IPage page, TestUser user)
    {
        await page.GotoAsync("/account/sign-in");
        await page.FillAsync("#field-email", user.Email);
        await page.FillAsync("#field-password", user.Password);
        await page.ClickAsync("button:has-text('Sign in')");
        if (user.AuthenticatorKey is { } key)
        {
            await page.WaitForURLAsync(u => u.Contains("/account/two-factor"));
            await page.FillAsync("#field-code", await Totp.NextAsync(key));
            await page.ClickAsync("button:has-text('Continue')");
        }
        await page.WaitForURLAsync(u => u.EndsWith("/staff"));
    }

    /// <summary>Clicks and waits for the page the click leads to (forms post, then redirect to a page that may have the same address).</summary>
    // Playwright marks this wait obsolete in favour of waiting for a new address, which a form that returns to its own page never has.
#pragma warning disable CS0612
    protected static async Task Press(IPage page, string selector) =>
        await page.RunAndWaitForNavigationAsync(() => page.ClickAsync(selector));
#pragma warning restore CS0612

    /// <summary>USWDS hides the native box and draws its own on the label, so a person (and the test) clicks the label.</summary>
    protected static async Task Choose(IPage page, string id) => await page.Locator($"label[for='{id}']").ClickAsync();

    protected static async Task<string> Text(IPage page, string selector)
    {
        if (await page.Locator(selector).CountAsync() == 0)
            throw new ShouldAssertException($"{page.Url} has no {selector}; it says: {await page.InnerTextAsync("main")}");
        return (await page.TextContentAsync(selector))!.Trim();
    }

    private readonly HashSet<IPage> _withoutScript = [];

    protected async Task<IPage> WithoutScriptAsync(TestApp app)
    {
        var page = await chromium.PageAsync(app, javaScript: false);
        _withoutScript.Add(page);
        return page;
    }

    /// <summary>axe runs as script: a page visited without script is checked again in a tab with it, with the same cookies.</summary>
    protected async Task CheckAxeAsync(TestApp app, IPage page)
    {
        if (!_withoutScript.Contains(page))
        {
            await Axe.ShouldHaveNoViolationsAsync(page);
            return;
        }
        var context = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { BaseURL = app.BaseAddress.ToString() });
        await context.AddCookiesAsync((await page.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        }));
        var copy = await context.NewPageAsync();
        await copy.GotoAsync(page.Url);
        await Axe.ShouldHaveNoViolationsAsync(copy);
        await context.CloseAsync();
    }

    /// <summary>Opens a closed &lt;details&gt; by its summary; one the page already opened (a refused form) stays open.</summary>
    protected static async Task Open(IPage page, string summary)
    {
        var details = page.Locator($"details:has(> summary:has-text('{summary}'))").First;
        if (await details.GetAttributeAsync("open") is null) await details.Locator("> summary").ClickAsync();
    }

    /// <summary>Opens an action's form on an encounter (each action is its own collapsible form); one a refusal opened stays open.</summary>
    protected static async Task OpenAction(IPage page, string kind)
    {
        var details = page.Locator($"#act-{kind}");
        if (await details.GetAttributeAsync("open") is null) await details.Locator("> summary").ClickAsync();
    }

    /// <summary>Opens an action's form and records it with what was filled in.</summary>
    protected static async Task RecordAction(IPage page, string kind)
    {
        await OpenAction(page, kind);
        await Press(page, $"#act-{kind} > form > button[type=submit]");
    }
}
