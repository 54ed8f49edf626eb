using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Section287.Tests.Infrastructure;

/// <summary>
/// The SQL that EF sends to one test's database while it is listening, with its parameters, read from EF's diagnostic events
/// in this process (the test app runs in it). Other tests' databases are ignored.
/// </summary>
public sealed class SqlCapture : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
{
    public sealed record Parameter(string Name, object? Value, DbType Type);

    public sealed record Statement(string Sql, IReadOnlyList<Parameter> Parameters);

    private readonly Func<DbConnection, bool> _ours;
    private readonly IDisposable _all;
    private readonly List<IDisposable> _listeners = [];
    private readonly ConcurrentQueue<Statement> _statements = new();

    public SqlCapture(TestDatabase database)
    {
        var target = database.Provider == Section287.Data.DatabaseProvider.Postgres
            ? new Npgsql.NpgsqlConnectionStringBuilder(database.ConnectionString).Database
            : new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(database.ConnectionString).DataSource;
        _ours = c => c is Npgsql.NpgsqlConnection ? c.Database == target : c.DataSource == target;
        _all = DiagnosticListener.AllListeners.Subscribe(this);
    }

    public bool Listening { get; set; }

    public IReadOnlyList<Statement> Statements => _statements.ToList();

    public void Clear() => _statements.Clear();

    public void OnNext(DiagnosticListener listener)
    {
        if (listener.Name == DbLoggerCategory.Name) lock (_listeners) _listeners.Add(listener.Subscribe(this));
    }

    public void OnNext(KeyValuePair<string, object?> value)
    {
        if (!Listening || value.Key != RelationalEventId.CommandExecuted.Name || value.Value is not CommandExecutedEventData data) return;
        if (data.Command.Connection is not { } connection || !_ours(connection)) return;
        _statements.Enqueue(new Statement(data.Command.CommandText,
            data.Command.Parameters.Cast<DbParameter>().Select(p => new Parameter(p.ParameterName, p.Value, p.DbType)).ToList()));
    }

    public void OnCompleted() { }

    public void OnError(Exception error) { }

    public void Dispose()
    {
        _all.Dispose();
        lock (_listeners) _listeners.ForEach(l => l.Dispose());
    }
}
