using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;

namespace Section287.Tests.Features.Encounters;

/// <summary>The encounter list by keyset: every record once, newest first, whatever the size, in the API and on the page.</summary>
public sealed class EncounterListTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task PagingByCursor_ReadsEveryEncounterOnce_NewestFirst_AndAForgedCursorIsA400()
    {
        await using var app = await TestApp.StartAsync();
        var load = await Cli.RunAsync(app.Database, Directory.CreateTempSubdirectory("s287-list-").FullName,
            "generate-demo-load", "--encounters", "230", "--agencies", "10", "--officers", "20", "--seed", "3");
        load.ExitCode.ShouldBe(0, load.Stderr);
        var user = await Given.UserAsync(app, Role.ProgramOffice);
        var po = await Given.ApiClientAsync(app, user);

        var seen = new List<(Guid Id, DateTime At)>();
        string? after = null;
        var pages = 0;
        do
        {
            var page = await Api.Ok(po.GetAsync($"/api/v1/encounters/?pageSize=50{(after is null ? "" : $"&after={after}")}", Ct));
            page.GetProperty("pageSize").GetInt32().ShouldBe(50);
            seen.AddRange(page.GetProperty("items").EnumerateArray().Select(i => (i.GetProperty("id").GetGuid(), i.GetProperty("occurredAt").GetDateTime())));
            after = page.GetProperty("next").ValueKind == JsonValueKind.Null ? null : page.GetProperty("next").GetString();
            pages++;
        }
        while (after is not null && pages < 20);

        pages.ShouldBe(5);
        var all = await app.WithDbAsync((db, _) => db.Encounters.Select(e => e.Id).ToListAsync(Ct));
        seen.Select(s => s.Id).ShouldBeUnique();
        seen.Select(s => s.Id).Order().ShouldBe(all.Order());
        seen.Select(s => s.At).ShouldBeInOrder(SortDirection.Descending);

        await Api.Refused(po.GetAsync("/api/v1/encounters/?after=not-a-cursor", Ct), HttpStatusCode.BadRequest, "paging.cursor_invalid");
        await Api.Refused(po.GetAsync("/api/v1/encounters/?pageSize=201", Ct), HttpStatusCode.BadRequest, "paging.invalid");

        // The page, without script: the newest fifty, then "Older" links to the next fifty, then "Newest" back.
        var browser = await FormSignIn.SignInAsync(app, user);
        var first = await browser.GetStringAsync("/staff/encounters", Ct);
        first.ShouldContain("The newest 50 encounters; more below.");
        var older = Regex.Match(first, "href=\"(\\?status=&amp;after=[A-Za-z0-9_-]+)\">Older</a>");
        older.Success.ShouldBeTrue();
        var second = await browser.GetStringAsync("/staff/encounters" + WebUtility.HtmlDecode(older.Groups[1].Value), Ct);
        second.ShouldContain("Older 50 encounters; more below.");
        second.ShouldContain(">Newest</a>");
        Regex.Matches(second, "/staff/encounters/([0-9a-f-]{36})\"").Select(m => Guid.Parse(m.Groups[1].Value))
            .ShouldBe(seen.Skip(50).Take(50).Select(s => s.Id));
    }
}
