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

    /// <summary>The calendar day at ICE headquarters of a UTC instant.</summary>
    public static DateOnly DayOf(DateTime utc) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), Eastern));

    /// <summary>The last second of a day at ICE headquarters, in UTC: when a day-based deadline passes.</summary>
    public static DateTime EndOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(new TimeOnly(23, 59, 59)), Eastern);

    /// <summary>The first instant of a day at ICE headquarters, in UTC: when something dated that day takes effect.</summary>
    public static DateTime StartOfDayUtc(DateOnly day) =>
        TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Eastern);
}
