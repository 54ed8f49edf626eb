using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Encounters;
using Section287.Features.Transparency;

namespace Section287.Tests.Features.Transparency;

/// <summary>
/// Issue 18: a kind of figure reaches the public only after ICE's Office of Public Affairs and its Privacy Office both approved its
/// release (each MOA's section V.D and Appendix C); it is published per settled quarter through the publication gate, frozen once
/// published, and served to anyone, with ETag revalidation and a CSV with its data dictionary.
/// </summary>
public sealed class ReleaseTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AKindIsPublished_OnlyAfterBothOfficesApprove_ThroughTheGate_AndStaysAsPublished()
    {
        // 15 November 2026: the third quarter ended on 30 September and has settled (30 days); the fourth has not.
        var clock = new TestClock(new DateTimeOffset(2026, 11, 15, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var a1 = await Given.AgencyAsync(app, "Test Upsilon County Sheriff's Office", state: "ZZ");
        var a2 = await Given.AgencyAsync(app, "Test Phi City Police Department", state: "ZZ");
        var a3 = await Given.AgencyAsync(app, "Test Chi County Sheriff's Office", state: "ZY");
        var a4 = await Given.AgencyAsync(app, "Test Psi County Sheriff's Office", state: "ZY");
        var counts = new (Section287.Features.Agencies.Agency Agency, DateOnly Day, int Detainers)[]
        {
            (a1, new DateOnly(2026, 8, 10), 40), (a2, new DateOnly(2026, 9, 2), 4), (a3, new DateOnly(2026, 7, 20), 25), (a4, new DateOnly(2026, 9, 30), 30),
            (a1, new DateOnly(2026, 10, 5), 12),
        };
        foreach (var (agency, day, detainers) in counts)
        {
            var agreement = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
            await app.WithDbAsync(async (db, _) =>
            {
                // The measures' daily rows are what the publisher reads (MeasureTests proves them equal to the records).
                db.AgreementMeasureDays.Add(new AgreementMeasureDay
                {
                    AgreementId = agreement.Id, AgencyId = agency.Id, Day = day, Model = AgreementModel.Jail, Encounters = detainers + 3,
                    DetainersRequested = detainers,
                });
                await db.SaveChangesAsync(Ct);
            });
        }
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var oversight = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.Oversight));
        var affairs = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.PublicAffairs));
        var privacy = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.PrivacyOffice));
        var anyone = app.Client();

        // Nothing is public before a release.
        (await Api.Ok(anyone.GetAsync("/api/v1/figures", Ct))).GetProperty("kinds").GetArrayLength().ShouldBe(0);

        // The program office asks; no one else may, and what is asked must be a known kind with a reason.
        await Api.Refused(oversight.PostAsJsonAsync("/api/v1/releases", new { kind = "detainers-requested", reason = "Oversight wants it" }, Ct),
            HttpStatusCode.Forbidden, "release.program_office_requests");
        await Api.Refused(affairs.PostAsJsonAsync("/api/v1/releases", new { kind = "detainers-requested", reason = "For the press" }, Ct),
            HttpStatusCode.Forbidden, "release.program_office_requests");
        var invalid = await Api.Refused(office.PostAsJsonAsync("/api/v1/releases", new { kind = "officer-names", reason = "" }, Ct),
            HttpStatusCode.BadRequest, "release.invalid");
        invalid.GetProperty("errors").TryGetProperty("kind", out _).ShouldBeTrue();
        invalid.GetProperty("errors").TryGetProperty("reason", out _).ShouldBeTrue();
        var request = await Api.Ok(office.PostAsJsonAsync("/api/v1/releases",
            new { kind = "detainers-requested", reason = "The community asked how many detainers were requested." }, Ct));
        var id = request.GetProperty("id").GetGuid();
        request.GetProperty("status").GetString().ShouldBe("pending");
        await Api.Refused(office.PostAsJsonAsync("/api/v1/releases", new { kind = "detainers-requested", reason = "Again" }, Ct),
            HttpStatusCode.UnprocessableEntity, "release.already_requested");

        // Only the two offices approve; each once; one approval is not enough.
        await Api.Refused(office.PostAsync($"/api/v1/releases/{id}/approval", null, Ct), HttpStatusCode.Forbidden, "release.offices_approve");
        (await Api.Ok(affairs.PostAsync($"/api/v1/releases/{id}/approval", null, Ct))).GetProperty("status").GetString().ShouldBe("pending");
        await Api.Refused(affairs.PostAsync($"/api/v1/releases/{id}/approval", null, Ct), HttpStatusCode.UnprocessableEntity, "release.office_approved");
        // ReleaseRules.BothOffices: with one approval nothing is published.
        (await app.WithDbAsync((db, _) => db.FigurePublications.CountAsync(Ct))).ShouldBe(0);
        (await Api.Ok(anyone.GetAsync("/api/v1/figures", Ct))).GetProperty("kinds").GetArrayLength().ShouldBe(0);

        var approved = await Api.Ok(privacy.PostAsync($"/api/v1/releases/{id}/approval", null, Ct));
        approved.GetProperty("status").GetString().ShouldBe("approved");
        approved.GetProperty("approvedAt").GetDateTime().ShouldBe(clock.GetUtcNow().UtcDateTime, TimeSpan.FromSeconds(1));
        await Api.Refused(privacy.PostAsJsonAsync($"/api/v1/releases/{id}/decline", new { reason = "Too late" }, Ct),
            HttpStatusCode.UnprocessableEntity, "release.not_pending");

        // Published at once: the settled third quarter only (ReleaseRules.SettledQuarters), through the gate (ReleaseRules.SmallCells).
        var nation = await Api.Ok(anyone.GetAsync("/api/v1/figures", Ct));
        var kind = nation.GetProperty("kinds").EnumerateArray().Single();
        kind.GetProperty("code").GetString().ShouldBe("detainers-requested");
        kind.GetProperty("approvedOn").GetString().ShouldBe("2026-11-15");
        var quarter = kind.GetProperty("quarters").EnumerateArray().Single();
        quarter.GetProperty("quarter").GetString().ShouldBe("2026Q3");
        int? Value(JsonElement q, string area) => q.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("area").GetString() == area)
            .GetProperty("value") is { ValueKind: JsonValueKind.Number } v ? v.GetInt32() : null;
        Value(quarter, "nation").ShouldBe(99);
        Value(quarter, "ZZ").ShouldBe(44);
        Value(quarter, "ZY").ShouldBe(55);
        var zz = (await Api.Ok(anyone.GetAsync("/api/v1/figures?state=zz", Ct))).GetProperty("kinds")[0].GetProperty("quarters")[0];
        Value(zz, a2.Id.ToString()).ShouldBeNull("4 detainers is a small cell");
        Value(zz, a1.Id.ToString()).ShouldBeNull("40 would give the 4 away from the state's 44");
        var zy = (await Api.Ok(anyone.GetAsync("/api/v1/figures?state=ZY", Ct))).GetProperty("kinds")[0].GetProperty("quarters")[0];
        Value(zy, a3.Id.ToString()).ShouldBe(25);
        Value(zy, a4.Id.ToString()).ShouldBe(30);
        zy.GetProperty("rows").EnumerateArray().Single(r => r.GetProperty("area").GetString() == a3.Id.ToString()).GetProperty("name").GetString()
            .ShouldBe("Test Chi County Sheriff's Office");

        // The agency's public page shows its own published quarters, hidden where the gate hid them.
        var chi = await anyone.GetStringAsync($"/registry/agencies/{a3.Id}", Ct);
        chi.ShouldContain("id=\"figures-detainers-requested\"");
        System.Text.RegularExpressions.Regex.IsMatch(chi, @"<th scope=""row"">2026Q3</th><td class=""text-right"">25</td>").ShouldBeTrue();
        var phi = await anyone.GetStringAsync($"/registry/agencies/{a2.Id}", Ct);
        System.Text.RegularExpressions.Regex.IsMatch(phi, @"<th scope=""row"">2026Q3</th><td class=""text-right"">hidden</td>").ShouldBeTrue();

        // The publication is audited with a hash of its cells; the cells are not audited one by one.
        var publication = await app.WithDbAsync((db, _) => db.FigurePublications.SingleAsync(Ct));
        (publication.Kind, publication.Quarter, publication.Suppressed, publication.K).ShouldBe(("detainers-requested", "2026Q3", 2, 11));
        (await app.WithDbAsync((db, _) => db.AuditEntries.CountAsync(e => e.EntityType == nameof(FigurePublication), Ct))).ShouldBe(1);
        (await app.WithDbAsync((db, _) => db.AuditEntries.CountAsync(e => e.EntityType == nameof(PublishedFigure), Ct))).ShouldBe(0);

        // ETag: an unchanged request is answered 304.
        var first = await anyone.GetAsync("/api/v1/figures", Ct);
        var etag = first.Headers.ETag!.Tag;
        first.Headers.CacheControl!.Public.ShouldBeTrue();
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/figures");
        again.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        (await anyone.SendAsync(again, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        // A late entry after publication changes the staff measures, not the published quarter; a quarter is published once.
        await app.WithDbAsync(async (db, _) =>
        {
            var row = await db.AgreementMeasureDays.SingleAsync(r => r.AgencyId == a3.Id, Ct);
            row.DetainersRequested = 26;
            await db.SaveChangesAsync(Ct);
        });
        clock.Advance(TimeSpan.FromDays(80)); // 3 February 2027: the fourth quarter has settled
        (await app.WithDbAsync((_, services) => services.GetRequiredService<PublicFigures>().PublishDueAsync(Ct))).ShouldBe(1, "the fourth quarter only");
        var later = (await Api.Ok(anyone.GetAsync("/api/v1/figures", Ct))).GetProperty("kinds")[0].GetProperty("quarters");
        later.EnumerateArray().Select(q => q.GetProperty("quarter").GetString()).ShouldBe(["2026Q4", "2026Q3"]);
        Value(later[0], "ZZ").ShouldBe(12);
        Value(later[1], "nation").ShouldBe(99, "as published, not 100");
        var zyLater = (await Api.Ok(anyone.GetAsync("/api/v1/figures?state=ZY", Ct))).GetProperty("kinds")[0].GetProperty("quarters");
        Value(zyLater.EnumerateArray().Single(q => q.GetProperty("quarter").GetString() == "2026Q3"), a3.Id.ToString()).ShouldBe(25);
        (await anyone.GetAsync("/api/v1/figures", Ct)).Headers.ETag!.Tag.ShouldNotBe(etag, "a new quarter is a new version");

        // The open data: every published cell, suppressed ones empty and flagged, with its dictionary.
        var csv = await anyone.GetStringAsync("/api/v1/figures/download.csv?state=ZZ", Ct);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldBe("kind,quarter,published_on,level,area,state,name,part,value,suppressed");
        lines.ShouldContain(l => l.StartsWith($"detainers-requested,2026Q3,2026-11-15,agency,{a2.Id},ZZ,Test Phi City Police Department,,,true", StringComparison.Ordinal));
        lines.ShouldNotContain(l => l.Contains(",4,", StringComparison.Ordinal));
        var xlsx = await anyone.GetAsync("/api/v1/figures/download.xlsx?state=ZZ", Ct);
        using (var workbook = DocumentFormat.OpenXml.Packaging.SpreadsheetDocument.Open(new MemoryStream(await xlsx.Content.ReadAsByteArrayAsync(Ct)), false))
        {
            var sheetRows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<DocumentFormat.OpenXml.Spreadsheet.Row>().ToList();
            sheetRows.Count.ShouldBe(lines.Length, "the same rows as the CSV");
            sheetRows.Skip(1).Select(r => r.Elements<DocumentFormat.OpenXml.Spreadsheet.Cell>().ElementAt(8).InnerText).ShouldNotContain("4");
        }
        await Api.Refused(anyone.GetAsync("/api/v1/figures/download.csv?state=Texas", Ct), HttpStatusCode.BadRequest, "figures.state_invalid");
        var dictionary = await anyone.GetStringAsync("/api/v1/figures/dictionary.csv", Ct);
        foreach (var k in FigureKinds.All) dictionary.ShouldContain(k.Code);
        dictionary.ShouldContain("suppressed");

        await Api.Refused(anyone.GetAsync("/api/v1/figures?state=North+Carolina", Ct), HttpStatusCode.BadRequest, "figures.state_invalid");
    }

    [Fact]
    public async Task AnOfficeDeclines_WithAReason_AndTheReleaseOfficesSeeNoRecords()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Omega County Sheriff's Office");
        await Given.AgreementAsync(app, agency, AgreementModel.Jail);
        var office = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var privacyUser = await Given.UserAsync(app, Role.PrivacyOffice);
        var privacy = await Given.ApiClientAsync(app, privacyUser);
        var id = (await Api.Ok(office.PostAsJsonAsync("/api/v1/releases", new { kind = "holds-past-48-hours", reason = "Overdetention must be zero." }, Ct)))
            .GetProperty("id").GetGuid();

        await Api.Refused(privacy.PostAsJsonAsync($"/api/v1/releases/{id}/decline", new { reason = " " }, Ct), HttpStatusCode.BadRequest, "release.decline_invalid");
        await Api.Refused(office.PostAsJsonAsync($"/api/v1/releases/{id}/decline", new { reason = "No" }, Ct), HttpStatusCode.Forbidden, "release.offices_approve");
        var declined = await Api.Ok(privacy.PostAsJsonAsync($"/api/v1/releases/{id}/decline", new { reason = "Counts per county are too small yet." }, Ct));
        declined.GetProperty("status").GetString().ShouldBe("declined");
        declined.GetProperty("declineReason").GetString().ShouldBe("Counts per county are too small yet.");
        // A declined kind can be asked for again, with a new request.
        (await Api.Ok(office.PostAsJsonAsync("/api/v1/releases", new { kind = "holds-past-48-hours", reason = "Asked again after a year." }, Ct)))
            .GetProperty("status").GetString().ShouldBe("pending");
        (await Api.Ok(privacy.GetAsync("/api/v1/releases", Ct))).GetArrayLength().ShouldBe(2);

        // The release offices approve releases; they read no agency's records.
        (await Api.Ok(privacy.GetAsync("/api/v1/agencies", Ct))).ToString().ShouldNotContain(agency.Id.ToString());
        var scope = Section287.Data.AccessScope.For(Role.PublicAffairs, null, null);
        (scope.ReadsEverything, scope.ApprovesReleases).ShouldBe((false, true));
    }
}
