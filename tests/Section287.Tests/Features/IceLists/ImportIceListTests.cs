using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.IceLists;

namespace Section287.Tests.Features.IceLists;

/// <summary>The importer against ICE's real published workbooks, on a real database.</summary>
public sealed class ImportIceListTests
{
    private static async Task<Section287.Common.Result<ImportReport>> ImportAsync(TestApp app, string path, DateOnly? asOf = null, string? confirm = null) =>
        await app.WithDbAsync(async (_, services) =>
        {
            await using var stream = File.OpenRead(path);
            return await services.GetRequiredService<ImportIceList>().HandleAsync(stream, path, asOf, null, CancellationToken.None, confirm);
        });

    /// <summary>ICE's 2021 and 2025 lists are four years apart: many agreements ended between them, so the removals are confirmed.</summary>
    private const string FourYears = "ICE's lists of 2021 and 2025 are four years apart (test)";

    [Fact]
    public async Task OlderThenNewerList_AddsWhatIsNewAndMarksWhatIsGoneAsRemoved()
    {
        await using var app = await TestApp.StartAsync();
        var older = IceListFile.Read(Repo.Participating("2025-02-21")).AgreementKeys();
        var newer = IceListFile.Read(Repo.Participating("2025-07-18")).AgreementKeys();

        var first = (await ImportAsync(app, Repo.Participating("2025-02-21"))).Value;
        first.Added.ShouldBe(older.Count);
        first.Removed.ShouldBe(0);

        var second = (await ImportAsync(app, Repo.Participating("2025-07-18"))).Value;
        second.Added.ShouldBe(newer.Except(older).Count());
        second.Removed.ShouldBe(older.Except(newer).Count());
        (second.Updated + second.Unchanged).ShouldBe(newer.Intersect(older).Count());

        await app.WithDbAsync(async (db, _) =>
        {
            var removed = await db.Agreements.Include(a => a.Agency).Where(a => a.Status == AgreementStatus.Removed).ToListAsync();
            removed.Count.ShouldBe(second.Removed);
            removed.ShouldAllBe(a => a.RemovedOn == new DateOnly(2025, 7, 18));
            var history = await db.AgreementChanges.Where(c => c.Kind == AgreementChangeKind.Removed).CountAsync();
            history.ShouldBe(second.Removed);
            (await db.Agreements.CountAsync()).ShouldBe(older.Union(newer).Count());
        });
    }

    [Fact]
    public async Task EveryRowIsAccountedFor_AndBlankRowsAreNotRows()
    {
        await using var app = await TestApp.StartAsync();
        var file = IceListFile.Read(Repo.Participating("2026-05-18"));
        var report = (await ImportAsync(app, Repo.Participating("2026-05-18"))).Value;

        report.Rows.ShouldBe(file.Rows.Count);
        (report.Added + report.Updated + report.Unchanged + report.Duplicates + report.Rejected).ShouldBe(report.Rows);
        report.BlankRows.ShouldBeGreaterThan(0);
        await app.WithDbAsync(async (db, _) =>
        {
            (await db.Agreements.CountAsync(a => a.Model == AgreementModel.TaskForce)).ShouldBe(file.CountModel("TFM"));
            (await db.Agreements.CountAsync(a => a.Model == AgreementModel.WarrantService)).ShouldBe(file.CountModel("WSO"));
            (await db.Agreements.CountAsync(a => a.Model == AgreementModel.Jail)).ShouldBe(file.CountModel("JEM"));
        });
    }

    [Fact]
    public async Task ReimportingTheSameFile_ChangesNothing()
    {
        await using var app = await TestApp.StartAsync();
        await ImportAsync(app, Repo.Participating("2025-07-18"));
        var before = await app.WithDbAsync(async (db, _) =>
            (await db.Agreements.CountAsync(), await db.AgreementChanges.CountAsync(), await db.AuditEntries.CountAsync(),
             await db.IceListSnapshots.CountAsync(), await db.DataQualityFlags.CountAsync()));

        var again = (await ImportAsync(app, Repo.Participating("2025-07-18"))).Value;

        again.AlreadyImported.ShouldBeTrue();
        (again.Added, again.Updated, again.Removed).ShouldBe((0, 0, 0));
        again.Unchanged.ShouldBe(again.Rows);
        var after = await app.WithDbAsync(async (db, _) =>
            (await db.Agreements.CountAsync(), await db.AgreementChanges.CountAsync(), await db.AuditEntries.CountAsync(),
             await db.IceListSnapshots.CountAsync(), await db.DataQualityFlags.CountAsync()));
        after.ShouldBe(before);
    }

    [Fact]
    public async Task AListOlderThanTheNewestImported_IsRefused()
    {
        await using var app = await TestApp.StartAsync();
        await ImportAsync(app, Repo.Participating("2025-07-18"));
        var count = await app.WithDbAsync((db, _) => db.Agreements.CountAsync());

        var result = await ImportAsync(app, Repo.Participating("2025-02-21"));

        result.IsSuccess.ShouldBeFalse();
        result.Error!.Code.ShouldBe("ice_list.older_than_newest");
        result.Error.Message.ShouldContain("2025-02-21");
        (await app.WithDbAsync((db, _) => db.Agreements.CountAsync())).ShouldBe(count);
    }

    [Fact]
    public async Task ChangedFields_GoIntoTheAgreementsHistory()
    {
        await using var app = await TestApp.StartAsync();
        await ImportAsync(app, Repo.Participating("2021-01-13"));
        var report = (await ImportAsync(app, Repo.Participating("2025-02-21"), confirm: FourYears)).Value;

        report.Updated.ShouldBeGreaterThan(0);
        await app.WithDbAsync(async (db, _) =>
        {
            var changed = await db.AgreementChanges.Where(c => c.Kind == AgreementChangeKind.Changed).ToListAsync();
            changed.Count.ShouldBe(report.Updated);
            // The 2021 list linked archived copies of the MOAs; the 2025 list links ICE's own.
            changed.SelectMany(c => c.ReadFields()).ShouldContain(f => f.Field == "moaUrl" && f.From!.Contains("web.archive.org"));
        });
    }

