namespace Section287.Common;

/// <summary>Today in the program's legal sense: dates are U.S. Eastern, where ICE headquarters keeps its lists.</summary>
public static class Clock
{
    private static readonly TimeZoneInfo Eastern = TimeZoneInfo.FindSystemTimeZoneById("America/New_York");

    public static DateOnly Today(this TimeProvider clock) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(clock.GetUtcNow().UtcDateTime, Eastern));
}
