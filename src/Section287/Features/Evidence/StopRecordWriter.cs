using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using NpgsqlTypes;
using Section287.Data;

namespace Section287.Features.Evidence;

/// <summary>
/// Writes stop records in bulk inside the context's open transaction, below EF's change tracker (a million tracked entities
/// would not fit): PostgreSQL through binary COPY, SQLite through one prepared INSERT reused for every row. Values are bound
/// with EF's own type mappings, so a row reads back through EF exactly as if EF had written it.
/// </summary>
public abstract class StopRecordWriter : IAsyncDisposable
{
    public static async Task<StopRecordWriter> OpenAsync(AppDbContext db, Guid datasetId, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Stop records are written inside the import's transaction.");
        if (connection is NpgsqlConnection pg)
        {
            var importer = await pg.BeginBinaryImportAsync(
                "COPY \"StopRecords\" (\"DatasetId\", \"Line\", \"Date\", \"Race\", \"Weight\", \"Record\") FROM STDIN (FORMAT BINARY)", ct);
            return new Postgres(importer, datasetId);
        }
        return new Sqlite(db, connection, transaction, datasetId);
    }

    public abstract void Add(ParsedStop row);

    public abstract Task CompleteAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    private sealed class Postgres(NpgsqlBinaryImporter importer, Guid datasetId) : StopRecordWriter
    {
        public override void Add(ParsedStop row)
        {
            importer.StartRow();
            importer.Write(datasetId, NpgsqlDbType.Uuid);
            importer.Write(row.Line, NpgsqlDbType.Bigint);
            if (row.Date is { } d) importer.Write(d, NpgsqlDbType.Date);
            else importer.WriteNull();
            if (row.Race is { } r) importer.Write(r, NpgsqlDbType.Text);
            else importer.WriteNull();
            importer.Write(row.Weight, NpgsqlDbType.Integer);
            importer.Write(row.Record, NpgsqlDbType.Text);
        }

        public override async Task CompleteAsync(CancellationToken ct) => await importer.CompleteAsync(ct);

        public override ValueTask DisposeAsync() => importer.DisposeAsync();
    }

    private sealed class Sqlite : StopRecordWriter
    {
        private readonly DbCommand command;
        private readonly DbParameter line, date, race, weight, record;

        public Sqlite(AppDbContext db, DbConnection connection, DbTransaction transaction, Guid datasetId)
        {
            var types = db.GetService<IRelationalTypeMappingSource>();
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = "INSERT INTO \"StopRecords\" (\"DatasetId\", \"Line\", \"Date\", \"Race\", \"Weight\", \"Record\") VALUES ($d, $l, $t, $r, $w, $x)";
            command.Parameters.Add(types.FindMapping(typeof(Guid))!.CreateParameter(command, "$d", datasetId));
            line = Add(types, "$l", typeof(long), 0L);
            date = Add(types, "$t", typeof(DateOnly), null);
            race = Add(types, "$r", typeof(string), null);
            weight = Add(types, "$w", typeof(int), 1);
            record = Add(types, "$x", typeof(string), "");
            command.Prepare();
        }

        private DbParameter Add(IRelationalTypeMappingSource types, string name, Type type, object? value)
        {
            var p = types.FindMapping(type)!.CreateParameter(command, name, value, nullable: true);
            command.Parameters.Add(p);
            return p;
        }

        public override void Add(ParsedStop row)
        {
            line.Value = row.Line;
            date.Value = row.Date is { } d ? d : DBNull.Value;
            race.Value = (object?)row.Race ?? DBNull.Value;
            weight.Value = row.Weight;
            record.Value = row.Record;
            command.ExecuteNonQuery();
        }

        public override Task CompleteAsync(CancellationToken ct) => Task.CompletedTask;

        public override ValueTask DisposeAsync() => command.DisposeAsync();
    }
}

/// <summary>A header and records read as one CSV text, without holding the whole file in memory.</summary>
public sealed class LinesReader(string header, IEnumerable<string> records) : TextReader
{
    private readonly IEnumerator<string> lines = records.GetEnumerator();
    private string current = header + "\n";
    private int position;
    private bool done;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        var written = 0;
        while (written < buffer.Length && !done)
        {
            if (position == current.Length)
            {
                if (!lines.MoveNext())
                {
                    done = true;
                    break;
                }
                current = lines.Current + "\n";
                position = 0;
            }
            var n = Math.Min(buffer.Length - written, current.Length - position);
            current.AsSpan(position, n).CopyTo(buffer[written..]);
            written += n;
            position += n;
        }
        return written;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing) lines.Dispose();
        base.Dispose(disposing);
    }
}
