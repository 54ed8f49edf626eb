using Section287.Common;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Encounters;
using Section287.Features.Officers;

namespace Section287.Tests.Features.Encounters;

/// <summary>
/// Random sequences of everything people can do to an encounter — open it (with good, bad, missing or immigration-based
/// bases), record actions, request, review and answer detainers, claim and resolve citizenship, correct, let the clock run
/// and the sweep pass — under an authority that comes and goes. Whatever the sequence, no state the rules forbid is ever
/// reached. Thousands of sequences on every run; a failure names its seed, so it can be replayed.
/// </summary>
public sealed class EncounterPropertyTests
{
    private const int Sequences = 3000;

    private static readonly DateTime T0 = new(2026, 6, 1, 12, 0, 0, DateTimeKind.Utc);

    private sealed class Coverage
    {
        public int Opened, Refused, Issued, Returned, Claims, UsCitizens, Overdetained, Transferred, NoAuthorityRefusals, Steps;
    }

    [Fact]
    public void NoSequenceOfActions_ReachesAStateTheRulesForbid()
    {
        var coverage = new Coverage();
        for (var seed = 1; seed <= Sequences; seed++)
        {
            var log = new List<string>();
            try
            {
                RunSequence(seed, coverage, log);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                throw new ShouldAssertException($"Seed {seed} broke a rule after: {string.Join(" → ", log)}\n{e.Message}", e);
            }
        }
        // The generator reaches the states worth testing, often: the property is not true by vacuity.
        var seen = $"opened {coverage.Opened}, refused {coverage.Refused}, issued {coverage.Issued}, returned {coverage.Returned}, claims {coverage.Claims}, "
            + $"citizens {coverage.UsCitizens}, overdetained {coverage.Overdetained}, transferred {coverage.Transferred}, no authority {coverage.NoAuthorityRefusals}, steps {coverage.Steps}";
        TestContext.Current.SendDiagnosticMessage(seen);
        coverage.Opened.ShouldBeGreaterThan(Sequences / 3, seen);
        coverage.Issued.ShouldBeGreaterThan(200, seen);
        coverage.Returned.ShouldBeGreaterThan(100, seen);
        coverage.Claims.ShouldBeGreaterThan(200, seen);
        coverage.UsCitizens.ShouldBeGreaterThan(20, seen);
        coverage.Overdetained.ShouldBeGreaterThan(20, seen);
        coverage.Transferred.ShouldBeGreaterThan(100, seen);
        coverage.NoAuthorityRefusals.ShouldBeGreaterThan(100, seen);
        coverage.Steps.ShouldBeGreaterThan(Sequences * 10, seen);
    }

