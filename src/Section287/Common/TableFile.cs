using System.Globalization;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Section287.Common;

/// <summary>
/// A table for download, as CSV (RFC 4180, UTF-8) or as an XLSX workbook of one sheet: the same header and rows either way. Cells
/// are text or numbers; a text a spreadsheet would run as a formula is prefixed with an apostrophe in CSV and always written as
/// text in XLSX.
/// </summary>
public sealed record TableFile(IReadOnlyList<string> Header, IEnumerable<IReadOnlyList<object?>> Rows)
{
    public string ToCsv()
    {
        var b = new System.Text.StringBuilder();
        b.Append(string.Join(',', Header.Select(Field))).Append('\n');
        foreach (var row in Rows) b.Append(string.Join(',', row.Select(c => Field(Text(c))))).Append('\n');
        return b.ToString();
    }

    public byte[] ToXlsx(string sheetName)
    {
        using var stream = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(stream, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            workbook.Workbook = new Workbook();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            var data = new SheetData();
            data.Append(RowOf(Header.Cast<object?>()));
            foreach (var row in Rows) data.Append(RowOf(row));
            sheetPart.Worksheet = new Worksheet(data);
            workbook.Workbook.AppendChild(new Sheets()).Append(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = sheetName });
            workbook.Workbook.Save();
        }
        return stream.ToArray();
    }

    private static Row RowOf(IEnumerable<object?> cells)
    {
        var row = new Row();
        foreach (var value in cells)
        {
            row.Append(value switch
            {
                int or long or double or decimal => new Cell { DataType = CellValues.Number, CellValue = new CellValue(Convert.ToString(value, CultureInfo.InvariantCulture)!) },
                null => new Cell(),
                _ => new Cell { DataType = CellValues.InlineString, InlineString = new InlineString(new Text(Text(value)) { Space = SpaceProcessingModeValues.Preserve }) },
            });
        }
        return row;
    }

    private static string Text(object? value) => value switch
    {
        null => "",
        DateOnly d => d.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>A CSV field, quoted when needed; a leading =, +, - or @ is prefixed with ' so a spreadsheet does not run it.</summary>
    public static string Field(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' && !double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out _))
            text = "'" + text;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : text;
    }
}
