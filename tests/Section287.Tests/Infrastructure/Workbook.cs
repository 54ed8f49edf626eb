using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Spreadsheet;

namespace Section287.Tests.Infrastructure;

/// <summary>Writes an .xlsx as a careless operator or an attacker would hand one in: a header, rows of text, and any number of blank rows.</summary>
public static class Workbook
{
    public static byte[] Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows, int blankRows = 0)
    {
        using var buffer = new MemoryStream();
        using (var document = SpreadsheetDocument.Create(buffer, SpreadsheetDocumentType.Workbook))
        {
            var workbook = document.AddWorkbookPart();
            var sheetPart = workbook.AddNewPart<WorksheetPart>();
            using (var writer = OpenXmlWriter.Create(sheetPart))
            {
                writer.WriteStartElement(new Worksheet());
                writer.WriteStartElement(new SheetData());
                uint number = 1;
                foreach (var values in rows.Prepend(header))
                {
                    writer.WriteStartElement(new Row { RowIndex = number });
                    for (var i = 0; i < values.Count; i++)
                    {
                        writer.WriteElement(new Cell(new InlineString(new Text(values[i])))
                            { DataType = CellValues.InlineString, CellReference = $"{(char)('A' + i)}{number}" });
                    }
                    writer.WriteEndElement();
                    number++;
                }
                for (var i = 0; i < blankRows; i++)
                {
                    writer.WriteElement(new Row { RowIndex = number });
                    number++;
                }
                writer.WriteEndElement();
                writer.WriteEndElement();
            }
            workbook.Workbook = new DocumentFormat.OpenXml.Spreadsheet.Workbook(new Sheets(new Sheet { Id = workbook.GetIdOfPart(sheetPart), SheetId = 1, Name = "Sheet1" }));
        }
        return buffer.ToArray();
    }
}
