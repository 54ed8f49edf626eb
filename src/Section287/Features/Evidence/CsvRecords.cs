namespace Section287.Features.Evidence;

/// <summary>
/// Reads RFC 4180 CSV one record at a time without allocating a string per field: a field is a span into the record's
/// buffer, quotes already undone. Quoted fields may hold commas, doubled quotes and line breaks. Leading and trailing
/// blanks of a field are trimmed, as readr does by default (trim_ws = TRUE), so the reference and this reader see the
/// same values. <see cref="Line"/> is the physical line on which the current record began, for validation reports.
/// </summary>
public sealed class CsvRecords : IDisposable
{
    private readonly TextReader reader;
    private readonly char[] buffer = new char[1 << 16];
    private int position, filled;
    private char[] record = new char[1024];
    private int recordLength;
    private int[] starts = new int[32], lengths = new int[32];
    private bool[] quoted = new bool[32];
    private long nextLine = 1;

    public CsvRecords(TextReader reader) => this.reader = reader;

    public int FieldCount { get; private set; }
    public long Line { get; private set; }

    /// <summary>A field of the current record, trimmed; empty when the record is shorter.</summary>
    public ReadOnlySpan<char> this[int index] => index < FieldCount ? record.AsSpan(starts[index], lengths[index]) : default;

    public string Text(int index) => this[index].ToString();

    /// <summary>Moves to the next record; false at the end of the input. Blank lines are skipped.</summary>
    public bool Read()
    {
        while (true)
        {
            if (!ReadRecord()) return false;
            if (FieldCount > 1 || lengths[0] > 0 || quoted[0]) return true;
        }
    }

    private bool ReadRecord()
    {
        recordLength = 0;
        FieldCount = 0;
        Line = nextLine;
        if (!Fill()) return false;
        var fieldStart = 0;
        var inQuotes = false;
        var wasQuoted = false;
        while (true)
        {
            if (position >= filled && !Fill())
            {
                EndField(fieldStart, wasQuoted);
                return true;
            }
            var c = buffer[position++];
            if (inQuotes)
            {
                if (c == '"')
                {
                    if (position >= filled) Fill();
                    if (position < filled && buffer[position] == '"') { Append('"'); position++; }
                    else inQuotes = false;
                }
                else
                {
                    if (c == '\n') nextLine++;
                    Append(c);
                }
                continue;
            }
            switch (c)
            {
                case ',':
                    EndField(fieldStart, wasQuoted);
                    fieldStart = recordLength;
                    wasQuoted = false;
                    break;
                case '"' when IsBlankSince(fieldStart):
                    recordLength = fieldStart;
                    inQuotes = true;
                    wasQuoted = true;
                    break;
                case '\r':
                    break;
                case '\n':
                    nextLine++;
                    EndField(fieldStart, wasQuoted);
                    return true;
                default:
                    Append(c);
                    break;
            }
        }
    }

    private bool IsBlankSince(int start)
    {
        for (var i = start; i < recordLength; i++) if (!char.IsWhiteSpace(record[i])) return false;
        return true;
    }

    private void Append(char c)
    {
        if (recordLength == record.Length) Array.Resize(ref record, record.Length * 2);
        record[recordLength++] = c;
    }

    private void EndField(int start, bool wasQuoted)
    {
        if (FieldCount == starts.Length)
        {
            Array.Resize(ref starts, starts.Length * 2);
            Array.Resize(ref lengths, lengths.Length * 2);
            Array.Resize(ref quoted, quoted.Length * 2);
        }
        var end = recordLength;
        while (start < end && char.IsWhiteSpace(record[start])) start++;
        while (end > start && char.IsWhiteSpace(record[end - 1])) end--;
        starts[FieldCount] = start;
        lengths[FieldCount] = end - start;
        quoted[FieldCount] = wasQuoted;
        FieldCount++;
    }

    private bool Fill()
    {
        if (position < filled) return true;
        filled = reader.Read(buffer, 0, buffer.Length);
        position = 0;
        return filled > 0;
    }

    public void Dispose() => reader.Dispose();
}
