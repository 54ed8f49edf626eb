using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Section287.Features.Accounts;

namespace Section287.Tests.Features.Accounts;

/// <summary>
/// Issue 14, item 13: passwords people guess first are refused however long they are made, and a phrase of one's own is accepted; on
/// the password change as on account creation, with the rule's words beside the field.
/// </summary>
public sealed class CommonPasswordTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("password1234")]
    [InlineData("P@ssw0rd2024!!")]
    [InlineData("qwertyuiop123")]
    [InlineData("1234567890123")]
    [InlineData("aaaaaaaaaaaaaa")]
    [InlineData("abcabcabcabc")]
    [InlineData("iloveyou!!!!!!")]
    [InlineData("passwordpassword")]
    [InlineData("Section287-2026")]
    [InlineData("Sh3r1ff-2025-!!")]
    [InlineData("welcome12345678")]
    public void ACommonPassword_IsRefused(string password) => CommonPasswords.IsCommon(password).ShouldBeTrue(password);

    [Theory]
    [InlineData("timber lantern orchard 4417")]
    [InlineData("a new and long password")]
    [InlineData("violet kettles hum at noon")]
    [InlineData("demo-password-287")]
    public void APhraseOfOnesOwn_IsAccepted(string password) => CommonPasswords.IsCommon(password).ShouldBeFalse(password);

    [Fact]
    public void TheAccountsOwnEmailName_IsRefused() =>
        CommonPasswords.IsCommon("jordan.alvarez-2026!", "jordan.alvarez@example.test").ShouldBeTrue();

    [Fact]
    public async Task ChangingToACommonPassword_Gets400WithTheReason_AndTheOldPasswordStillWorks()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Rho County Sheriff's Office");
        var user = await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id);
        var http = await Given.ApiClientAsync(app, user);

        var refused = await http.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = user.Password, newPassword = "P@ssw0rd2024!!" }, Ct);

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("code").GetString().ShouldBe("auth.password_weak");
        problem.GetProperty("errors").GetProperty("newPassword")[0].GetString()!.ShouldContain("among the first ones guessed");
        (await (await Given.ApiClientAsync(app, user)).GetAsync("/api/v1/me", Ct)).StatusCode.ShouldBe(HttpStatusCode.OK);
        (await http.PostAsJsonAsync("/api/v1/me/password", new { currentPassword = user.Password, newPassword = "violet kettles hum at noon" }, Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
