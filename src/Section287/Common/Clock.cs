namespace Section287.Common;

public static class Clock
{
    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    /// <summary>
    /// Today's date for legal dates (notice periods, effective dates): the calendar day at ICE headquarters,
    /// so that a notice given late in the evening is dated the day it was given there.
    /// </summary>
    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, Eastern));
}
