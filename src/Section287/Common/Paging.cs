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

/// <summary>
/// A page of a list that can grow to millions of rows, read by keyset: the rows after the last one the reader saw, in the
/// list's order, through the index that serves that order — never <c>OFFSET</c>, never a count of the whole list. <see cref="Next"/>
/// is the cursor of the following page, or null at the end.
/// </summary>
public sealed record KeysetPage<T>(IReadOnlyList<T> Items, int PageSize, string? Next);

/// <summary>A position in a list ordered newest first by a time, ties broken by id, as an opaque URL-safe cursor.</summary>
public readonly record struct Cursor(DateTime At, Guid Id)
{
    public static readonly Error Invalid = Error.Invalid("paging.cursor_invalid",
        "That page link is not one this list made. Start again from the first page.");

    public override string ToString() =>
        Convert.ToBase64String(System.Text.Encoding.ASCII.GetBytes($"{At.Ticks}.{Id:N}")).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static Result<Cursor?> Parse(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return (Cursor?)null;
        try
        {
            var padded = text.Trim().Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            var parts = System.Text.Encoding.ASCII.GetString(Convert.FromBase64String(padded)).Split('.');
            if (parts.Length == 2 && long.TryParse(parts[0], out var ticks) && ticks >= DateTime.MinValue.Ticks && ticks <= DateTime.MaxValue.Ticks
                && Guid.TryParseExact(parts[1], "N", out var id))
                return (Cursor?)new Cursor(new DateTime(ticks, DateTimeKind.Utc), id);
        }
        catch (FormatException)
        {
        }
        return Invalid;
    }
}

public static class Keyset
{
    /// <summary>The page size asked for, or the default; 1 to <see cref="Paging.MaxPageSize"/>.</summary>
    public static Result<int> Size(int? pageSize) =>
        (pageSize ?? Paging.DefaultPageSize) is var s and >= 1 and <= Paging.MaxPageSize ? s
            : Error.Invalid("paging.invalid", $"Page size must be between 1 and {Paging.MaxPageSize}.");

    /// <summary>Reads one row more than the page to know whether another page follows.</summary>
    public static KeysetPage<T> Of<T>(List<T> rows, int size, Func<T, Cursor> cursorOf) =>
        rows.Count > size ? new KeysetPage<T>(rows.Take(size).ToList(), size, cursorOf(rows[size - 1]).ToString()) : new KeysetPage<T>(rows, size, null);
}
