using Section287.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Agencies;

namespace Section287.Features.Agencies.Pages;

[Authorize(Policy = Identity.StaffPolicy)]
public sealed class AgencyModel(AgencyWorkspace workspace, Costs.CostMeasures costs) : PageModel
{
    [BindProperty] public AddContactInput Contact { get; set; } = new();

    public AgencyWorkspaceView? Agency { get; private set; }

    /// <summary>What the agency's 287(g) work cost over the quarters it sent (null for a role that does not read pay).</summary>
    public Costs.AgencyCostSummary? Costs { get; private set; }

    public Role MyRole => Identity.RoleOf(User);

    public bool CanEditContacts { get; private set; }

    public bool Added { get; private set; }

    [BindProperty] public SetTimeZoneInput? Zone { get; set; }

    public bool ZoneSaved { get; private set; }

    public string? Saved { get; private set; }

    [BindProperty] public InterpreterInput Interpreter { get; set; } = new(null, null, null, null);

    [BindProperty] public Guid? InterpreterId { get; set; }

    [BindProperty] public DetentionAgreementInput? Detention { get; set; }

    public bool IceSide => MyRole is Role.ProgramOffice or Role.FieldSupervisor;

    public async Task<IActionResult> OnGetAsync(Guid id, bool added, bool zone, string? saved, CancellationToken ct)
    {
        Added = added;
        ZoneSaved = zone;
        Saved = saved;
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
        var result = await workspace.SetTimeZoneAsync(id, Identity.RoleOf(User), Zone ?? new(null, null), ct);
        if (result.IsSuccess) return Redirect($"/staff/agencies/{id}?zone=true");
        if (result.Error!.Kind == ErrorKind.NotFound) return NotFound();
        result.Error.AddTo(ModelState);
        Response.StatusCode = Problems.StatusOf(result.Error.Kind);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    /// <summary>The coordinator adds a qualified interpreter to the agency's list (MOA section IV.G or XVI).</summary>
    public async Task<IActionResult> OnPostInterpreterAsync(Guid id, [FromServices] TimeProvider clock, CancellationToken ct) =>
        await AfterAsync(id, "interpreter",
            (await workspace.AddInterpreterAsync(id, Actor.Of(User), Interpreter, clock.GetUtcNow().UtcDateTime, ct)).Error, "interpreter.", ct);

    public async Task<IActionResult> OnPostRemoveInterpreterAsync(Guid id, [FromServices] TimeProvider clock, CancellationToken ct) =>
        await AfterAsync(id, "interpreter_removed",
            (await workspace.RemoveInterpreterAsync(id, InterpreterId ?? Guid.Empty, Actor.Of(User), clock.GetUtcNow().UtcDateTime, ct)).Error,
            "interpreter.", ct);

    /// <summary>ICE records the agency's reimbursable detention agreement; an empty reference clears it.</summary>
    public async Task<IActionResult> OnPostDetentionAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(id, "detention",
            (await workspace.SetDetentionAgreementAsync(id, MyRole, Detention ?? new(null, null, null, null), ct)).Error, "detention.", ct);

    [BindProperty] public SetCentreInput? Centre { get; set; }

    /// <summary>The program office sets the agency's centre (both empty: the county's or state's centre from the atlas again).</summary>
    public async Task<IActionResult> OnPostCentreAsync(Guid id, CancellationToken ct) =>
        await AfterAsync(id, "centre", (await workspace.SetCentreAsync(id, MyRole, Centre ?? new(null, null, null), ct)).Error, "centre.", ct);

    private async Task<IActionResult> AfterAsync(Guid id, string saved, Error? error, string prefix, CancellationToken ct)
    {
        if (error is null) return Redirect($"/staff/agencies/{id}?saved={saved}");
        if (error.Kind == ErrorKind.NotFound && error.Code != "agency.interpreter_not_found") return NotFound();
        (error with { Fields = error.Fields.ToDictionary(kv => prefix + kv.Key, kv => kv.Value) }).AddTo(ModelState);
        Response.StatusCode = Problems.StatusOf(error.Kind);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public static string SavedText(string? saved) => saved switch
    {
        "interpreter" => "The interpreter was added to the list.",
        "interpreter_removed" => "The interpreter was taken off the list; the entry stays with its end.",
        "detention" => "The reimbursable detention agreement was saved.",
        "centre" => "The centre was saved.",
        _ => "",
    };

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await workspace.GetAsync(id, ct);
        if (!result.IsSuccess) return false;
        Agency = result.Value;
        CanEditContacts = Identity.RoleOf(User) is Role.AgencyCoordinator or Role.ProgramOffice;
        if ((await costs.ForAgencyAsync(id, Actor.Of(User), ct)) is { IsSuccess: true } summary) Costs = summary.Value;
        return true;
    }
}
