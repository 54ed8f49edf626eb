using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Agencies;
using Section287.Features.Audit;

namespace Section287.Features.Accounts;

/// <summary>
/// Development only: one demo account per role and a clearly fictional agency for the agency roles.
/// Never attached to a real agency; kept out of the public registry; the app refuses to start elsewhere while any exists.
/// </summary>
public static class DemoSeed
{
    public const string Password = "demo-password-287";
    public const string AgencyName = "Fictional Demonstration County Sheriff's Office";

    public static readonly (Role Role, string Email, string Name)[] Users =
    [
        (Role.ProgramOffice, "program-office@demo.section287.test", "Demo Program Office"),
        (Role.FieldSupervisor, "field-supervisor@demo.section287.test", "Demo Field Supervisor"),
        (Role.AgencyCoordinator, "coordinator@demo.section287.test", "Demo Agency Coordinator"),
        (Role.DesignatedOfficer, "officer@demo.section287.test", "Demo Designated Officer"),
        (Role.Oversight, "oversight@demo.section287.test", "Demo Oversight"),
    ];

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        db.Scope.Become(AccessScope.System());
        if (await db.Users.AnyAsync(u => u.IsDemo, ct)) return;
        services.GetRequiredService<ChangeContext>().As("system", "system: development seed").For("demo.seed", "Development demo data");

        var agency = await db.Agencies.FirstOrDefaultAsync(a => a.IsDemo, ct);
        if (agency is null)
        {
            agency = new Agency
            {
                Name = AgencyName,
                NameKey = Agency.KeyOf(AgencyName),
                State = "ZZ",
                Type = AgencyType.County,
                AorCode = "ATL",
                IsDemo = true,
            };
            db.Agencies.Add(agency);
            db.AgencyContacts.Add(new AgencyContact { AgencyId = agency.Id, Name = "Pat Example", Title = "Program coordinator (fictional)", Email = "coordinator@demo.section287.test" });
            await db.SaveChangesAsync(ct);
        }

        var create = services.GetRequiredService<CreateUser>();
        foreach (var (role, email, name) in Users)
        {
            var result = await create.HandleAsync(new CreateUserInput(email, name, role,
                role.IsAgencyScoped() ? agency.Id : null, role == Role.FieldSupervisor ? "ATL" : null, Password, IsDemo: true), ct);
            if (!result.IsSuccess) throw new InvalidOperationException($"Demo user {email}: {result.Error!.Message}");
        }
    }
}
