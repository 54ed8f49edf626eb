using System.Data.Common;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Accounts;

namespace Section287.Tests.Data;

/// <summary>
/// The main reads of a national program, made as each role makes them on a database the load generator filled, and every
/// statement they sent that touches encounters explained by the database itself (SQLite <c>EXPLAIN QUERY PLAN</c>, PostgreSQL
/// <c>EXPLAIN</c> with sequential scans priced out, so that one remains only where no index can serve): none may read the
/// whole encounters table.
/// </summary>
public sealed class EncounterQueryPlanTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheListsQueuesLookupsAndMeasures_OfEveryRole_ReadEncountersThroughAnIndex_NeverAWholeTableScan()
    {
        await using var app = await TestApp.StartAsync();
        var load = await Cli.RunAsync(app.Database, Directory.CreateTempSubdirectory("s287-plan-").FullName,
            "generate-demo-load", "--encounters", "3000", "--agencies", "12", "--officers", "40", "--seed", "5");
        load.ExitCode.ShouldBe(0, load.Stderr);
        var (agency, agreement, aor, encounter) = await app.WithDbAsync(async (db, _) =>
        {
            var e = await db.Encounters.AsNoTracking().OrderByDescending(x => x.OccurredAt).FirstAsync(Ct);
            var area = await db.Agencies.Where(a => a.Id == e.AgencyId).Select(a => a.AorCode!).SingleAsync(Ct);
            return (e.AgencyId, e.AgreementId, area, e.Id);
        });
        var roles = new (string Name, TestUser User)[]
        {
            ("program office", await Given.UserAsync(app, Role.ProgramOffice)),
            ("field supervisor", await Given.UserAsync(app, Role.FieldSupervisor, aor: aor)),
            ("oversight", await Given.UserAsync(app, Role.Oversight)),
            ("agency coordinator", await Given.UserAsync(app, Role.AgencyCoordinator, agency)),
            ("officer", await Given.UserAsync(app, Role.DesignatedOfficer, agency)),
        };

        using var capture = new SqlCapture(app.Database);
        var read = new List<string>();
        foreach (var (name, user) in roles)
        {
            var http = await Given.ApiClientAsync(app, user);
            capture.Listening = true;
            var first = await http.GetFromJsonAsync<JsonElement>("/api/v1/encounters/", Ct);
            read.Add($"{name}: encounters");
            if (first.GetProperty("next").GetString() is { } next) await http.GetAsync($"/api/v1/encounters/?after={next}", Ct);
            foreach (var query in new[] { "?status=open", "?status=closed", $"?agreementId={agreement}" })
                await http.GetAsync($"/api/v1/encounters/{query}", Ct);
            await http.GetAsync($"/api/v1/encounters/{encounter}", Ct);
            await http.GetAsync("/api/v1/supervision", Ct);
            await http.GetAsync("/api/v1/incidents", Ct);
            await http.PostAsJsonAsync("/api/v1/encounters/lookup", new { aNumber = "A-100-000-001", purpose = "Plan test" }, Ct);
            foreach (var level in new[] { "level=nation", $"level=area&subject={aor}", $"level=agency&subject={agency}", $"level=agreement&subject={agreement}" })
            {
                await http.GetAsync($"/api/v1/measures/use-of-authority?{level}", Ct);
                await http.GetAsync($"/api/v1/measures/oversight?{level}", Ct);
            }
            capture.Listening = false;
        }
        await app.Client().GetAsync("/api/v1/registry/summary", Ct);

        var statements = capture.Statements.Where(s => s.Sql.Contains("\"Encounters\"", StringComparison.Ordinal)
            && s.Sql.TrimStart().StartsWith("SELECT", StringComparison.OrdinalIgnoreCase)).DistinctBy(s => s.Sql).ToList();
        statements.Count.ShouldBeGreaterThan(10, "the reads above reach encounters");
        var fullScans = new List<string>();
        await app.WithDbAsync(async (db, _) =>
        {
            var connection = db.Database.GetDbConnection();
            await connection.OpenAsync(Ct);
            var postgres = db.Database.IsNpgsql();
            if (postgres) await Execute(connection, "SET enable_seqscan = off");
            foreach (var statement in statements)
            {
                var plan = await ExplainAsync(connection, statement, postgres);
                if (postgres ? IsWholeTableRead(plan) : plan.Any(line => IsTableScan(line, statement.Sql)))
                    fullScans.Add($"{statement.Sql}\n  plan:\n    {string.Join("\n    ", plan)}");
            }
        });
        fullScans.ShouldBeEmpty(string.Join("\n\n", fullScans));
    }

    /// <summary>SQLite says <c>SCAN e</c> (or <c>SCAN Encounters</c>) for a walk of the whole table, and names the index otherwise.</summary>
    private static bool IsTableScan(string line, string sql)
    {
        var aliases = Regex.Matches(sql, "\"Encounters\" AS \"(\\w+)\"").Select(m => m.Groups[1].Value).Append("Encounters").ToHashSet();
        var scan = Regex.Match(line, @"^SCAN (\w+)(?: |$)(.*)");
        return scan.Success && aliases.Contains(scan.Groups[1].Value) && !scan.Groups[2].Value.Contains("INDEX", StringComparison.Ordinal);
    }

    /// <summary>
    /// PostgreSQL reads the whole table with a sequential scan, or — sequential scans priced out — with an index scan that has no
    /// condition and is not cut short by a LIMIT that takes the index's own order (a Sort between them reads everything first).
    /// </summary>
    private static bool IsWholeTableRead(List<string> plan)
    {
        static int Indent(string line) => line.Length - line.TrimStart().Length;
        for (var i = 0; i < plan.Count; i++)
        {
            var line = plan[i];
            if (line.Contains("Seq Scan on \"Encounters\"", StringComparison.Ordinal)) return true;
            if (!Regex.IsMatch(line, "(Index Scan|Index Only Scan|Index Scan Backward).* on \"Encounters\"")) continue;
            var depth = Indent(line);
            var conditioned = plan.Skip(i + 1).TakeWhile(l => Indent(l) > depth).Any(l => l.Contains("Index Cond", StringComparison.Ordinal));
            if (conditioned) continue;
            // Walk up to the root: a Limit reached before any Sort or aggregate stops the scan early.
            var limited = false;
            for (var (j, level) = (i - 1, depth); j >= 0; j--)
            {
                if (Indent(plan[j]) >= level || plan[j].TrimStart().StartsWith("Filter", StringComparison.Ordinal)) continue;
                level = Indent(plan[j]);
                var node = plan[j].TrimStart().TrimStart('-', '>', ' ');
                if (node.StartsWith("Limit", StringComparison.Ordinal)) { limited = true; break; }
                if (node.StartsWith("Sort", StringComparison.Ordinal) || node.Contains("Aggregate", StringComparison.Ordinal) || node.StartsWith("Hash", StringComparison.Ordinal)) break;
            }
            if (!limited) return true;
        }
        return false;
    }

    private static async Task<List<string>> ExplainAsync(DbConnection connection, SqlCapture.Statement statement, bool postgres)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = (postgres ? "EXPLAIN " : "EXPLAIN QUERY PLAN ") + statement.Sql;
        foreach (var p in statement.Parameters)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = p.Name;
            parameter.Value = p.Value ?? DBNull.Value;
            if (p.Value is null) parameter.DbType = p.Type;
            command.Parameters.Add(parameter);
        }
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync(Ct);
        // SQLite: id, parent, notused, detail; PostgreSQL: one column of text.
        while (await reader.ReadAsync(Ct)) lines.Add(reader.GetString(postgres ? 0 : 3));
        return lines;
    }

    private static async Task Execute(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(Ct);
    }
}
