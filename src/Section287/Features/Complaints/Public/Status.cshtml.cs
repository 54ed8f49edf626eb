using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;

namespace Section287.Features.Complaints.Public;

/// <summary>A complaint's status and dates by its tracking number, nothing else; just after filing, the receipt.</summary>
public sealed class StatusModel(PublicComplaints pub) : PageModel
{
    public PublicStatus? Found { get; private set; }

    public string? Number { get; private set; }

    public bool Filed { get; private set; }

    public bool Looked { get; private set; }

    public async Task<IActionResult> OnGetAsync(string? number, bool filed, CancellationToken ct)
    {
        Number = number;
        Filed = filed;
        if (string.IsNullOrWhiteSpace(number)) return Page();
        Looked = true;
        var result = await pub.StatusAsync(number, ct);
        if (result.IsSuccess) Found = result.Value;
        else Response.StatusCode = Problems.StatusOf(result.Error!.Kind);
        // The number is the only key to the record: keep it out of caches and referrers.
        Response.Headers.CacheControl = "no-store";
        Response.Headers["Referrer-Policy"] = "no-referrer";
        return Page();
    }
}
