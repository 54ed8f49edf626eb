using Section287.Features.Accounts;

namespace Section287.Tests.Data;

public sealed class StartupChecksTests
{
    [Fact]
    public async Task OutsideDevelopment_TheAppRefusesToStartWithDemoUsers()
    {
        var dataDir = Directory.CreateTempSubdirectory("s287-start-").FullName;
        await using var database = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>(database.Settings) { ["Section287:DataDirectory"] = dataDir,
            ["Section287:SeedBundledIceList"] = "false" };

        // A Development start seeds the demo accounts into this database...
        var dev = AppHost.Build(["--environment", "Development", "--contentRoot", Repo.AppContentRoot], b => b.Configuration.AddInMemoryCollection(settings));
        await AppHost.PrepareAsync(dev);
        await dev.DisposeAsync();

        // ...and a production start on the same database refuses, naming why.
        settings["Security:PersonDataKey"] = TestApp.TestPersonDataKey;
        var prod = AppHost.Build(["--environment", "Production", "--contentRoot", Repo.AppContentRoot], b => b.Configuration.AddInMemoryCollection(settings));
        var refusal = await Should.ThrowAsync<InvalidOperationException>(() => AppHost.PrepareAsync(prod));
        refusal.Message.ShouldContain("Demo user accounts exist");
        refusal.Message.ShouldContain("demo agency");
        await prod.DisposeAsync();
    }

    [Theory]
    [InlineData(null, "is not set")]
    [InlineData(Section287.Data.StartupChecks.DevelopmentPersonDataKey, "development default")]
    [InlineData("c2hvcnQ=", "32 random bytes")]
    public async Task OutsideDevelopment_TheAppRefusesDefaultOrMissingSecrets(string? key, string reason)
    {
        var dataDir = Directory.CreateTempSubdirectory("s287-start-").FullName;
        await using var database = await TestDatabase.CreateAsync();
        var settings = new Dictionary<string, string?>(database.Settings)
        {
            ["Section287:DataDirectory"] = dataDir, ["Section287:SeedBundledIceList"] = "false", ["Security:PersonDataKey"] = key,
        };
        var prod = AppHost.Build(["--environment", "Production", "--contentRoot", Repo.AppContentRoot], b => b.Configuration.AddInMemoryCollection(settings));
        (await Should.ThrowAsync<InvalidOperationException>(() => AppHost.PrepareAsync(prod))).Message.ShouldContain(reason);
        await prod.DisposeAsync();
    }

    [Fact]
    public async Task Development_SeedsOneDemoUserPerRole_AndAFictionalAgencyOutOfThePublicRegistry()
    {
        await using var app = await TestApp.StartAsync(environment: "Development");
        await app.WithDbAsync(async (db, _) =>
        {
            var demo = await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.ToListAsync(db.Users);
            demo.Select(u => u.Role).Order().ShouldBe(Enum.GetValues<Role>().Order());
            demo.ShouldAllBe(u => u.IsDemo);
        });
        var response = await app.Client().GetStringAsync("/api/v1/registry/agreements?q=Fictional", TestContext.Current.CancellationToken);
        response.ShouldContain("\"total\":0");
        // The demo officer may act at once under the fictional agency's jail agreement: a developer can record an encounter.
        var officer = await app.WithDbAsync(async (db, _) => await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Users, u => u.Role == Role.DesignatedOfficer));
        var http = await Given.ApiClientAsync(app, new TestUser(officer.Id, officer.Email!, Section287.Features.Accounts.DemoSeed.Password,
            Role.DesignatedOfficer, null));
        var me = await Api.Ok(http.GetAsync("/api/v1/officers/me", TestContext.Current.CancellationToken));
        me.GetProperty("fullName").GetString().ShouldBe("Dana Example");
        me.GetProperty("authority")[0].GetProperty("granted").GetBoolean().ShouldBeTrue(me.GetProperty("authority")[0].ToString());
    }
}
