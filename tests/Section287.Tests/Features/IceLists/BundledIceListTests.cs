using Microsoft.EntityFrameworkCore;
using Section287.Features.Agreements;
using Section287.Features.IceLists;

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
    public async Task ARegistryThatImportedAList_IsNeverSeededAgain()
    {
        await using var app = await TestApp.StartAsync();
        await app.WithDbAsync(async (_, services) =>
        {
            await using var stream = File.OpenRead(Repo.Participating("2021-01-13"));
            await services.GetRequiredService<ImportIceList>().HandleAsync(stream, Repo.Participating("2021-01-13"), null, null, CancellationToken.None);
        });
        var before = await app.WithDbAsync((db, _) => db.Agreements.CountAsync());

        await app.WithDbAsync((_, services) => BundledIceList.LoadIfNoListImportedAsync(services, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, new Section287.Common.StartupState()));

        (await app.WithDbAsync((db, _) => db.Agreements.CountAsync())).ShouldBe(before);
    }

    [Fact]
    public async Task DevelopmentStart_LoadsTheBundledList_BesideTheDemoAgreements_AndNoImportRemovesThem()
    {
        await using var app = await TestApp.StartAsync(seedBundledList: true, environment: "Development");
        var bundled = IceListFile.Read(Path.Combine(Repo.AppContentRoot, "Data", "Reference", "participatingAgencies-2026-05-18.xlsx"));
        var demo = await app.WithDbAsync((db, _) => db.Agreements.Where(a => a.Agency.IsDemo).Select(a => new { a.Id, a.Source, a.Status,
            a.Model }).ToListAsync());
        demo.Select(d => (d.Model, d.Status)).OrderBy(d => d.Model).ShouldBe([(AgreementModel.Jail, AgreementStatus.Active),
            (AgreementModel.TaskForce, AgreementStatus.Draft)]);
        demo.ShouldAllBe(d => d.Source == AgreementSource.Demonstration);
        (await app.WithDbAsync((db, _) => db.Agreements.CountAsync(a => a.Source == AgreementSource.IceList))).ShouldBe(bundled.Rows.Count);

        // A newer list that omits nothing of ICE's still never touches the fictional agency's agreements.
        var report = await app.WithDbAsync(async (_, services) =>
        {
            await using var stream = File.OpenRead(Repo.Participating("2021-01-13"));
            return (await services.GetRequiredService<ImportIceList>().HandleAsync(stream, Repo.Participating("2021-01-13"), new DateOnly(2026, 6, 1),
                null, CancellationToken.None, "an old list imported as new, to prove no import removes the demo agreements (test)")).Value;
        });
        report.Removed.ShouldBeGreaterThan(0);
        report.RemovedAgreements.ShouldNotContain(r => demo.Any(d => d.Id == r.AgreementId));
        var after = await app.WithDbAsync((db, _) => db.Agreements.Where(a => a.Agency.IsDemo).Select(a => a.Status).ToListAsync());
        after.OrderBy(s => s).ShouldBe(demo.Select(d => d.Status).OrderBy(s => s));
    }
}
