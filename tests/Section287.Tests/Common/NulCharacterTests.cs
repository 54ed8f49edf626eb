using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;

namespace Section287.Tests.Common;

/// <summary>Issue 14, item 13: a NUL character (which PostgreSQL refuses to store) is bad input: 400 on both databases, nothing written.</summary>
public sealed class NulCharacterTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TextWithANulCharacter_Gets400_AndNothingIsWritten()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Nu County Sheriff's Office");
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var before = await app.WithDbAsync((db, _) => db.AgencyContacts.CountAsync(c => c.AgencyId == agency.Id));

        var response = await office.PostAsJsonAsync($"/api/v1/agencies/{agency.Id}/contacts",
            new { name = "Deputy\u0000Null", title = "Deputy", email = "deputy@example.test" }, Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe("request.nul_character");
        (await app.WithDbAsync((db, _) => db.AgencyContacts.CountAsync(c => c.AgencyId == agency.Id))).ShouldBe(before);
    }
}
