using System.Net;
using System.Text.Json;

namespace Section287.Tests.Infrastructure;

/// <summary>Reading the API's answers in tests: a success's JSON, or a refusal's status and code.</summary>
public static class Api
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static async Task<JsonElement> Ok(Task<HttpResponseMessage> call)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.IsSuccessStatusCode.ShouldBeTrue(body);
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    public static async Task<JsonElement> Refused(Task<HttpResponseMessage> call, HttpStatusCode status, string code)
    {
        var response = await call;
        var body = await response.Content.ReadAsStringAsync(Ct);
        response.StatusCode.ShouldBe(status, body);
        var json = JsonDocument.Parse(body).RootElement.Clone();
        json.GetProperty("code").GetString().ShouldBe(code, body);
        return json;
    }
}
