using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Section287.Data;

namespace Section287.Tests.Data;

/// <summary>
/// The migrations are written by hand; this proves, on the provider the run uses, that the schema they
/// build is the model: the same tables, columns, store types, nullability, primary keys and indexes.
/// </summary>
public sealed class MigrationSchemaTests
{
    public sealed record Column(string Table, string Name, string Type, bool Nullable);

    public sealed record Index(string Table, string Name, string Columns, bool Unique);

    [Fact]
    public async Task MigratedSchema_EqualsTheModel()
    {
        await using var app = await TestApp.StartAsync();
        await app.WithDbAsync(async (db, _) =>
        {
            var model = db.GetService<IDesignTimeModel>().Model.GetRelationalModel();
            var expectedColumns = model.Tables
                .SelectMany(t => t.Columns.Select(c => new Column(t.Name, c.Name, Normalize(c.StoreType), c.IsNullable)))
                .OrderBy(c => c.Table).ThenBy(c => c.Name).ToList();
            var expectedIndexes = model.Tables
                .SelectMany(t => t.Indexes.Select(i => new Index(t.Name, i.Name, string.Join(",", i.Columns.Select(c => c.Name)), i.IsUnique)))
                .OrderBy(i => i.Table).ThenBy(i => i.Name).ToList();
            var expectedKeys = model.Tables.ToDictionary(t => t.Name, t => string.Join(",", t.PrimaryKey!.Columns.Select(c => c.Name)));

            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync();
            var (columns, indexes, keys) = db.Database.IsSqlite() ? await ReadSqliteAsync(connection) : await ReadPostgresAsync(connection);

            // Listed as differences so that a failure names exactly what drifted.
            columns.Except(expectedColumns).ShouldBeEmpty("columns in the database that the model does not have");
            expectedColumns.Except(columns).ShouldBeEmpty("columns in the model that the migrations do not create");
            indexes.Except(expectedIndexes).ShouldBeEmpty("indexes in the database that the model does not have");
            expectedIndexes.Except(indexes).ShouldBeEmpty("indexes in the model that the migrations do not create");
            keys.OrderBy(k => k.Key).ToList().ShouldBe(expectedKeys.OrderBy(k => k.Key).ToList());
        });
    }

    [Fact]
    public async Task Migrating_TwiceChangesNothing()
    {
        await using var app = await TestApp.StartAsync();
        await app.WithDbAsync(async (db, _) =>
        {
            (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
            (await db.Database.GetAppliedMigrationsAsync()).ShouldContain("20261122000000_Initial");
            await DatabaseSchema.ApplyAsync(db);
            (await db.Database.GetAppliedMigrationsAsync()).Count().ShouldBe(db.Database.GetMigrations().Count());
        });
    }

    private static string Normalize(string storeType) => storeType.Trim().ToLowerInvariant();

    private static async Task<(List<Column>, List<Index>, Dictionary<string, string>)> ReadSqliteAsync(DbConnection connection)
    {
        var tables = await ListAsync(connection, "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND substr(name, 1, 4) <> '__EF'", r => r.GetString(0));
        var columns = new List<Column>();
        var indexes = new List<Index>();
        var keys = new Dictionary<string, string>();
        foreach (var table in tables)
        {
            var info = await ListAsync(connection, $"PRAGMA table_info(\"{table}\")",
                r => (Name: r.GetString(1), Type: r.GetString(2), NotNull: r.GetInt64(3) == 1, Pk: r.GetInt64(5)));
            // SQLite lets a non-integer primary key column hold NULL unless declared NOT NULL; EF declares it.
            columns.AddRange(info.Select(c => new Column(table, c.Name, Normalize(c.Type), !c.NotNull)));
            keys[table] = string.Join(",", info.Where(c => c.Pk > 0).OrderBy(c => c.Pk).Select(c => c.Name));
            var list = await ListAsync(connection, $"PRAGMA index_list(\"{table}\")",
                r => (Name: r.GetString(1), Unique: r.GetInt64(2) == 1, Origin: r.GetString(3)));
            foreach (var index in list.Where(i => i.Origin == "c"))
            {
                var cols = await ListAsync(connection, $"PRAGMA index_info(\"{index.Name}\")", r => (Seq: r.GetInt64(0), Name: r.GetString(2)));
                indexes.Add(new Index(table, index.Name, string.Join(",", cols.OrderBy(c => c.Seq).Select(c => c.Name)), index.Unique));
            }
        }
        return (columns, indexes, keys);
    }

    private static async Task<(List<Column>, List<Index>, Dictionary<string, string>)> ReadPostgresAsync(DbConnection connection)
    {
        var columns = await ListAsync(connection, """
            SELECT c.relname, a.attname, format_type(a.atttypid, a.atttypmod), NOT a.attnotnull
            FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind = 'r' AND a.attnum > 0 AND NOT a.attisdropped AND left(c.relname, 4) <> '__EF'
            """, r => new Column(r.GetString(0), r.GetString(1), Normalize(r.GetString(2)), r.GetBoolean(3)));
        var indexRows = await ListAsync(connection, """
            SELECT t.relname, i.relname, ix.indisunique, ix.indisprimary,
                   array_to_string(ARRAY(SELECT a.attname FROM unnest(ix.indkey) WITH ORDINALITY k(attnum, ord)
                                          JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum ORDER BY k.ord), ',')
            FROM pg_index ix JOIN pg_class t ON t.oid = ix.indrelid JOIN pg_class i ON i.oid = ix.indexrelid
            JOIN pg_namespace n ON n.oid = t.relnamespace
            WHERE n.nspname = 'public' AND left(t.relname, 4) <> '__EF'
            """, r => (Table: r.GetString(0), Name: r.GetString(1), Unique: r.GetBoolean(2), Primary: r.GetBoolean(3), Columns: r.GetString(4)));
        var indexes = indexRows.Where(i => !i.Primary).Select(i => new Index(i.Table, i.Name, i.Columns, i.Unique)).ToList();
        var keys = indexRows.Where(i => i.Primary).ToDictionary(i => i.Table, i => i.Columns);
        return (columns, indexes, keys);
    }

    private static async Task<List<T>> ListAsync<T>(DbConnection connection, string sql, Func<DbDataReader, T> read)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await using var reader = await command.ExecuteReaderAsync();
        var list = new List<T>();
        while (await reader.ReadAsync()) list.Add(read(reader));
        return list;
    }
}
