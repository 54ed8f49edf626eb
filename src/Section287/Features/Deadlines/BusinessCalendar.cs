namespace Section287.Features.Deadlines;

/// <summary>
/// Business days: Monday to Friday, less the federal holidays of 5 U.S.C. 6103(a), each observed on the
/// Friday before when it falls on a Saturday and the Monday after when it falls on a Sunday
/// (Executive Order 11582). Inauguration Day is left out: it is a holiday only around Washington, D.C.
/// </summary>
public static class BusinessCalendar
{
    public static bool IsBusinessDay(DateOnly day) =>
        day.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday) && !IsFederalHoliday(day);

    /// <summary>The day <paramref name="count"/> business days after <paramref name="from"/> (from itself not counted).</summary>
    public static DateOnly AddBusinessDays(DateOnly from, int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var day = from;
        while (count > 0)
        {
            day = day.AddDays(1);
            if (IsBusinessDay(day)) count--;
        }
        return day;
    }

    public static bool IsFederalHoliday(DateOnly day) =>
        ObservedHolidays(day.Year).Contains(day)
        // New Year's Day of the next year on a Saturday is observed on this year's 31 December.
        || (day is { Month: 12, Day: 31 } && new DateOnly(day.Year + 1, 1, 1).DayOfWeek == DayOfWeek.Saturday);

    public static IReadOnlyList<DateOnly> ObservedHolidays(int year) =>
    [
        Observed(new DateOnly(year, 1, 1)),
        Nth(year, 1, DayOfWeek.Monday, 3),    // Birthday of Martin Luther King, Jr.
        Nth(year, 2, DayOfWeek.Monday, 3),    // Washington's Birthday
        Last(year, 5, DayOfWeek.Monday),      // Memorial Day
        Observed(new DateOnly(year, 6, 19)),  // Juneteenth National Independence Day
        Observed(new DateOnly(year, 7, 4)),
        Nth(year, 9, DayOfWeek.Monday, 1),    // Labor Day
        Nth(year, 10, DayOfWeek.Monday, 2),   // Columbus Day
        Observed(new DateOnly(year, 11, 11)), // Veterans Day
        Nth(year, 11, DayOfWeek.Thursday, 4), // Thanksgiving Day
        Observed(new DateOnly(year, 12, 25)),
    ];

    private static DateOnly Observed(DateOnly day) => day.DayOfWeek switch
    {
        DayOfWeek.Saturday => day.AddDays(-1),
        DayOfWeek.Sunday => day.AddDays(1),
        _ => day,
    };

    private static DateOnly Nth(int year, int month, DayOfWeek weekday, int n)
    {
        var first = new DateOnly(year, month, 1);
        var offset = ((int)weekday - (int)first.DayOfWeek + 7) % 7;
        return first.AddDays(offset + (7 * (n - 1)));
    }

    private static DateOnly Last(int year, int month, DayOfWeek weekday)
    {
        var last = new DateOnly(year, month, DateTime.DaysInMonth(year, month));
        var offset = ((int)last.DayOfWeek - (int)weekday + 7) % 7;
        return last.AddDays(-offset);
    }
}
