using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Features.Officers;

namespace Section287.Features.Officers.Pages;

/// <summary>A designated officer's own page: whether they may exercise authority now and why not, what is due, their papers and history.</summary>
public sealed class MeModel(OfficerWorkflow workflow) : StaffPage
{
    public OfficerView? Officer { get; private set; }

    public string? Missing { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var result = await workflow.MineAsync(Me, ct);
        if (result.IsSuccess) Officer = result.Value;
        else Missing = result.Error!.Message;
        return Page();
    }
}
