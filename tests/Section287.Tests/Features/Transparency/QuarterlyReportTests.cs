using System.Net;
using Microsoft.EntityFrameworkCore;
using Section287.Features.Agreements;
using Section287.Features.Encounters;
using static Section287.Tests.Infrastructure.Api;

namespace Section287.Tests.Features.Transparency;

/// <summary>
/// Issue 18: quarterly reports, per agency and for the nation, as tagged PDFs with tables and charts, made only from published figures,
/// released like a kind of figure, made on schedule (the nation's) and on request (an agency's), archived and never changed.
/// </summary>
public sealed class QuarterlyReportTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task Reports_AreReleased_MadeFromPublishedFigures_Tagged_AndArchived()
    {
        var clock = new TestClock(new DateTimeOffset(2026, 11, 15, 15, 0, 0, TimeSpan.Zero));
        await using var app = await TestApp.StartAsync(clock: clock);
        var omicron = await Given.AgencyAsync(app, "Test Omicron County Sheriff's Office", state: "ZZ");
        var pi = await Given.AgencyAsync(app, "Test Pi City Police Department", state: "ZZ");
        var rho = await Given.AgencyAsync(app, "Test Rho County Sheriff's Office", state: "ZY");
        foreach (var (agency, detainers) in new[] { (omicron, 40), (pi, 4), (rho, 25) })
        {
            var agreement = await Given.AgreementAsync(app, agency, AgreementModel.Jail);
            await app.WithDbAsync(async (db, _) =>
            {
                db.AgreementMeasureDays.Add(new AgreementMeasureDay
                {
                    AgreementId = agreement.Id, AgencyId = agency.Id, Day = new DateOnly(2026, 8, 20), Model = AgreementModel.Jail, Encounters = detainers,
                    DetainersRequested = detainers,
                });
                await db.SaveChangesAsync(Ct);
            });
        }
        await GivenReleases.ApprovedAsync(app, "detainers-requested");
        var anyone = app.Client();
        static void Row(string structure, string area, string value) =>
            System.Text.RegularExpressions.Regex.IsMatch(structure, $"\"{System.Text.RegularExpressions.Regex.Escape(area)}\"\\s+TD\\s+\"{value}\"")
                .ShouldBeTrue($"{area}: {value} in\n{structure}");

        // Figures are public, but reports are a release of their own.
        await Refused(anyone.GetAsync("/api/v1/reports/nation/2026Q3.pdf", Ct), HttpStatusCode.NotFound, "report.not_found");
        await Refused(anyone.GetAsync($"/api/v1/reports/agencies/{rho.Id}/2026Q3.pdf", Ct), HttpStatusCode.NotFound, "report.not_found");
        (await app.WithDbAsync((db, _) => db.QuarterlyReports.CountAsync(Ct))).ShouldBe(0);

        // Approved: the nation's reports for the published quarter are made at once, in English and Spanish, and listed.
        await GivenReleases.ApprovedAsync(app, "quarterly-reports");
        var listed = await Ok(anyone.GetAsync("/api/v1/reports", Ct));
        listed.EnumerateArray().Select(r => (r.GetProperty("quarter").GetString(), r.GetProperty("language").GetString(), r.GetProperty("publishedOn").GetString()))
            .ShouldBe([("2026Q3", "en", "2026-11-15"), ("2026Q3", "es", "2026-11-15")], ignoreOrder: true);
        (await app.WithDbAsync((db, _) => db.QuarterlyReports.CountAsync(Ct))).ShouldBe(2, "agencies' reports are made on request");

        var nation = await anyone.GetAsync("/api/v1/reports/nation/2026Q3.pdf", Ct);
        nation.StatusCode.ShouldBe(HttpStatusCode.OK);
        nation.Content.Headers.ContentType!.MediaType.ShouldBe("application/pdf");
        var bytes = await nation.Content.ReadAsByteArrayAsync(Ct);
        var text = await Pdf.TextAsync(bytes);
        text.ShouldContain("287(g) public figures, 2026Q3: the nation");
        text.ShouldContain("Detainers requested");
        var structure = await Pdf.StructureAsync(bytes);
        Row(structure, "The nation", "69"); // 40 + 4 + 25, from the published nation row
        Row(structure, "ZY", "25");
        // Tagged: a table with column and row headers, and a chart as a figure whose alternate text carries its values.
        structure.ShouldContain("Table");
        structure.ShouldContain("/Scope /Column");
        structure.ShouldContain("TD");
        structure.ShouldContain("Figure");
        (await Pdf.InfoAsync(bytes)).ShouldMatch(@"(?s).*Tagged:\s+yes.*");

        // An agency's report on request: its row beside its state and the nation, each row headed by its area (as the structure
        // tree says: a row header, then its cell); a hidden count stays hidden.
        var piReport = await anyone.GetByteArrayAsync($"/api/v1/reports/agencies/{pi.Id}/2026Q3.pdf", Ct);
        var piStructure = await Pdf.StructureAsync(piReport);
        Row(piStructure, "Test Pi City Police Department", "hidden");
        Row(piStructure, "ZZ", "44");
        Row(piStructure, "The nation", "69");
        (await Pdf.TextAsync(piReport)).ShouldNotContain(" 4 ");
        var rhoReport = await anyone.GetByteArrayAsync($"/api/v1/reports/agencies/{rho.Id}/2026Q3.pdf?lang=es", Ct);
        (await Pdf.TextAsync(rhoReport)).ShouldContain("Cifras públicas 287(g), 2026Q3: Test Rho County Sheriff's Office");
        var rhoStructure = await Pdf.StructureAsync(rhoReport);
        Row(rhoStructure, "Test Rho County Sheriff's Office", "25");
        Row(rhoStructure, "Todo el país", "69");
        rhoStructure.ShouldContain("Figure", Case.Sensitive, "the agency's quarters as a chart");
        (await app.WithDbAsync((db, _) => db.QuarterlyReports.CountAsync(Ct))).ShouldBe(4);

        // Archived: the same bytes later, revalidated by their hash; never made again.
        clock.Advance(TimeSpan.FromDays(3));
        var again = await anyone.GetAsync("/api/v1/reports/nation/2026Q3.pdf", Ct);
        (await again.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(bytes);
        using var revalidate = new HttpRequestMessage(HttpMethod.Get, "/api/v1/reports/nation/2026Q3.pdf");
        revalidate.Headers.IfNoneMatch.Add(again.Headers.ETag!);
        (await anyone.SendAsync(revalidate, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        // The public pages link them: the nation's on the figures page, an agency's on its page.
        (await anyone.GetStringAsync("/figures", Ct)).ShouldContain("/api/v1/reports/nation/2026Q3.pdf?lang=es");
        (await anyone.GetStringAsync($"/registry/agencies/{rho.Id}", Ct)).ShouldContain($"/api/v1/reports/agencies/{rho.Id}/2026Q3.pdf");
        await Refused(anyone.GetAsync("/api/v1/reports/nation/2026Q5.pdf", Ct), HttpStatusCode.BadRequest, "report.quarter_invalid");
        await Refused(anyone.GetAsync("/api/v1/reports/nation/2026Q2.pdf", Ct), HttpStatusCode.NotFound, "report.not_found");
    }
}
