using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;

namespace Section287.Features.IceLists;

public static class IceListsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        var group = api.MapGroup("/ice-lists").WithTags("ICE lists").RequireAuthorization(Identity.ProgramOfficePolicy);

        group.MapGet("/", async (AppDbContext db, int? page, int? pageSize, CancellationToken ct) =>
        {
            var paging = Paging.Validate(page, pageSize);
            if (!paging.IsSuccess) return (IResult)paging.Error!.ToProblem();
            return TypedResults.Ok(await db.IceListSnapshots.AsNoTracking().OrderByDescending(s => s.AsOf).ThenByDescending(s => s.ImportedAt)
                .ToPageAsync(paging.Value.Page, paging.Value.Size, ct));
        });

        // The API takes the token; forms on pages carry the antiforgery token instead.
        group.MapPost("/", async (HttpRequest request, ImportIceList import, CancellationToken ct) =>
        {
            if (!request.HasFormContentType) return (IResult)IceListErrors.Unreadable("Send the workbook as multipart/form-data in a field named file.").ToProblem();
            var form = await request.ReadFormAsync(ct);
            var file = form.Files.GetFile("file");
            var upload = IceListErrors.CheckUpload(file?.Length, form["asOf"].ToString());
            if (!upload.IsSuccess) return upload.Error!.ToProblem();
            var asOf = upload.Value;
            await using var stream = file!.OpenReadStream();
            // confirmRemovals: the program office's reason, when the list removes more agreements than the set share.
            var result = await import.HandleAsync(stream, file.FileName, asOf, null, ct, form["confirmRemovals"].ToString());
            return result.IsSuccess ? TypedResults.Ok(result.Value) : (IResult)result.Error!.ToProblem();
        }).DisableAntiforgery().WithMetadata(new Microsoft.AspNetCore.Mvc.RequestSizeLimitAttribute(IceListErrors.MaxUpload + 64 * 1024));

        // Undo the newest import of its kind: what it changed is restored, what it added is deleted, audited with the reason.
        group.MapPost("/{id:guid}/undo", async (UndoIceListImport undo, Guid id, UndoImportInput input, CancellationToken ct) =>
            (await undo.HandleAsync(id, input, ct)).ToHttp());
    }
}
