using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;
using Section287.Common;
using Section287.Features.IceLists;

namespace Section287.Tests.Features.Registry;

/// <summary>Issue 18: any filtered registry view downloads as CSV and XLSX, every row of it, with the same filters and their refusals.</summary>
public sealed class RegistryDownloadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task AFilteredView_DownloadsEveryRow_AsCsvAndXlsx()
    {
        await using var app = await TestApp.StartAsync();
        await app.WithDbAsync(async (_, services) =>
        {
            await using var stream = File.OpenRead(Repo.Participating("2025-07-18"));
            (await services.GetRequiredService<ImportIceList>().HandleAsync(stream, Repo.Participating("2025-07-18"), null, null, Ct)).IsSuccess.ShouldBeTrue();
        });
        var http = app.Client();
        var page = await http.GetFromJsonAsync<JsonElement>("/api/v1/registry/agreements?state=TX&status=active&pageSize=10", Ct);
        var total = page.GetProperty("total").GetInt32();
        total.ShouldBeGreaterThan(10, "more rows than a page, so the file is not a page");

        var csv = await http.GetStringAsync("/api/v1/registry/agreements.csv?state=TX&status=active", Ct);
        var lines = csv.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        lines[0].ShouldStartWith("agreement_id,agency_id,agency,state,agency_type,county,model,status");
        lines.Length.ShouldBe(total + 1);
        lines.Skip(1).ShouldAllBe(l => l.Contains(",TX,", StringComparison.Ordinal));

        var response = await http.GetAsync("/api/v1/registry/agreements.xlsx?state=TX&status=active", Ct);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
        using var workbook = SpreadsheetDocument.Open(new MemoryStream(await response.Content.ReadAsByteArrayAsync(Ct)), false);
        var rows = workbook.WorkbookPart!.WorksheetParts.Single().Worksheet.Descendants<Row>().ToList();
        rows.Count.ShouldBe(total + 1);
        rows[0].Elements<Cell>().First().InnerText.ShouldBe("agreement_id");
        rows[1].Elements<Cell>().ElementAt(3).InnerText.ShouldBe("TX");

        // The registry's version is the files' ETag too.
        var etag = response.Headers.ETag!.Tag;
        using var again = new HttpRequestMessage(HttpMethod.Get, "/api/v1/registry/agreements.csv?state=TX&status=active");
        again.Headers.IfNoneMatch.Add(new System.Net.Http.Headers.EntityTagHeaderValue(etag));
        (await http.SendAsync(again, Ct)).StatusCode.ShouldBe(HttpStatusCode.NotModified);

        var bad = await http.GetAsync("/api/v1/registry/agreements.xlsx?state=Texas", Ct);
        bad.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await bad.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe("registry.filter_invalid");

        var html = await http.GetStringAsync("/registry?state=TX", Ct);
        html.ShouldContain("/api/v1/registry/agreements.csv?state=TX&amp;status=active");
    }

    [Theory]
    [InlineData("=HYPERLINK(\"x\")", "\"'=HYPERLINK(\"\"x\"\")\"")]
    [InlineData("+1 county", "'+1 county")]
    [InlineData("-12", "-12")]
    [InlineData("Smith, County", "\"Smith, County\"")]
    public void ACsvField_IsQuotedAndNeverAFormula(string text, string field) => TableFile.Field(text).ShouldBe(field);
}
