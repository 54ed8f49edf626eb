using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace Section287.Common.Pdf;

public enum PdfTag
{
    H1,
    H2,
    P,

    Caption,
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
    private readonly Node _document = new("Document");
    private double _y = PageHeight;

    /// <summary>An element of the structure tree: a container of elements, or a leaf that owns one marked run of a page's content.</summary>
    private sealed class Node(string tag)
    {
        public string Tag { get; } = tag;

        public List<Node> Kids { get; } = [];

        public (int Page, int Mcid)? Content { get; set; }

        /// <summary>The element's alternate text (a figure's description).</summary>
        public string? Alt { get; init; }

        /// <summary>The element's attribute dictionary, written as is (a header cell's scope, a figure's bounding box).</summary>
        public string? Attributes { get; set; }
    }

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
            PdfTag.Caption => (9.0, true),
            PdfTag.P => (10.0, false),
        };
        var leading = size * 1.3;
        var lines = Wrap(text, size, bold, PageWidth - (2 * Margin));
        if (_pages.Count == 0 || _y - leading < Margin) NewPage();
        if (tag != PdfTag.P && _y - (leading * 3) < Margin) NewPage(); // keep a heading with its first lines
        Begin(tag);
        // A wrapped line ends with its space, so a reader that joins the lines (text extraction, a screen reader) keeps the words apart.
        for (var l = 0; l < lines.Count; l++)
        {
            var line = l < lines.Count - 1 ? lines[l] + " " : lines[l];
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

        void Begin(PdfTag t) => BeginLeaf(_document, t.ToString());

        void End() => EndLeaf();
    }

    /// <summary>Starts a marked run on the current page, owned by a new leaf element under <paramref name="parent"/>.</summary>
    private Node BeginLeaf(Node parent, string tag, string? alt = null)
    {
        var current = _pages[^1];
        var leaf = new Node(tag) { Content = (_pages.Count - 1, current.NextMcid), Alt = alt };
        parent.Kids.Add(leaf);
        current.Stream.Append(CultureInfo.InvariantCulture, $"/{tag} <</MCID {current.NextMcid}>> BDC\n");
        current.NextMcid++;
        return leaf;
    }

    private void EndLeaf() => _pages[^1].Stream.Append("EMC\n");

    private void Text(double x, double y, string text, double size, bool bold) =>
        _pages[^1].Stream.Append(CultureInfo.InvariantCulture, $"BT /{(bold ? "F2" : "F1")} {size:0.##} Tf {x:0.##} {y:0.##} Td (").Append(Escape(text)).Append(") Tj ET\n");

    /// <summary>
    /// A table: a caption, a header row of column headers (scope Column) and body rows whose first cell heads its row (scope Row).
    /// Columns after the first are as wide as their widest text and right-aligned (they hold counts); the first takes the rest and
    /// wraps. A row that does not fit goes to the next page under the header row drawn again.
    /// </summary>
    public void Table(string caption, IReadOnlyList<string> header, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        const double size = 8.5, leading = size * 1.35, pad = 6;
        var width = PageWidth - (2 * Margin);
        var widths = new double[header.Count];
        for (var c = 1; c < header.Count; c++)
            widths[c] = Math.Max(Measure(header[c], size, true), rows.Count == 0 ? 0 : rows.Max(r => Measure(r[c], size, false))) + (2 * pad);
        widths[0] = Math.Max(width / 4, width - widths.Skip(1).Sum());
        var table = new Node("Table");
        _document.Kids.Add(table);
        Add(table, PdfTag.Caption, caption);

        void Row(IReadOnlyList<string> cells, bool isHeader)
        {
            var wrapped = cells.Select((text, c) => c == 0 ? Wrap(text, size, isHeader, widths[0] - pad) : [text]).ToList();
            var height = wrapped.Max(w => Math.Max(1, w.Count)) * leading + 3;
            if (_y - height < Margin)
            {
                NewPage();
                if (!isHeader) Row(header, isHeader: true);
            }
            var tr = new Node("TR");
            table.Kids.Add(tr);
            var x = Margin;
            for (var c = 0; c < cells.Count; c++)
            {
                var cell = BeginLeaf(tr, isHeader || c == 0 ? "TH" : "TD");
                if (isHeader || c == 0) cell.Attributes = $"<< /O /Table /Scope /{(isHeader ? "Column" : "Row")} >>";
                var y = _y;
                for (var l = 0; l < wrapped[c].Count; l++)
                {
                    var line = l < wrapped[c].Count - 1 ? wrapped[c][l] + " " : wrapped[c][l];
                    y -= leading;
                    var bold = isHeader || c == 0;
                    var tx = c == 0 ? x : x + widths[c] - pad - Measure(line, size, bold);
                    Text(tx, y, line, size, bold);
                }
                EndLeaf();
                x += widths[c];
            }
            _y -= height;
            // The rule under a row is decoration: an artifact, outside the structure.
            _pages[^1].Stream.Append(CultureInfo.InvariantCulture,
                $"/Artifact BMC {(isHeader ? "0.6" : "0.25")} w 0.45 G {Margin:0.##} {_y + 1:0.##} m {Margin + widths.Sum():0.##} {_y + 1:0.##} l S EMC\n");
        }

        if (_pages.Count == 0 || _y - (leading * 4) < Margin) NewPage();
        Row(header, isHeader: true);
        foreach (var row in rows) Row(row, isHeader: false);
        _y -= leading * 0.6;
    }

    /// <summary>
    /// A horizontal bar chart as a tagged figure: the bars and their labels are one marked run, described by <paramref name="alt"/>
    /// (which should carry every value, as the table beside it does).
    /// </summary>
    public void BarChart(string alt, IReadOnlyList<(string Label, double Value)> bars)
    {
        const double size = 8, row = 13, labelWidth = 170, barArea = 250;
        var height = bars.Count * row + 8;
        if (_pages.Count == 0 || _y - height < Margin) NewPage();
        var max = bars.Count == 0 ? 1 : Math.Max(1, bars.Max(b => b.Value));
        var top = _y;
        var figure = BeginLeaf(_document, "Figure", alt);
        figure.Attributes = string.Create(CultureInfo.InvariantCulture,
            $"<< /O /Layout /BBox [{Margin:0.##} {top - height:0.##} {Margin + labelWidth + barArea + 60:0.##} {top:0.##}] >>");
        var stream = _pages[^1].Stream;
        for (var i = 0; i < bars.Count; i++)
        {
            var (label, value) = bars[i];
            var y = top - ((i + 1) * row);
            var shown = label.Length > 40 ? label[..39] + "\u2026" : label;
            Text(Margin + labelWidth - 6 - Measure(shown, size, false), y + 3, shown, size, false);
            var w = Math.Max(0, value) / max * barArea;
            stream.Append(CultureInfo.InvariantCulture, $"0 0.369 0.635 rg {Margin + labelWidth:0.##} {y + 1:0.##} {w:0.##} {row - 4:0.##} re f 0 g\n");
            Text(Margin + labelWidth + w + 4, y + 3, value.ToString("N0", CultureInfo.InvariantCulture), size, false);
        }
        EndLeaf();
        _y = top - height - 6;
    }

    /// <summary>A block of text as a leaf of <paramref name="parent"/> (a table's caption).</summary>
    private void Add(Node parent, PdfTag tag, string text)
    {
        const double size = 9;
        var leading = size * 1.3;
        if (_pages.Count == 0 || _y - (leading * 3) < Margin) NewPage();
        BeginLeaf(parent, tag.ToString());
        var lines = Wrap(text, size, true, PageWidth - (2 * Margin));
        for (var l = 0; l < lines.Count; l++)
        {
            _y -= leading;
            Text(Margin, _y, l < lines.Count - 1 ? lines[l] + " " : lines[l], size, true);
        }
        EndLeaf();
        _y -= 2;
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
        // Every element gets an object number, parents before their children.
        var numbers = new Dictionary<Node, int>();
        var parents = new Dictionary<Node, Node>();
        void Number(Node node)
        {
            numbers[node] = node == _document ? documentElement : Reserve();
            foreach (var kid in node.Kids)
            {
                parents[kid] = node;
                Number(kid);
            }
        }
        Number(_document);
        var leaves = numbers.Keys.Where(n => n.Content is not null).ToList();

        Set(catalog, $"<< /Type /Catalog /Pages {pagesRoot} 0 R /StructTreeRoot {structRoot} 0 R /MarkInfo << /Marked true >> /Lang ({Escape(language)}) /ViewerPreferences << /DisplayDocTitle true >> >>");
        Set(pagesRoot, $"<< /Type /Pages /Kids [{string.Join(' ', pageNumbers.Select(p => $"{p.Page} 0 R"))}] /Count {_pages.Count} >>");
        Set(regular, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>");
        Set(bold, "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>");
        Set(info, $"<< /Title {TextString(title)} /Author {TextString(Author)} /Subject {TextString(Subject)} /Producer (Section287) >>");
        Set(structRoot, $"<< /Type /StructTreeRoot /K [{documentElement} 0 R] /ParentTree {parentTree} 0 R /ParentTreeNextKey {_pages.Count} >>");
        var nums = string.Join(' ', _pages.Select((_, i) =>
            $"{i} [{string.Join(' ', leaves.Where(l => l.Content!.Value.Page == i).OrderBy(l => l.Content!.Value.Mcid).Select(l => $"{numbers[l]} 0 R"))}]"));
        Set(parentTree, $"<< /Nums [{nums}] >>");
        foreach (var (node, number) in numbers)
        {
            var parent = node == _document ? structRoot : numbers[parents[node]];
            var extra = (node.Alt is null ? "" : $" /Alt {TextString(node.Alt)}") + (node.Attributes is null ? "" : $" /A {node.Attributes}");
            Set(number, node.Content is { } content
                ? $"<< /Type /StructElem /S /{node.Tag} /P {parent} 0 R /Pg {pageNumbers[content.Page].Page} 0 R /K {content.Mcid}{extra} >>"
                : $"<< /Type /StructElem /S /{node.Tag} /P {parent} 0 R /K [{string.Join(' ', node.Kids.Select(k => $"{numbers[k]} 0 R"))}]{extra} >>");
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
