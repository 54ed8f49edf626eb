using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.IceLists;

namespace Section287.Tests.Features.IceLists;

/// <summary>
/// Issue 14, item 3: any import can be undone by the program office with a reason: the registry is restored as it was (every field the
/// import changed, every record it added gone), the undo is audited, and the list no longer counts, so the real list imports again.
/// Only the newest import of a kind, and not once something else has changed what it touched.
/// </summary>
public sealed class ImportUndoTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Header = IceListUpload.Header;

    private static async Task<JsonElement> UploadAsync(HttpClient http, string path, string? confirm = null) =>
        await UploadAsync(http, await File.ReadAllBytesAsync(path, Ct), Path.GetFileName(path), confirm);

    private static async Task<JsonElement> UploadAsync(HttpClient http, byte[] bytes, string name, string? confirm = null)
    {
        var response = await IceListUpload.PostAsync(http, bytes, name, confirm);
        response.StatusCode.ShouldBe(HttpStatusCode.OK, await response.Content.ReadAsStringAsync(Ct));
        return await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
    }

    /// <summary>Everything an import can change, in a comparable form.</summary>
    private static Task<List<string>> RegistryAsync(TestApp app) => app.WithDbAsync<List<string>>(async (db, _) =>
    {
        var agreements = await db.Agreements.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => $"{a.Id}|{a.AgencyId}|{a.Model}|{a.Status}|{a.SignedOn}|{a.MoaUrl}|{a.AddendumUrl}|{a.FirstListedOn}|{a.LastListedOn}|{a.RemovedOn}")
            .ToListAsync(Ct);
        var agencies = await db.Agencies.AsNoTracking().OrderBy(a => a.Id)
            .Select(a => $"{a.Id}|{a.Name}|{a.Type}|{a.Ori}|{a.CountyFips}|{a.AorCode}|{a.TimeZone}").ToListAsync(Ct);
        var history = await db.Set<AgreementChange>().CountAsync(Ct);
        var flags = await db.DataQualityFlags.CountAsync(Ct);
        return [.. agreements, .. agencies, $"history {history}", $"flags {flags}"];
    });

    private static async Task<HttpResponseMessage> UndoAsync(HttpClient http, Guid snapshot, string? reason) =>
        await http.PostAsJsonAsync($"/api/v1/ice-lists/{snapshot}/undo", new { reason }, Ct);

    [Fact]
    public async Task UndoingAConfirmedMassRemoval_RestoresTheRegistryExactly_AndTheRealListCountsAgain()
    {
        await using var app = await TestApp.StartAsync();
        var http = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        await UploadAsync(http, Repo.Participating("2025-07-18"));
        var before = await RegistryAsync(app);
        var summaryBefore = await http.GetStringAsync("/api/v1/registry/summary", Ct);

        var real = IceListFile.Read(Repo.Participating("2025-07-18")).Rows;
        var cut = Workbook.Write(Header, real.Take(real.Count / 5).Select(r => (IReadOnlyList<string>)Header.Select(h => r.GetValueOrDefault(h) ?? "").ToList()));
        var bad = await UploadAsync(http, cut, "participatingAgencies-2025-08-01.xlsx", "Believed ICE ended most agreements (test)");
        var badId = bad.GetProperty("snapshotId").GetGuid();
        (await RegistryAsync(app)).ShouldNotBe(before);

        var noReason = await UndoAsync(http, badId, " ");
        noReason.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await noReason.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe("ice_list.undo_reason_required");
        var undone = await UndoAsync(http, badId, "The 2025-08-01 file was a broken export");
        undone.StatusCode.ShouldBe(HttpStatusCode.OK, await undone.Content.ReadAsStringAsync(Ct));

        (await RegistryAsync(app)).ShouldBe(before);
        (await http.GetStringAsync("/api/v1/registry/summary", Ct)).ShouldBe(summaryBefore);
        var entry = await app.WithDbAsync((db, _) => db.AuditEntries.Where(e => e.Action == "ice_list.undo").OrderBy(e => e.Sequence).FirstAsync(Ct));
        entry.Reason.ShouldContain("The 2025-08-01 file was a broken export");
        var again = await UndoAsync(http, badId, "twice");
        again.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await again.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe(IceListErrors.UndoAlready.Code);

        // The undone list no longer blocks: a newer real list imports as over the list before it.
        var next = await UploadAsync(http, Repo.Participating("2026-05-18"));
        next.GetProperty("alreadyImported").GetBoolean().ShouldBeFalse();
        next.GetProperty("removed").GetInt32().ShouldBeLessThan(before.Count / 10);
    }

    [Fact]
    public async Task UndoingAnImportThatAddedAgreements_DeletesThem_InOrderNewestFirst_AndNotOnceSomethingElseChangedThem()
    {
        await using var app = await TestApp.StartAsync();
        var http = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var first = (await UploadAsync(http, Repo.Participating("2021-01-13"))).GetProperty("snapshotId").GetGuid();
        var afterFirst = await RegistryAsync(app);
        var second = await UploadAsync(http, Repo.Participating("2025-02-21"), "The program grew (test)");
        second.GetProperty("added").GetInt32().ShouldBeGreaterThan(0);
        var secondId = second.GetProperty("snapshotId").GetGuid();

        var outOfOrder = await UndoAsync(http, first, "Out of order");
        outOfOrder.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await outOfOrder.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe(IceListErrors.UndoNotNewest.Code);

        // Something else changes an agreement the second list added: the undo is refused, and nothing changes.
        var addedId = second.GetProperty("addedAgreements")[0].GetProperty("agreementId").GetGuid();
        (await http.PostAsJsonAsync($"/api/v1/agreements/{addedId}/suspension", Notices.Suspension("Test suspension", "2027-01-31"), Ct))
            .StatusCode.ShouldBe(HttpStatusCode.OK);
        var withSuspension = await RegistryAsync(app);
        var refused = await UndoAsync(http, secondId, "Trying");
        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe(IceListErrors.UndoChangedSince.Code);
        (await RegistryAsync(app)).ShouldBe(withSuspension);

        // On a fresh registry where nothing else happened, the same undo takes the registry back to the first list.
        await using var clean = await TestApp.StartAsync();
        var cleanHttp = await Given.ApiClientAsync(clean, await Given.UserAsync(clean, Role.ProgramOffice));
        await UploadAsync(cleanHttp, Repo.Participating("2021-01-13"));
        var cleanBefore = await RegistryAsync(clean);
        var cleanSecond = (await UploadAsync(cleanHttp, Repo.Participating("2025-02-21"), "The program grew (test)")).GetProperty("snapshotId").GetGuid();
        var report = await (await UndoAsync(cleanHttp, cleanSecond, "Undo the newer list (test)")).Content.ReadFromJsonAsync<JsonElement>(Ct);
        report.GetProperty("deleted").GetInt32().ShouldBeGreaterThan(0);
        (await RegistryAsync(clean)).ShouldBe(cleanBefore);
        afterFirst.Count.ShouldBe(cleanBefore.Count);
    }

    [Fact]
    public async Task TheImportsPage_ShowsEachListsStatus_AndUndoesTheNewestWithAReason_WithoutScript()
    {
        await using var app = await TestApp.StartAsync();
        var user = await Given.UserAsync(app, Role.ProgramOffice);
        var http = await Given.ApiClientAsync(app, user);
        await UploadAsync(http, Repo.Participating("2025-07-18"));
        var before = await RegistryAsync(app);
        var newer = (await UploadAsync(http, Repo.Participating("2026-05-18"))).GetProperty("snapshotId").GetGuid();

        var browser = await FormSignIn.SignInAsync(app, user);
        var page = await browser.GetStringAsync("/staff/ice-lists", Ct);
        page.ShouldContain("Undo this import");
        page.ShouldContain($"value=\"{newer}\"");
        var token = FormSignIn.Antiforgery(page);
        var post = await browser.PostAsync("/staff/ice-lists?handler=Undo", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["id"] = newer.ToString(), ["reason"] = "Imported the wrong file (test)", ["__RequestVerificationToken"] = token,
        }), Ct);
        post.StatusCode.ShouldBe(HttpStatusCode.Redirect);
        var after = await browser.GetStringAsync(post.Headers.Location!.ToString(), Ct);
        after.ShouldContain("was undone");
        after.ShouldContain("Imported the wrong file (test)");
        (await RegistryAsync(app)).ShouldBe(before);
    }

    [Fact]
    public async Task AnImportMadeBeforeImportsKeptWhatTheyChanged_CannotBeUndone()
    {
        await using var app = await TestApp.StartAsync();
        var http = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var id = (await UploadAsync(http, Repo.Participating("2021-01-13"))).GetProperty("snapshotId").GetGuid();
        // As a database upgraded from before: the import is there, the earlier values of what it changed are not.
        await app.WithDbAsync(async (db, _) => await db.IceListUndoRecords.Where(r => r.SnapshotId == id).ExecuteDeleteAsync(Ct));
        var before = await RegistryAsync(app);

        var refused = await UndoAsync(http, id, "Trying an old import (test)");

        refused.StatusCode.ShouldBe(HttpStatusCode.UnprocessableEntity);
        (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe(IceListErrors.UndoUnrecorded.Code);
        (await RegistryAsync(app)).ShouldBe(before);
    }
}
