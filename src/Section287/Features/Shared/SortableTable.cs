using System.Linq.Expressions;
using System.Net;
using Microsoft.AspNetCore.Html;

namespace Section287.Features.Shared;

/// <summary>
/// A list's order, chosen by the column headers' links (so it works without script, pages with the list, and can be shared):
/// pressing the sorted column again reverses it. The database sorts, with an index behind each sortable column of a long list.
/// </summary>
public sealed record SortableTable(string Current, bool Descending, Func<string, bool, string> Link)
{
    /// <summary>Reads "name" or "-name" (descending) from the address, falling back to the list's default when unknown.</summary>
    public static (string Key, bool Descending) Parse(string? sort, string fallback, params string[] keys)
    {
        var desc = sort?.StartsWith('-') == true;
        var key = desc ? sort![1..] : sort;
        return keys.Contains(key) ? (key!, desc) : (fallback, false);
    }

    public static string Code(string key, bool descending) => descending ? "-" + key : key;

    /// <summary>
    /// The order a page's address asks for (one of <paramref name="keys"/>, else <paramref name="fallback"/> in its natural direction),
    /// with headers that link to <paramref name="address"/> of the next order's code.
    /// </summary>
    public static SortableTable Read(string? sort, string fallback, IReadOnlyCollection<string> keys, Func<string, string> address,
        bool fallbackDescending = false)
    {
        var (key, descending) = string.IsNullOrEmpty(sort) ? (fallback, fallbackDescending) : Parse(sort, fallback, [.. keys]);
        return new SortableTable(key, descending, (k, d) => address(Code(k, d)));
    }

    /// <summary>This order as the address writes it ("name" or "-name").</summary>
    public string Sort => Code(Current, Descending);

    /// <summary>A column header that sorts by <paramref name="key"/>; the sorted one says so to every reader.</summary>
    public IHtmlContent Header(string key, string label)
    {
        var sorted = Current == key;
        var next = sorted && !Descending;
        var mark = sorted ? (Descending ? " ▼" : " ▲") : "";
        var state = Common.Texts.S(sorted ? (Descending ? ", sorted descending; press to sort ascending" : ", sorted ascending; press to sort descending") : ", press to sort");
        return new HtmlString(
            $"<th scope=\"col\" data-sort=\"{key}\"{(sorted ? $" data-sorted=\"{(Descending ? "descending" : "ascending")}\"" : "")}>" +
            $"<a class=\"usa-link\" href=\"{WebUtility.HtmlEncode(Link(key, next))}\">{WebUtility.HtmlEncode(label)}<span aria-hidden=\"true\">{mark}</span>" +
            $"<span class=\"usa-sr-only\">{state}</span></a></th>");
    }
}

/// <summary>Sorting a query one way or the other by a column the list's header chose.</summary>
public static class SortOrders
{
    public static IOrderedQueryable<T> SortBy<T, TKey>(this IQueryable<T> query, Expression<Func<T, TKey>> key, bool descending) =>
        descending ? query.OrderByDescending(key) : query.OrderBy(key);
}
