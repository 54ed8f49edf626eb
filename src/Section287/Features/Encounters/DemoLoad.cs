using System.Diagnostics;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Audit;
using Section287.Features.Officers;
using Section287.Features.Training;

namespace Section287.Features.Encounters;

/// <summary>What <see cref="DemoLoad"/> makes.</summary>
public sealed record DemoLoadOptions(long Encounters, int Agencies, int Officers, int Seed, int Years)
{
    public static DemoLoadOptions Parse(string[] args)
    {
        long? encounters = null;
        int? agencies = null, officers = null;
        var (seed, years) = (287, 3);
        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value.");
            switch (args[i])
            {
                case "--encounters": encounters = Positive(Next(), "--encounters"); break;
                case "--agencies": agencies = (int)Positive(Next(), "--agencies"); break;
                case "--officers": officers = (int)Positive(Next(), "--officers"); break;
                case "--seed": seed = (int)Positive(Next(), "--seed"); break;
                case "--years": years = (int)Positive(Next(), "--years"); break;
                default: throw new ArgumentException($"Unknown option {args[i]}.\n{Help}");
            }
        }
        if (encounters is not { } n) throw new ArgumentException(Help);
        var a = agencies ?? (int)Math.Clamp(n / 3_000, 10, 3_000);
        return new DemoLoadOptions(n, a, officers ?? Math.Max(a, (int)Math.Min(10_000, a * 10L)), seed, years);
    }

    private static long Positive(string value, string name) =>
        long.TryParse(value, out var n) && n > 0 ? n : throw new ArgumentException($"{name} takes a whole number above zero.");

    public const string Help = """
        generate-demo-load --encounters N [--agencies N] [--officers N] [--seed S] [--years Y]

        Fills the database with a synthetic national program, for load tests and benchmarks. Every name is fictional
        ("Demo Load County 0042 Sheriff's Office", "Load Officer 00042", "Synthetic Person 0000042"); agencies are marked
        as demonstration data, and agreements are demonstration agreements (never ICE list rows, never in the registry).
        Refuses a database that holds encounters of a real agency.

        Defaults: agencies N/3,000 (10 to 3,000), officers ten per agency (at most 10,000), seed 287, years 3.
        Distributions (from the seed, so a run is repeatable):
          agencies   in ICE's 25 areas, sizes Zipf-like (a few large counties, many small ones); every agency has a jail
                     agreement, 40% also a task force agreement, 25% a warrant service agreement; signed a month before
                     the period; officers by agency size, each nominated, cleared, certified and authorized under every
                     agreement of the agency.
          encounters over the last Y years, evenly by day, by agency size; jail 85%, task force 12%, warrant service 3%
                     where the agency has them. 2% are entered late (26 to 72 hours after, with a reason).
          jail       record check; 35% a detainer request; ICE reviews 97% of requests (85% approve, 8% decline, 7%
                     return with a question, answered, then approve) within 0.2 to 30 hours; issued detainers are served,
                     the release scheduled, custody transferred and the person picked up; others released.
          task force stop or arrest with the stop's facts (vehicle 70%, searched 6%, contraband in 30% of searches),
                     supervisor contacted, then released.
          warrant    release time known at booking; served, ICE told, custody transferred, picked up.
          claims     0.3% of encounters: a citizenship claim, reported within the hour (90%), resolved (95%; a citizen in
                     30% of those).
        Every encounter, action, detainer and claim is made by the domain's own methods, so a rule the app enforces
        refuses the generator too. They are written in batches below the change tracker, outside the audit chain (a load is
        no one's act: the command logs one line per batch); the measures' daily counts are built at the end.
        """;
}

/// <summary>
/// The load generator behind <c>generate-demo-load</c> (<see cref="DemoLoadOptions.Help"/> says what it makes). Agencies,
/// agreements and officers go through the unit of work (audited, as the app writes them); encounters and their parts
/// are made by <see cref="Encounter"/>'s own methods and written by <see cref="BulkRows{T}"/>.
/// </summary>
public sealed class DemoLoad(AppDbContext db, PersonData personData, AuthorityFactsLoader loader, ILogger<DemoLoad> log)
{
    private const int Batch = 5_000;

