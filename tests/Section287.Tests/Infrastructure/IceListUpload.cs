namespace Section287.Tests.Infrastructure;

/// <summary>Uploads a workbook to the import API as the program office's client does, and ICE's six columns for workbooks made in tests.</summary>
public static class IceListUpload
{
    public static readonly string[] Header = ["STATE", "LAW ENFORCEMENT AGENCY", "TYPE", "COUNTY", "SUPPORT TYPE", "SIGNED"];

    public static async Task<HttpResponseMessage> PostAsync(HttpClient http, byte[] bytes, string name, string? confirmRemovals = null)
    {
        using var form = new MultipartFormDataContent { { new ByteArrayContent(bytes), "file", name } };
        if (confirmRemovals is not null) form.Add(new StringContent(confirmRemovals), "confirmRemovals");
        return await http.PostAsync("/api/v1/ice-lists/", form, TestContext.Current.CancellationToken);
    }
}
