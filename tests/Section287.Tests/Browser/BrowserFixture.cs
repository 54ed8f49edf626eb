using Microsoft.Playwright;

namespace Section287.Tests.Browser;

/// <summary>Debian's Chromium, headless, driven by Playwright; never a browser Playwright downloads.</summary>
public sealed class Chromium : IAsyncLifetime
{
    private IPlaywright? _playwright;

    public IBrowser Browser { get; private set; } = null!;

    public async ValueTask InitializeAsync()
    {
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Environment.GetEnvironmentVariable("SECTION287_CHROMIUM") ?? "/usr/bin/chromium",
            Headless = true,
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync"],
        });
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright?.Dispose();
    }

    public async Task<IPage> PageAsync(TestApp app, bool javaScript = true, int? width = null, int height = 1000)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = app.BaseAddress.ToString(), JavaScriptEnabled = javaScript,
            ViewportSize = width is { } w ? new ViewportSize { Width = w, Height = height } : null,
        });
        var page = await context.NewPageAsync();
        // Anything the content security policy blocks is a page that breaks for real users: axe's check fails on it.
        page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal)) Axe.Blocked(page, message.Text);
        };
        return page;
    }
}

/// <summary>axe-core, from the project's own npm install, run in the page.</summary>
public static class Axe
{
    private static readonly string Script = File.ReadAllText(Path.Combine(Repo.Root, "node_modules", "axe-core", "axe.min.js"));

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IPage, List<string>> BlockedBy = [];

    public static void Blocked(IPage page, string message)
    {
        lock (BlockedBy) BlockedBy.GetOrCreateValue(page).Add(message);
    }

    public static async Task ShouldHaveNoViolationsAsync(IPage page)
    {
        lock (BlockedBy) (BlockedBy.TryGetValue(page, out var blocked) ? blocked.ToList() : []).ShouldBeEmpty($"{page.Url}: what the content security policy blocked");
        // The site's content security policy allows only same-origin script files, so axe is served as one (the browser never
        // reaches the server for it) rather than injected inline: the pages are checked under the policy they really have.
        await page.RouteAsync("**/__axe/axe.min.js", route => route.FulfillAsync(new RouteFulfillOptions { Body = Script, ContentType = "application/javascript" }));
        await page.AddScriptTagAsync(new PageAddScriptTagOptions { Url = "/__axe/axe.min.js" });
        await page.UnrouteAsync("**/__axe/axe.min.js");
        var violations = await page.EvaluateAsync<AxeViolation[]>("""
            async () => (await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] } }))
              .violations.map(v => ({ id: v.id, help: v.help, targets: v.nodes.slice(0, 5).map(n => n.target.join(' ')).join(' | ') }))
            """);
        var body = violations.Length == 0 ? "" : await page.InnerTextAsync("body");
        violations.ShouldBeEmpty($"{page.Url}: " + string.Join("; ",
            violations.Select(v => $"{v.Id} ({v.Help}) at {v.Targets}")) + " -- page text: " + body[..Math.Min(600, body.Length)]);
    }

    public sealed class AxeViolation
    {
        public string Id { get; set; } = "";
        public string Help { get; set; } = "";
        public string Targets { get; set; } = "";
    }
}
