using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Section287.Tests.Infrastructure;

/// <summary>
/// An independent, deliberately plain reading of an ICE workbook, so importer tests compare the product
/// against the file itself rather than against numbers copied into the test.
/// </summary>
public sealed record IceListFile(IReadOnlyList<IReadOnlyDictionary<string, string>> Rows)
{
    public static IceListFile Read(string path)
    {
        using var document = SpreadsheetDocument.Open(path, false);
        var workbook = document.WorkbookPart!;
        var shared = workbook.SharedStringTablePart?.SharedStringTable.Elements<SharedStringItem>().Select(i => i.InnerText).ToArray() ?? [];
        var sheet = (WorksheetPart)workbook.GetPartById(workbook.Workbook.Sheets!.Elements<Sheet>().First().Id!);
        var rows = sheet.Worksheet.Descendants<Row>().ToList();
        string Text(Cell c) => c.DataType?.Value == CellValues.SharedString ? shared[int.Parse(c.CellValue!.Text)]
            : c.DataType?.Value == CellValues.InlineString ? c.InlineString!.InnerText : c.CellValue?.Text ?? "";
        string Col(Cell c) => new(c.CellReference!.Value!.TakeWhile(char.IsLetter).ToArray());
        var header = rows[0].Elements<Cell>().ToDictionary(Col, c => Text(c).Trim().ToUpperInvariant());
        var result = rows.Skip(1)
            .Select(r => (IReadOnlyDictionary<string, string>)r.Elements<Cell>().Where(c => header.ContainsKey(Col(c)))
                .ToDictionary(c => header[Col(c)], Text))
            .Where(d => d.Values.Any(v => !string.IsNullOrWhiteSpace(v)))
            .ToList();
        return new IceListFile(result);
    }

    /// <summary>Spaces squeezed, upper case, and ICE's curly apostrophe read as the straight one it also uses for the same agency.</summary>
    public static string Squash(string? s) => string.Join(' ', (s ?? "").Replace('’', '\'').Split(' ', '\u00A0').Where(w => w.Length > 0)).ToUpperInvariant();

    public static string ModelCode(string? supportType)
    {
        var t = Squash(supportType);
        return t.Contains("JAIL") ? "JEM" : t.Contains("TASK") ? "TFM" : t.Contains("WARRANT") ? "WSO" : "?";
    }

    /// <summary>One key per agreement: state, agency and model, as a reader of the sheet would tell them apart.</summary>
    public HashSet<string> AgreementKeys() =>
        Rows.Select(r => $"{Squash(r.GetValueOrDefault("STATE"))}|{Squash(r.GetValueOrDefault("LAW ENFORCEMENT AGENCY"))}|{ModelCode(r.GetValueOrDefault("SUPPORT TYPE"))}").ToHashSet();

    public int CountModel(string code) => Rows.Count(r => ModelCode(r.GetValueOrDefault("SUPPORT TYPE")) == code);
}
