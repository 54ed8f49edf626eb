using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;

namespace Section287.Features.IceLists;

public static class IceListsApi
{
    public const long MaxUpload = 10 * 1024 * 1024;

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
            if (file is null || file.Length == 0) return IceListErrors.Unreadable("Send the workbook in a field named file.").ToProblem();
            if (file.Length > MaxUpload) return IceListErrors.Unreadable("The workbook is larger than 10 MB.").ToProblem();
            DateOnly? asOf = null;
            if (form["asOf"].ToString() is { Length: > 0 } text)
            {
                if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                    return Error.Invalid("ice_list.as_of_invalid", "asOf must be a date (YYYY-MM-DD).", new Dictionary<string, string[]> { ["asOf"] = ["Use YYYY-MM-DD."] }).ToProblem();
                asOf = d;
            }
            await using var stream = file.OpenReadStream();
            var result = await import.HandleAsync(stream, file.FileName, asOf, null, ct);
            return result.IsSuccess ? TypedResults.Ok(result.Value) : (IResult)result.Error!.ToProblem();
        }).DisableAntiforgery();
    }
}