    private static readonly string[] Areas =
    [
        "ATL", "BAL", "BOS", "BUF", "CHI", "DAL", "DEN", "DET", "ELP", "HOU", "LOS", "MIA", "NEW", "NOL", "NYC", "PHI", "PHO", "SEA",
        "SFR", "SLC", "SNA", "SND", "SPM", "STP", "WAS",
    ];

    private static readonly string[] Races = ["white", "black", "hispanic", "asian", "middle_eastern_south_asian", "native_american", "pacific_islander"];

    private static readonly double[] RaceShares = [0.42, 0.2, 0.3, 0.04, 0.02, 0.01, 0.01];

    private sealed record Place(Agency Agency, List<Agreement> Agreements, List<Officer> Officers, double Weight);

    public async Task<int> RunAsync(DemoLoadOptions o, TimeProvider clock, CancellationToken ct)
    {
        var realEncounters = await db.Encounters.IgnoreQueryFilters().AnyAsync(e => db.Agencies.Any(a => a.Id == e.AgencyId && !a.IsDemo), ct);
        if (realEncounters)
        {
            Console.Error.WriteLine("This database holds encounters of real agencies: the load generator runs only on a database of its own.");
            return 2;
        }
        var random = new Random(o.Seed);
        var now = clock.GetUtcNow().UtcDateTime;
        var from = now.AddYears(-o.Years);
        var total = Stopwatch.StartNew();
        await CourseCatalog.SeedAsync(db, ct);
        var places = await PlacesAsync(o, random, from.AddDays(-30), now, ct);
        Console.WriteLine($"{places.Count} agencies, {places.Sum(p => p.Agreements.Count)} agreements, {places.Sum(p => p.Officers.Count)} officers in {total.Elapsed.TotalSeconds:0.0} s");

        var facts = new Dictionary<(Guid Officer, Guid Agreement), AuthorityFacts>();
        foreach (var chunk in places.SelectMany(p => p.Officers).Select(x => x.Id).Chunk(500))
            foreach (var f in await loader.LoadAsync(chunk, null, ct)) facts[(f.Officer.Id, f.Agreement.Id)] = f;
        db.ChangeTracker.Clear();

        var cumulative = new double[places.Count];
        var sum = 0d;
        for (var i = 0; i < places.Count; i++) cumulative[i] = sum += places[i].Weight;
        var ice = new Acting(Guid.CreateVersion7(), "Load ICE Supervisor (fictional)", IceSupervisor: true);
        var span = (now.AddDays(-1) - from).TotalSeconds;
        var written = 0L;
        var phase = Stopwatch.StartNew();
        var (making, writing) = (new Stopwatch(), new Stopwatch());
        // One connection for the whole load, with a page cache large enough for the indexes' working set (SQLite's default
        // is 2 MB, and index pages of random keys miss it on nearly every row).
        await db.Database.OpenConnectionAsync(ct);
        if (db.Database.IsSqlite()) await db.Database.ExecuteSqlRawAsync("PRAGMA cache_size = -262144", ct);
        List<Encounter> MakeBatch(long start)
        {
            var size = (int)Math.Min(Batch, o.Encounters - start);
            var made = new List<Encounter>(size);
            for (var i = 0; i < size; i++)
            {
                var place = places[Pick(cumulative, random.NextDouble() * sum)];
                var agreement = ChooseAgreement(place, random);
                var officer = place.Officers[random.Next(place.Officers.Count)];
                var occurred = from.AddSeconds(random.NextDouble() * span);
                made.Add(Make(agreement, officer, facts[(officer.Id, agreement.Id)], ice, occurred, start + i, random));
            }
            return made;
        }
        // The next batch is made on the other core while this one is written.
        var next = Task.Run(() => MakeBatch(0), ct);
        while (written < o.Encounters)
        {
            making.Start();
            var made = await next;
            making.Stop();
            var after = written + made.Count;
            next = after < o.Encounters ? Task.Run(() => MakeBatch(after), ct) : Task.FromResult(new List<Encounter>());
            writing.Start();
            await WriteAsync(made, ct);
            writing.Stop();
            written = after;
            if (written % 100_000 < Batch || written == o.Encounters)
                Console.WriteLine($"{written:N0} encounters ({written / phase.Elapsed.TotalSeconds:N0} per second; waiting for the maker {making.Elapsed.TotalSeconds:0} s, writing {writing.Elapsed.TotalSeconds:0} s)");
        }
        var rollup = Stopwatch.StartNew();
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            await MeasureRollup.RebuildAsync(db, ct);
            await transaction.CommitAsync(ct);
        }
        Console.WriteLine($"measures' daily counts built in {rollup.Elapsed.TotalSeconds:0.0} s; done in {total.Elapsed.TotalMinutes:0.0} min");
        log.LogInformation("generate-demo-load wrote {Encounters} encounters for {Agencies} agencies (seed {Seed}).", written, places.Count, o.Seed);
        return 0;
    }

    private static int Pick(double[] cumulative, double x)
    {
        var i = Array.BinarySearch(cumulative, x);
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }

    private static Agreement ChooseAgreement(Place place, Random random)
    {
        var roll = random.NextDouble();
        var wanted = roll < 0.85 ? AgreementModel.Jail : roll < 0.97 ? AgreementModel.TaskForce : AgreementModel.WarrantService;
        return place.Agreements.FirstOrDefault(a => a.Model == wanted) ?? place.Agreements[0];
    }

    /// <summary>Agencies, agreements and officers, through the unit of work, in batches of a hundred agencies.</summary>
    private async Task<List<Place>> PlacesAsync(DemoLoadOptions o, Random random, DateTime signedAt, DateTime until, CancellationToken ct)
    {
        var existing = await db.Agencies.CountAsync(a => a.Name.StartsWith("Demo Load County "), ct);
        if (existing > 0) throw new ArgumentException("This database has a generated load already; generate into an empty one.");
        var courses = await db.Courses.AsNoTracking().Where(c => c.Kind == CourseKind.Initial).ToListAsync(ct);
        var weights = Enumerable.Range(1, o.Agencies).Select(i => 1.0 / Math.Pow(i, 0.8)).ToArray();
        var perAgency = Apportion(weights, o.Officers);
        var places = new List<Place>();
        var signedOn = Clock.DayOf(signedAt);
        var officerNumber = 0;
        for (var i = 0; i < o.Agencies; i++)
        {
            var name = $"Demo Load County {i + 1:0000} Sheriff's Office";
            var agency = new Agency
            {
                Name = name, NameKey = Agency.KeyOf(name), State = "ZZ", Type = AgencyType.County, AorCode = Areas[random.Next(Areas.Length)],
                IsDemo = true,
            };
            db.Agencies.Add(agency);
            var models = new List<AgreementModel> { AgreementModel.Jail };
            if (random.NextDouble() < 0.4) models.Add(AgreementModel.TaskForce);
            if (random.NextDouble() < 0.25) models.Add(AgreementModel.WarrantService);
            var agreements = new List<Agreement>();
            foreach (var model in models)
            {
                var agreement = Agreement.DraftForDemonstration(agency, model, AgreementTemplate.Draft(agency, model, 2, []), Guid.Empty,
                    "Load Program Office (fictional)", signedOn, signedAt);
                Require(agreement.SendForSignature(signedOn, signedAt.AddMilliseconds(1)));
                Require(agreement.Sign(forIce: false, "Load Sheriff (fictional)", "Sheriff", Guid.Empty, signedOn, signedAt.AddMilliseconds(2)).Error);
                Require(agreement.Sign(forIce: true, "Load Field Office Director (fictional)", "Field Office Director", Guid.Empty, signedOn,
                    signedAt.AddMilliseconds(3)).Error);
                db.Agreements.Add(agreement);
                agreements.Add(agreement);
            }
            var officers = new List<Officer>();
            for (var k = 0; k < perAgency[i]; k++)
            {
                officerNumber++;
                var officer = Officer.Create(agency.Id, new OfficerFacts($"Load Officer {officerNumber:00000}", $"L-{officerNumber:00000}",
                    "Deputy", new DateOnly(2015, 1, 1), 8m, true, true, false, false, false, null), null);
                db.Officers.Add(officer);
                officers.Add(officer);
                foreach (var agreement in agreements)
                {
                    var nomination = Nomination.Of(officer, agreement, Guid.Empty, signedAt.AddDays(1));
                    Require(nomination.RecordBackground(BackgroundStatus.Requested, null, false, signedAt.AddDays(2)));
                    Require(nomination.RecordBackground(BackgroundStatus.Favorable, null, false, signedAt.AddDays(10)));
                    db.Nominations.Add(nomination);
                    var course = courses.Single(c => c.Model == agreement.Model);
                    var enrollment = new Enrollment { AgencyId = agency.Id, ClassId = Guid.NewGuid(), CourseId = course.Id, OfficerId = officer.Id,
                        Model = course.Model, Kind = course.Kind };
                    db.Certificates.Add(Certificate.Issue(course, enrollment, officer.FullName, officer.BadgeNumber, Clock.DayOf(signedAt.AddDays(20)),
                        Guid.Empty, "Load Academy (fictional)", signedAt.AddDays(20)));
                    // Task force authority lasts two years (MOA section IX): renewed every 700 days, as a program would.
                    var renewals = 0;
                    for (var at = signedAt.AddDays(25); at < until; at = at.AddDays(700))
                    {
                        db.Authorizations.Add(Authorization.Sign(nomination, $"LOAD-{officerNumber:00000}-{agreement.Model.Code()}-{++renewals}",
                            "Load Field Office Director (fictional)", "Field Office Director", Guid.Empty, at));
                        if (agreement.Model != AgreementModel.TaskForce) break;
                    }
                }
            }
            places.Add(new Place(agency, agreements, officers, weights[i]));
            if ((i + 1) % 100 == 0 || i + 1 == o.Agencies)
            {
                await db.SaveChangesAsync(ct);
                db.ChangeTracker.Clear();
            }
        }
        // Read back with what the rules read (the agency's zone, the agreement's history).
        var ids = places.SelectMany(p => p.Agreements).Select(a => a.Id).ToList();
        var loaded = new Dictionary<Guid, Agreement>();
        foreach (var chunk in ids.Chunk(500))
            foreach (var a in await db.Agreements.AsNoTracking().Include(a => a.History).Include(a => a.Agency).Where(a => chunk.Contains(a.Id)).ToListAsync(ct))
                loaded[a.Id] = a;
        return places.Select(p => p with { Agreements = p.Agreements.Select(a => loaded[a.Id]).ToList() }).ToList();
    }

    private static int[] Apportion(double[] weights, int total)
    {
        var sum = weights.Sum();
        var counts = weights.Select(w => Math.Max(1, (int)Math.Floor(w / sum * total))).ToArray();
        for (var i = 0; counts.Sum() < total; i = (i + 1) % counts.Length) counts[i]++;
        return counts;
    }

    private static void Require(Error? error)
    {
        if (error is not null) throw new InvalidOperationException($"The domain refused the generator: {error.Code}: {error.Message}");
    }

    private static T Require<T>(Result<T> result) =>
        result.IsSuccess ? result.Value : throw new InvalidOperationException($"The domain refused the generator: {result.Error!.Code}: {result.Error.Message} "
            + string.Join("; ", (result.Error.Fields ?? new Dictionary<string, string[]>()).Select(f => $"{f.Key}: {string.Join(" ", f.Value)}")));

    /// <summary>A fictional person, as typed and as stored (encrypted, with the lookup hashes), as the workflow protects one.</summary>
    private (PersonInput Typed, ProtectedPerson Stored) Person(long n, Random random)
    {
        var name = $"Synthetic Person {n:0000000}";
        var born = new DateOnly(1960, 1, 1).AddDays(random.Next(365 * 45));
        var dob = born.ToString("yyyy-MM-dd");
        var a = $"A{200_000_000 + n}";
        return (new PersonInput(name, born, null, a), new ProtectedPerson(personData.Protect(name), personData.Protect(dob), null, personData.Protect(a),
            personData.LookupHash("name_dob", $"{name}|{dob}"), null, personData.LookupHash("a_number", a)));
    }

    private static PerceptionInput Perceived(Random random)
    {
        var x = random.NextDouble();
        var race = Races[^1];
        for (var i = 0; i < Races.Length; i++)
        {
            if ((x -= RaceShares[i]) < 0) { race = Races[i]; break; }
        }
        return new PerceptionInput([race], random.NextDouble() < 0.82 ? "cisgender_man" : "cisgender_woman", 18 + random.Next(50),
            false, ["none"], false, null);
    }

    /// <summary>One encounter and what followed, each step at its own time, each through the domain's rules.</summary>
    private Encounter Make(Agreement agreement, Officer officer, AuthorityFacts facts, Acting ice, DateTime occurred, long n, Random random)
    {
        var by = new Acting(officer.Id, officer.FullName);
        Func<DateTime, AuthorityAnswer> authority = at => AuthorityRules.Evaluate(facts, at);
        var terms = AgreementTerms.Of(agreement);
        var late = random.NextDouble() < 0.02;
        var t = occurred.AddMinutes(late ? 60 * (26 + random.Next(46)) : 5 + random.Next(55));
        t = new DateTime(t.Ticks - t.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        occurred = new DateTime(occurred.Ticks - occurred.Ticks % TimeSpan.TicksPerMillisecond, DateTimeKind.Utc);
        var model = agreement.Model;
        var basis = model switch
        {
            AgreementModel.Jail => new BasisInput("booking", $"BK-{n:0000000}", "Driving while impaired", occurred.AddHours(-3), occurred.AddHours(-2),
                null, null, null, null, null, null, null),
            AgreementModel.TaskForce => new BasisInput("stop_or_arrest", null, null, null, null, random.NextDouble() < 0.8 ? "stop" : "arrest",
                "Speeding 20 over the limit", "state", null, null, null, null),
            _ => new BasisInput("warrant", null, null, null, null, null, null, null, "I-205", $"W-{n:0000000}", "Load SDDO (fictional)",
                Clock.DayOf(occurred.AddDays(-20))),
        };
        StopInput? stop = null;
        if (model == AgreementModel.TaskForce)
        {
            var searched = random.NextDouble() < 0.06;
            stop = new StopInput(random.NextDouble() < 0.7 ? "vehicular" : "pedestrian", searched, searched ? "consent" : null,
                searched ? random.NextDouble() < 0.3 : null, random.NextDouble() < 0.6 ? "citation" : "warning", $"D{random.Next(1, 6)}");
        }
        var person = Person(n, random);
        var input = new EncounterInput(agreement.Id, occurred, model == AgreementModel.TaskForce ? "Route 9 at Mile 12" : "County Jail",
            basis, person.Typed, Perceived(random), model == AgreementModel.WarrantService ? t : null, false, null, null, late ? "Records system outage (synthetic)" : null, null, stop);
        var e = Require(Encounter.Open(agreement, officer, by, input, person.Stored, authority, t));

        DateTime Step(double minHours, double maxHours) => t = t.AddMilliseconds((long)(3_600_000 * (minHours + random.NextDouble() * (maxHours - minHours))));
        void Act(EncounterAction action) => Require(e.Act(action, by, authority, t, terms));

        if (random.NextDouble() < 0.003)
        {
            var claim = Require(e.ClaimCitizenship("Says born in a U.S. state (synthetic).", t, by, t));
            if (random.NextDouble() < 0.9) { Step(0.1, 0.9); Require(e.ReportClaim("Load SDDO (fictional)", by, t)); }
            else { Step(1.1, 5); Require(e.ReportClaim("Load SDDO (fictional)", by, t)); }
            if (random.NextDouble() < 0.05) return Finish(e);
            Step(2, 48);
            var citizen = random.NextDouble() < 0.3;
            Require(e.ResolveClaim(citizen ? "us_citizen" : "not_us_citizen", "Records checked (synthetic).", ice, t));
            if (citizen) { Step(0.1, 1); Act(new Released("Released: a U.S. citizen.")); return Finish(e); }
            _ = claim;
        }
        switch (model)
        {
            case AgreementModel.Jail:
                Step(0.05, 1);
                Act(new RecordCheck("IDENT, NCIC", "Match"));
                if (random.NextDouble() < 0.35)
                {
                    Step(0.05, 1);
                    var d = Require(e.RequestDetainer(new DetainerInput("Booked on a state charge; IDENT shows a final order of removal (synthetic).",
                        "I-200", $"W-{n:0000000}", "Load SDDO (fictional)", Clock.DayOf(t)), by, authority, t, terms));
                    var roll = random.NextDouble();
                    if (roll < 0.03) { Step(1, 24); Act(new Released("Released on bond.")); return Finish(e); }
                    Step(0.2, 30);
                    if (roll < 0.11) { Require(e.ReviewDetainer(d.Id, "decline", "No final order found (synthetic).", ice, t)); Step(0.5, 24); Act(new Released("Released.")); return Finish(e); }
                    if (roll < 0.18)
                    {
                        Require(e.ReviewDetainer(d.Id, "return", "Which order? (synthetic)", ice, t));
                        Step(0.2, 4);
                        Require(e.AnswerDetainer(d.Id, "The 2018 order (synthetic).", by, t));
                        Step(0.2, 6);
                    }
                    Require(e.ReviewDetainer(d.Id, "approve", null, ice, t));
                    Step(0.1, 2);
                    Act(new DetainerServed());
                    Step(2, 72);
                    Act(new ReleaseScheduled(t));
                    Step(0.1, 6);
                    Act(new CustodyTransferred(null, "Transferred on the detainer."));
                    Step(0.5, 30);
                    Act(new PickedUpByIce("Picked up by ERO."));
                    return Finish(e);
                }
                Step(1, 48);
                Act(new Released("Released on the local charge."));
                return Finish(e);
            case AgreementModel.TaskForce:
                Step(0.05, 0.5);
                Act(new SupervisorContact("Load SDDO (fictional)"));
                Step(0.1, 2);
                Act(new Released("Released at the scene."));
                return Finish(e);
            default:
                Step(0.05, 1);
                Act(new WarrantServed("I-205", $"W-{n:0000000}", false, null));
                Step(0.05, 1);
                Act(new IceNotified("Load SDDO (fictional)"));
                Step(0.1, 2);
                Act(new CustodyTransferred(null, "Transferred on the warrant."));
                Step(0.5, 24);
                Act(new PickedUpByIce("Picked up by ERO."));
                return Finish(e);
        }
    }

    private static Encounter Finish(Encounter e)
    {
        var last = e.Events.Count == 0 ? e.RecordedAt : e.Events.Max(x => x.RecordedAt);
        (e.CreatedAt, e.UpdatedAt, e.Version) = (e.RecordedAt, last, 1);
        foreach (var d in e.Detainers) d.Version = 1;
        foreach (var c in e.Claims) c.Version = 1;
        return e;
    }

    private async Task WriteAsync(List<Encounter> made, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await using (var rows = await BulkRows<Encounter>.OpenAsync(db, ct))
        {
            foreach (var e in made) await rows.AddAsync(e, ct);
            await rows.CompleteAsync(ct);
        }
        await using (var rows = await BulkRows<EncounterEvent>.OpenAsync(db, ct))
        {
            foreach (var x in made.SelectMany(e => e.Events)) await rows.AddAsync(x, ct);
            await rows.CompleteAsync(ct);
        }
        await using (var rows = await BulkRows<Detainer>.OpenAsync(db, ct))
        {
            foreach (var d in made.SelectMany(e => e.Detainers)) await rows.AddAsync(d, ct);
            await rows.CompleteAsync(ct);
        }
        await using (var rows = await BulkRows<CitizenshipClaim>.OpenAsync(db, ct))
        {
            foreach (var c in made.SelectMany(e => e.Claims)) await rows.AddAsync(c, ct);
            await rows.CompleteAsync(ct);
        }
        await transaction.CommitAsync(ct);
    }
}
