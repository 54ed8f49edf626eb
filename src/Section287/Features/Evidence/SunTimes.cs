namespace Section287.Features.Evidence;

/// <summary>
/// Sunset and the end of civil twilight (dusk) by the NOAA Solar Calculator's formulas (after Meeus), as the reference
/// computes them: the sun's position is re-evaluated at the estimated event instant, four passes; sunset is the upper
/// limb at −0.833° (zenith 90.833°), dusk the centre at −6° (zenith 96°). Times are turned into the local clock of the
/// given zone (daylight saving included) and floored to the minute, because OPP keeps hour × 60 + minute.
/// </summary>
public static class SunTimes
{
    public const double SunsetZenith = 90.833;
    public const double DuskZenith = 96;
    private const double Rad = Math.PI / 180;

    public readonly record struct Day(int SunsetMinute, int DuskMinute, string SunsetLocal, string DuskLocal);

    /// <summary>Minutes after 00:00 UTC of the date at which the sun reaches the zenith distance, setting.</summary>
    public static double SettingUtcMinutes(int daysSinceEpoch, double lat, double lng, double zenith, int passes = 4)
    {
        var jd0 = daysSinceEpoch + 2440587.5;
        var t = 720 - 4 * lng;
        for (var k = 0; k < passes; k++)
        {
            var (decl, eot) = Position(jd0 + t / 1440);
            var cosH = Math.Cos(zenith * Rad) / (Math.Cos(lat * Rad) * Math.Cos(decl)) - Math.Tan(lat * Rad) * Math.Tan(decl);
            var h = Math.Acos(Math.Clamp(cosH, -2, 2)) / Rad;
            t = 720 - 4 * (lng - h) - eot;
        }
        return t;
    }

    /// <summary>Declination (radians) and the equation of time (minutes) at a Julian day.</summary>
    public static (double Declination, double EquationOfTime) Position(double jd)
    {
        var T = (jd - 2451545) / 36525;
        var l0 = RMod(280.46646 + T * (36000.76983 + T * 0.0003032), 360);
        var m = 357.52911 + T * (35999.05029 - 0.0001537 * T);
        var e = 0.016708634 - T * (0.000042037 + 0.0000001267 * T);
        var c = Math.Sin(m * Rad) * (1.914602 - T * (0.004817 + 0.000014 * T))
            + Math.Sin(2 * m * Rad) * (0.019993 - 0.000101 * T) + Math.Sin(3 * m * Rad) * 0.000289;
        var omega = 125.04 - 1934.136 * T;
        var lambda = l0 + c - 0.00569 - 0.00478 * Math.Sin(omega * Rad);
        var eps0 = 23 + (26 + (21.448 - T * (46.815 + T * (0.00059 - T * 0.001813))) / 60) / 60;
        var eps = eps0 + 0.00256 * Math.Cos(omega * Rad);
        var decl = Math.Asin(Math.Sin(eps * Rad) * Math.Sin(lambda * Rad));
        var y = Math.Pow(Math.Tan(eps * Rad / 2), 2);
        var eot = 4 / Rad * (y * Math.Sin(2 * l0 * Rad) - 2 * e * Math.Sin(m * Rad)
            + 4 * e * y * Math.Sin(m * Rad) * Math.Cos(2 * l0 * Rad)
            - 0.5 * y * y * Math.Sin(4 * l0 * Rad) - 1.25 * e * e * Math.Sin(2 * m * Rad));
        return (decl, eot);
    }

    /// <summary>Sunset and dusk on a date at a place, as local clock minutes (floored) and "HH:MM:SS".</summary>
    public static Day For(int daysSinceEpoch, double lat, double lng, TimeZoneInfo zone)
    {
        var (sunsetMinute, sunsetText) = Local(daysSinceEpoch, SettingUtcMinutes(daysSinceEpoch, lat, lng, SunsetZenith), zone);
        var (duskMinute, duskText) = Local(daysSinceEpoch, SettingUtcMinutes(daysSinceEpoch, lat, lng, DuskZenith), zone);
        return new Day(sunsetMinute, duskMinute, sunsetText, duskText);
    }

    private static (int Minute, string Text) Local(int daysSinceEpoch, double utcMinutes, TimeZoneInfo zone)
    {
        if (double.IsNaN(utcMinutes)) return (-1, "");
        // The same arithmetic as R: the instant in seconds since 1970, then the zone's offset at that instant, floored.
        var instant = daysSinceEpoch * 86400.0 + utcMinutes * 60;
        var whole = Math.Floor(instant);
        var offset = zone.GetUtcOffset(DateTimeOffset.FromUnixTimeSeconds((long)whole)).TotalSeconds;
        var local = (long)whole + (long)offset;
        var secondOfDay = (int)(((local % 86400) + 86400) % 86400);
        return (secondOfDay / 60, $"{secondOfDay / 3600:00}:{secondOfDay / 60 % 60:00}:{secondOfDay % 60:00}");
    }

    private static double RMod(double x, double m)
    {
        var r = x % m;
        return r < 0 ? r + m : r;
    }
}
