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

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
