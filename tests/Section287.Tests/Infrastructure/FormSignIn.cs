using System.Text.RegularExpressions;

namespace Section287.Tests.Infrastructure;

/// <summary>Signs in through the sign-in page's form, antiforgery token and all, as a person's browser does.</summary>
public static partial class FormSignIn
{
    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, string email, string password)
    {
        var form = await http.GetStringAsync("/account/sign-in", TestContext.Current.CancellationToken);
        var token = AntiforgeryToken().Match(form).Groups[1].Value;
        token.ShouldNotBeNullOrEmpty();
        return await http.PostAsync("/account/sign-in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["Email"] = email, ["Password"] = password, ["ReturnUrl"] = "", ["__RequestVerificationToken"] = token,
        }), TestContext.Current.CancellationToken);
    }

    /// <summary>A cookie client signed in through the forms, the second factor's code given when the account has one.</summary>
    public static async Task<HttpClient> SignInAsync(TestApp app, TestUser user, System.Net.CookieContainer? cookies = null)
    {
        var http = app.Client(cookies: cookies ?? new System.Net.CookieContainer());
        var signedIn = await PostAsync(http, user.Email, user.Password);
        signedIn.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        if (signedIn.Headers.Location!.ToString().Contains("/account/two-factor", StringComparison.Ordinal))
        {
            var form = await http.GetStringAsync(signedIn.Headers.Location, TestContext.Current.CancellationToken);
            var second = await http.PostAsync(signedIn.Headers.Location, new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["Code"] = await Totp.NextAsync(user.AuthenticatorKey!), ["__RequestVerificationToken"] = Antiforgery(form),
            }), TestContext.Current.CancellationToken);
            second.StatusCode.ShouldBe(System.Net.HttpStatusCode.Redirect);
        }
        (await http.GetAsync("/staff", TestContext.Current.CancellationToken)).StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        return http;
    }

    public static string Antiforgery(string html) => AntiforgeryToken().Match(html).Groups[1].Value;

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
