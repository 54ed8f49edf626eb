using System.Globalization;

namespace Section287.Features.Evidence;

/// <summary>
/// A categorical column: each row holds a code into <see cref="Levels"/>, or -1 where the value is missing ("" or "NA",
/// as readr reads them). OPP's <c>is_null</c> also counts the text "NULL" as missing when it measures how often a column
/// is recorded, but not when it drops rows with NA; <see cref="IsBlank"/> is the first, <see cref="IsNa"/> the second.
/// </summary>
public sealed class Category
{
    private readonly Dictionary<string, int> index = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> lookup;
    private readonly List<bool> blankLevel = [];

    public Category(int capacity)
    {
        Codes = new int[capacity];
        lookup = index.GetAlternateLookup<ReadOnlySpan<char>>();
    }

    public int[] Codes { get; private set; }
    public List<string> Levels { get; } = [];

    public bool IsNa(int row) => Codes[row] < 0;
    public bool IsBlank(int row) => Codes[row] < 0 || blankLevel[Codes[row]];
    public string? Value(int row) => Codes[row] < 0 ? null : Levels[Codes[row]];

    /// <summary>The code of a level, or -1 when no row has it.</summary>
    public int CodeOf(string level) => index.GetValueOrDefault(level, -1);

    public void Set(int row, ReadOnlySpan<char> value)
    {
        if (row >= Codes.Length) Grow(row + 1);
        Codes[row] = StopData.IsMissing(value) ? -1 : Intern(value);
    }

    public int Intern(ReadOnlySpan<char> value)
    {
        if (lookup.TryGetValue(value, out var code)) return code;
        var text = value.ToString();
        code = Levels.Count;
        Levels.Add(text);
        blankLevel.Add(text == "NULL");
        index.Add(text, code);
        return code;
    }

    internal void Grow(int atLeast)
    {
        var codes = Codes;
        Array.Resize(ref codes, Math.Max(atLeast, codes.Length * 2));
        Codes = codes;
    }

    internal void Trim(int count)
    {
        if (Codes.Length == count) return;
        var codes = Codes;
        Array.Resize(ref codes, count);
        Codes = codes;
    }
}

/// <summary>
/// Stops in OPP's standardized schema, held by column: only what the disparity tests read, typed as the reference
/// reads it (dates as days since 1970-01-01, times as minutes of the day with seconds dropped, flags as TRUE/FALSE/NA).
/// A row may stand for several identical stops (<see cref="Weight"/>, from an aggregated source); every count is a sum
/// of weights.
/// </summary>
public sealed class StopData
{
    public const int NoDate = int.MinValue;

    /// <summary>OPP's subgeography columns for a city, in the order <c>add_subgeography</c> considers them.</summary>
    public static readonly string[] SubgeographyColumns =
        ["beat", "district", "subdistrict", "division", "subdivision", "police_grid_number", "precinct", "region",
         "reporting_area", "sector", "subsector", "substation", "service_area", "zone"];

    public int Count { get; internal set; }
    public int[] Date { get; internal set; } = [];
    public short[] Minute { get; internal set; } = [];
    public Category Race { get; internal set; } = new(0);
    public Category Type { get; internal set; } = new(0);
    public Category? SearchBasis { get; internal set; }
    public sbyte[]? SearchConducted { get; internal set; }
    public sbyte[]? ContrabandFound { get; internal set; }
    public int[]? Weight { get; internal set; }

