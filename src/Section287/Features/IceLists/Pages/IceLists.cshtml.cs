using Section287.Features.Shared;
using Section287.Common;
using System.Security.Claims;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.IceLists;

namespace Section287.Features.IceLists.Pages;

/// <summary>The program office uploads one of ICE's workbooks; the import runs in the background and its page shows progress.</summary>
[Authorize(Policy = Identity.ProgramOfficePolicy)]
[RequestSizeLimit(IceListErrors.MaxUpload + 64 * 1024)]
public sealed class IceListsModel(ImportJobs jobs, AppDbContext db, UndoIceListImport undo) : PageModel
{
    [BindProperty] public IFormFile? Upload { get; set; }
    [BindProperty] public string? AsOf { get; set; }

    [BindProperty] public string? ConfirmRemovals { get; set; }

    public IReadOnlyList<IceListSnapshot> Recent { get; private set; } = [];

    /// <summary>The imports that may be undone now: the newest of each kind not undone.</summary>
    public IReadOnlySet<Guid> Undoable { get; private set; } = new HashSet<Guid>();

    /// <summary>The import just undone (after the redirect), to say so.</summary>
    public IceListSnapshot? Undone { get; private set; }

    /// <summary>Undoes one import, with the program office's reason (audited); refusals are shown on this page.</summary>
    public async Task<IActionResult> OnPostUndoAsync(Guid id, string? reason, CancellationToken ct)
    {
        var result = await undo.HandleAsync(id, new UndoImportInput(reason), ct);
        if (!result.IsSuccess)
        {
            result.Error!.AddTo(ModelState);
            Response.StatusCode = result.Error!.Kind == ErrorKind.Invalid ? 400 : 422;
            await LoadAsync(ct);
            return Page();
        }
        return Redirect($"/staff/ice-lists?undone={id}");
    }

    public async Task OnGetAsync(Guid? undone, CancellationToken ct)
    {
        await LoadAsync(ct);
        Undone = Recent.FirstOrDefault(s => s.Id == undone && s.UndoneAt is not null);
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var upload = IceListErrors.CheckUpload(Upload?.Length, AsOf);
        if (!upload.IsSuccess) upload.Error!.AddTo(ModelState);
        if (!ModelState.IsValid)
        {
            Response.StatusCode = 400;
            await LoadAsync(ct);
            return Page();
        }
        using var buffer = new MemoryStream();
        await Upload!.CopyToAsync(buffer, ct);
        var job = jobs.Start(buffer.ToArray(), Upload.FileName, upload.Value, User.FindFirstValue(ClaimTypes.NameIdentifier) ?? "",
            User.FindFirstValue(ClaimTypes.Email) ?? "", ConfirmRemovals);
        if (!job.IsSuccess)
        {
            job.Error!.AddTo(ModelState);
            Response.StatusCode = 422;
            await LoadAsync(ct);
            return Page();
        }
        return Redirect($"/staff/ice-lists/imports/{job.Value.Id}");
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Recent = await db.IceListSnapshots.AsNoTracking().OrderByDescending(s => s.ImportedAt).Take(20).ToListAsync(ct);
        Undoable = (await db.IceListSnapshots.AsNoTracking().Where(s => s.UndoneAt == null)
            .GroupBy(s => s.Kind).Select(g => g.OrderByDescending(s => s.ImportedAt).Select(s => s.Id).First()).ToListAsync(ct)).ToHashSet();
    }
}
