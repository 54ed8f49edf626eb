using PdfSharp.Drawing;
using PdfSharp.Fonts;
using PdfSharp.Pdf;
using PdfSharp.UniversalAccessibility;

namespace Section287.Features.Agreements;

/// <summary>What a rendered agreement shows: whose it is, which version, its sections and its signatures.</summary>
public sealed record AgreementDocumentData(
    string AgencyName, AgreementModel Model, int VersionNumber, string VersionStatus, string Summary, DateOnly? EffectiveOn,
    IReadOnlyList<AgreementSection> Sections, IReadOnlyList<SectionChange> Changes,
    string? AgencySignatory, DateTime? AgencySignedAt, string? IceSignatory, DateTime? IceSignedAt, string? BaseDocumentUrl);

/// <summary>
/// Renders an agreement version as a tagged PDF (headings and paragraphs in the structure tree, document
/// language and title set) with PDFsharp. Fonts come with PDFsharp itself, so no system font is needed.
/// </summary>
public static class AgreementDocument
{
    private const double Margin = 60;
    private static readonly Lock FontLock = new();

    public static byte[] Pdf(AgreementDocumentData data)
    {
        EnsureFonts();
        var document = new PdfDocument();
        document.Info.Title = $"287(g) agreement — {data.AgencyName} — {data.Model.IceName()} — version {data.VersionNumber}";
        document.Info.Author = "Section287";
        document.Info.Subject = "Memorandum of Agreement under section 287(g) of the Immigration and Nationality Act";
        document.ViewerPreferences.DisplayDocTitle = true;
        var ua = UAManager.ForDocument(document);
        ua.SetDocumentLanguage("en-US");
        var structure = ua.StructureBuilder;

        var title = new XFont(FontFamily, 16, XFontStyleEx.Bold);
        var heading = new XFont(FontFamily, 12, XFontStyleEx.Bold);
        var body = new XFont(FontFamily, 10, XFontStyleEx.Regular);
        var writer = new Writer(document);

        writer.Block(structure, PdfBlockLevelElementTag.Heading1, "Memorandum of Agreement", title);
        writer.Block(structure, PdfBlockLevelElementTag.Paragraph,
            $"between U.S. Immigration and Customs Enforcement and {data.AgencyName}, under the {data.Model.IceName()} ({data.Model.Code()}).", body);
        writer.Block(structure, PdfBlockLevelElementTag.Paragraph,
            $"Version {data.VersionNumber}: {data.Summary}. Status: {data.VersionStatus.Replace('_', ' ')}."
            + (data.EffectiveOn is { } on ? $" In force from {on:yyyy-MM-dd}." : ""), body);
        if (data.BaseDocumentUrl is { } url)
            writer.Block(structure, PdfBlockLevelElementTag.Paragraph, $"The original text of this agreement is ICE's signed MOA: {url}. This amendment changes the sections below.", body);

        if (data.Changes.Count > 0)
        {
            writer.Block(structure, PdfBlockLevelElementTag.Heading2, "What this amendment changes", heading);
            foreach (var c in data.Changes) writer.Block(structure, PdfBlockLevelElementTag.Paragraph, $"{c.Title}: replaced.", body);
        }
        foreach (var section in data.Sections)
        {
            writer.Block(structure, PdfBlockLevelElementTag.Heading2, section.Title, heading);
            foreach (var paragraph in section.Text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
                writer.Block(structure, PdfBlockLevelElementTag.Paragraph, paragraph, body);
        }
        writer.Block(structure, PdfBlockLevelElementTag.Heading2, "Signatures", heading);
        writer.Block(structure, PdfBlockLevelElementTag.Paragraph, data.AgencySignatory is null
            ? $"For {data.AgencyName}: not yet signed."
            : $"For {data.AgencyName}: {data.AgencySignatory}, signed {data.AgencySignedAt:yyyy-MM-dd HH:mm} UTC.", body);
        writer.Block(structure, PdfBlockLevelElementTag.Paragraph, data.IceSignatory is null
            ? "For U.S. Immigration and Customs Enforcement: not yet signed."
            : $"For U.S. Immigration and Customs Enforcement: {data.IceSignatory}, signed {data.IceSignedAt:yyyy-MM-dd HH:mm} UTC.", body);
        writer.Finish();

        using var stream = new MemoryStream();
        document.Save(stream, closeStream: false);
        return stream.ToArray();
    }

    public const string FontFamily = "Segoe WP";

    private static void EnsureFonts()
    {
        lock (FontLock)
        {
            if (GlobalFontSettings.FontResolver is not BundledFonts) GlobalFontSettings.FontResolver = new BundledFonts();
        }
    }

    /// <summary>Lays text out top to bottom with word wrap, starting a new page when one is full.</summary>
    private sealed class Writer(PdfDocument document)
    {
        private PdfPage? _page;
        private XGraphics? _gfx;
        private double _y;

        private XGraphics Graphics
        {
            get
            {
                if (_gfx is null) NewPage();
                return _gfx!;
            }
        }

        private void NewPage()
        {
            _gfx?.Dispose();
            _page = document.AddPage();
            _page.Size = PdfSharp.PageSize.Letter;
            _gfx = XGraphics.FromPdfPage(_page);
            _y = Margin;
        }

        public void Block(StructureBuilder structure, PdfBlockLevelElementTag tag, string text, XFont font)
        {
            var gfx = Graphics;
            var width = _page!.Width.Point - (2 * Margin);
            var lineHeight = font.GetHeight() * 1.25;
            var lines = Wrap(gfx, text, font, width);
            if (_y + lineHeight > _page.Height.Point - Margin) { NewPage(); gfx = _gfx!; }
            structure.BeginElement(tag);
            foreach (var line in lines)
            {
                if (_y + lineHeight > _page!.Height.Point - Margin)
                {
                    structure.End();
                    NewPage();
                    gfx = _gfx!;
                    structure.BeginElement(tag);
                }
                gfx.DrawString(line, font, XBrushes.Black, new XPoint(Margin, _y + font.GetHeight()));
                _y += lineHeight;
            }
            structure.End();
            _y += lineHeight * 0.5;
        }

        public void Finish() => _gfx?.Dispose();

        private static List<string> Wrap(XGraphics gfx, string text, XFont font, double width)
        {
            var lines = new List<string>();
            var line = "";
            foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                var candidate = line.Length == 0 ? word : line + " " + word;
                if (line.Length > 0 && gfx.MeasureString(candidate, font).Width > width)
                {
                    lines.Add(line);
                    line = word;
                }
                else
                {
                    line = candidate;
                }
            }
            if (line.Length > 0) lines.Add(line);
            return lines;
        }
    }

    /// <summary>The Segoe WP faces that ship inside PDFsharp (PdfSharp.WPFonts), so rendering never depends on the machine's fonts.</summary>
    private sealed class BundledFonts : IFontResolver
    {
        public FontResolverInfo? ResolveTypeface(string familyName, bool bold, bool italic) =>
            new(bold ? "SegoeWP-Bold" : "SegoeWP", mustSimulateBold: false, mustSimulateItalic: italic);

        public byte[]? GetFont(string faceName) => faceName switch
        {
            "SegoeWP-Bold" => PdfSharp.WPFonts.FontDataHelper.SegoeWPBold,
            _ => PdfSharp.WPFonts.FontDataHelper.SegoeWP,
        };
    }
}
