using System.Globalization;
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

public sealed record IceListSheet(IceListKind Kind, IReadOnlyList<RawRow> Rows);

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

    public static IceListSheet? Read(Stream stream, out string? problem)
    {
        problem = null;
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
            if (workbookPart is null || firstSheet?.Id?.Value is not { } sheetId)
            {
                problem = "The workbook has no worksheet.";
                return null;
            }

            var worksheetPart = (WorksheetPart)workbookPart.GetPartById(sheetId);
            var shared = workbookPart.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>()
                .Select(i => i.InnerText).ToArray() ?? [];
            var links = HyperlinksOf(worksheetPart);

            var rows = worksheetPart.Worksheet.Descendants<Row>().ToList();
            if (rows.Count == 0)
            {
                problem = "The worksheet is empty.";
                return null;
            }

            var header = rows[0].Elements<Cell>()
                .Select(c => (Column: ColumnOf(c.CellReference?.Value), Name: Clean(TextOf(c, shared))))
                .Where(h => h.Name.Length > 0)
                .ToDictionary(h => h.Column, h => h.Name);
            var names = header.Values.ToHashSet(StringComparer.OrdinalIgnoreCase);
            if (!names.Contains(State) || !names.Contains(Agency) || !names.Contains(SupportType))
            {
                problem = $"The first row must name the columns {State}, {Agency} and {SupportType}; it has: {string.Join(", ", header.Values)}.";
                return null;
            }

            var kind = names.Contains(Signed) ? IceListKind.Participating : IceListKind.Pending;
            var result = new List<RawRow>(rows.Count);
            foreach (var row in rows.Skip(1))
            {
                var cells = new Dictionary<string, RawCell>(StringComparer.OrdinalIgnoreCase);
                foreach (var cell in row.Elements<Cell>())
                {
                    var reference = cell.CellReference?.Value;
                    if (!header.TryGetValue(ColumnOf(reference), out var column)) continue;
                    var isNumber = cell.DataType is null && cell.CellValue is not null;
                    cells[column] = new RawCell(TextOf(cell, shared), isNumber, reference is null ? null : links.GetValueOrDefault(reference));
                }
                var rowNumber = (int)(row.RowIndex?.Value ?? (uint)(result.Count + 2));
                result.Add(new RawRow(rowNumber, cells));
            }
            return new IceListSheet(kind, result);
        }
    }

    private static Dictionary<string, string> HyperlinksOf(WorksheetPart part)
    {
        var targets = part.HyperlinkRelationships.ToDictionary(r => r.Id, r => r.Uri.OriginalString);
        var links = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var link in part.Worksheet.Descendants<Hyperlink>())
        {
            var reference = link.Reference?.Value;
            if (reference is null) continue;
            string? target = null;
            if (link.Id?.Value is { } id && targets.TryGetValue(id, out var uri)) target = uri;
            else if (link.Location?.Value is { Length: > 0 } location) target = location;
            if (target is null) continue;
            // A hyperlink may cover a range ("G2:G3"); each cell of a one-column range gets it.
            foreach (var cellRef in Expand(reference)) links[cellRef] = target.Trim();
        }
        return links;
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
