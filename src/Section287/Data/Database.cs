using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Section287.Data;

public enum DatabaseProvider
{
    Sqlite,
    Postgres,
}

/// <summary>Chooses the database: embedded SQLite by default, PostgreSQL with Database:Provider=postgres.</summary>
public static class Database
{
    public static DatabaseProvider ProviderOf(IConfiguration configuration) =>
        (configuration["Database:Provider"] ?? "sqlite").Trim().ToLowerInvariant() switch
        {
            "sqlite" or "" => DatabaseProvider.Sqlite,
            "postgres" or "postgresql" or "npgsql" => DatabaseProvider.Postgres,
            var other => throw new InvalidOperationException($"Database:Provider '{other}' is not supported; use sqlite or postgres."),
        };

    public static string DataDirectory(IConfiguration configuration, string contentRoot)
    {
        var dir = configuration["Section287:DataDirectory"] is { Length: > 0 } d ? d : "App_Data";
        return Path.GetFullPath(Path.IsPathRooted(dir) ? dir : Path.Combine(contentRoot, dir));
    }

    /// <summary>
    /// <c>Database:CommandTimeoutSeconds</c> (30): how long a statement, or a write waiting for its turn (SQLite's busy wait, the audit
    /// chain's lock), may take before the request is answered 503 with Retry-After.
    /// </summary>
    public static int CommandTimeoutSeconds(IConfiguration configuration) => configuration.GetValue("Database:CommandTimeoutSeconds", 30);

    public static void Configure(DbContextOptionsBuilder options, IConfiguration configuration, string contentRoot)
    {
        var connection = configuration["Database:ConnectionString"];
        switch (ProviderOf(configuration))
        {
            case DatabaseProvider.Sqlite:
                if (string.IsNullOrWhiteSpace(connection))
                {
                    var dir = DataDirectory(configuration, contentRoot);
                    Directory.CreateDirectory(dir);
                    connection = $"Data Source={Path.Combine(dir, "section287.db")}";
                }
                options.UseSqlite(connection, o => o.CommandTimeout(CommandTimeoutSeconds(configuration)));
                break;
            case DatabaseProvider.Postgres:
                if (string.IsNullOrWhiteSpace(connection))
                    throw new InvalidOperationException("Database:ConnectionString is required with Database:Provider=postgres.");
                options.UseNpgsql(connection, o => o.CommandTimeout(CommandTimeoutSeconds(configuration)));
                break;
        }
        // Migrations are written by hand (no design-time package here); the schema test proves they match the model.
        options.ConfigureWarnings(w => w.Ignore(RelationalEventId.PendingModelChangesWarning));
    }
}
