using System.Text.Json;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Evaluation;

namespace Section287.Tests.Infrastructure;

/// <summary>
/// A simulated county crime panel whose effect is known, and the agreements that place its counties in cohorts. The counties have
/// codes no real county has (in two real states, so statewide agreements apply), and every agency's name is fictional.
/// </summary>
public static class GivenCrimePanel
{
    /// <summary>Violent crime falls by this much per 100,000 where agreements began in 2015.</summary>
    public const double Effect = -50;

    // Wyoming: 40 comparison counties (56901–56940), 20 treated in 2015 (56941–56960), 5 treated in 2025 (56961–56965).
    // Montana: 5 counties (30901–30905) left out of the comparison because a Montana state agency held an agreement from 2012.
    public static string Wy(int i) => $"569{i:00}";

    public static async Task SimulatedAsync(TestApp app)
    {
        var ct = TestContext.Current.CancellationToken;
        var random = new Random(19);
        var years = Enumerable.Range(2009, 16).ToList();
        var panel = years.ToDictionary(y => y, _ => new Dictionary<string, object>());
        void County(string fips, double level, Func<int, double> extra)
        {
            foreach (var y in years)
                panel[y][fips] = new Dictionary<string, double>
                {
                    ["population"] = 50_000,
                    ["county_violent_crime_rate"] = Math.Max(0, level + 4 * (y - 2009) + random.NextDouble() * 10 + extra(y)),
                    ["county_property_crime_rate"] = level * 5 + 10 * (y - 2009) + random.NextDouble() * 30,
                };
        }
        for (var i = 1; i <= 40; i++) County(Wy(i), 250 + 3 * i, y => i == 2 && y == 2021 ? -100_000 : 0);   // 56902 drops to zero in 2021
        for (var i = 41; i <= 60; i++) County(Wy(i), 380 + 2 * i, y => y >= 2015 ? Effect : 0);
        for (var i = 61; i <= 65; i++) County(Wy(i), 300, _ => 0);
        for (var i = 1; i <= 5; i++) County($"309{i:00}", 280, _ => 0);
        var files = CrimePanels.Read(years.Select(y => (y, (Stream)new MemoryStream(JsonSerializer.SerializeToUtf8Bytes(panel[y])))).ToList());
        files.IsSuccess.ShouldBeTrue(files.Error?.Message);
        await app.WithDbAsync(async (_, services) =>
            (await services.GetRequiredService<CrimePanels>().ImportAsync(files.Value, "Simulated panel for the tests", "test 1", "test", ct)).IsSuccess.ShouldBeTrue());

        async Task Agreement(string name, string state, string? fips, DateOnly signed, AgreementModel model, AgencyType type = AgencyType.County)
        {
            var agency = await Given.AgencyAsync(app, name, state);
            await app.WithDbAsync(async (db, _) =>
            {
                var tracked = await db.Agencies.FindAsync([agency.Id], ct);
                tracked!.CountyFips = fips;
                tracked.Type = type;
                await db.SaveChangesAsync(ct);
            });
            await Given.AgreementAsync(app, agency, model, signed);
        }
        for (var i = 41; i <= 60; i++)
            await Agreement($"Fictional County {i} Sheriff", "WY", Wy(i), new DateOnly(2015, 4, 1), i <= 50 ? AgreementModel.Jail : AgreementModel.TaskForce);
        for (var i = 61; i <= 65; i++) await Agreement($"Fictional County {i} Sheriff", "WY", Wy(i), new DateOnly(2025, 7, 1), AgreementModel.TaskForce);
        await Agreement("Fictional State Patrol", "MT", null, new DateOnly(2012, 1, 10), AgreementModel.TaskForce, AgencyType.StateAgency);
    }
}
