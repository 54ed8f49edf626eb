using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Section287.Common.Pdf;

public enum PdfTag
{
    H1,
    H2,
    P,
}

/// <summary>
/// A small writer of tagged PDF (ISO 32000-1): Letter pages, Helvetica and Helvetica-Bold (two of the standard
/// fonts every reader has, so nothing is embedded), word-wrapped blocks, and a structure tree of headings and
/// paragraphs with the document's language and title, so screen readers and text extraction follow the text.
/// Written here because the PDF libraries this machine can install are AGPL-licensed (PDFsharp 6.5) or absent.
/// </summary>
public sealed class TaggedPdf(string title, string language = "en-US")
{
    private const double PageWidth = 612, PageHeight = 792, Margin = 60;
    private readonly List<PageContent> _pages = [];
    private readonly List<(PdfTag Tag, int Page, int Mcid)> _blocks = [];
    private double _y = PageHeight;

    private sealed class PageContent
    {
        public StringBuilder Stream { get; } = new();

        public int NextMcid { get; set; }
    }

    public string Author { get; init; } = "Section287";

    public string Subject { get; init; } = "";

    public void Add(PdfTag tag, string text)
    {
        var (size, bold) = tag switch
        {
            PdfTag.H1 => (16.0, true),
            PdfTag.H2 => (12.0, true),
            PdfTag.P => (10.0, false),
        };
        var leading = size * 1.3;
        var lines = Wrap(text, size, bold, PageWidth - (2 * Margin));
        if (_pages.Count == 0 || _y - leading < Margin) NewPage();
        if (tag != PdfTag.P && _y - (leading * 3) < Margin) NewPage(); // keep a heading with its first lines
        Begin(tag);
        foreach (var line in lines)
        {
            if (_y - leading < Margin)
            {
                End();
                NewPage();
                Begin(tag);
            }
            _y -= leading;
            var page = _pages[^1].Stream;
            page.Append(CultureInfo.InvariantCulture, $"BT /{(bold ? "F2" : "F1")} {size:0.##} Tf {Margin:0.##} {_y:0.##} Td (");
            page.Append(Escape(line));
            page.Append(") Tj ET\n");
        }
        End();
        _y -= leading * 0.4;

        void Begin(PdfTag t)
        {
            var current = _pages[^1];
            _blocks.Add((t, _pages.Count - 1, current.NextMcid));
            current.Stream.Append(CultureInfo.InvariantCulture, $"/{t} <</MCID {current.NextMcid}>> BDC\n");
            current.NextMcid++;
        }

        void End() => _pages[^1].Stream.Append("EMC\n");
    }

    private void NewPage()
    {
        _pages.Add(new PageContent());
        _y = PageHeight - Margin;
    }

