using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Agencies;

namespace Section287.Features.Staff;

[Authorize(Policy = Identity.StaffPolicy)]
public sealed class AgencyModel(AgencyWorkspace workspace) : PageModel
{
    [BindProperty] public AddContactInput Contact { get; set; } = new();

    public AgencyWorkspaceView? Agency { get; private set; }

    public Role MyRole => Identity.RoleOf(User);

    public bool CanEditContacts { get; private set; }

    public bool Added { get; private set; }

    [BindProperty] public string? TimeZone { get; set; }

    [BindProperty] public long? ZoneVersion { get; set; }

    public bool ZoneSaved { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, bool added, bool zone, CancellationToken ct)
    {
        Added = added;
        ZoneSaved = zone;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var result = await workspace.AddContactAsync(id, Identity.RoleOf(User), Contact, ct);
        if (result.IsSuccess) return Redirect($"/staff/agencies/{id}?added=true");
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        result.Error.AddTo(ModelState);
        Response.StatusCode = Problems.StatusOf(result.Error.Kind);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>The program office corrects the agency's time zone (empty: derived from state and county again).</summary>
    public async Task<IActionResult> OnPostTimeZoneAsync(Guid id, CancellationToken ct)
    {
        var result = await workspace.SetTimeZoneAsync(id, Identity.RoleOf(User), new SetTimeZoneInput(TimeZone, ZoneVersion), ct);
        if (result.IsSuccess) return Redirect($"/staff/agencies/{id}?zone=true");
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        result.Error.AddTo(ModelState);
        Response.StatusCode = Problems.StatusOf(result.Error.Kind);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await workspace.GetAsync(id, ct);
        if (!result.IsSuccess) return false;
        Agency = result.Value;
        CanEditContacts = Identity.RoleOf(User) is Role.AgencyCoordinator or Role.ProgramOffice;
        return true;
    }
}
