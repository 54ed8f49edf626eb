using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Agreements;

namespace Section287.Tests.Features.Registry;

/// <summary>
/// Issue 17: the public registry's reads are revalidated by the registry's version (their ETag; the summary is also computed
/// once per version), and what they serve stays equal to plain SQL over the rows after every change.
/// </summary>
public sealed class RegistrySummaryCacheTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static Task<int> PlainActiveCountAsync(TestApp app) => app.WithDbAsync((db, _) => db.Database.SqlQuery<int>(
        $"""SELECT COUNT(*) AS "Value" FROM "Agreements" g JOIN "Agencies" a ON a."Id" = g."AgencyId" WHERE g."Status" = 'Active' AND NOT a."IsDemo" """)
        .SingleAsync(Ct));

    private static async Task<HttpResponseMessage> GetAsync(HttpClient http, string? etag, string url = "/api/v1/registry/summary")
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        if (etag is not null) request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(etag));
        return await http.SendAsync(request, Ct);
    }

    [Fact]
    public async Task RegistryReads_CarryTheRegistrysVersionAsETag_AnswerRevalidationWith304_AndChangeWithIt_EqualToPlainSql()
    {
        await using var app = await TestApp.StartAsync();
        var http = app.Client();
        var first = await GetAsync(http, null);
        first.StatusCode.ShouldBe(HttpStatusCode.OK);
        var etag = first.Headers.ETag!.ToString();
        etag.ShouldStartWith("\"registry-");
        first.Headers.CacheControl!.Public.ShouldBeTrue();
        first.Headers.CacheControl.NoCache.ShouldBeTrue("an ended agreement must not stay on a cached page: revalidate every time");
        (await first.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("agreements").GetProperty("total").GetInt32()
            .ShouldBe(await PlainActiveCountAsync(app));

        // Nothing changed: 304 with no body, and the same tag again.
        var unchanged = await GetAsync(http, etag);
        unchanged.StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await unchanged.Content.ReadAsByteArrayAsync(Ct)).ShouldBeEmpty();
        (await GetAsync(http, null)).Headers.ETag!.ToString().ShouldBe(etag);

        // The list and an agency's page are revalidated by the same version; a bad filter is still a 400, never a 304.
        const string kentucky = "/api/v1/registry/agreements?state=KY";
        (await GetAsync(http, etag, kentucky)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        (await GetAsync(http, etag, "/api/v1/registry/agreements?model=XYZ")).StatusCode.ShouldBe(HttpStatusCode.BadRequest);

        // An agreement is added: the old tag no longer matches, and the figures are the rows' own.
        var agency = await Given.AgencyAsync(app, "Test Omicron County Sheriff's Office", "KY");
        await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var list = await GetAsync(http, etag, kentucky);
        list.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await list.Content.ReadAsStringAsync(Ct)).ShouldContain("Test Omicron County Sheriff");
        var agencyUrl = $"/api/v1/registry/agencies/{agency.Id}";
        var page = await GetAsync(http, null, agencyUrl);
        page.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await GetAsync(http, page.Headers.ETag!.ToString(), agencyUrl)).StatusCode.ShouldBe(HttpStatusCode.NotModified);
        var changed = await GetAsync(http, etag);
        changed.StatusCode.ShouldBe(HttpStatusCode.OK);
        changed.Headers.ETag!.ToString().ShouldNotBe(etag);
        var summary = await changed.Content.ReadFromJsonAsync<JsonElement>(Ct);
        var total = await PlainActiveCountAsync(app);
        total.ShouldBeGreaterThan(0);
        summary.GetProperty("agreements").GetProperty("total").GetInt32().ShouldBe(total);
        summary.GetProperty("agreements").GetProperty("byState").GetProperty("KY").GetInt32().ShouldBe(1);

        // The agreement is suspended: it leaves the active figures at once.
        await app.WithDbAsync(async (db, _) =>
        {
            var tracked = await db.Agreements.SingleAsync(a => a.AgencyId == agency.Id, Ct);
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            tracked.Suspend(today, "Suspended for the test", today.AddDays(30), DateTime.UtcNow, "Write to the field office with corrective measures",
                new SuspensionNotice("ice", "Test Director", "Test Executive Associate Director")).ShouldBeNull();
            return await db.SaveChangesAsync(Ct);
        });
        var after = await GetAsync(http, changed.Headers.ETag!.ToString());
        after.StatusCode.ShouldBe(HttpStatusCode.OK);
        var afterTotal = (await after.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("agreements").GetProperty("total").GetInt32();
        afterTotal.ShouldBe(await PlainActiveCountAsync(app));
        afterTotal.ShouldBe(total - 1);
        (await GetAsync(http, page.Headers.ETag!.ToString(), agencyUrl)).StatusCode.ShouldBe(HttpStatusCode.OK, "the agency's agreement changed");
    }
}