    /// <summary>Where each stop happened when the stops come from several places (agencies), or null for one place.</summary>
    public Category? Place { get; internal set; }
    public Dictionary<string, Category> Subgeographies { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Columns { get; } = new(StringComparer.Ordinal);

    public int W(int row) => Weight is null ? 1 : Weight[row];

    public static bool IsMissing(ReadOnlySpan<char> value) => value.Length == 0 || value is "NA";

    /// <summary>Reads an OPP-schema CSV (every column as text, as the reference does, then typed).</summary>
    /// <param name="weightColumn">a column holding how many stops each row stands for (an aggregated source), or null</param>
    /// <param name="placeColumn">a column naming each stop's place (its sun times are computed there), or null for one place</param>
    public static StopData ReadCsv(TextReader text, string? weightColumn = null, string? placeColumn = null)
    {
        using var csv = new CsvRecords(text);
        if (!csv.Read()) throw new FormatException("The file is empty: an OPP stop file starts with a header row.");
        var header = new string[csv.FieldCount];
        for (var i = 0; i < header.Length; i++) header[i] = csv.Text(i).TrimStart('\uFEFF');
        var data = new StopData();
        foreach (var h in header) data.Columns.Add(h);
        int Col(string name) => Array.IndexOf(header, name);
        int date = Col("date"), time = Col("time"), race = Col("subject_race"), type = Col("type"),
            searched = Col("search_conducted"), basis = Col("search_basis"), contraband = Col("contraband_found");
        var subs = SubgeographyColumns.Select(c => (Name: c, Index: Col(c))).Where(c => c.Index >= 0).ToArray();
        var weight = weightColumn is null ? -1 : Col(weightColumn);
        var place = placeColumn is null ? -1 : Col(placeColumn);

        var capacity = 1 << 14;
        var dates = new int[capacity];
        var minutes = new short[capacity];
        data.Race = new Category(capacity);
        data.Type = new Category(capacity);
        if (basis >= 0) data.SearchBasis = new Category(capacity);
        if (place >= 0) data.Place = new Category(capacity);
        var searchedFlags = searched >= 0 ? new sbyte[capacity] : null;
        var contrabandFlags = contraband >= 0 ? new sbyte[capacity] : null;
        var weights = weight >= 0 ? new int[capacity] : null;
        foreach (var (name, _) in subs) data.Subgeographies[name] = new Category(capacity);

        var n = 0;
        while (csv.Read())
        {
            if (n == capacity)
            {
                capacity *= 2;
                Array.Resize(ref dates, capacity);
                Array.Resize(ref minutes, capacity);
                if (searchedFlags is not null) Array.Resize(ref searchedFlags, capacity);
                if (contrabandFlags is not null) Array.Resize(ref contrabandFlags, capacity);
                if (weights is not null) Array.Resize(ref weights, capacity);
            }
            if (weights is not null)
                weights[n] = int.TryParse(csv[weight], NumberStyles.None, CultureInfo.InvariantCulture, out var w) && w > 0 ? w : 1;
            dates[n] = date >= 0 ? ParseDate(csv[date]) : NoDate;
            minutes[n] = time >= 0 ? ParseMinute(csv[time]) : (short)-1;
            data.Race.Set(n, race >= 0 ? csv[race] : default);
            data.Type.Set(n, type >= 0 ? csv[type] : default);
            data.SearchBasis?.Set(n, csv[basis]);
            data.Place?.Set(n, csv[place]);
            if (searchedFlags is not null) searchedFlags[n] = ParseFlag(csv[searched]);
            if (contrabandFlags is not null) contrabandFlags[n] = ParseFlag(csv[contraband]);
            foreach (var (name, index) in subs) data.Subgeographies[name].Set(n, csv[index]);
            n++;
        }
        Array.Resize(ref dates, n);
        Array.Resize(ref minutes, n);
        if (searchedFlags is not null) Array.Resize(ref searchedFlags, n);
        if (contrabandFlags is not null) Array.Resize(ref contrabandFlags, n);
        if (weights is not null) Array.Resize(ref weights, n);
        data.Weight = weights;
        data.Count = n;
        data.Date = dates;
        data.Minute = minutes;
        data.SearchConducted = searchedFlags;
        data.ContrabandFound = contrabandFlags;
        data.Race.Trim(n);
        data.Type.Trim(n);
        data.SearchBasis?.Trim(n);
        data.Place?.Trim(n);
        foreach (var c in data.Subgeographies.Values) c.Trim(n);
        return data;
    }

    /// <summary>R's <c>as.Date(x, "%Y-%m-%d")</c>: year, month and day of one or two digits; what follows is ignored.</summary>
    public static int ParseDate(ReadOnlySpan<char> s)
    {
        var i = 0;
        if (!Digits(s, ref i, 4, out var y) || i >= s.Length || s[i++] != '-') return NoDate;
        if (!Digits(s, ref i, 2, out var m) || i >= s.Length || s[i++] != '-') return NoDate;
        if (!Digits(s, ref i, 2, out var d)) return NoDate;
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > DateTime.DaysInMonth(y, m)) return NoDate;
        return new DateOnly(y, m, d).DayNumber - Epoch;
    }

    public static readonly int Epoch = new DateOnly(1970, 1, 1).DayNumber;

    public static DateOnly ToDate(int days) => DateOnly.FromDayNumber(days + Epoch);

    /// <summary>OPP's <c>time_to_minute</c>: "H:MM" or "HH:MM[:SS[.f]]" to hour × 60 + minute, seconds dropped; -1 if not a time.</summary>
    public static short ParseMinute(ReadOnlySpan<char> s)
    {
        var i = 0;
        if (!Digits(s, ref i, 2, out var h) || i >= s.Length || s[i++] != ':') return -1;
        var start = i;
        if (!Digits(s, ref i, 2, out var m) || i - start != 2) return -1;
        if (i < s.Length)
        {
            if (s[i++] != ':') return -1;
            start = i;
            if (!Digits(s, ref i, 2, out _) || i - start != 2) return -1;
            if (i < s.Length)
            {
                if (s[i++] != '.') return -1;
                start = i;
                while (i < s.Length && char.IsAsciiDigit(s[i])) i++;
                if (i == start || i != s.Length) return -1;
            }
        }
        if (h > 23 || m > 59) return -1;
        return (short)(h * 60 + m);
    }

    /// <summary>TRUE/T/1 and FALSE/F/0 in any case; anything else is NA (-1).</summary>
    public static sbyte ParseFlag(ReadOnlySpan<char> s)
    {
        if (s.Equals("TRUE", StringComparison.OrdinalIgnoreCase) || s.Equals("T", StringComparison.OrdinalIgnoreCase) || s is "1") return 1;
        if (s.Equals("FALSE", StringComparison.OrdinalIgnoreCase) || s.Equals("F", StringComparison.OrdinalIgnoreCase) || s is "0") return 0;
        return -1;
    }

    private static bool Digits(ReadOnlySpan<char> s, ref int i, int max, out int value)
    {
        value = 0;
        var start = i;
        while (i < s.Length && i - start < max && char.IsAsciiDigit(s[i])) value = value * 10 + (s[i++] - '0');
        return i > start;
    }

    public static string MonthText(int monthKey) => string.Create(CultureInfo.InvariantCulture, $"{monthKey / 12:0000}-{monthKey % 12 + 1:00}");

    public static int MonthKey(int days)
    {
        var d = ToDate(days);
        return d.Year * 12 + d.Month - 1;
    }
}
