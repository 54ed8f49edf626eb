using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Section287.Data;

/// <summary>
/// Inserts many entities of one type below EF's change tracker, inside the context's open transaction, with EF's own
/// mapping of every column (its converters, its store types), so a row reads back through EF as if EF had written it:
/// PostgreSQL through binary COPY, SQLite through one prepared INSERT reused for every row. For the load generator; the
/// product's own writes go through the unit of work.
/// </summary>
public abstract class BulkRows<T> : IAsyncDisposable where T : class
{
    protected readonly IReadOnlyList<(IProperty Property, RelationalTypeMapping Mapping, string Column)> Columns;

    private BulkRows(AppDbContext db)
    {
        var type = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not mapped.");
        var table = StoreObjectIdentifier.Table(type.GetTableName()!, type.GetSchema());
        Columns = type.GetProperties().Select(p => (p, (RelationalTypeMapping)p.GetRelationalTypeMapping(), p.GetColumnName(table)!)).ToList();
        Table = type.GetTableName()!;
    }

    protected string Table { get; }

    protected string ColumnList => string.Join(", ", Columns.Select(c => $"\"{c.Column}\""));

    public static async Task<BulkRows<T>> OpenAsync(AppDbContext db, CancellationToken ct)
    {
        var connection = db.Database.GetDbConnection();
        var transaction = db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("Bulk rows are written inside a transaction.");
        return connection is NpgsqlConnection pg ? await Postgres.StartAsync(db, pg, ct) : new Sqlite(db, connection, transaction);
    }

    public abstract Task AddAsync(T entity, CancellationToken ct);

    public abstract Task CompleteAsync(CancellationToken ct);

    public abstract ValueTask DisposeAsync();

    private object? Value(int i, T entity)
    {
        var (property, mapping, _) = Columns[i];
        var value = property.GetGetter().GetClrValue(entity);
        return value is null ? null : mapping.Converter is { } converter ? converter.ConvertToProvider(value) : value;
    }

    private sealed class Postgres : BulkRows<T>
    {
        private NpgsqlBinaryImporter importer = null!;

        private Postgres(AppDbContext db) : base(db) { }

        public static async Task<BulkRows<T>> StartAsync(AppDbContext db, NpgsqlConnection connection, CancellationToken ct)
        {
            var rows = new Postgres(db);
            rows.importer = await connection.BeginBinaryImportAsync($"COPY \"{rows.Table}\" ({rows.ColumnList}) FROM STDIN (FORMAT BINARY)", ct);
            return rows;
        }

        public override async Task AddAsync(T entity, CancellationToken ct)
        {
            await importer.StartRowAsync(ct);
            for (var i = 0; i < Columns.Count; i++)
            {
                if (Value(i, entity) is { } value) await importer.WriteAsync(value, Columns[i].Mapping.StoreType, ct);
                else await importer.WriteNullAsync(ct);
            }
        }

        public override async Task CompleteAsync(CancellationToken ct) => await importer.CompleteAsync(ct);

        public override ValueTask DisposeAsync() => importer.DisposeAsync();
    }

    private sealed class Sqlite : BulkRows<T>
    {
        private readonly DbCommand command;

        public Sqlite(AppDbContext db, DbConnection connection, DbTransaction transaction) : base(db)
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = $"INSERT INTO \"{Table}\" ({ColumnList}) VALUES ({string.Join(", ", Columns.Select((_, i) => $"$p{i}"))})";
            // EF's mapping makes each parameter (its SQLite type: a GUID as upper-case text, a date as ISO text), once.
            for (var i = 0; i < Columns.Count; i++)
                command.Parameters.Add(Columns[i].Mapping.CreateParameter(command, $"$p{i}", null, nullable: true));
            command.Prepare();
        }

        public override Task AddAsync(T entity, CancellationToken ct)
        {
            for (var i = 0; i < Columns.Count; i++) command.Parameters[i].Value = Value(i, entity) ?? DBNull.Value;
            command.ExecuteNonQuery();
            return Task.CompletedTask;
        }

        public override Task CompleteAsync(CancellationToken ct) => Task.CompletedTask;

        public override ValueTask DisposeAsync() => command.DisposeAsync();
    }
}