    private static void RunSequence(int seed, Coverage coverage, List<string> log)
    {
        var random = new Random(seed);
        // Half the sequences under the jail model, which has the most rules (detainers, holds).
        var model = random.Next(4) < 2 ? AgreementModel.Jail : AgreementModels.All[random.Next(3)];
        var agency = new Agency { Name = "Test Property County Sheriff's Office", NameKey = "TEST PROPERTY COUNTY SHERIFF'S OFFICE", State = "ZZ" };
        var agreement = Agreement.FromIceList(agency, model, new IceListFields(new DateOnly(2025, 1, 1), null, null), new DateOnly(2025, 6, 1),
            Guid.NewGuid(), T0.AddYears(-1));
        var officer = Officer.Create(agency.Id,
            new OfficerFacts("Test Officer Prop", "P-1", "Deputy", new DateOnly(2015, 1, 1), 9m, true, true, false, false, false, null), null);
        var officerUser = new Acting(Guid.NewGuid(), "Test Officer Prop");
        var supervisor = new Acting(Guid.NewGuid(), "Test Supervisor", IceSupervisor: true);
        var coordinator = new Acting(Guid.NewGuid(), "Test Coordinator");

        // Authority comes and goes: granted in random windows, refused outside them.
        var windows = new List<(DateTime From, DateTime To)>();
        var cursor = T0.AddDays(-3);
        for (var i = 0; i < 6; i++)
        {
            var from = cursor.AddHours(random.Next(0, 48));
            var to = from.AddHours(random.Next(1, 200));
            windows.Add((from, to));
            cursor = to;
        }
        bool Granted(DateTime at) => windows.Any(w => w.From <= at && at < w.To);
        AuthorityAnswer Authority(DateTime at) => new(officer.Id, agreement.Id, model.Code(), at, Granted(at),
            Granted(at) ? [] : [new AuthorityReason("authority.authorization_suspended", "Suspended for the test.")], "C-1", null, null, null, null);

        var now = T0;
        Encounter? e = null;
        var detainerRequester = new Dictionary<Guid, Guid>();
        DateTime? holdBegan = null;
        var steps = random.Next(5, 40);
        for (var step = 0; step < steps; step++)
        {
            coverage.Steps++;
            // Time passes; the sweep runs as the app's timer would.
            now = now.AddMinutes(random.Next(0, 5) == 0 ? random.Next(600, 2400) : random.Next(1, 180));
            if (e?.FlagOverdetention(now) == true) log.Add("sweep flags overdetention");

            if (e is null)
            {
                var input = RandomEncounter(random, model, now);
                var opened = Encounter.Open(agreement, officer, officerUser, input, Person, Authority, now);
                log.Add($"open({input.Basis?.Kind}) {(opened.IsSuccess ? "ok" : opened.Error!.Code)}");
                if (opened.IsSuccess)
                {
                    e = opened.Value;
                    coverage.Opened++;
                }
                else
                {
                    coverage.Refused++;
                    if (opened.Error!.Code == RuleBook.NoAuthority.Code) coverage.NoAuthorityRefusals++;
                }
                continue;
            }

            // The state before the step, to judge what the step added.
            var expiredBefore = e.CustodyAt(now) == CustodyState.Expired;
            var eventsBefore = e.Events.Count;
            var who = random.Next(10) switch { < 6 => officerUser, < 9 => supervisor, _ => coordinator };
            string outcome;
            switch (random.Next(16))
            {
                case < 4:
                {
                    var action = RandomAction(random, e, now);
                    var r = e.Act(action, officerUser, Authority, now);
                    if (!r.IsSuccess && r.Error!.Code == RuleBook.NoAuthority.Code) coverage.NoAuthorityRefusals++;
                    if (r.IsSuccess && action.Kind == ActionKind.CustodyTransferred) coverage.Transferred++;
                    outcome = $"act({action.Kind.Code()}) {(r.IsSuccess ? "ok" : r.Error!.Code)}";
                    break;
                }
                case 4 or 5:
                {
                    var good = random.Next(3) > 0;
                    // The jail model checks records first (Knox MOA, Appendix A); most sequences do.
                    if (random.Next(4) > 0)
                        e.Act(new ActionInput("record_check", now, null, null, null, "IDENT, NCIC", "Match", null, null, null, null, null, null,
                            null).ToAction().Value, officerUser, Authority, now);
                    var r = e.RequestDetainer(new DetainerInput(
                        good || random.Next(2) == 0 ? "Booked on burglary; record check shows a final order of removal in 2019." : "PC",
                        good ? (random.Next(2) == 0 ? "I-200" : "I-205") : "I-247",
                        good || random.Next(2) == 0 ? "W-1" : null, "Test SDDO", DateOnly.FromDateTime(now).AddDays(good ? -1 : 3)), officerUser,
                            Authority, now);
                    if (r.IsSuccess) detainerRequester[r.Value.Id] = officerUser.Id;
                    outcome = $"request detainer {(r.IsSuccess ? "ok" : r.Error!.Code)}";
                    break;
                }
                case 6 or 7 or 8:
                {
                    var d = e.Detainers.LastOrDefault();
                    var decision = new[] { "approve", "approve", "return", "decline", "maybe" }[random.Next(5)];
                    var reviewer = random.Next(10) switch { 0 => officerUser with { IceSupervisor = true }, 1 => coordinator, _ => supervisor };
                    var r = e.ReviewDetainer(d?.Id ?? Guid.NewGuid(), decision, random.Next(4) == 0 ? null : "Questions or reasons.", reviewer, now);
                    if (r.IsSuccess && r.Value.Status == DetainerStatus.Issued) coverage.Issued++;
                    // Most issued detainers are served on the person (it holds them only from then).
                    if (r.IsSuccess && r.Value.Status == DetainerStatus.Issued && random.Next(4) > 0)
                        e.Act(new ActionInput("detainer_served", now, null, null, null, null, null, null, null, null, null, null, null,
                            null).ToAction().Value, officerUser, Authority, now);
                    if (r.IsSuccess && r.Value.Status == DetainerStatus.Returned) coverage.Returned++;
                    outcome = $"review({decision}) by {reviewer.Name} {(r.IsSuccess ? "ok" : r.Error!.Code)}";
                    break;
                }
                case 9:
                {
                    var d = e.Detainers.LastOrDefault();
                    var r = e.AnswerDetainer(d?.Id ?? Guid.NewGuid(), random.Next(4) == 0 ? "" : "The removal order is attached.", officerUser, now);
                    outcome = $"answer {(r.IsSuccess ? "ok" : r.Error!.Code)}";
                    break;
                }
                case 10 when random.Next(3) == 0:
                {
                    var r = e.ClaimCitizenship(random.Next(5) == 0 ? null : "Says he was born in El Paso.", now.AddMinutes(-random.Next(0, 30)),
                        officerUser, now);
                    if (r.IsSuccess) coverage.Claims++;
                    outcome = $"claim {(r.IsSuccess ? "ok" : r.Error!.Code)}";
                    break;
                }
                case 11:
                {
                    var r = random.Next(2) == 0 ? e.ReportClaim("Test SDDO", officerUser, now).Error : null;
                    var outcomeText = random.Next(3) == 0 ? "us_citizen" : "not_us_citizen";
                    var resolved = e.ResolveClaim(outcomeText, random.Next(5) == 0 ? null : "Birth certificate checked.", who, now);
                    if (resolved.IsSuccess && outcomeText == "us_citizen") coverage.UsCitizens++;
                    outcome = $"resolve({outcomeText}) by {who.Name} {(resolved.IsSuccess ? "ok" : resolved.Error!.Code)} {r?.Code}";
                    break;
                }
                case 12:
                {
                    var d = e.Detainers.LastOrDefault();
                    var r = e.MarkTransmitted(d?.Id ?? Guid.NewGuid(), officerUser, now);
                    outcome = $"transmit {(r.IsSuccess ? "ok" : r.Error!.Code)}";
                    break;
                }
                case 13:
                {
                    var basis = random.Next(3) == 0 ? RandomBasis(random, model, now, e.OccurredAt) : null;
                    var r = e.Correct(new EncounterInput(null, null, random.Next(2) == 0 ? "Booking room C" : null, basis, null, null, null, null,
                        null, null, null), null,
                        random.Next(4) == 0 ? null : "Wrong room recorded.", officerUser, now);
                    outcome = $"correct {(r.IsSuccess ? "ok" : r.Error!.Code)}";
                    break;
                }
                case 10:
                {
                    // Half the time the release is due now, as at a jail's sally port (a warrant is served and custody passes at the release).
                    if (random.Next(2) == 0)
                    {
                        var due = e.Act(new ActionInput("release_scheduled", now, null, null, null, null, null, null, null,
                            now.AddMinutes(-random.Next(0, 90)), null, null, null, null).ToAction().Value, officerUser, Authority, now);
                        log.Add($"release due now {(due.IsSuccess ? "ok" : due.Error!.Code)}");
                    }
                    // Mostly in order (the warrant, then the transfer), sometimes not.
                    var serveFirst = !e.Events.Any(x => x.Kind == "warrant_served") ? random.Next(4) > 0 : random.Next(4) == 0;
                    var served = e.Act(new ActionInput(serveFirst ? "warrant_served" : "custody_transferred", now, "At the sally port", null,
                        null, null, null,
                        "I-200", "W-7", null, null, null, null, null, LocalCharges: random.Next(4) > 0 ? "dismissed" : "pending").ToAction().Value,
                            officerUser, Authority, now);
                    if (served.IsSuccess && served.Value.Kind == "custody_transferred") coverage.Transferred++;
                    outcome = $"serve or transfer {(served.IsSuccess ? served.Value.Kind : served.Error!.Code)}";
                    break;
                }
                default:
                {
                    var r = e.Act(new ActionInput("release_scheduled", now, null, null, null, null, null, null, null,
                        // A third near now: a warrant is served within two hours of the release (custody.warrant_at_release).
                        random.Next(3) == 0 ? now.AddMinutes(random.Next(-90, 90)) : now.AddHours(random.Next(-60, 24)), null, null, null, null)
                            .ToAction().Value, officerUser, Authority, now);
                    outcome = $"schedule release {(r.IsSuccess ? "ok" : r.Error!.Code)}";
                    break;
                }
            }
            log.Add(outcome);
            // After the hold expired, only release or transfer (and a claim's own steps, or a correction).
            if (expiredBefore)
                e.Events.Skip(eventsBefore).Select(x => x.Kind).ShouldAllBe(k => k == "released" || k == "custody_transferred" || k == "corrected"
                    || k == "detainer.withdrawn" || k == "detainer.declined" || k.StartsWith("citizenship."), "an action after the 48-hour limit");
            // The 48-hour clock never restarts: once a hold began, the release time never moved later.
            if (holdBegan is { } began) (e.ScheduledReleaseAt <= began).ShouldBeTrue("the scheduled release moved later during a hold");
            if (e.CustodyAt(now) is CustodyState.Holding or CustodyState.Warning or CustodyState.Expired) holdBegan ??= e.ScheduledReleaseAt;
            if (e.FlagOverdetention(now)) log.Add("sweep flags overdetention");
            Check(e, model, Granted, detainerRequester, now);
        }
        if (e?.OverdetentionAt is not null) coverage.Overdetained++;
    }

