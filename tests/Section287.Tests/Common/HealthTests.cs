using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Section287.Common;

namespace Section287.Tests.Common;

/// <summary>/health is healthy only when every part works, and names the part that does not.</summary>
public sealed class HealthTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task<(HttpStatusCode Status, JsonElement Body)> HealthAsync(TestApp app)
    {
        var response = await app.Client().GetAsync("/health", Ct);
        return (response.StatusCode, await response.Content.ReadFromJsonAsync<JsonElement>(Ct));
    }

    private static void ShouldFail(JsonElement body, string part)
    {
        body.GetProperty("status").GetString().ShouldBe("unhealthy");
        body.GetProperty("failing").EnumerateArray().Select(p => p.GetString()).ShouldBe([part]);
        body.GetProperty("parts").GetProperty(part).GetProperty("detail").GetString().ShouldNotBeNullOrWhiteSpace();
    }

    [Fact]
    public async Task AWorkingApp_IsHealthy_PartByPart()
    {
        await using var app = await TestApp.StartAsync();
        var (status, body) = await HealthAsync(app);
        status.ShouldBe(HttpStatusCode.OK);
        body.GetProperty("failing").GetArrayLength().ShouldBe(0);
        foreach (var part in new[] { "database", "keyRing", "bundledList" })
            body.GetProperty("parts").GetProperty(part).GetProperty("status").GetString().ShouldBe("healthy");
    }

    [Fact]
    public async Task ADatabaseThatFails_IsNamed()
    {
        await using var app = await TestApp.StartAsync();
        await app.WithDbAsync((db, _) => db.Database.ExecuteSqlRawAsync("ALTER TABLE \"Agreements\" RENAME TO \"AgreementsGone\""));
        var (status, body) = await HealthAsync(app);
        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        ShouldFail(body, "database");
    }

    [Fact]
    public async Task AKeyRingThatCannotProtect_IsNamed()
    {
        await using var app = await TestApp.StartAsync(services: s => s.AddSingleton<IDataProtectionProvider>(new BrokenProtection()));
        var (status, body) = await HealthAsync(app);
        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        ShouldFail(body, "keyRing");
    }

    [Fact]
    public async Task ABundledListThatDidNotLoad_IsNamed()
    {
        await using var app = await TestApp.StartAsync();
        app.Services.GetRequiredService<StartupState>().BundledList = StartupPart.Failed("ice_list.unreadable: the bundled workbook could not be read");
        var (status, body) = await HealthAsync(app);
        status.ShouldBe(HttpStatusCode.ServiceUnavailable);
        ShouldFail(body, "bundledList");
    }

    /// <summary>A key ring whose master key is wrong: nothing can be protected.</summary>
    private sealed class BrokenProtection : IDataProtector
    {
        public IDataProtector CreateProtector(string purpose) => this;

        public byte[] Protect(byte[] plaintext) => throw new InvalidOperationException("An error occurred while reading the key ring.");

        public byte[] Unprotect(byte[] protectedData) => throw new InvalidOperationException("An error occurred while reading the key ring.");
    }
}
