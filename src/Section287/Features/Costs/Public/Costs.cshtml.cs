using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace Section287.Features.Costs.Public;

/// <summary>The agencies' costs on the public portal, in English and Spanish, once ICE's two offices have released them; 50 agencies a page.</summary>
public sealed class CostsModel(CostMeasures measures) : PageModel
{
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true, Name = "page")] public int PageNumber { get; set; } = 1;

    public bool Released { get; private set; }

    public NationalCosts? National { get; private set; }

    public IReadOnlyList<PublicAgencyCosts> Rows { get; private set; } = [];

    public int PageCount { get; private set; } = 1;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        Released = await measures.ReleasedAsync(ct);
        if (!Released) return Page();
        National = await measures.NationalAsync(ct);
        PageCount = Math.Max(1, (National.Agencies.Count + PageSize - 1) / PageSize);
        if (PageNumber < 1 || PageNumber > PageCount) PageNumber = 1;
        Rows = National.Agencies.Skip((PageNumber - 1) * PageSize).Take(PageSize).ToList();
        return Page();
    }

    public static string Money(decimal? d) => d is { } v ? v.ToString("C0", System.Globalization.CultureInfo.GetCultureInfo("en-US")) : "—";

    public static string Share(decimal? d) => d is { } v ? (v * 100).ToString("0.00", System.Globalization.CultureInfo.CurrentCulture) + " %" : "—";
}
