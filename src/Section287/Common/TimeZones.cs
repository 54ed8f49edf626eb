using System.Globalization;

namespace Section287.Common;

/// <summary>
/// The time zone of a place in the United States, from its state and, in states that two zones share, its county (Census
/// FIPS). Derived for every agency when ICE's list places it; the program office can correct it by hand. Sources: the
/// federal time zone boundaries of 49 C.F.R. part 71, by county; where a county itself is split, the zone of its seat.
/// </summary>
public static class UsTimeZones
{
    public const string Default = "America/New_York";

    private static readonly Dictionary<string, string> ByState = new(StringComparer.Ordinal)
    {
        ["AL"] = "America/Chicago", ["AK"] = "America/Anchorage", ["AZ"] = "America/Phoenix", ["AR"] = "America/Chicago",
        ["CA"] = "America/Los_Angeles", ["CO"] = "America/Denver", ["CT"] = "America/New_York", ["DE"] = "America/New_York",
        ["DC"] = "America/New_York", ["FL"] = "America/New_York", ["GA"] = "America/New_York", ["HI"] = "Pacific/Honolulu",
        ["ID"] = "America/Boise", ["IL"] = "America/Chicago", ["IN"] = "America/Indiana/Indianapolis", ["IA"] = "America/Chicago",
        ["KS"] = "America/Chicago", ["KY"] = "America/New_York", ["LA"] = "America/Chicago", ["ME"] = "America/New_York",
        ["MD"] = "America/New_York", ["MA"] = "America/New_York", ["MI"] = "America/Detroit", ["MN"] = "America/Chicago",
        ["MS"] = "America/Chicago", ["MO"] = "America/Chicago", ["MT"] = "America/Denver", ["NE"] = "America/Chicago",
        ["NV"] = "America/Los_Angeles", ["NH"] = "America/New_York", ["NJ"] = "America/New_York", ["NM"] = "America/Denver",
        ["NY"] = "America/New_York", ["NC"] = "America/New_York", ["ND"] = "America/Chicago", ["OH"] = "America/New_York",
        ["OK"] = "America/Chicago", ["OR"] = "America/Los_Angeles", ["PA"] = "America/New_York", ["RI"] = "America/New_York",
        ["SC"] = "America/New_York", ["SD"] = "America/Chicago", ["TN"] = "America/Chicago", ["TX"] = "America/Chicago",
        ["UT"] = "America/Denver", ["VT"] = "America/New_York", ["VA"] = "America/New_York", ["WA"] = "America/Los_Angeles",
        ["WV"] = "America/New_York", ["WI"] = "America/Chicago", ["WY"] = "America/Denver", ["PR"] = "America/Puerto_Rico",
        ["VI"] = "America/St_Thomas", ["GU"] = "Pacific/Guam", ["MP"] = "Pacific/Saipan", ["AS"] = "Pacific/Pago_Pago",
    };

    /// <summary>Counties of split states whose zone differs from their state's default, by FIPS.</summary>
    private static readonly Dictionary<string, string> ByCounty = Build(
        ("America/Chicago", [
            // Florida's panhandle west of the Apalachicola.
            "12005", "12013", "12033", "12045", "12059", "12063", "12091", "12113", "12131", "12133",
            // Kentucky's western counties.
            "21001", "21003", "21007", "21009", "21027", "21031", "21033", "21035", "21039", "21047", "21053", "21055", "21057", "21059",
            "21061", "21075", "21083", "21085", "21087", "21091", "21093", "21099", "21101", "21105", "21107", "21139", "21141", "21143",
            "21145", "21149", "21157", "21169", "21171", "21177", "21183", "21207", "21213", "21217", "21219", "21221", "21225", "21227",
            "21233",
            // Indiana's northwest (near Chicago) and southwest (near Evansville).
            "18051", "18073", "18089", "18091", "18111", "18127", "18129", "18147", "18149", "18163", "18173",
            // Michigan's counties bordering Wisconsin.
            "26043", "26053", "26071", "26109",
        ]),
        ("America/New_York", [
            // Tennessee's eastern counties.
            "47001", "47009", "47011", "47013", "47019", "47025", "47029", "47057", "47059", "47063", "47065", "47067", "47073", "47089",
            "47091", "47093", "47105", "47107", "47121", "47123", "47129", "47139", "47143", "47145", "47151", "47155", "47163", "47171",
            "47173", "47179",
        ]),
        ("America/Denver", [
            // Texas west of the Pecos (El Paso, Hudspeth); Kansas's western border; Nebraska's panhandle; the Dakotas' west.
            "48141", "48229", "20071", "20181", "20199", "20075",
            "31007", "31013", "31033", "31045", "31049", "31069", "31101", "31105", "31111", "31117", "31123", "31135", "31157", "31161", "31165",
            "38001", "38007", "38011", "38025", "38033", "38037", "38041", "38053", "38057", "38085", "38087", "38089",
            "46019", "46033", "46047", "46055", "46063", "46071", "46081", "46093", "46102", "46103", "46105", "46113", "46137",
            // Oregon's Malheur county.
            "41045",
        ]),
        ("America/Los_Angeles", [
            // Idaho's panhandle.
            "16009", "16017", "16021", "16035", "16049", "16055", "16057", "16061", "16069", "16079",
        ]));

