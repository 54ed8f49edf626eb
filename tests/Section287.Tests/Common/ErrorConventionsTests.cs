using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace Section287.Tests.Common;

public sealed class ErrorConventionsTests
{
    /// <summary>Adds, inside the app's own pipeline, an address that fails the way a bug would.</summary>
    private sealed class Failing : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            next(app);
            app.Run(context => context.Request.Path == "/__test/bug"
                ? throw new InvalidOperationException("secret detail that must not reach the client")
                : Task.CompletedTask);
        };
    }

    [Fact]
    public async Task AnUnhandledError_IsA500ProblemWithACorrelationId_AndNoStackTrace()
    {
        await using var app = await TestApp.StartAsync(services: s => s.AddTransient<IStartupFilter, Failing>());

        var response = await app.Client().GetAsync("/__test/bug", TestContext.Current.CancellationToken);

        response.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var body = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        body.ShouldNotContain("secret detail");
        body.ShouldNotContain("   at ");
        var problem = JsonDocument.Parse(body).RootElement;
        problem.GetProperty("code").GetString().ShouldBe("server.error");
        problem.GetProperty("correlationId").GetString().ShouldNotBeNullOrEmpty();
    }

    [Fact]
    public async Task UnknownApiRoutes_AndMissingSignIn_AreProblemsWithCodes()
    {
        await using var app = await TestApp.StartAsync();
        var http = app.Client();

        var missing = await http.GetAsync("/api/v1/no-such-thing", TestContext.Current.CancellationToken);
        missing.StatusCode.ShouldBe(HttpStatusCode.NotFound);
        (await missing.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetString().ShouldBe("route.not_found");

        var anonymous = await http.GetAsync("/api/v1/agencies/", TestContext.Current.CancellationToken);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        (await anonymous.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken)).GetProperty("code").GetString().ShouldBe("auth.required");
    }

    [Fact]
    public async Task APageFormPostedWithoutItsAntiforgeryToken_IsRefused()
    {
        await using var app = await TestApp.StartAsync();
        var response = await app.Client().PostAsync("/account/sign-in",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["Email"] = "a@example.test", ["Password"] = "whatever password" }),
            TestContext.Current.CancellationToken);
        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
    }
}
