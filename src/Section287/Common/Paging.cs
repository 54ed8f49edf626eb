using Microsoft.EntityFrameworkCore;

namespace Section287.Common;

public sealed record Page<T>(IReadOnlyList<T> Items, int PageNumber, int PageSize, int Total)
{
    public int PageCount => Total == 0 ? 1 : (Total + PageSize - 1) / PageSize;
}

public static class Paging
{
    public const int MaxPageSize = 200;
    public const int DefaultPageSize = 50;

    public static Result<(int Page, int Size)> Validate(int? page, int? pageSize)
    {
        var p = page ?? 1;
        var s = pageSize ?? DefaultPageSize;
        if (p < 1 || s < 1 || s > MaxPageSize) return CommonErrors.PageOutOfRange;
        return (p, s);
    }

    /// <summary>Counts and pages in the database, never in memory.</summary>
    public static async Task<Page<T>> ToPageAsync<T>(this IQueryable<T> query, int page, int pageSize, CancellationToken ct)
    {
        var total = await query.CountAsync(ct);
        // A page past the end is empty (page 2147483647 must not wrap around to the first).
        var skip = (long)(page - 1) * pageSize;
        if (skip >= total) return new Page<T>([], page, pageSize, total);
        var items = await query.Skip((int)skip).Take(pageSize).ToListAsync(ct);
        return new Page<T>(items, page, pageSize, total);
    }
}
