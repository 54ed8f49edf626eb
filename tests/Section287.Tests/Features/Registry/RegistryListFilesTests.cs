using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Section287.Features.IceLists;

namespace Section287.Tests.Features.Registry;

/// <summary>Issue 18: every imported ICE list downloads as ICE published it (the same bytes, the same SHA-256) and as CSV of its rows.</summary>
public sealed class RegistryListFilesTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task EveryImportedList_DownloadsAsPublished_AndAsCsv()
    {
        await using var app = await TestApp.StartAsync();
        foreach (var date in new[] { "2025-02-21", "2025-07-18" })
        {
            await app.WithDbAsync(async (_, services) =>
            {
                await using var stream = File.OpenRead(Repo.Participating(date));
                (await services.GetRequiredService<ImportIceList>().HandleAsync(stream, Repo.Participating(date), null, null, Ct)).IsSuccess.ShouldBeTrue();
            });
        }
        var http = app.Client();
        var lists = (await http.GetFromJsonAsync<JsonElement>("/api/v1/registry/lists", Ct)).EnumerateArray().ToList();
        lists.Select(l => l.GetProperty("asOf").GetString()).ShouldBe(["2025-07-18", "2025-02-21"]);
        foreach (var list in lists)
        {
            var path = Repo.Participating(list.GetProperty("asOf").GetString()!);
            var id = list.GetProperty("id").GetGuid();
            list.GetProperty("fileKept").GetBoolean().ShouldBeTrue();
            var bytes = await http.GetByteArrayAsync($"/api/v1/registry/lists/{id}.xlsx", Ct);
            bytes.ShouldBe(await File.ReadAllBytesAsync(path, Ct));
            Convert.ToHexStringLower(SHA256.HashData(bytes)).ShouldBe(list.GetProperty("sha256").GetString());

            var csv = (await http.GetStringAsync($"/api/v1/registry/lists/{id}.csv", Ct)).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            csv[0].ShouldStartWith("row,STATE,LAW ENFORCEMENT AGENCY");
            csv.Length.ShouldBe(IceListFile.Read(path).Rows.Count + 1);
        }
        (await http.GetAsync($"/api/v1/registry/lists/{Guid.NewGuid()}.xlsx", Ct)).StatusCode.ShouldBe(HttpStatusCode.NotFound);

        var page = await http.GetStringAsync("/registry/lists", Ct);
        page.ShouldContain($"/api/v1/registry/lists/{lists[0].GetProperty("id").GetGuid()}.xlsx");
        page.ShouldContain(lists[1].GetProperty("sha256").GetString()!);
        (await http.GetStringAsync("/registry/lists?lang=es", Ct)).ShouldContain("Las listas de agencias participantes de ICE");
    }
}
