using Section287.Data;
using Section287.Features.Accounts;

namespace Section287.Features.Agencies;

/// <summary>The fictional agency every agency-scoped demo account belongs to, with its coordinator as point of contact.</summary>
internal sealed class AgenciesDemoSeed(AppDbContext db) : IDemoSeedPart
{
    public int Order => 10;

    public Task SeedAsync(DemoData demo, CancellationToken ct)
    {
        var agency = demo.Put(new Agency
        {
            Name = DemoSeed.AgencyName, NameKey = Agency.KeyOf(DemoSeed.AgencyName), State = "ZZ", Type = AgencyType.County, AorCode = "ATL", IsDemo = true,
        });
        db.Agencies.Add(agency);
        db.AgencyContacts.Add(new AgencyContact { AgencyId = agency.Id, Name = "Pat Example", Title = "Program coordinator (fictional)",
            Email = "coordinator@demo.section287.test" });
        return Task.CompletedTask;
    }
}
