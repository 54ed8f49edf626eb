using Section287.Features.Accounts;
using System.Net;
using System.Net.Http.Json;

namespace Section287.Tests.Features.Applications;

public sealed class ApplicationInputTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AnEditWithoutContent_IsA400NamingTheField_NotAServerError()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Input Test County Sheriff's Office");
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var started = await Api.Ok(coordinator.PostAsync("/api/v1/applications/", null, Ct));

        // Without the version it was made from, an edit is refused before anything else.
        await Api.Refused(coordinator.PutAsJsonAsync($"/api/v1/applications/{started.GetProperty("id").GetString()}",
            new { content = Given.CompleteApplication(new DateOnly(2026, 12, 1)) }, Ct), HttpStatusCode.BadRequest, "application.version_required");
        // The content at the top level instead of under "content": the mistake a client makes first.
        var refused = await Api.Refused(coordinator.PutAsJsonAsync($"/api/v1/applications/{started.GetProperty("id").GetString()}",
            new { version = started.GetProperty("version").GetInt64(), application = Given.CompleteApplication(new DateOnly(2026, 12, 1)) }, Ct),
            HttpStatusCode.BadRequest, "application.content_required");
        refused.GetProperty("errors").GetProperty("content").GetArrayLength().ShouldBe(1);
    }
}
