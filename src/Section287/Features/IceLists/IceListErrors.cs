using Section287.Common;

namespace Section287.Features.IceLists;

public static class IceListErrors
{
    public static Error Unreadable(string why) => Error.Invalid("ice_list.unreadable", why);

    public static Error NoRows(int blank) => Error.Invalid("ice_list.no_rows",
        $"The worksheet has its header but no rows of data{(blank > 0 ? $" ({blank:N0} blank rows)" : "")}: it is no list of ICE's, and the registry is unchanged.");

    public static readonly Error AsOfRequired = Error.Invalid(
        "ice_list.as_of_required", "The file name carries no date (YYYY-MM-DD); give the list's date with --as-of.");

    public static readonly Rule OlderThanNewestRule = new("ice_list.older_than_newest", "An older list of ICE's cannot be imported over a newer one.",
        Rule.PolicyReason("the registry shows ICE's newest published list; an older file would bring back agreements that ended"), Basis: RuleBasis.Policy);

    public static readonly Rule MassRemovalRule = new("ice_list.mass_removal",
        "A list that would mark more than the set share of the registry's agreements removed (10% unless configured) is imported only when "
        + "the program office confirms the removals with a reason.",
        Rule.PolicyReason("ICE's lists change by a few agreements at a time; a list that removes many is more likely a broken file than "
            + "ICE's decision, and the registry is public"), Basis: RuleBasis.Policy);

    public static Error MassRemoval(int removed, int listed, decimal share) => MassRemovalRule.RefuseAs(
        $"This list would mark {removed:N0} of the {listed:N0} agreements in the registry removed, more than {share:P0}. Nothing was imported. "
        + "If ICE really ended them, import it again confirming the removals with your reason.");

    public static readonly Rule QueueFull = new("ice_list.queue_full",
        $"{ImportJobs.QueueLength} uploaded lists are already waiting to be imported; upload this one when they have finished.",
        Rule.PolicyReason("imports run one at a time and each waiting upload is held in memory, so the queue is bounded"), Basis: RuleBasis.Policy);

    public static readonly Error NotFound = Error.NotFound("ice_list.not_found", "No such imported list.");

    public static readonly Error UndoReasonRequired = Error.Invalid("ice_list.undo_reason_required", "Say why the import is undone; the reason is audited.",
        new Dictionary<string, string[]> { ["reason"] = ["Say why the import is undone."] });

    public static readonly Rule UndoAlready = new("ice_list.undo_already", "An import that was undone cannot be undone again.",
        Rule.PolicyReason("undoing restores the registry as it was before the import; there is nothing left to restore"), Basis: RuleBasis.Policy);

    public static readonly Rule UndoNotNewest = new("ice_list.undo_not_newest",
        "Only the newest import of a kind of list can be undone; undo the newer ones first.",
        Rule.PolicyReason("each import was reconciled against the registry the one before it left; undoing out of order would restore values a newer list replaced"),
        Basis: RuleBasis.Policy);

    public static readonly Rule UndoUnrecorded = new("ice_list.undo_unrecorded",
        "An import made before imports kept what they changed cannot be undone.",
        Rule.PolicyReason("without the earlier values of what it changed, an undo would have to guess them"), Basis: RuleBasis.Policy);

    public static readonly Rule UndoChangedSince = new("ice_list.undo_changed_since",
        "An import cannot be undone once a record it added or changed has been changed by anything else (a suspension, an officer, an encounter).",
        Rule.PolicyReason("undoing would otherwise erase or contradict what people recorded after the import"), Basis: RuleBasis.Policy);

    public static Error ChangedSince(int records) => UndoChangedSince.RefuseAs(
        $"{records:N0} record(s) this import added or changed have been changed since, or are referred to by later records. Nothing was undone.");

    public static Error OlderThanNewest(DateOnly asOf, DateOnly newest) => OlderThanNewestRule.RefuseAs(
        $"This list is dated {asOf:yyyy-MM-dd}, older than the newest list already imported ({newest:yyyy-MM-dd}). An older list cannot be imported over a newer one.");

    public const long MaxUpload = 10 * 1024 * 1024;

    /// <summary>What an uploaded list must be before it is read, for the page and the API alike.</summary>
    public static Result<DateOnly?> CheckUpload(long? length, string? asOfText)
    {
        var fields = new Dictionary<string, string[]>();
        if (length is null or 0) fields["file"] = ["Choose ICE's workbook (.xlsx)."];
        else if (length > MaxUpload) fields["file"] = ["The workbook is larger than 10 MB."];
        DateOnly? asOf = null;
        if (!string.IsNullOrWhiteSpace(asOfText))
        {
            if (DateOnly.TryParseExact(asOfText.Trim(), "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var d)) asOf = d;
            else fields["asOf"] = ["Enter the list's date as YYYY-MM-DD, or leave it empty to use the date in the file name."];
        }
        if (fields.Count > 0) return Error.Invalid("ice_list.upload_invalid", "The upload is not complete.", fields);
        return asOf;
    }
}
