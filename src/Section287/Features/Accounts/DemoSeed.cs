using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Audit;

namespace Section287.Features.Accounts;

/// <summary>
/// Development only: one demo account per role, a clearly fictional agency, and enough of every feature to use it on day one.
/// Each feature seeds its own part (<see cref="IDemoSeedPart"/>, registered in its <c>AddX()</c>); this runs them in order.
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
        (Role.PublicAffairs, "public-affairs@demo.section287.test", "Demo Public Affairs"),
        (Role.PrivacyOffice, "privacy-office@demo.section287.test", "Demo Privacy Office"),
    ];

    public static async Task EnsureAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        db.Scope.Become(AccessScope.System());
        if (await db.Users.AnyAsync(u => u.IsDemo, ct)) return;
        services.GetRequiredService<ChangeContext>().As("system", "system: development seed").For("demo.seed", "Development demo data");
        var demo = new DemoData(services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime);
        // One save at the end, so that what reacts to the data (the authority watch) sees all of it at once. Creating the
        // accounts writes the agency before them, as their key requires.
        foreach (var part in services.GetServices<IDemoSeedPart>().OrderBy(p => p.Order)) await part.SeedAsync(demo, ct);
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>One feature's share of the demo data. Parts run by <see cref="Order"/>; each finds what earlier parts made in <see cref="DemoData"/>.</summary>
public interface IDemoSeedPart
{
    int Order { get; }

    Task SeedAsync(DemoData demo, CancellationToken ct);
}

/// <summary>What the demo parts have made so far, by type (and a name where a type has several), and the instant they share.</summary>
public sealed class DemoData(DateTime now)
{
    private readonly Dictionary<(Type, string), object> made = [];

    public DateTime Now { get; } = now;

    public T Put<T>(T value, string name = "") where T : class
    {
        made[(typeof(T), name)] = value;
        return value;
    }

    public T Get<T>(string name = "") where T : class =>
        made.TryGetValue((typeof(T), name),
            out var value) ? (T)value : throw new InvalidOperationException($"Demo seed: no {typeof(T).Name} {name} was made before it was needed.");

    public static void Require(Common.Error? error)
    {
        if (error is not null) throw new InvalidOperationException($"Demo seed: {error.Code} {error.Message}");
    }
}

/// <summary>A demo account per role; the agency roles belong to the fictional agency.</summary>
internal sealed class AccountsDemoSeed(CreateUser create) : IDemoSeedPart
{
    public int Order => 20;

    public async Task SeedAsync(DemoData demo, CancellationToken ct)
    {
        var agency = demo.Get<Agencies.Agency>();
        foreach (var (role, email, name) in DemoSeed.Users)
        {
            var result = await create.HandleAsync(new CreateUserInput(email, name, role,
                role.IsAgencyScoped() ? agency.Id : null, role == Role.FieldSupervisor ? "ATL" : null, DemoSeed.Password, IsDemo: true), ct);
            if (!result.IsSuccess) throw new InvalidOperationException($"Demo user {email}: {result.Error!.Message}");
            demo.Put(new DemoUser(result.Value), role.Code());
        }
    }
}

public sealed record DemoUser(Guid Id);
