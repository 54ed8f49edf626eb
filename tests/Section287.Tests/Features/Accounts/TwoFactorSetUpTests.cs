using System.Net;
using System.Text.RegularExpressions;
using Section287.Features.Accounts;

namespace Section287.Tests.Features.Accounts;

/// <summary>
/// Issue 14, item 7 (part): the set-up page never shows a key twice. Each visit before the app is linked makes a new key (an earlier
/// one stops working), and once two-factor sign-in is on the page shows no key at all.
/// </summary>
public sealed partial class TwoFactorSetUpTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [GeneratedRegex("id=\"authenticator-key\">([a-z0-9 ]+)<")]
    private static partial Regex KeyOnPage();

    public static string LinkToken(string path) => path[(path.IndexOf("link=", StringComparison.Ordinal) + 5)..];

    public static string? KeyOf(string html) => KeyOnPage().Match(html) is { Success: true } m ? m.Groups[1].Value.Replace(" ", "") : null;

    [Fact]
    public async Task EachVisitMakesANewKey_AndALinkedAccountsPageShowsNone()
    {
        await using var app = await TestApp.StartAsync();
        var user = await Given.UserAsync(app, Role.Oversight, linkAuthenticator: false);
        var link = await Given.SecondFactorLinkAsync(app, user.Id);
        var http = app.Client(cookies: new CookieContainer());
        var signedIn = await FormSignIn.PostAsync(http, user.Email, user.Password);
        signedIn.Headers.Location!.ToString().ShouldContain("/account/two-factor/set-up");

        var first = KeyOf(await http.GetStringAsync(link, Ct));
        var page = await http.GetStringAsync(link, Ct);
        var second = KeyOf(page);
        first.ShouldNotBeNull();
        second.ShouldNotBeNull();
        second.ShouldNotBe(first);

        // The first key's code is refused (and replaces the key again); the newest key's code links the app.
        var refused = await http.PostAsync("/account/two-factor/set-up", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = await Totp.NextAsync(first), ["Link"] = LinkToken(link), ["__RequestVerificationToken"] = FormSignIn.Antiforgery(page),
        }), Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.OK);
        var again = await refused.Content.ReadAsStringAsync(Ct);
        again.ShouldContain("the key was replaced");
        var third = KeyOf(again);
        third.ShouldNotBeNull();
        third.ShouldNotBe(second);
        var linked = await http.PostAsync("/account/two-factor/set-up", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Code"] = await Totp.NextAsync(third), ["Link"] = LinkToken(link), ["__RequestVerificationToken"] = FormSignIn.Antiforgery(again),
        }), Ct);
        linked.StatusCode.ShouldBe(HttpStatusCode.Redirect);

        var after = await http.GetStringAsync(link, Ct);
        KeyOf(after).ShouldBeNull();
        after.ShouldNotContain(third);
        after.ShouldContain("never shown again");
    }
}
