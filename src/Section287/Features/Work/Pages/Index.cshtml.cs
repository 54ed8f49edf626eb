using Section287.Features.Shared;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Features.Accounts;

namespace Section287.Features.Work.Pages;

[Authorize(Policy = Identity.StaffPolicy)]
public sealed class IndexModel : PageModel
{
    public Role Role { get; private set; }

    public string Name { get; private set; } = "";

    public string? AgencyId { get; private set; }

    public string? Aor { get; private set; }

    public void OnGet()
    {
        Role = Identity.RoleOf(User);
        Name = User.FindFirstValue("section287:name") ?? "";
        AgencyId = User.FindFirstValue(Identity.AgencyClaim);
        Aor = User.FindFirstValue(Identity.AorClaim);
    }
}