    public byte[] ToBytes()
    {
        if (_pages.Count == 0) NewPage();
        var objects = new List<byte[]>();
        int Reserve()
        {
            objects.Add([]);
            return objects.Count;
        }
        void Set(int number, string body) => objects[number - 1] = Latin1($"{number} 0 obj\n{body}\nendobj\n");

        var catalog = Reserve();
        var pagesRoot = Reserve();
        var regular = Reserve();
        var bold = Reserve();
        var info = Reserve();
        var structRoot = Reserve();
        var parentTree = Reserve();
        var documentElement = Reserve();
        var pageNumbers = _pages.Select(_ => (Page: Reserve(), Content: Reserve())).ToList();
        var elementNumbers = _blocks.Select(_ => Reserve()).ToList();

        Set(catalog, $"<< /Type /Catalog /Pages {pagesRoot} 0 R /StructTreeRoot {structRoot} 0 R /MarkInfo << /Marked true >> /Lang ({Escape(language)}) /ViewerPreferences << /DisplayDocTitle true >> >>");
        Set(pagesRoot, $"<< /Type /Pages /Kids [{string.Join(' ', pageNumbers.Select(p => $"{p.Page} 0 R"))}] /Count {_pages.Count} >>");
        Set(regular, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        Set(bold, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
        Set(info, $"<< /Title {TextString(title)} /Author {TextString(Author)} /Subject {TextString(Subject)} /Producer (Section287) >>");
        Set(structRoot, $"<< /Type /StructTreeRoot /K [{documentElement} 0 R] /ParentTree {parentTree} 0 R /ParentTreeNextKey {_pages.Count} >>");
        var nums = string.Join(' ', _pages.Select((_, i) =>
            $"{i} [{string.Join(' ', _blocks.Select((b, k) => (b, k)).Where(x => x.b.Page == i).OrderBy(x => x.b.Mcid).Select(x => $"{elementNumbers[x.k]} 0 R"))}]"));
        Set(parentTree, $"<< /Nums [{nums}] >>");
        Set(documentElement, $"<< /Type /StructElem /S /Document /P {structRoot} 0 R /K [{string.Join(' ', elementNumbers.Select(n => $"{n} 0 R"))}] >>");
        for (var k = 0; k < _blocks.Count; k++)
        {
            var (tag, page, mcid) = _blocks[k];
            Set(elementNumbers[k], $"<< /Type /StructElem /S /{tag} /P {documentElement} 0 R /Pg {pageNumbers[page].Page} 0 R /K {mcid} >>");
        }
        for (var i = 0; i < _pages.Count; i++)
        {
            var (page, content) = pageNumbers[i];
            Set(page, $"<< /Type /Page /Parent {pagesRoot} 0 R /MediaBox [0 0 {PageWidth} {PageHeight}] /Resources << /Font << /F1 {regular} 0 R /F2 {bold} 0 R >> >> /Contents {content} 0 R /StructParents {i} /Tabs /S >>");
            var raw = Latin1(_pages[i].Stream.ToString());
            using var compressed = new MemoryStream();
            using (var z = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) z.Write(raw);
            var head = Latin1($"{content} 0 obj\n<< /Length {compressed.Length} /Filter /FlateDecode >>\nstream\n");
            objects[content - 1] = [.. head, .. compressed.ToArray(), .. Latin1("\nendstream\nendobj\n")];
        }

        using var output = new MemoryStream();
        output.Write(Latin1("%PDF-1.7\n%\u00e2\u00e3\u00cf\u00d3\n"));
        var offsets = new List<long>();
        foreach (var body in objects)
        {
            offsets.Add(output.Position);
            output.Write(body);
        }
        var xref = output.Position;
        var table = new StringBuilder().Append(CultureInfo.InvariantCulture, $"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets) table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        table.Append(CultureInfo.InvariantCulture,
            $"trailer\n<< /Size {objects.Count + 1} /Root {catalog} 0 R /Info {info} 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        output.Write(Latin1(table.ToString()));
        return output.ToArray();
    }

    private static List<string> Wrap(string text, double size, bool bold, double width)
    {
        var lines = new List<string>();
        var line = "";
        foreach (var word in text.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = line.Length == 0 ? word : line + " " + word;
            if (line.Length > 0 && Measure(candidate, size, bold) > width)
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

    public static double Measure(string text, double size, bool bold) =>
        text.Sum(c => (bold ? HelveticaMetrics.Bold : HelveticaMetrics.Regular).GetValueOrDefault(WinAnsi(c), 556)) * size / 1000;

    /// <summary>The byte of a character in WinAnsiEncoding; characters outside it print as "?".</summary>
    public static byte WinAnsi(char c) => c switch
    {
        >= ' ' and <= '~' => (byte)c,
        '\u2018' => 0x91,
        '\u2019' => 0x92,
        '\u201C' => 0x93,
        '\u201D' => 0x94,
        '\u2013' => 0x96,
        '\u2014' => 0x97,
        >= '\u00A0' and <= '\u00FF' => (byte)c,
        _ => (byte)'?',
    };

    private static string Escape(string text)
    {
        var sb = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var b = WinAnsi(c);
            if (b is (byte)'(' or (byte)')' or (byte)'\\') sb.Append('\\').Append((char)b);
            else sb.Append((char)b);
        }
        return sb.ToString();
    }

    /// <summary>A text string for the document information: UTF-16BE with a byte-order mark, so any character survives.</summary>
    private static string TextString(string text) =>
        "<FEFF" + Convert.ToHexString(Encoding.BigEndianUnicode.GetBytes(text)) + ">";

    private static byte[] Latin1(string text) => Encoding.Latin1.GetBytes(text);
}
