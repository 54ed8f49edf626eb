namespace Section287.Common;

public static class CommonErrors
{
    public static readonly Error StaleEdit = Error.Conflict(
        "record.stale", "Someone else changed this record after you opened it. Reload it and make your change again.");

    public static readonly Error PageOutOfRange = Error.Invalid(
        "paging.invalid", "Page must be 1 or more and page size between 1 and 200.");
}