    /// <summary>The states the rules forbid, checked on the whole record after every step.</summary>
    private static void Check(Encounter e, AgreementModel model, Func<DateTime, bool> granted, Dictionary<Guid, Guid> requesters, DateTime now)
    {
        // No encounter without its lawful basis, of the model's kind, never immigration status.
        var expected = model switch { AgreementModel.Jail => BasisKind.Booking, AgreementModel.TaskForce => BasisKind.StopOrArrest, _ => BasisKind.Warrant };
        e.BasisKind.ShouldBe(expected);
        // Our offense-first policy is on (the strictest terms): no task force encounter starts from an immigration violation.
        e.Jurisdiction.ShouldNotBe("immigration", "an encounter rests on immigration suspicion alone");
        if (expected == BasisKind.Booking) e.BookedAt.ShouldNotBeNull();
        if (expected == BasisKind.Warrant) e.WarrantNumber.ShouldNotBeNullOrWhiteSpace();

        // No detainer issued without probable cause and a signed I-200 or I-205, under the warrant service model, for a task force
        // person outside ICE's categories (none are set here), or reviewed by its requester; none issued without a record check (jail).
        foreach (var d in e.Detainers.Where(d => d.IssuedAt is not null))
        {
            model.ShouldBe(AgreementModel.Jail);
            e.Events.Any(x => x.Kind == "record_check" && x.At <= d.RequestedAt).ShouldBeTrue("a jail detainer without a record check first");
            d.ProbableCause.Length.ShouldBeGreaterThanOrEqualTo(20);
            d.WarrantForm.ShouldBeOneOf("I-200", "I-205");
            d.WarrantNumber.ShouldNotBeNullOrWhiteSpace();
            DateOnly.FromDateTime(d.IssuedAt!.Value).ShouldBeGreaterThanOrEqualTo(d.WarrantSignedOn.AddDays(-1));
            d.ReviewedById.ShouldNotBe(requesters[d.Id], "a detainer reviewed by its requester");
        }

        var claimsRecorded = e.Events.Where(x => x.Kind == "citizenship.claimed").Select(x => x.RecordedAt).ToList();
        foreach (var x in e.Events)
        {
            var kind = EncounterCodes.ActionFromCode(x.Kind);
            // No function the model does not grant.
            if (kind is { } k) Encounter.Allows(model, k).ShouldBeTrue($"{x.Kind} under the {model.IceName()}");
            // No use of authority by an officer without it at that moment.
            if (kind is { } k2
                && k2 is not (ActionKind.Released or ActionKind.SupervisorContact or ActionKind.ReleaseScheduled or ActionKind.PickedUpByIce or ActionKind.Deconflicted or ActionKind.IceNotified))
                granted(x.At).ShouldBeTrue($"{x.Kind} at {x.At:O} without authority");
            if (x.Kind == "opened") granted(x.At).ShouldBeTrue("opened without authority");
            // Nothing but the claim's own steps, a decline or a release while a citizenship claim is open.
            var allowedDuringClaim = x.Kind.StartsWith("citizenship.", StringComparison.Ordinal)
                || x.Kind is "released" or "detainer.declined" or "detainer.withdrawn" or "corrected";
            if (!allowedDuringClaim)
            {
                foreach (var claim in e.Claims)
                {
                    var recorded = claimsRecorded[e.Claims.IndexOf(claim)];
                    var open = recorded <= x.RecordedAt && (claim.ResolvedAt is null || x.RecordedAt < claim.ResolvedAt);
                    (open && x.RecordedAt != claim.ResolvedAt).ShouldBeFalse($"{x.Kind} recorded while a citizenship claim was open");
                }
            }
            // Nothing but release after a confirmed U.S. citizen.
            var citizen = e.Claims.FirstOrDefault(c => c.Outcome == ClaimOutcome.UsCitizen);
            if (citizen is not null && x.RecordedAt > citizen.ResolvedAt) x.Kind.ShouldBeOneOf("released", "corrected");
        }

        // No hold past 48 hours unflagged: the sweep has flagged every expired hold, and any release or transfer after it.
        if (e.CustodyAt(now) == CustodyState.Expired) e.OverdetentionAt.ShouldNotBeNull("a hold past 48 hours, unflagged");
        // The hold on the detainer ends when custody passes to ICE (the stay in the jail after it has its own clock) or the record ends.
        if ((e.TransferredAt ?? e.ClosedAt) is { } closed && e.ScheduledReleaseAt is { } release && e.IssuedDetainer is { ServedAt: { } served }
            && served <= closed && closed - release >= Encounter.HoldLimit)
            e.OverdetentionAt.ShouldNotBeNull("released or transferred after 48 hours, unflagged");
        // Nothing after the end but corrections, and the report and resolution of a claim made before it (they are kept).
        if (e.ClosedAt is { } end)
            e.Events.Where(x => x.At > end && x.RecordedAt > end).Select(x => x.Kind)
                .ShouldAllBe(k => k == "corrected" || k == "citizenship.reported" || k == "citizenship.resolved");
    }

