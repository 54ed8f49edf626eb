using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agencies;

namespace Section287.Features.Agreements;

/// <summary>
/// A jail-model agreement drafted from our template and signed by both sides (its PDF is the signed version), and a task
/// force agreement still in draft (its PDF says DRAFT). Neither is a row of ICE's list (<see cref="AgreementSource.Demonstration"/>),
/// so no import touches them; both stay out of the registry.
/// </summary>
internal sealed class AgreementsDemoSeed(AppDbContext db) : IDemoSeedPart
{
    public int Order => 30;

    public Task SeedAsync(DemoData demo, CancellationToken ct)
    {
        var agency = demo.Get<Agency>();
        var contacts = db.AgencyContacts.Local.Where(c => c.AgencyId == agency.Id).ToList();
        const string Ice = "Demo Program Office";
        // Drafted and signed a year before the demo data was made, a millisecond apart as a person's steps would be (the
        // agreement's timeline orders its changes by when they were recorded), so that encounters of the recent past fall within it.
        var signedAt = demo.Now.AddYears(-1);
        var signedOn = Clock.DayOf(signedAt);
        var jail = Agreement.DraftForDemonstration(agency, AgreementModel.Jail, AgreementTemplate.Draft(agency, AgreementModel.Jail, 4, contacts),
            Guid.Empty, Ice, signedOn, signedAt);
        DemoData.Require(jail.SendForSignature(signedOn, signedAt.AddMilliseconds(1)));
        DemoData.Require(jail.Sign(forIce: false, "Pat Example", "Sheriff (fictional)", Guid.Empty, signedOn, signedAt.AddMilliseconds(2)).Error);
        DemoData.Require(jail.Sign(forIce: true, "Demo Field Office Director", "Field Office Director (fictional)", Guid.Empty, signedOn,
            signedAt.AddMilliseconds(3)).Error);
        db.Agreements.Add(demo.Put(jail));
        db.Agreements.Add(Agreement.DraftForDemonstration(agency, AgreementModel.TaskForce,
            AgreementTemplate.Draft(agency, AgreementModel.TaskForce, 2, contacts), Guid.Empty, Ice, Clock.DayOf(demo.Now), demo.Now));
        return Task.CompletedTask;
    }
}
