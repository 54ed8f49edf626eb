using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Section287.Features.IceLists;

public enum IceListKind
{
    /// <summary>ICE's list of participating agencies: one row per agreement.</summary>
    Participating,

    /// <summary>ICE's list of pending applications: one row per agency and model asked for.</summary>
    Pending,
}

/// <summary>One cell as ICE wrote it: its text, whether Excel stored it as a number, and any hyperlink on it.</summary>
public sealed record RawCell(string Text, bool IsNumber, string? Link)
{
    public static readonly RawCell Empty = new("", false, null);
}

/// <summary>One row of the sheet, by the header's column names.</summary>
public sealed record RawRow(int RowNumber, IReadOnlyDictionary<string, RawCell> Cells)
{
    public RawCell this[string column] => Cells.GetValueOrDefault(column) ?? RawCell.Empty;

    public bool IsBlank => Cells.Values.All(c => string.IsNullOrWhiteSpace(c.Text) && c.Link is null);

    public string Describe() => string.Join(" | ", Cells.Where(c => c.Value.Text.Length > 0).Select(c => $"{c.Key}={c.Value.Text.Trim()}"));
}

public sealed record IceListSheet(IceListKind Kind, IReadOnlyList<RawRow> Rows)
{
    /// <summary>Rows with nothing in them: counted, not kept.</summary>
    public int BlankRows { get; init; }
}

/// <summary>
/// Reads ICE's participating- and pending-agency workbooks in every published format: the old five-column
/// list with ISO date text and plain URLs, and the 2025+ workbooks with Excel serial dates and hyperlinked
/// "link" cells. It reads; it judges nothing (see <see cref="IceListRowParser"/>).
/// </summary>
public static class IceListWorkbook
{
    public const string State = "STATE";
    public const string Agency = "LAW ENFORCEMENT AGENCY";
    public const string Type = "TYPE";
    public const string County = "COUNTY";
    public const string SupportType = "SUPPORT TYPE";
    public const string Signed = "SIGNED";
    public const string Moa = "MOA";
    public const string Addendum = "ADDENDUM";

    /// <summary>ICE's lists carry about two thousand rows; a hundred thousand is no list of ICE's.</summary>
    public const int MaxRows = 100_000;

    /// <summary>ICE's workbooks unpack to a few megabytes; more than this is refused before anything is parsed.</summary>
    public const long MaxUnpackedBytes = 64L * 1024 * 1024;

