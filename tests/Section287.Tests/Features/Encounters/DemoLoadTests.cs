using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Accounts;

namespace Section287.Tests.Features.Encounters;

/// <summary>generate-demo-load, run as the operator runs it: a synthetic program the app could have written, with fictional names.</summary>
public sealed class DemoLoadTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task TheLoad_HasFictionalNames_RowsTheRulesAllow_AndMeasuresEqualToPlainSql_AndIsNotMadeTwice()
    {
        await using var app = await TestApp.StartAsync();
        var dataDir = Directory.CreateTempSubdirectory("s287-load-").FullName;

        var outcome = await Cli.RunAsync(app.Database, dataDir, "generate-demo-load", "--encounters", "1500", "--agencies", "12", "--officers", "40", "--seed", "11");

        outcome.ExitCode.ShouldBe(0, outcome.Stderr);
        var facts = await app.WithDbAsync(async (db, _) => new
        {
            Encounters = await db.Encounters.CountAsync(Ct),
            Agencies = await db.Agencies.AsNoTracking().Select(a => new { a.Name, a.IsDemo, a.State }).ToListAsync(Ct),
            Officers = await db.Officers.AsNoTracking().Select(o => o.FullName).ToListAsync(Ct),
            Detainers = await db.Detainers.CountAsync(Ct),
            // Each encounter under an agreement of its own agency, by an officer of that agency, while the agreement was in force.
            Misplaced = await db.Encounters.CountAsync(e => !db.Agreements.Any(g => g.Id == e.AgreementId && g.AgencyId == e.AgencyId)
                || !db.Officers.Any(o => o.Id == e.OfficerId && o.AgencyId == e.AgencyId), Ct),
            // Detainers only where the agreement's model allows them (jail and warrant service, never the task force).
            TaskForceDetainers = await db.Detainers.CountAsync(d => db.Encounters.Any(e => e.Id == d.EncounterId
                && e.Model == Section287.Features.Agreements.AgreementModel.TaskForce), Ct),
        });
        facts.Encounters.ShouldBe(1500);
        facts.Agencies.Count.ShouldBe(12);
        facts.Officers.Count.ShouldBe(40);
        facts.Detainers.ShouldBeGreaterThan(0);
        (facts.Misplaced, facts.TaskForceDetainers).ShouldBe((0, 0));
        // Fictional only: every agency is marked demonstration data, named as the help says, in no real state, and none is on ICE's list.
        facts.Agencies.ShouldAllBe(a => a.IsDemo && Regex.IsMatch(a.Name, @"^Demo Load County \d{4} Sheriff's Office$") && a.State == "ZZ");
        facts.Officers.ShouldAllBe(o => Regex.IsMatch(o, @"^Load Officer \d{5}$"));
        var real = IceListFile.Read(Repo.Participating("2026-05-18")).Rows.Select(r => r.GetValueOrDefault("LAW ENFORCEMENT AGENCY") ?? "").ToHashSet(StringComparer.OrdinalIgnoreCase);
        facts.Agencies.ShouldNotContain(a => real.Contains(a.Name));

        // The measures, read from the daily counts the load built, equal the same counts in plain SQL over the raw rows.
        var po = await Given.ApiClientAsync(app, await Given.UserAsync(app, Role.ProgramOffice));
        var someAgency = await app.WithDbAsync((db, _) => db.Encounters.GroupBy(e => e.AgencyId).OrderByDescending(g => g.Count()).Select(g => g.Key).FirstAsync(Ct));
        foreach (var (query, agencyId) in new (string, Guid?)[] { ("level=nation", null), ($"level=agency&subject={someAgency}", someAgency) })
        {
            var m = await Api.Ok(po.GetAsync($"/api/v1/measures/use-of-authority?{query}&from=2000-01-01&to=2100-01-01", Ct));
            var direct = await app.WithDbAsync((db, _) => MeasureTests.CountAsync(db, agencyId));
            m.GetProperty("encounters").GetInt32().ShouldBe(direct["encounters"], query);
            m.GetProperty("encountersByModel").GetProperty("JEM").GetInt32().ShouldBe(direct["jem"], query);
            var d = m.GetProperty("detainers");
            (d.GetProperty("requested").GetInt32(), d.GetProperty("issued").GetInt32(), d.GetProperty("declined").GetInt32(), d.GetProperty("returns").GetInt32())
                .ShouldBe((direct["requested"], direct["issued"], direct["declined"], direct["returns"]), query);
            var c = m.GetProperty("citizenshipClaims");
            (c.GetProperty("claims").GetInt32(), c.GetProperty("usCitizen").GetInt32()).ShouldBe((direct["claims"], direct["citizens"]), query);
            m.GetProperty("lateEncounters").GetInt32().ShouldBe(direct["late"], query);
        }

        // A second load on top of the first is refused: the figures would be a mix of two runs.
        var again = await Cli.RunAsync(app.Database, dataDir, "generate-demo-load", "--encounters", "10");
        again.ExitCode.ShouldNotBe(0);
        (await app.WithDbAsync((db, _) => db.Encounters.CountAsync(Ct))).ShouldBe(1500);
    }
}