    public static IEnumerable<(string State, string Zone)> StateDefaults => ByState.Select(s => (s.Key, s.Value));

    public static IEnumerable<(string Fips, string Zone)> CountyOverrides => ByCounty.Select(c => (c.Key, c.Value));

    private static Dictionary<string, string> Build(params (string Zone, string[] Counties)[] groups) =>
        groups.SelectMany(g => g.Counties.Select(c => (c, g.Zone))).ToDictionary(x => x.c, x => x.Zone, StringComparer.Ordinal);

    /// <summary>The IANA zone of a state (two-letter code) and county; the Eastern zone of ICE headquarters when unknown.</summary>
    public static string For(string? state, string? countyFips) =>
        countyFips is { Length: 5 } fips && ByCounty.TryGetValue(fips, out var zone) ? zone
        : state is not null && ByState.TryGetValue(state.ToUpperInvariant(), out var byState) ? byState
        : Default;

    public static bool IsKnown(string? id) => id is { Length: > 0 and <= 64 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out _) && id.Contains('/');

    public static TimeZoneInfo Find(string? id) =>
        id is { Length: > 0 } && TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : TimeZoneInfo.FindSystemTimeZoneById(Default);

    /// <summary>The zones offered to the program office when it corrects an agency's zone.</summary>
    public static IReadOnlyList<string> Offered { get; } = ByState.Values.Concat(ByCounty.Values).Distinct().Order(StringComparer.Ordinal).ToList();
}

/// <summary>Days and times in a zone: the calendar day of an instant there, its start and end in UTC, and how to write them.</summary>
public static class ZonedTime
{
    public static DateOnly DayOf(DateTime utc, TimeZoneInfo zone) =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone));

    public static DateTime StartOfDayUtc(DateOnly day, TimeZoneInfo zone) => ToUtc(day.ToDateTime(TimeOnly.MinValue), zone);

    public static DateTime EndOfDayUtc(DateOnly day, TimeZoneInfo zone) => ToUtc(day.ToDateTime(new TimeOnly(23, 59, 59)), zone);

    /// <summary>A wall-clock time typed in the zone, as UTC. A time the spring change skips is read as the hour after.</summary>
    public static DateTime ToUtc(DateTime local, TimeZoneInfo zone)
    {
        var wall = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(wall)) wall = wall.AddHours(1);
        return TimeZoneInfo.ConvertTimeToUtc(wall, zone);
    }

    public static DateTime ToLocal(DateTime utc, TimeZoneInfo zone) => TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(utc, DateTimeKind.Utc), zone);

    /// <summary>The usual U.S. abbreviation of the zone at that instant (EST, CDT, MST, AKST, HST, AST, ChST), else its UTC offset.</summary>
    public static string Abbreviation(TimeZoneInfo zone, DateTime utc)
    {
        var local = ToLocal(utc, zone);
        var dst = zone.IsDaylightSavingTime(local);
        var standard = zone.GetUtcOffset(local) - (dst ? TimeSpan.FromHours(1) : TimeSpan.Zero);
        var letter = standard.TotalHours switch
        {
            -4 => "A",
            -5 => "E",
            -6 => "C",
            -7 => "M",
            -8 => "P",
            -9 => "AK",
            -10 => "H",
            10 => "Ch",
            _ => null,
        };
        if (letter is null)
        {
            var offset = zone.GetUtcOffset(local);
            return "UTC" + (offset < TimeSpan.Zero ? "-" : "+") + offset.ToString(@"hh\:mm", CultureInfo.InvariantCulture);
        }
        return letter + (dst ? "D" : "S") + "T";
    }

    /// <summary>"2026-12-02 19:05 EST": the local time with its zone's abbreviation.</summary>
    public static string Format(DateTime utc, TimeZoneInfo zone) =>
        ToLocal(utc, zone).ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture) + " " + Abbreviation(zone, utc);

    public static string Format(DateTime? utc, TimeZoneInfo zone) => utc is { } t ? Format(t, zone) : "—";

    /// <summary>"America/Chicago (CST)": how a refusal names the zone a day was counted in.</summary>
    public static string Describe(TimeZoneInfo zone, DateTime utc) => $"{zone.Id} ({Abbreviation(zone, utc)})";
}

/// <summary>
/// The zone the person reading a page sees times in: their agency's, their field office's, or ICE headquarters'. Set once
/// per request by the scope middleware; pages that take a time read it as wall-clock time in this zone.
/// </summary>
public static class ViewerTime
{
    private static readonly AsyncLocal<TimeZoneInfo?> Current = new();

    public static TimeZoneInfo Zone => Current.Value ?? UsTimeZones.Find(UsTimeZones.Default);

    public static void Use(TimeZoneInfo zone) => Current.Value = zone;
}
