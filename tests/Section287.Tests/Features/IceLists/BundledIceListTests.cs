using Microsoft.EntityFrameworkCore;

namespace Section287.Tests.Features.IceLists;

public sealed class BundledIceListTests
{
    [Fact]
    public async Task FirstStart_LoadsIcesNewestListIntoAnEmptyRegistry()
    {
        await using var app = await TestApp.StartAsync(seedBundledList: true);
        var bundled = IceListFile.Read(Path.Combine(Repo.AppContentRoot, "Data", "Reference", "participatingAgencies-2026-05-18.xlsx"));
        (await app.WithDbAsync((db, _) => db.Agreements.CountAsync())).ShouldBe(bundled.Rows.Count);
    }

    [Fact]
    public async Task ARegistryWithData_IsNeverSeededAgain()
    {
        await using var app = await TestApp.StartAsync();
        await app.WithDbAsync(async (_, services) =>
        {
            await using var stream = File.OpenRead(Repo.Participating("2021-01-13"));
            await services.GetRequiredService<Section287.Features.IceLists.ImportIceList>().HandleAsync(stream, Repo.Participating("2021-01-13"), null, null, CancellationToken.None);
        });
        var before = await app.WithDbAsync((db, _) => db.Agreements.CountAsync());

        await app.WithDbAsync((_, services) => Section287.Features.IceLists.BundledIceList.LoadIntoEmptyRegistryAsync(services, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance));

        (await app.WithDbAsync((db, _) => db.Agreements.CountAsync())).ShouldBe(before);
    }
}
