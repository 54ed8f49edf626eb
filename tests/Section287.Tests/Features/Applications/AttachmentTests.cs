using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Section287.Features.Accounts;
using Section287.Features.Applications;

namespace Section287.Tests.Features.Applications;

public sealed class AttachmentTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData(new byte[] { 0x25, 0x50, 0x44, 0x46, 0x2D, 0x31 }, "application/pdf")]
    [InlineData(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0 }, "image/png")]
    [InlineData(new byte[] { 0xFF, 0xD8, 0xFF, 0xE0 }, "image/jpeg")]
    [InlineData(new byte[] { 0x4D, 0x5A, 0x90, 0x00 }, null)] // a Windows executable
    [InlineData(new byte[] { 0x3C, 0x68, 0x74, 0x6D, 0x6C, 0x3E }, null)] // "<html>"
    [InlineData(new byte[] { 0x3C, 0x73, 0x76, 0x67 }, null)] // "<svg", which a browser would run
    public void TheType_IsWhatTheBytesShow(byte[] head, string? expected) => Attachment.Sniff(head).ShouldBe(expected);

    [Theory]
    [InlineData("../../etc/passwd", "application/pdf", "passwd.pdf")]
    [InlineData("plan \"final\".pdf", "application/pdf", "plan final.pdf")]
    [InlineData("photo.jpeg", "image/jpeg", "photo.jpeg")]
    [InlineData("", "image/png", "attachment.png")]
    public void TheStoredName_IsSafe(string given, string type, string expected) => Attachment.SafeName(given, type).ShouldBe(expected);

    [Fact]
    public async Task AnUpload_IsCheckedByItsBytes_StoredWithItsHash_AndOnlyEverServedAsADownload()
    {
        await using var app = await TestApp.StartAsync();
        var agency = await Given.AgencyAsync(app, "Test Psi County Sheriff's Office");
        var coordinator = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.AgencyCoordinator, agency.Id));
        var id = (await (await coordinator.PostAsync("/api/v1/applications/", null,
            Ct)).Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("id").GetGuid();

        // An HTML page named and declared as a PDF is refused.
        using var disguised = new MultipartFormDataContent();
        var html = new ByteArrayContent("<html><script>alert(1)</script></html>"u8.ToArray());
        html.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/pdf");
        disguised.Add(html, "file", "resolution.pdf");
        var refused = await coordinator.PostAsync($"/api/v1/applications/{id}/attachments", disguised, Ct);
        refused.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await refused.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe("attachment.type_not_allowed");

        // Larger than 10 MB is refused.
        using var large = new MultipartFormDataContent { { new ByteArrayContent([.. "%PDF-"u8, .. new byte[Attachment.MaxBytes]]), "file", "big.pdf" } };
        var tooLarge = await coordinator.PostAsync($"/api/v1/applications/{id}/attachments", large, Ct);
        tooLarge.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await tooLarge.Content.ReadFromJsonAsync<JsonElement>(Ct)).GetProperty("code").GetString().ShouldBe("attachment.too_large");

        var bytes = "%PDF-1.4\n% council resolution\n"u8.ToArray();
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", "resolution.png" },
            { new StringContent("Council resolution"), "description" } };
        var created = await coordinator.PostAsync($"/api/v1/applications/{id}/attachments", form, Ct);
        created.StatusCode.ShouldBe(HttpStatusCode.Created);
        var stored = await created.Content.ReadFromJsonAsync<JsonElement>(Ct);
        stored.GetProperty("contentType").GetString().ShouldBe("application/pdf");
        stored.GetProperty("fileName").GetString().ShouldBe("resolution.png.pdf");
        stored.GetProperty("sha256").GetString().ShouldBe(Convert.ToHexStringLower(SHA256.HashData(bytes)));

        var download = await coordinator.GetAsync(created.Headers.Location, Ct);
        download.StatusCode.ShouldBe(HttpStatusCode.OK);
        (await download.Content.ReadAsByteArrayAsync(Ct)).ShouldBe(bytes);
        download.Content.Headers.ContentDisposition!.DispositionType.ShouldBe("attachment");
        download.Headers.GetValues("Content-Security-Policy").Single().ShouldContain("sandbox");
        download.Headers.GetValues("X-Content-Type-Options").Single().ShouldBe("nosniff");
    }
}
