using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;
using Section287.Data.Reference;

namespace Section287.Features.Registry;

public sealed class IndexModel(RegistryQueries queries, ReferenceData reference) : PageModel
{
    [BindProperty(SupportsGet = true)] public string? State { get; set; }
    [BindProperty(SupportsGet = true)] public string? Model { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; } = "active";
    [BindProperty(SupportsGet = true)] public string? AgencyType { get; set; }
    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    public int? PageNumber { get; private set; }

    public Page<AgreementRow>? Results { get; private set; }

    public Error? Problem { get; private set; }

    public IEnumerable<StateInfo> States => reference.States;

    public DateOnly? AsOf { get; private set; }

    public async Task<IActionResult> OnGetAsync([FromQuery(Name = "page")] string? page, CancellationToken ct)
    {
        // "page" is also Razor Pages' own route value, so it is read from the query string by name.
        PageNumber = ParsePage(page);
        if (PageNumber is null && !string.IsNullOrEmpty(page)) PageNumber = 0;
        if (!Request.Query.ContainsKey("status")) Status = "active";
        var result = await queries.AgreementsAsync(new RegistryFilter(State, Model, Status, AgencyType, Q, PageNumber, 50), ct);
        AsOf = await queries.AsOfAsync(ct);
        if (result.IsSuccess) Results = result.Value;
        else
        {
            Problem = result.Error;
            Response.StatusCode = 400;
        }
        return Page();
    }

    public string PageUrl(int page) => $"/registry?{FilterQuery()}&page={page}";

    /// <summary>The filtered view as a file (every row, not this page).</summary>
    public string ExportUrl(string format) => $"/api/v1/registry/agreements.{format}?{FilterQuery()}";

    private string FilterQuery()
    {
        var parts = new List<string>();
        void Add(string key, string? value) { if (!string.IsNullOrWhiteSpace(value)) parts.Add($"{key}={Uri.EscapeDataString(value)}"); }
        Add("state", State); Add("model", Model); Add("agencyType", AgencyType); Add("q", Q);
        parts.Add($"status={Uri.EscapeDataString(Status ?? "")}");
        return string.Join("&", parts);
    }

    internal static int? ParsePage(string? text) =>
        int.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var n) ? n : null;
}
