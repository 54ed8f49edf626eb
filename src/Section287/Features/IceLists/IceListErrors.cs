using Section287.Common;

namespace Section287.Features.IceLists;

public static class IceListErrors
{
    public static Error Unreadable(string why) => Error.Invalid("ice_list.unreadable", why);

    public static readonly Error AsOfRequired = Error.Invalid(
        "ice_list.as_of_required", "The file name carries no date (YYYY-MM-DD); give the list's date with --as-of.");

    public static Error OlderThanNewest(DateOnly asOf, DateOnly newest) => Error.Rule(
        "ice_list.older_than_newest",
        $"This list is dated {asOf:yyyy-MM-dd}, older than the newest list already imported ({newest:yyyy-MM-dd}). An older list cannot be imported over a newer one.");
}
