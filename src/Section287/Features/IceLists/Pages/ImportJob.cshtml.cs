using Section287.Features.Shared;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Features.Accounts;
using Section287.Features.IceLists;

namespace Section287.Features.IceLists.Pages;

[Authorize(Policy = Identity.ProgramOfficePolicy)]
public sealed class ImportJobModel(ImportJobs jobs) : PageModel
{
    public ImportJob Job { get; private set; } = null!;

    public IActionResult OnGet(Guid id)
    {
        if (jobs.Find(id) is not { } job) return NotFound();
        Job = job;
        return Page();
    }
}
