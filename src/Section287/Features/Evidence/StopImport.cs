using System.Globalization;
using System.Text;

namespace Section287.Features.Evidence;

/// <summary>A problem the import found: its stable code, whether it refuses the file, how many rows, and the first lines.</summary>
public sealed record ImportIssue(string Code, string Severity, string Column, string Message, long Count, IReadOnlyList<long> Lines);

/// <summary>What an import read: rows and stops, the columns kept, unknown and dropped, and every issue with its line numbers.</summary>
public sealed record StopImportReport(string Format, long Rows, long Stops, IReadOnlyList<string> Columns, IReadOnlyList<string> UnknownColumns,
    IReadOnlyList<string> DroppedColumns, IReadOnlyList<string> MissingForTests, IReadOnlyList<ImportIssue> Issues, DateOnly? FirstDate, DateOnly? LastDate)
{
    [System.Text.Json.Serialization.JsonIgnore]
    public bool HasErrors => Issues?.Any(i => i.Severity == StopImport.Error) == true;

    /// <summary>A stored report, or an empty one where none was stored.</summary>
    public static StopImportReport Parse(string? json, string format)
    {
        var report = string.IsNullOrWhiteSpace(json) ? null : System.Text.Json.JsonSerializer.Deserialize<StopImportReport>(json, StopDatasets.Json);
        return report is { Columns: not null, Issues: not null } ? report : new StopImportReport(format, 0, 0, [], [], [], [], [], null, null);
    }
}

/// <summary>One record ready to store.</summary>
public readonly record struct ParsedStop(long Line, DateOnly? Date, string? Race, int Weight, string Record);

/// <summary>
/// Reads a stop file as it streams (any size; memory does not grow with the file), checks every value the tests read, and
/// hands each record on in OPP's schema. A structural fault (a row whose fields do not match the header, a count that is not
/// a whole number of stops) refuses the whole file; a value the tests cannot read (a date that is not a date) is reported
/// with its lines and read as missing, as OPP's pipeline would. Columns outside OPP's schema are kept as they are.
/// Officers' names and dates of birth and people's dates of birth are never kept; an officer ID is kept only as a keyed hash
/// (<c>officer_id_hash</c>), so a stored dataset holds no one's identity.
/// </summary>
public static class StopImport
{
    public const string Error = "error";
    public const string Warning = "warning";
    private const int LinesKept = 20;

    /// <summary>OPP's standardized columns (github.com/stanford-policylab/opp, data readme).</summary>
    public static readonly string[] OppColumns =
    [
        "raw_row_number", "date", "time", "location", "lat", "lng", "county_name", "neighborhood", .. StopData.SubgeographyColumns,
        "subject_age", "subject_dob", "subject_race", "subject_sex", "officer_id", "officer_id_hash", "officer_age", "officer_dob",
        "officer_race", "officer_sex", "officer_first_name", "officer_last_name", "officer_years_of_service", "officer_assignment",
        "department_id", "department_name", "unit", "disposition", "type", "violation", "arrest_made", "citation_issued", "warning_issued",
        "outcome", "contraband_found", "contraband_drugs", "contraband_weapons", "contraband_alcohol", "contraband_other", "frisk_performed",
        "search_conducted", "search_person", "search_vehicle", "search_basis", "reason_for_frisk", "reason_for_search", "reason_for_stop",
        "speed", "posted_speed", "use_of_force_description", "use_of_force_reason", "vehicle_color", "vehicle_make", "vehicle_model",
        "vehicle_type", "vehicle_registration_state", "vehicle_year", "notes",
    ];

    public static readonly string[] NeverKept = ["officer_first_name", "officer_last_name", "officer_dob", "subject_dob"];

    public static readonly string[] OppRaces = ["asian/pacific islander", "black", "hispanic", "other", "unknown", "white"];

    private static readonly string[] Flags =
    [
        "arrest_made", "citation_issued", "warning_issued", "frisk_performed", "search_conducted", "search_person", "search_vehicle",
        "contraband_found", "contraband_drugs", "contraband_weapons", "contraband_alcohol", "contraband_other",
    ];

