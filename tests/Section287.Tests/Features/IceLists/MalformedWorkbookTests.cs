using System.IO.Compression;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;

namespace Section287.Tests.Features.IceLists;

/// <summary>
/// Issue 14, item 13: a file that only looks like a workbook (random bytes, a zip without a workbook in it, a real list cut off half
/// way, a sheet with other columns) is a 400 that names the problem, never a 500, and the registry is unchanged.
/// </summary>
public sealed class MalformedWorkbookTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static readonly string[] Kinds = ["random bytes", "a zip without a workbook", "a real list cut in half", "other columns", "an empty file"];

    private static async Task<byte[]> MakeAsync(string kind)
    {
        var real = await File.ReadAllBytesAsync(Repo.Participating("2025-07-18"), Ct);
        switch (kind)
        {
            case "random bytes":
                return System.Security.Cryptography.RandomNumberGenerator.GetBytes(50_000);
            case "a zip without a workbook":
                using (var buffer = new MemoryStream())
                {
                    using (var zip = new ZipArchive(buffer, ZipArchiveMode.Create, leaveOpen: true))
                    {
                        await using var entry = zip.CreateEntry("hello.txt").Open();
                        await entry.WriteAsync("not a workbook"u8.ToArray(), Ct);
                    }
                    return buffer.ToArray();
                }
            case "a real list cut in half":
                return real[..(real.Length / 2)];
            case "other columns":
                return Workbook.Write(["NAME", "COLOR"], [["Test Name", "blue"], ["Test Other", "red"]]);
            default:
                return [];
        }
    }

    [Fact]
    public async Task AFileThatOnlyLooksLikeAWorkbook_Gets400NamingTheProblem_AndChangesNothing()
    {
        await using var app = await TestApp.StartAsync();
        var http = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        foreach (var kind in Kinds)
        {
            using var form = new MultipartFormDataContent { { new ByteArrayContent(await MakeAsync(kind)), "file", "participatingAgencies-2026-06-01.xlsx" } };

            var response = await http.PostAsync("/api/v1/ice-lists/", form, Ct);

            response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, kind);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>(Ct);
            problem.GetProperty("code").GetString()!.ShouldStartWith("ice_list.", customMessage: kind);
            problem.GetProperty("title").GetString()!.Length.ShouldBeGreaterThan(10, kind);
            (await app.WithDbAsync((db, _) => db.IceListSnapshots.CountAsync(Ct))).ShouldBe(0, kind);
            (await app.WithDbAsync((db, _) => db.Agreements.CountAsync(Ct))).ShouldBe(0, kind);
        }
    }
}
