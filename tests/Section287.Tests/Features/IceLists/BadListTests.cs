using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Tests.Features.IceLists;

/// <summary>
/// Issue 14, item 3: a bad workbook cannot empty the public registry. Through the API as the program office: a header with a
/// million blank rows is refused with 400 and changes nothing (and the real list still imports after it); a list that would
/// remove more than 10% of the agreements is refused with 422 unless the removals are confirmed with a reason, which is audited.
/// </summary>
public sealed class BadListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Header = IceListUpload.Header;

    private static Task<HttpResponseMessage> UploadAsync(HttpClient http, byte[] bytes, string name, string? confirm = null) =>
        IceListUpload.PostAsync(http, bytes, name, confirm);

    private static Task<int> ActiveAsync(TestApp app) =>
        app.WithDbAsync((db, _) => db.Agreements.CountAsync(a => a.Source == AgreementSource.IceList && a.Status == AgreementStatus.Active));

    [Fact]
    public async Task AHeaderWithAMillionBlankRows_IsRefused_AndTheRealListStillImportsAfterIt()
    {
        await using var app = await TestApp.StartAsync();
        var http = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        (await UploadAsync(http, await File.ReadAllBytesAsync(Repo.Participating("2025-02-21"), Ct), "participatingAgencies-2025-02-21.xlsx"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = await ActiveAsync(app);

        var bomb = Workbook.Write(Header, [], blankRows: 1_000_000);
        var refused = await UploadAsync(http, bomb, "participatingAgencies-2026-12-01.xlsx");

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("code").GetString().ShouldBe("ice_list.no_rows");
        problem.GetProperty("title").GetString()!.ShouldContain("1,000,000 blank rows");
        (await ActiveAsync(app)).ShouldBe(before);
        (await UploadAsync(http, await File.ReadAllBytesAsync(Repo.Participating("2025-07-18"), Ct), "participatingAgencies-2025-07-18.xlsx"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    [Fact]
    public async Task AListThatRemovesMostAgreements_IsRefused_UntilTheRemovalsAreConfirmedWithAReason()
    {
        await using var app = await TestApp.StartAsync();
        var http = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        (await UploadAsync(http, await File.ReadAllBytesAsync(Repo.Participating("2025-07-18"), Ct), "participatingAgencies-2025-07-18.xlsx"))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var before = await ActiveAsync(app);
        // A later list cut to its first fifth, as a broken export would be.
        var real = IceListFile.Read(Repo.Participating("2025-07-18")).Rows;
        var cut = real.Take(real.Count / 5).Select(r => (IReadOnlyList<string>)Header.Select(h => r.GetValueOrDefault(h) ?? "").ToList());
        var bytes = Workbook.Write(Header, cut);

        var refused = await UploadAsync(http, bytes, "participatingAgencies-2025-08-01.xlsx");

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        var problem = await refused.Content.ReadFromJsonAsync<JsonElement>(Ct);
        problem.GetProperty("code").GetString().ShouldBe(Section287.Features.IceLists.IceListErrors.MassRemovalRule.Code);
        problem.GetProperty("title").GetString()!.ShouldContain($"of the {before:N0} agreements");
        (await ActiveAsync(app)).ShouldBe(before);
        (await app.WithDbAsync((db, _) => db.IceListSnapshots.CountAsync())).ShouldBe(1);

        var confirmed = await UploadAsync(http, bytes, "participatingAgencies-2025-08-01.xlsx", "ICE ended most agreements on 2025-08-01 (test)");
        confirmed.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await ActiveAsync(app)).ShouldBeLessThan(before / 2);
        var reason = await app.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.Action == "ice_list.import").OrderByDescending(e => e.Sequence)
            .Select(e => e.Reason).FirstAsync());
        reason.ShouldContain("removals confirmed: ICE ended most agreements on 2025-08-01 (test)");
    }

    [Fact]
    public async Task AWorkbookThatUnpacksBeyondTheCap_IsRefusedBeforeItIsParsed()
    {
        await using var app = await TestApp.StartAsync();
        var http = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var row = (IReadOnlyList<string>)["ZZ", new string('x', 4_000), "County", "Nowhere", "Jail Enforcement Model", "2025-01-01"];
        var bytes = Workbook.Write(Header, Enumerable.Repeat(row, 20_000));
        bytes.Length.ShouldBeLessThan((int)Section287.Features.IceLists.IceListErrors.MaxUpload);

        var refused = await UploadAsync(http, bytes, "participatingAgencies-2026-12-01.xlsx");

        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("title").GetString()!.ShouldContain("unpacks to");
        (await app.WithDbAsync((db, _) => db.IceListSnapshots.CountAsync())).ShouldBe(0);
    }
}