    /// <summary>What the disparity tests read; a file without one of them loses the tests that need it.</summary>
    private static readonly (string Column, string Needed)[] ForTests =
    [
        ("date", "every test (months and years)"), ("subject_race", "every test"), ("type", "every test (vehicular stops)"),
        ("time", "the veil of darkness"), ("search_conducted", "search and hit rates"), ("contraband_found", "hit rates"),
    ];

    public static readonly string[] NorthCarolinaColumns = ["year", "driver_race", "stop_purpose", "search_type", "contraband_found", "engage_force", "count"];

    /// <summary>The stored header of a North Carolina file: OPP's names where there is one, the year and the weight kept.</summary>
    public static readonly string[] NorthCarolinaHeader =
        ["date", "year", "subject_race", "type", "reason_for_stop", "search_conducted", "search_basis", "contraband_found", "engage_force", "count"];

    public static StopImportReport Read(TextReader text, StopFormat format, Func<string, string?> hashOfficer, Action<string> onHeader, Action<ParsedStop> onRow)
    {
        using var csv = new CsvRecords(text);
        var issues = new Issues();
        if (!csv.Read())
        {
            issues.Add("stops.empty_file", Error, "", "The file is empty: a stop file starts with a header row.", 1);
            return issues.Report(format == StopFormat.Opp ? "opp" : "north-carolina", 0, 0, [], [], [], [], null, null);
        }
        var header = Enumerable.Range(0, csv.FieldCount).Select(i => csv.Text(i).TrimStart('\uFEFF')).ToArray();
        return format switch
        {
            StopFormat.Opp => ReadOpp(csv, header, issues, hashOfficer, onHeader, onRow),
            StopFormat.NorthCarolina => ReadNorthCarolina(csv, header, issues, onHeader, onRow),
        };
    }

    private static StopImportReport ReadOpp(CsvRecords csv, string[] header, Issues issues, Func<string, string?> hashOfficer,
        Action<string> onHeader, Action<ParsedStop> onRow)
    {
        var duplicate = header.GroupBy(h => h, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1 || g.Key.Length == 0);
        if (duplicate is not null)
        {
            issues.Add("stops.bad_header", Error, duplicate.Key, duplicate.Key.Length == 0 ? "A column has no name." : $"The column \"{duplicate.Key}\" appears twice.", 1);
            return issues.Report("opp", 0, 0, header, [], [], [], null, null);
        }
        var officerId = Array.IndexOf(header, "officer_id");
        var hasHash = header.Contains("officer_id_hash");
        var kept = Enumerable.Range(0, header.Length).Where(i => !NeverKept.Contains(header[i]) && !(i == officerId)).ToList();
        var outHeader = kept.Select(i => header[i]).ToList();
        var hashSlot = -1;
        if (officerId >= 0 && !hasHash)
        {
            hashSlot = outHeader.Count;
            outHeader.Add("officer_id_hash");
        }
        var dropped = header.Where(h => NeverKept.Contains(h) || (h == "officer_id")).ToList();
        var unknown = header.Where(h => !OppColumns.Contains(h)).ToList();
        var missing = ForTests.Where(t => !header.Contains(t.Column)).Select(t => $"{t.Column}: needed by {t.Needed}").ToList();
        onHeader(Line(outHeader));

        int Col(string name) => Array.IndexOf(header, name);
        int date = Col("date"), time = Col("time"), race = Col("subject_race"), type = Col("type"), lat = Col("lat"), lng = Col("lng");
        var flags = Flags.Select(f => (Name: f, Index: Col(f))).Where(f => f.Index >= 0).ToArray();
        long rows = 0;
        DateOnly? first = null, last = null;
        var record = new StringBuilder(256);
        while (csv.Read())
        {
            if (csv.FieldCount != header.Length)
            {
                issues.Add("stops.field_count", Error, "", $"A row's fields do not match the header's {header.Length} columns.", csv.Line);
                continue;
            }
            DateOnly? day = null;
            if (date >= 0 && !StopData.IsMissing(csv[date]))
            {
                var parsed = StopData.ParseDate(csv[date]);
                if (parsed == StopData.NoDate) issues.Add("stops.date", Warning, "date", "Not a date (YYYY-MM-DD); read as missing.", csv.Line);
                else
                {
                    day = StopData.ToDate(parsed);
                    if (first is null || day < first) first = day;
                    if (last is null || day > last) last = day;
                }
            }
            if (time >= 0 && !StopData.IsMissing(csv[time]) && StopData.ParseMinute(csv[time]) < 0)
                issues.Add("stops.time", Warning, "time", "Not a time of day (HH:MM or HH:MM:SS); read as missing.", csv.Line);
            string? raceValue = null;
            if (race >= 0 && !StopData.IsMissing(csv[race]))
            {
                raceValue = csv.Text(race);
                if (!OppRaces.Contains(raceValue))
                    issues.Add("stops.race", Warning, "subject_race", $"Not one of OPP's race values ({string.Join(", ", OppRaces)}); left out of the race groups.", csv.Line);
            }
            if (type >= 0 && !StopData.IsMissing(csv[type]) && csv[type] is not ("vehicular" or "pedestrian"))
                issues.Add("stops.type", Warning, "type", "Not vehicular or pedestrian; left out of the tests (they use vehicular stops).", csv.Line);
            foreach (var (name, index) in flags)
                if (!StopData.IsMissing(csv[index]) && StopData.ParseFlag(csv[index]) < 0)
                    issues.Add("stops.flag." + name, Warning, name, "Not TRUE or FALSE; read as missing.", csv.Line);
            foreach (var (name, index) in new[] { ("lat", lat), ("lng", lng) })
                if (index >= 0 && !StopData.IsMissing(csv[index]) && !double.TryParse(csv[index], NumberStyles.Float, CultureInfo.InvariantCulture, out _))
                    issues.Add("stops." + name, Warning, name, "Not a number; read as missing.", csv.Line);
            record.Clear();
            for (var k = 0; k < kept.Count; k++) AppendField(record, k, csv[kept[k]]);
            if (hashSlot >= 0) AppendField(record, hashSlot, StopData.IsMissing(csv[officerId]) ? "NA" : hashOfficer(csv.Text(officerId)) ?? "NA");
            rows++;
            onRow(new ParsedStop(csv.Line, day, raceValue, 1, record.ToString()));
        }
        if (rows == 0) issues.Add("stops.no_rows", Error, "", "The file has a header but no stops.", 2);
        return issues.Report("opp", rows, rows, outHeader, unknown, dropped, missing, first, last);
    }

