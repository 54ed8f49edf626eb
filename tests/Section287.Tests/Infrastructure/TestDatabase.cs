using Npgsql;
using Section287.Data;

namespace Section287.Tests.Infrastructure;

/// <summary>
/// A fresh, real database for one test or fixture: a SQLite file, or a new database on the PostgreSQL
/// server that test.sh started (SECTION287_TEST_DB=postgres, SECTION287_TEST_PG=admin connection string).
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    private readonly string? _directory;
    private readonly string? _pgName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? directory, string? pgName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _directory = directory;
        _pgName = pgName;
    }

    public static DatabaseProvider Provider_ =>
        Environment.GetEnvironmentVariable("SECTION287_TEST_DB")?.ToLowerInvariant() == "postgres" ? DatabaseProvider.Postgres : DatabaseProvider.Sqlite;

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    public IReadOnlyDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Database:Provider"] = Provider == DatabaseProvider.Postgres ? "postgres" : "sqlite",
        ["Database:ConnectionString"] = ConnectionString,
    };

    public static async Task<TestDatabase> CreateAsync()
    {
        if (Provider_ == DatabaseProvider.Sqlite)
        {
            var dir = Directory.CreateTempSubdirectory("s287-db-").FullName;
            return new TestDatabase(DatabaseProvider.Sqlite, $"Data Source={Path.Combine(dir, "test.db")};Pooling=False", dir, null);
        }

        var admin = AdminConnectionString;
        var name = "s287_" + Guid.NewGuid().ToString("N")[..16];
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(DatabaseProvider.Postgres, builder.ConnectionString, null, name);
    }

    private static string AdminConnectionString =>
        Environment.GetEnvironmentVariable("SECTION287_TEST_PG")
        ?? throw new InvalidOperationException("SECTION287_TEST_DB=postgres needs SECTION287_TEST_PG, the admin connection string (test.sh sets both).");

    public async ValueTask DisposeAsync()
    {
        if (_directory is not null)
        {
            try { Directory.Delete(_directory, recursive: true); }
            catch (IOException) { }
        }
        if (_pgName is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(AdminConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_pgName}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }
}