    /// <summary>
    /// Reads the first worksheet row by row (never the whole sheet at once), so memory stays small whatever the file holds: blank
    /// rows are counted, not kept, and a workbook that unpacks too large or has too many rows is refused with the reason.
    /// </summary>
    public static IceListSheet? Read(Stream stream, out string? problem)
    {
        problem = null;
        switch (UnpackedSize(stream))
        {
            case null:
                problem = "The file is not an Excel workbook (.xlsx).";
                return null;
            case > MaxUnpackedBytes and var size:
                problem = $"The workbook unpacks to {size / (1024 * 1024)} MB; ICE's lists unpack to a few MB, and more than "
                    + $"{MaxUnpackedBytes / (1024 * 1024)} MB is refused.";
                return null;
        }
        stream.Position = 0;
        SpreadsheetDocument document;
        try
        {
            document = SpreadsheetDocument.Open(stream, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException)
        {
            problem = "The file is not an Excel workbook (.xlsx).";
            return null;
        }

        using (document)
        {
            var workbookPart = document.WorkbookPart;
            var firstSheet = workbookPart?.Workbook.Sheets?.Elements<Sheet>().FirstOrDefault();
            if (workbookPart is null || firstSheet?.Id?.Value is not { } sheetId || workbookPart.GetPartById(sheetId) is not WorksheetPart worksheetPart)
            {
                problem = "The workbook has no worksheet.";
                return null;
            }

            var shared = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>()
                .Select(i => i.InnerText).ToArray() ?? [];
            var targets = worksheetPart.HyperlinkRelationships.ToDictionary(r => r.Id, r => r.Uri.OriginalString);
            var links = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            Dictionary<string, string>? header = null;
            var kept = new List<(int Number, Dictionary<string, (string Text, bool IsNumber, string? Reference)> Cells)>();
            var blank = 0;

            using var reader = OpenXmlReader.Create(worksheetPart);
            reader.Read();
            while (!reader.EOF)
            {
                if (reader.IsStartElement && reader.ElementType == typeof(Row))
                {
                    var row = (Row)reader.LoadCurrentElement()!;
                    if (header is null)
                    {
                        header = row.Elements<Cell>()
                            .Select(c => (Column: ColumnOf(c.CellReference?.Value), Name: Clean(TextOf(c, shared))))
                            .Where(h => h.Name.Length > 0)
                            .GroupBy(h => h.Column).ToDictionary(g => g.Key, g => g.First().Name);
                        var names = header.Values.ToHashSet(StringComparer.OrdinalIgnoreCase);
                        if (!names.Contains(State) || !names.Contains(Agency) || !names.Contains(SupportType))
                        {
                            problem = $"The first row must name the columns {State}, {Agency} and {SupportType}; it has: {string.Join(", ", header.Values)}.";
                            return null;
                        }
                        continue;
                    }
                    var cells = new Dictionary<string, (string, bool, string?)>(StringComparer.OrdinalIgnoreCase);
                    foreach (var cell in row.Elements<Cell>())
                    {
                        var reference = cell.CellReference?.Value;
                        if (!header.TryGetValue(ColumnOf(reference), out var column)) continue;
                        var text = TextOf(cell, shared);
                        if (string.IsNullOrWhiteSpace(text)) continue;
                        cells[column] = (text, cell.DataType is null && cell.CellValue is not null, reference);
                    }
                    if (cells.Count == 0)
                    {
                        blank++;
                        continue;
                    }
                    if (kept.Count == MaxRows)
                    {
                        problem = $"The worksheet has more than {MaxRows:N0} rows; ICE's lists have a few thousand.";
                        return null;
                    }
                    kept.Add(((int)(row.RowIndex?.Value ?? (uint)(kept.Count + blank + 2)), cells));
                    continue;
                }
                if (reader.IsStartElement && reader.ElementType == typeof(Hyperlink))
                {
                    var link = (Hyperlink)reader.LoadCurrentElement()!;
                    string? target = null;
                    if (link.Id?.Value is { } id && targets.TryGetValue(id, out var uri)) target = uri;
                    else if (link.Location?.Value is { Length: > 0 } location) target = location;
                    // A hyperlink may cover a range ("G2:G3"); each cell of a one-column range gets it.
                    if (link.Reference?.Value is { } range && target is not null)
                        foreach (var cellRef in Expand(range)) links[cellRef] = target.Trim();
                    continue;
                }
                reader.Read();
            }
            if (header is null)
            {
                problem = "The worksheet is empty.";
                return null;
            }

            var kind = header.Values.Contains(Signed, StringComparer.OrdinalIgnoreCase) ? IceListKind.Participating : IceListKind.Pending;
            var rows = kept.Select(r => new RawRow(r.Number, r.Cells.ToDictionary(c => c.Key,
                c => new RawCell(c.Value.Text, c.Value.IsNumber, c.Value.Reference is null ? null : links.GetValueOrDefault(c.Value.Reference)),
                StringComparer.OrdinalIgnoreCase))).ToList();
            return new IceListSheet(kind, rows) { BlankRows = blank };
        }
    }

    /// <summary>What the package's parts add up to once unpacked, or null when it is no zip package at all.</summary>
    private static long? UnpackedSize(Stream stream)
    {
        try
        {
            using var zip = new System.IO.Compression.ZipArchive(stream, System.IO.Compression.ZipArchiveMode.Read, leaveOpen: true);
            return zip.Entries.Sum(e => e.Length);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    private static IEnumerable<string> Expand(string reference)
    {
        var parts = reference.Split(':');
        if (parts.Length != 2) return [reference];
        var (startCol, startRow) = Split(parts[0]);
        var (endCol, endRow) = Split(parts[1]);
        if (startCol != endCol || endRow < startRow || endRow - startRow > 10_000) return [parts[0]];
        return Enumerable.Range(startRow, endRow - startRow + 1).Select(r => startCol + r.ToString(CultureInfo.InvariantCulture));
    }

    private static (string Column, int Row) Split(string cellRef)
    {
        var column = ColumnOf(cellRef);
        return (column, int.TryParse(cellRef[column.Length..], NumberStyles.Integer, CultureInfo.InvariantCulture, out var r) ? r : 0);
    }

    private static string ColumnOf(string? cellReference) =>
        new((cellReference ?? "").TakeWhile(char.IsLetter).ToArray());

    private static string TextOf(Cell cell, string[] shared)
    {
        if (cell.DataType?.Value == CellValues.InlineString) return cell.InlineString?.InnerText ?? "";
        var value = cell.CellValue?.Text ?? "";
        if (cell.DataType?.Value == CellValues.SharedString)
        {
            return int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var index) && index >= 0 && index < shared.Length
                ? shared[index]
                : "";
        }
        return value;
    }

    private static string Clean(string text) => string.Join(' ',
        text.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)).ToUpperInvariant();
}
