using System.Globalization;
using CsvHelper;
using Section287.Common;

namespace Section287.Features.Officers;

/// <summary>One data row of a roster file: its line number, what it says, or why it cannot be read.</summary>
public sealed record RosterRow(int Line, OfficerInput? Input, IReadOnlyDictionary<string, string[]> Errors);

/// <summary>
/// Reads a roster CSV (RFC 4180: commas, double quotes, CRLF or LF). The header names the columns, in any order;
/// a missing required column refuses the whole file; each row is read on its own and its problems reported by line.
/// </summary>
public static class RosterCsv
{
    public static readonly string[] Required = ["full_name", "badge_number", "rank", "hired_on", "experience_years", "us_citizen", "disciplinary_record"];

    public static readonly string[] Optional = ["detention_trained", "force_allegation", "discrimination_allegation", "disciplinary_details"];

    public const int MaxRows = 2000;

    public static Result<IReadOnlyList<RosterRow>> Parse(string text)
    {
        var records = Records(text);
        if (records.Count == 0 || records[0].Fields.All(string.IsNullOrWhiteSpace))
            return Invalid("The file is empty; the first line must name the columns.");
        var header = records[0].Fields.Select(h => h.Trim().ToLowerInvariant().Replace(' ', '_')).ToList();
        var missing = Required.Where(r => !header.Contains(r)).ToList();
        if (missing.Count > 0) return Invalid($"The header lacks these columns: {string.Join(", ", missing)}.");
        var unknown = header.Where(h => h.Length > 0 && !Required.Contains(h) && !Optional.Contains(h)).ToList();
        if (unknown.Count > 0) return Invalid($"The header has columns this import does not know: {string.Join(", ", unknown)}.");
        var rows = records.Skip(1).Where(r => !r.Fields.All(string.IsNullOrWhiteSpace)).ToList();
        if (rows.Count > MaxRows) return Invalid($"A file holds at most {MaxRows} officers; split it.");

        var result = new List<RosterRow>();
        foreach (var (line, fields) in rows)
        {
            var errors = new Dictionary<string, string[]>();
            string? Get(string column)
            {
                var i = header.IndexOf(column);
                return i >= 0 && i < fields.Count && !string.IsNullOrWhiteSpace(fields[i]) ? fields[i].Trim() : null;
            }
            bool? Bool(string column, bool required)
            {
                var v = Get(column)?.ToLowerInvariant();
                switch (v)
                {
                    case "yes" or "y" or "true" or "1": return true;
                    case "no" or "n" or "false" or "0": return false;
                    case null when !required: return null;
                    default:
                        errors[Field(column)] = [$"Write yes or no in {column}."];
                        return null;
                }
            }
            if (fields.Count > header.Count) errors["row"] = [$"The row has {fields.Count} values but the header names {header.Count} columns."];
            DateOnly? hired = null;
            if (Get("hired_on") is { } h)
            {
                if (DateOnly.TryParseExact(h, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d)) hired = d;
                else errors["hiredOn"] = ["Write hired_on as YYYY-MM-DD."];
            }
            decimal? years = null;
            if (Get("experience_years") is { } y)
            {
                if (decimal.TryParse(y, NumberStyles.Number, CultureInfo.InvariantCulture, out var n)) years = n;
                else errors["experienceYears"] = ["Write experience_years as a number, such as 4 or 2.5."];
            }
            var input = new OfficerInput(null, Get("full_name"), Get("badge_number"), Get("rank"), hired, years,
                Bool("us_citizen", true), Bool("detention_trained", false), Bool("disciplinary_record", true),
                Bool("force_allegation", false), Bool("discrimination_allegation", false), Get("disciplinary_details"));
            result.Add(new RosterRow(line, input, errors));
        }
        return result;
    }

    private static string Field(string column) => column switch
    {
        "us_citizen" => "citizenshipAttested",
        "detention_trained" => "detentionTrained",
        "disciplinary_record" => "hasDisciplinaryRecord",
        "force_allegation" => "forceAllegation",
        "discrimination_allegation" => "discriminationAllegation",
        _ => column,
    };

    private static Error Invalid(string message) =>
        Error.Invalid("roster.file_invalid", message, new Dictionary<string, string[]> { ["file"] = [message] });

    /// <summary>The file's records (RFC 4180, read by CsvHelper), each with the line it starts on (1-based).</summary>
    private static List<(int Line, List<string> Fields)> Records(string text)
    {
        // The header is read as a record like the others: the columns are checked above, with our own messages. A stray quote
        // inside a field is kept as written (CsvHelper recovers), as a spreadsheet would.
        var options = new CsvReaderOptions { HasHeader = false, Separator = ',', TrackLineNumbers = true };
        using var reader = CsvReader.FromText(text, options);
        var records = new List<(int, List<string>)>();
        while (reader.Read())
        {
            var fields = new List<string>(reader.FieldCount);
            for (var i = 0; i < reader.FieldCount; i++) fields.Add(reader.GetString(i));
            records.Add(((int)reader.LineNumber, fields));
        }
        return records;
    }
}
