using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agencies;
using Section287.Features.Agreements;

namespace Section287.Features.Officers;

/// <summary>The demo officer on the jail agreement's roster, linked to the officer account, cleared and authorized (Training certifies them).</summary>
internal sealed class OfficersDemoSeed(AppDbContext db) : IDemoSeedPart
{
    public int Order => 40;

    public Task SeedAsync(DemoData demo, CancellationToken ct)
    {
        var now = demo.Now;
        var account = demo.Get<DemoUser>(Role.DesignatedOfficer.Code()).Id;
        var officer = demo.Put(Officer.Create(demo.Get<Agency>().Id,
            new OfficerFacts("Dana Example", "DEMO-1", "Detention Deputy (fictional)", new DateOnly(2016, 5, 2), 9m,
            true, true, false, false, false, null), null));
        officer.LinkAccount(account);
        db.Officers.Add(officer);
        var nomination = Nomination.Of(officer, demo.Get<Agreement>(), account, now.AddDays(-60));
        DemoData.Require(nomination.RecordBackground(BackgroundStatus.Requested, null, false, now.AddDays(-59)));
        DemoData.Require(nomination.RecordBackground(BackgroundStatus.Favorable, null, false, now.AddDays(-45)));
        db.Nominations.Add(nomination);
        db.Authorizations.Add(Authorization.Sign(nomination, "DEMO-CRED-1", "Demo Field Office Director", "Field Office Director (fictional)",
            account, now.AddDays(-10)));
        return Task.CompletedTask;
    }
}