    [Fact]
    public async Task QuirksOfTheRealLists_AreKeptAsFlagsAndNeverCrash()
    {
        await using var app = await TestApp.StartAsync();
        var report = (await ImportAsync(app, Repo.Participating("2025-07-18"))).Value;

        report.Flags[IceListFlags.SignedImpossible].ShouldBe(1);
        report.Flags[IceListFlags.SignedRepaired].ShouldBe(2);
        report.Flags.Keys.ShouldContain(IceListFlags.CountyNotAvailable);
        report.Flags.Keys.ShouldContain(IceListFlags.LinkPending);
        await app.WithDbAsync(async (db, _) =>
        {
            var impossible = await db.DataQualityFlags.SingleAsync(f => f.Code == IceListFlags.SignedImpossible);
            var agreement = await db.Agreements.SingleAsync(a => a.Id == impossible.AgreementId);
            agreement.SignedOn.ShouldBeNull();
            DateTime.FromOADate(double.Parse(impossible.RawValue!)).Year.ShouldBe(5025);

            var repaired = await db.DataQualityFlags.Where(f => f.Code == IceListFlags.SignedRepaired).ToListAsync();
            repaired.Select(f => f.RawValue).ShouldBe(["7/72025", "05/082025"], ignoreOrder: true);
            var repairedDates = await db.Agreements.Where(a => repaired.Select(f => f.AgreementId).Contains(a.Id)).Select(a => a.SignedOn).ToListAsync();
            repairedDates.ShouldBe([new DateOnly(2025, 7, 7), new DateOnly(2025, 5, 8)], ignoreOrder: true);

            var pendingLinks = await db.DataQualityFlags.Where(f => f.Code == IceListFlags.LinkPending).Select(f => f.AgreementId).ToListAsync();
            (await db.Agreements.Where(a => pendingLinks.Contains(a.Id)).AllAsync(a => a.MoaUrl == null)).ShouldBeTrue();

            var names = await db.Agencies.Select(a => a.Name).ToListAsync();
            names.ShouldAllBe(n => n == n.Trim() && !n.Contains("  "));
        });
    }

    [Fact]
    public async Task Agencies_AreMatchedToOriCountyAndAreaOfResponsibility()
    {
        await using var app = await TestApp.StartAsync();
        var report = (await ImportAsync(app, Repo.Participating("2026-05-18"))).Value;

        await app.WithDbAsync(async (db, _) =>
        {
            var agencies = await db.Agencies.ToListAsync();
            report.Unmatched.Ori.ShouldBe(agencies.Count(a => a.Ori is null));
            report.Unmatched.Aor.ShouldBe(agencies.Count(a => a.AorCode is null));
            report.UnmatchedAgencies.Count.ShouldBe(agencies.Count(a => a.Ori is null || a.CountyFips is null || a.AorCode is null));
            report.UnmatchedAgencies.Where(u => u.Missing.Contains("ori")).Select(u => u.Id).Order()
                .ShouldBe(agencies.Where(a => a.Ori is null).Select(a => a.Id).Order());
            agencies.Count(a => a.Ori is not null).ShouldBeGreaterThan(agencies.Count * 3 / 4);
            agencies.Count(a => a.AorCode is not null).ShouldBeGreaterThan(agencies.Count * 95 / 100);

            // The FBI roster names a sheriff by its county, and the Census lists Texas' Smith County as 48423.
            var smith = agencies.Single(a => a.State == "TX" && a.NameKey == "SMITH COUNTY SHERIFF'S OFFICE");
            smith.Ori.ShouldNotBeNull().ShouldStartWith("TX");
            smith.CountyFips.ShouldBe("48423");
            smith.AorCode.ShouldBe("DAL");
            smith.SwornOfficers.ShouldNotBeNull().ShouldBeGreaterThan(0);
        });
    }

    [Fact]
    public async Task PendingList_RecordsWhatAgenciesAskedFor()
    {
        await using var app = await TestApp.StartAsync();
        var file = IceListFile.Read(Repo.Pending("2025-07-18"));
        var report = (await ImportAsync(app, Repo.Pending("2025-07-18"))).Value;

        report.Kind.ShouldBe("pending");
        report.Rows.ShouldBe(file.Rows.Count);
        report.Added.ShouldBe(file.AgreementKeys().Count);
        await app.WithDbAsync(async (db, _) =>
        {
            (await db.PendingListings.CountAsync()).ShouldBe(report.Added);
            (await db.Agreements.CountAsync()).ShouldBe(0);
        });
    }

    [Fact]
    public async Task AFileThatIsNotAnIceList_IsRefusedWithAClearReason()
    {
        await using var app = await TestApp.StartAsync();
        var path = Path.Combine(Repo.SharedData, "stops", "nc_mecklenburg_sheriff_2022_04.csv");
        var result = await ImportAsync(app, path, new DateOnly(2025, 1, 1));
        result.Error!.Code.ShouldBe("ice_list.unreadable");
        result.Error.Message.ShouldContain("Excel");

        var noDate = await app.WithDbAsync(async (_, services) =>
        {
            await using var stream = File.OpenRead(Repo.Participating("2025-02-21"));
            return await services.GetRequiredService<ImportIceList>().HandleAsync(stream, "list.xlsx", null, null, CancellationToken.None);
        });
        noDate.Error!.Code.ShouldBe("ice_list.as_of_required");
    }
}