    private static StopImportReport ReadNorthCarolina(CsvRecords csv, string[] header, Issues issues, Action<string> onHeader, Action<ParsedStop> onRow)
    {
        var absent = NorthCarolinaColumns.Except(["stop_purpose", "engage_force"]).Where(c => !header.Contains(c)).ToList();
        if (absent.Count > 0)
        {
            issues.Add("stops.nc_columns", Error, absent[0], $"A North Carolina file needs the columns {string.Join(", ", NorthCarolinaColumns)}; missing: {string.Join(", ", absent)}.", 1);
            return issues.Report("north-carolina", 0, 0, header, [], [], [], null, null);
        }
        onHeader(Line(NorthCarolinaHeader));
        int Col(string name) => Array.IndexOf(header, name);
        int year = Col("year"), race = Col("driver_race"), purpose = Col("stop_purpose"), search = Col("search_type"),
            contraband = Col("contraband_found"), force = Col("engage_force"), count = Col("count");
        long rows = 0, stops = 0;
        var fields = new string[NorthCarolinaHeader.Length];
        while (csv.Read())
        {
            if (csv.FieldCount != header.Length)
            {
                issues.Add("stops.field_count", Error, "", $"A row's fields do not match the header's {header.Length} columns.", csv.Line);
                continue;
            }
            if (!int.TryParse(csv[count], NumberStyles.None, CultureInfo.InvariantCulture, out var weight) || weight < 1)
            {
                issues.Add("stops.count", Error, "count", "The count of stops must be a whole number, 1 or more.", csv.Line);
                continue;
            }
            if (!int.TryParse(csv[year], NumberStyles.None, CultureInfo.InvariantCulture, out var y) || y is < 1990 or > 2100)
                issues.Add("stops.year", Warning, "year", "Not a year; read as missing.", csv.Line);
            var raceValue = csv.Text(race) switch
            {
                "White" => "white",
                "Black" => "black",
                "Hispanic" => "hispanic",
                "Asian" => "asian/pacific islander",
                "Native American" or "Other" => "other",
                _ => null,
            };
            if (raceValue is null) issues.Add("stops.race", Warning, "driver_race", "Not one of North Carolina's race values; read as missing.", csv.Line);
            var searchType = csv.Text(search);
            var searched = !StopData.IsMissing(csv[search]);
            // OPP's mapping of North Carolina's search types: consent and probable cause as such; the rest are not discretionary.
            var basis = !searched ? "NA" : searchType switch { "Consent" => "consent", "Probable Cause" => "probable cause", _ => "other" };
            var found = StopData.ParseFlag(csv[contraband]);
            if (found < 0 && !StopData.IsMissing(csv[contraband]))
                issues.Add("stops.flag.contraband_found", Warning, "contraband_found", "Not True or False; read as missing.", csv.Line);
            fields[0] = "NA";
            fields[1] = y is >= 1990 and <= 2100 ? y.ToString(CultureInfo.InvariantCulture) : "NA";
            fields[2] = raceValue ?? "NA";
            fields[3] = "vehicular";
            fields[4] = purpose >= 0 ? csv.Text(purpose) : "NA";
            fields[5] = searched ? "TRUE" : "FALSE";
            fields[6] = basis;
            fields[7] = found < 0 ? "NA" : found == 1 ? "TRUE" : "FALSE";
            fields[8] = force >= 0 ? csv.Text(force) : "NA";
            fields[9] = weight.ToString(CultureInfo.InvariantCulture);
            rows++;
            stops += weight;
            onRow(new ParsedStop(csv.Line, null, raceValue, weight, Line(fields)));
        }
        if (rows == 0) issues.Add("stops.no_rows", Error, "", "The file has a header but no rows.", 2);
        return issues.Report("north-carolina", rows, stops, NorthCarolinaHeader, [], [],
            ["date: North Carolina's aggregated data give the year only, so OPP's tests that need dates (months, the veil of darkness) cannot run; search and hit rates by race can"],
            null, null);
    }