    private static readonly ProtectedPerson Person = new("pd1:cipher-name", "pd1:cipher-dob", null, null, "hash-name-dob", null, null);

    private static EncounterInput RandomEncounter(Random random, AgreementModel model, DateTime now)
    {
        var occurred = now.AddMinutes(-random.Next(0, random.Next(5) == 0 ? 3000 : 300));
        var basis = random.Next(8) switch
        {
            0 => null,
            1 => RandomBasis(random, AgreementModels.All[random.Next(3)], now, occurred),
            _ => RandomBasis(random, model, now, occurred),
        };
        var perception = random.Next(10) == 0
            ? new PerceptionInput([], null, 0, null, null, null, null)
            : new PerceptionInput(["hispanic"], "cisgender_man", 30, random.Next(2) == 0, ["none"], random.Next(3) == 0, "Spanish", random.Next(5) > 0);
        return new EncounterInput(null, occurred, random.Next(15) == 0 ? null : "Main jail, booking", basis,
            new PersonInput("Test Person", new DateOnly(1990, 1, 1), null, null), perception,
            random.Next(2) == 0 ? occurred.AddHours(random.Next(1, 30)) : null,
            model == AgreementModel.TaskForce && random.Next(4) == 0, random.Next(2) == 0 ? "DECON-1" : null, occurred.AddHours(-random.Next(-2, 5)),
            random.Next(2) == 0 ? "Entered from the paper log after the shift." : null,
            Stop: model != AgreementModel.TaskForce || random.Next(10) == 0 ? null
                : random.Next(3) == 0 ? new StopInput("vehicular", true, "consent", random.Next(2) == 0, "citation")
                : new StopInput(random.Next(2) == 0 ? "vehicular" : "pedestrian", false, null, false, "warning"));
    }

