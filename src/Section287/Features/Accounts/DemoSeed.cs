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
    /// The fictional agency's agreements and the demo officer, so that a developer sees every part on day one: a jail-model
    /// agreement drafted from our template and signed by both sides (its PDF is the signed version), the demo officer on its
    /// roster, cleared, certified and authorized, so that an encounter can be recorded at once; a task force agreement still
    /// in draft (its PDF says DRAFT); and a class of the jail course to enroll in. None of it is a row of ICE's list
    /// (<see cref="Agreements.AgreementSource.Demonstration"/>), so no import touches it; all of it stays out of the registry.
    /// </summary>
    private static async Task SeedOfficerAsync(AppDbContext db, Agency agency, Guid officerUserId, DateTime now, CancellationToken ct)
    {
        var today = Common.Clock.DayOf(now);
        var contacts = await db.AgencyContacts.Where(c => c.AgencyId == agency.Id).ToListAsync(ct);
        const string Ice = "Demo Program Office";
        // Drafted and signed a year before the demo data was made, a millisecond apart as a person's steps would be (the
        // agreement's timeline orders its changes by when they were recorded), so that encounters of the recent past fall
        // within it.
        var signedAt = now.AddYears(-1);
        var signedOn = Common.Clock.DayOf(signedAt);
        var agreement = Agreements.Agreement.DraftForDemonstration(agency, Agreements.AgreementModel.Jail,
            Agreements.AgreementTemplate.Draft(agency, Agreements.AgreementModel.Jail, 4, contacts), Guid.Empty, Ice, signedOn, signedAt);
        Require(agreement.SendForSignature(signedOn, signedAt.AddMilliseconds(1)));
        Require(agreement.Sign(forIce: false, "Pat Example", "Sheriff (fictional)", Guid.Empty, signedOn, signedAt.AddMilliseconds(2)).Error);
        Require(agreement.Sign(forIce: true, "Demo Field Office Director", "Field Office Director (fictional)", Guid.Empty, signedOn, signedAt.AddMilliseconds(3)).Error);
        db.Agreements.Add(agreement);
        db.Agreements.Add(Agreements.Agreement.DraftForDemonstration(agency, Agreements.AgreementModel.TaskForce,
            Agreements.AgreementTemplate.Draft(agency, Agreements.AgreementModel.TaskForce, 2, contacts), Guid.Empty, Ice, today, now));

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

        var upcoming = Training.TrainingClass.Schedule(course.Id, new Training.ClassSettings(today.AddDays(30), today.AddDays(57), Training.Delivery.InPerson,
            "Demonstration Training Center, 1 Example Way (fictional)", 24, "Demo Instructor (fictional)"), today);
        db.TrainingClasses.Add(upcoming.Value);
        await db.SaveChangesAsync(ct);
    }

    private static void Require(Common.Error? error)
    {
        if (error is not null) throw new InvalidOperationException($"Demo seed: {error.Code} {error.Message}");
    }
}