    /// <summary>One CSV record; a field is quoted when it holds a comma, a quote, a line break or blanks at its ends.</summary>
    public static string Line(IReadOnlyList<string> fields)
    {
        var s = new StringBuilder();
        for (var i = 0; i < fields.Count; i++) AppendField(s, i, fields[i]);
        return s.ToString();
    }

    private static void AppendField(StringBuilder s, int index, ReadOnlySpan<char> f)
    {
        if (index > 0) s.Append(',');
        if (f.IndexOfAny(",\"\r\n") < 0 && !(f.Length > 0 && (char.IsWhiteSpace(f[0]) || char.IsWhiteSpace(f[^1]))))
        {
            s.Append(f);
            return;
        }
        s.Append('"');
        foreach (var c in f)
        {
            if (c == '"') s.Append('"');
            s.Append(c);
        }
        s.Append('"');
    }

    private sealed class Issues
    {
        private readonly Dictionary<string, (string Severity, string Column, string Message, long Count, List<long> Lines)> found = new(StringComparer.Ordinal);

        public void Add(string code, string severity, string column, string message, long line)
        {
            if (!found.TryGetValue(code, out var issue)) issue = (severity, column, message, 0, []);
            if (issue.Lines.Count < LinesKept) issue.Lines.Add(line);
            found[code] = issue with { Count = issue.Count + 1 };
        }

        public StopImportReport Report(string format, long rows, long stops, IReadOnlyList<string> columns, IReadOnlyList<string> unknown,
            IReadOnlyList<string> dropped, IReadOnlyList<string> missing, DateOnly? first, DateOnly? last) =>
            new(format, rows, stops, columns, unknown, dropped, missing,
                found.OrderBy(f => f.Value.Severity == Error ? 0 : 1).ThenBy(f => f.Key, StringComparer.Ordinal)
                    .Select(f => new ImportIssue(f.Key, f.Value.Severity, f.Value.Column, f.Value.Message, f.Value.Count, f.Value.Lines)).ToList(),
                first, last);
    }
}
