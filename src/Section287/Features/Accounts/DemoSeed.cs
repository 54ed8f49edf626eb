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
        var ids = new Dictionary<Role, Guid>();
        foreach (var (role, email, name) in Users)
        {
            var result = await create.HandleAsync(new CreateUserInput(email, name, role,
                role.IsAgencyScoped() ? agency.Id : null, role == Role.FieldSupervisor ? "ATL" : null, Password, IsDemo: true), ct);
            if (!result.IsSuccess) throw new InvalidOperationException($"Demo user {email}: {result.Error!.Message}");
            ids[role] = result.Value;
        }
        await SeedOfficerAsync(db, agency, ids[Role.DesignatedOfficer], services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime, ct);
    }

    /// <summary>
    /// A jail-model agreement for the fictional agency and the demo officer on its roster, cleared, certified and authorized,
    /// so that a developer can record an encounter at once. Kept out of the registry with the agency; refused outside Development.
    /// </summary>
    private static async Task SeedOfficerAsync(AppDbContext db, Agency agency, Guid officerUserId, DateTime now, CancellationToken ct)
    {
        var agreement = Agreements.Agreement.FromIceList(agency, Agreements.AgreementModel.Jail,
            new Agreements.IceListFields(DateOnly.FromDateTime(now).AddYears(-1), null, null), DateOnly.FromDateTime(now), Guid.Empty, now);
        db.Agreements.Add(agreement);
        var officer = Officers.Officer.Create(agency.Id, new Officers.OfficerFacts("Dana Example", "DEMO-1", "Detention Deputy (fictional)", new DateOnly(2016, 5, 2), 9m,
            true, true, false, false, false, null), null);
        officer.LinkAccount(officerUserId);
        db.Officers.Add(officer);
        var nomination = Officers.Nomination.Of(officer, agreement, officerUserId, now.AddDays(-60));
        nomination.RecordBackground(Officers.BackgroundStatus.Requested, null, false, now.AddDays(-59));
        nomination.RecordBackground(Officers.BackgroundStatus.Favorable, null, false, now.AddDays(-45));
        db.Nominations.Add(nomination);
        var course = await db.Courses.Include(c => c.Exams).SingleAsync(c => c.Code == "JEM-BASIC", ct);
        var enrollment = new Training.Enrollment { AgencyId = agency.Id, ClassId = Guid.Empty, CourseId = course.Id, OfficerId = officer.Id, Model = course.Model, Kind = course.Kind };
        db.Certificates.Add(Training.Certificate.Issue(course, enrollment, officer.FullName, officer.BadgeNumber, DateOnly.FromDateTime(now.AddDays(-20)), officerUserId, "Demo seed", now.AddDays(-20)));
        db.Authorizations.Add(Officers.Authorization.Sign(nomination, "DEMO-CRED-1", "Demo Field Office Director", "Field Office Director (fictional)", officerUserId, now.AddDays(-10)));
        await db.SaveChangesAsync(ct);
    }
}