    private static BasisInput RandomBasis(Random random, AgreementModel model, DateTime now, DateTime occurred)
    {
        var immigration = random.Next(8) == 0;
        return model switch
        {
            AgreementModel.Jail => new BasisInput("booking", "B-100", "Burglary, second degree",
                occurred.AddHours(-random.Next(1, 10)), occurred.AddHours(-random.Next(-1, 1)), null, null, null, null, null, null, null),
            AgreementModel.TaskForce => new BasisInput("stop_or_arrest", null, null, null, null, random.Next(2) == 0 ? "stop" : "arrest",
                "Driving while intoxicated", immigration ? "immigration" : random.Next(6) == 0 ? "county" : "state", null, null, null, null),
            _ => new BasisInput("warrant", null, null, null, null, null, null, null, random.Next(6) == 0 ? "I-247" : "I-205", "W-9", "Test SDDO",
                DateOnly.FromDateTime(occurred).AddDays(random.Next(-3, 2))),
        };
    }

    private static EncounterAction RandomAction(Random random, Encounter e, DateTime now)
    {
        var kinds = Enum.GetValues<ActionKind>();
        var kind = kinds[random.Next(kinds.Length)].Code();
        var at = now.AddMinutes(-random.Next(0, random.Next(6) == 0 ? 2000 : 60));
        bool Some() => random.Next(5) > 0;
        return new ActionInput(kind, at, "Details", random.Next(2) == 0, Some() ? "REF-1" : null, Some() ? "IDENT, NCIC" : null, Some() ? "Match" : null,
            Some() ? "I-200" : null, Some() ? "W-2" : null, Some() ? now.AddHours(random.Next(-50, 10)) : null, Some() ? "ICE processing center" : null,
            Some() ? "Test SDDO" : null, Some() ? "Prior removal; no fixed address" : null, random.Next(2) == 0 ? "Late from the paper log." : null,
            Some() ? "Final order of removal" : null, Some() ? [.. Encounter.DeconflictionCheckNames.Keys] : ["address"],
            LocalCharges: Some() ? "none" : "pending").ToAction().Value;
    }
}
