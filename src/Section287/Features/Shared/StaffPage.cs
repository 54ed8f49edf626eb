using System.Globalization;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Shared;

/// <summary>
/// What every staff page shares: who acts, and how a refusal is shown. A refused action re-renders the page
/// with the rule's sentence in the error summary, each field's message beside its field, and the HTTP status
/// the API would have answered, so a page and the API never disagree about a rule.
/// </summary>
[Authorize(Policy = Identity.StaffPolicy)]
public abstract class StaffPage : PageModel
{
    protected Actor Me => Actor.Of(User);

    public Role MyRole => Identity.RoleOf(User);

    public Guid MyId => Me.Id;

    /// <summary>The same error with its fields named as on this page's form (several forms on one page share field names).</summary>
    protected static Error Renamed(Error error, params (string From, string To)[] map) =>
        error with { Fields = error.Fields.ToDictionary(f => map.FirstOrDefault(m => m.From == f.Key).To ?? f.Key, f => f.Value) };

    /// <summary>
    /// Shows a refusal. Messages about fields this page has go beside them; the rest (say, what an incomplete
    /// application still lacks, when its form is on another page) go in the summary.
    /// </summary>
    protected void Show(Error error, params string[] fieldsOnPage)
    {
        if (fieldsOnPage.Length == 0) error.AddTo(ModelState);
        else
        {
            if (error.Fields.Count == 0 || error.Fields.Keys.Any(k => !fieldsOnPage.Contains(k))) ModelState.AddModelError("", error.Message);
            foreach (var (field, messages) in error.Fields)
            {
                foreach (var message in messages) ModelState.AddModelError(fieldsOnPage.Contains(field) ? field : "", message);
            }
        }
        Response.StatusCode = Problems.StatusOf(error.Kind);
        if (Response.StatusCode == StatusCodes.Status422UnprocessableEntity) HttpContext.Items[Oversight.RefusalLog.Mark] = error.Code;
    }
}

/// <summary>
/// How staff pages write times and dates: in the reader's zone (their agency's, their field office's or headquarters'),
/// always with its abbreviation, so a time is never ambiguous; the API keeps UTC.
/// </summary>
public static class StaffFormat
{
    public static string Time(DateTime? utc) => utc is { } t ? ZonedTime.Format(t, ViewerTime.Zone) : "—";

    /// <summary>A stored UTC time as a datetime-local input's value, in the reader's zone.</summary>
    public static string? Input(DateTime? utc) => utc is { } t ? ZonedTime.ToLocal(t, ViewerTime.Zone).ToString("yyyy-MM-ddTHH:mm",
        CultureInfo.InvariantCulture) : null;

    /// <summary>A time typed in a datetime-local input (the reader's wall clock) as UTC.</summary>
    public static DateTime? FromInput(DateTime? local) => local is { } t ? ZonedTime.ToUtc(t, ViewerTime.Zone) : null;

    /// <summary>The reader's zone's offset from UTC now, in minutes: what a "Now" button adds to the device's clock to fill a time field.</summary>
    public static int OffsetMinutes() => (int)ViewerTime.Zone.GetUtcOffset(DateTime.UtcNow).TotalMinutes;

    /// <summary>The label of a time field: "Booked (local time, EST)".</summary>
    public static string TimeLabel(string label) => $"{Texts.S(label)} ({Texts.S("local time")}, {ZonedTime.Abbreviation(ViewerTime.Zone, DateTime.UtcNow)})";

    public static string Date(DateOnly? day) => day is { } d ? d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) : "—";

    public static string Status(string code) => Texts.S(code.Replace('_', ' '));

    /// <summary>A role's key ("field-supervisor") as its name ("ICE field supervisor").</summary>
    public static string Role(string code) => Texts.S(Accounts.Roles.FromCode(code)?.Title() ?? code.Replace('-', ' ').Replace('_', ' '));

    /// <summary>The USWDS tag colour of a deadline's state.</summary>
    public static string DeadlineTag(string state) => state switch
    {
        "overdue" or "missed" => "bg-secondary-dark",
        "warning" => "bg-gold text-ink",
        "met" => "bg-green",
        _ => "bg-base-dark",
    };
}

/// <summary>What <c>_Deadlines.cshtml</c> shows.</summary>
public sealed record DeadlineTable(IReadOnlyList<Deadlines.DeadlineView> Items, string Caption, bool ShowSubject);

/// <summary>What <c>_Pager.cshtml</c> shows: the page, how many, a link to a page given its number, and the navigation's name.</summary>
public sealed record Pager(int Page, int Count, Func<int, string> Link, string Label);
