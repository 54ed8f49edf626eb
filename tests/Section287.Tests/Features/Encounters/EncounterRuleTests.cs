using Section287.Common;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Encounters;
using Section287.Features.Officers;

namespace Section287.Tests.Features.Encounters;

/// <summary>
/// Each rule of docs/RULES.md, permitted and refused, for each model where it matters, on the encounter itself with no
/// host. (Deadline rules and role rules that live in the workflow are tested through the API in EncounterFlowTests.)
/// </summary>
public sealed class EncounterRuleTests
{
    private static readonly DateTime Now = new(2026, 6, 10, 15, 0, 0, DateTimeKind.Utc);

    private static readonly Acting ByOfficer = new(Guid.NewGuid(), "Test Officer Rule");

    private static readonly Acting Supervisor = new(Guid.NewGuid(), "Test SDDO", IceSupervisor: true);

    private static readonly ProtectedPerson Person = new("pd1:x", null, null, null, null, null, null);

    private static AuthorityAnswer Granted(DateTime at) => new(Guid.Empty, Guid.Empty, "JEM", at, true, [], "C-1", null, null, null, null);

    private static AuthorityAnswer Refused(DateTime at) => new(Guid.Empty, Guid.Empty, "JEM", at, false,
        [new AuthorityReason("authority.refresher_overdue", "The officer's refresher training was due by 2026-05-01."),
            new AuthorityReason("authority.agreement_suspended", "Suspended.")],
        null, null, null, null, null);

    private static (Agreement Agreement, Officer Officer) World(AgreementModel model)
    {
        var agency = new Agency { Name = "Test Rule County Sheriff's Office", NameKey = "TEST RULE COUNTY SHERIFF'S OFFICE", State = "ZZ" };
        var agreement = Agreement.FromIceList(agency, model, new IceListFields(new DateOnly(2025, 1, 1), null, null), new DateOnly(2025, 6, 1),
            Guid.NewGuid(), Now.AddYears(-1));
        var officer = Officer.Create(agency.Id,
            new OfficerFacts("Test Officer Rule", "R-1", "Deputy", new DateOnly(2015, 1, 1), 9m, true, true, false, false, false, null), null);
        return (agreement, officer);
    }

    private static BasisInput Basis(AgreementModel model, DateTime occurred) => model switch
    {
        AgreementModel.Jail => new("booking", "B-77", "Burglary, second degree", occurred.AddHours(-5), occurred.AddHours(-4), null, null, null, null,
            null, null, null),
        AgreementModel.TaskForce => new("stop_or_arrest", null, null, null, null, "arrest", "Driving while intoxicated", "state", null, null, null, null),
        _ => new("warrant", null, null, null, null, null, null, null, "I-205", "W-205-1", "Test SDDO", DateOnly.FromDateTime(occurred).AddDays(-2)),
    };

    private static readonly PerceptionInput Perceived = new(["hispanic"], "cisgender_man", 34, true, ["none"], true, "Spanish");

    private static EncounterInput Input(AgreementModel model, DateTime? occurred = null, BasisInput? basis = null, DateTime? release = null,
        bool planned = false,
        string? deconfliction = null, DateTime? deconflictedAt = null, string? lateReason = null, PerceptionInput? perception = null)
    {
        var at = occurred ?? Now.AddMinutes(-30);
        return new EncounterInput(null, at, "Main jail, booking", basis ?? Basis(model, at),
            new PersonInput("Test Person", new DateOnly(1990, 2, 3), null, null),
            perception ?? Perceived, release, planned, deconfliction, deconflictedAt, lateReason,
            Stop: model == AgreementModel.TaskForce ? new StopInput("vehicular", false, null, false, "arrest") : null);
    }

    private static Result<Encounter> Open(AgreementModel model, EncounterInput? input = null, Func<DateTime, AuthorityAnswer>? authority = null,
        DateTime? now = null)
    {
        var (agreement, officer) = World(model);
        return Encounter.Open(agreement, officer, ByOfficer, input ?? Input(model), Person, authority ?? Granted, now ?? Now);
    }

    /// <summary>The category ICE supervisors set on the task force agreement of these tests.</summary>
    private const string Category = "Final order of removal";

    private static readonly AgreementTerms Terms = new([Category], [], null);

    /// <summary>An open encounter ready for its model's work: the jail's record check done, the task force's deconfliction recorded.</summary>
    private static Encounter Opened(AgreementModel model, EncounterInput? input = null)
    {
        var opened = Open(model, input);
        opened.IsSuccess.ShouldBeTrue(opened.Error?.Message);
        var e = opened.Value;
        if (model == AgreementModel.Jail) ShouldPermit(e.Act(Action("record_check", at: e.OccurredAt), ByOfficer, Granted, Now));
        if (model == AgreementModel.TaskForce && !e.Planned) ShouldPermit(e.Act(Action("deconflicted", at: e.OccurredAt), ByOfficer, Granted, Now));
        return e;
    }

    private static EncounterAction Action(string kind, DateTime? at = null, bool? interpreter = true, string? reference = "REF-1",
        string? warrantForm = "I-200", string? warrantNumber = "W-1",
        DateTime? release = null, string? reason = "Prior removal order; no fixed address", string? lateReason = null, string? category = Category,
            IReadOnlyList<string>? checks = null) =>
        new ActionInput(kind, at ?? Now, "Details", interpreter, reference, "IDENT, NCIC", "Match", warrantForm, warrantNumber, release,
            "ICE processing center", "Test SDDO", reason, lateReason,
            category, checks ?? [.. Encounter.DeconflictionCheckNames.Keys], interpreter == true ? "Test Interpreter Kim" : null,
                LocalCharges: "none").ToAction().Value;

    private static DetainerInput GoodDetainer => new("Booked on burglary; IDENT shows a final order of removal from 2019.", "I-200", "W-200-7",
        "Test SDDO", DateOnly.FromDateTime(Now).AddDays(-1));

    private static void ShouldRefuse<T>(Result<T> result, Rule rule)
    {
        result.IsSuccess.ShouldBeFalse($"expected {rule.Code}");
        result.Error!.Code.ShouldBe(rule.Code);
    }

    private static T ShouldPermit<T>(Result<T> result)
    {
        result.IsSuccess.ShouldBeTrue(result.Error is null ? "" : $"{result.Error.Code}: {result.Error.Message}");
        return result.Value;
    }

    // ---- encounter.lawful_basis_required, encounter.basis_not_of_model, encounter.immigration_not_a_basis, encounter.before_booking ----

    [Theory]
    [InlineData(AgreementModel.Jail)]
    [InlineData(AgreementModel.TaskForce)]
    [InlineData(AgreementModel.WarrantService)]
    public void LawfulBasisRequired_NoBasisNoEncounter_AndEachModelsBasisNeedsItsFacts(AgreementModel model)
    {
        ShouldPermit(Open(model));
        ShouldRefuse(Open(model, Input(model) with { Basis = null }), RuleBook.LawfulBasisRequired);
        var incomplete = Basis(model, Now) with { BookingNumber = null, Offense = null, WarrantNumber = null, Kind = Basis(model, Now).Kind };
        var refused = Open(model, Input(model, basis: incomplete));
        ShouldRefuse(refused, RuleBook.LawfulBasisRequired);
        refused.Error!.Fields.Keys.Single().ShouldStartWith("basis.");
    }

    [Theory]
    [InlineData(AgreementModel.Jail, AgreementModel.TaskForce)]
    [InlineData(AgreementModel.Jail, AgreementModel.WarrantService)]
    [InlineData(AgreementModel.TaskForce, AgreementModel.Jail)]
    [InlineData(AgreementModel.TaskForce, AgreementModel.WarrantService)]
    [InlineData(AgreementModel.WarrantService, AgreementModel.Jail)]
    [InlineData(AgreementModel.WarrantService, AgreementModel.TaskForce)]
    public void BasisNotOfModel_EachModelTakesOnlyItsOwnBasis(AgreementModel model, AgreementModel basisOf) =>
        ShouldRefuse(Open(model, Input(model, basis: Basis(basisOf, Now.AddMinutes(-30)))), RuleBook.BasisOfAnotherModel);

    [Fact]
    public void ImmigrationNotABasis_APolicyOnByDefault_TheProgramOfficeMaySwitchItOffWithAReason_AndOffensesAreClassifiedByJurisdictionNotWords()
    {
        RuleBook.ImmigrationNotABasis.Basis.ShouldBe(RuleBasis.Policy);
        var (agreement, officer) = World(AgreementModel.TaskForce);
        var suspicion = Basis(AgreementModel.TaskForce,
            Now.AddMinutes(-30)) with { Offense = "Reason to believe: admitted entering without inspection last month", Jurisdiction = "immigration" };
        ShouldRefuse(Encounter.Open(agreement, officer, ByOfficer, Input(AgreementModel.TaskForce, basis: suspicion), Person, Granted, Now),
            RuleBook.ImmigrationNotABasis);

        // Real federal crimes are not refused for the words in them: 8 U.S.C. 1324 harboring, 18 U.S.C. 1546 document fraud.
        foreach (var offense in new[] { "8 U.S.C. 1324 harboring of illegal aliens", "18 U.S.C. 1546 fraud in immigration documents" })
            ShouldPermit(Encounter.Open(agreement, officer, ByOfficer,
                Input(AgreementModel.TaskForce, basis: suspicion with { Offense = offense, Jurisdiction = "federal" }), Person, Granted, Now));

        // Switching the policy off needs a reason; then the agreement's own text (INA 287(a)(2)) governs.
        agreement.SwitchPolicy("offense_first", on: false, reason: " ", "Test Program Office", DateOnly.FromDateTime(Now),
            Now)!.Code.ShouldBe("agreement.policy_reason_required");
        agreement.SwitchPolicy("offense_first", on: false, reason: "State law requires warrantless immigration arrests to be available (test).",
            "Test Program Office", DateOnly.FromDateTime(Now), Now).ShouldBeNull();
        agreement.PolicySwitches.Single().Reason.ShouldContain("State law");
        agreement.History.Last().Kind.ShouldBe(AgreementChangeKind.PolicyOff);
        ShouldPermit(Encounter.Open(agreement, officer, ByOfficer, Input(AgreementModel.TaskForce, basis: suspicion), Person, Granted,
            Now)).Jurisdiction.ShouldBe("immigration");

        // The policy is the task force's: a jail agreement has none to switch, and a jail booking is on its charges.
        var (jail, _) = World(AgreementModel.Jail);
        jail.SwitchPolicy("offense_first", on: false, reason: "Any", "Test Program Office", DateOnly.FromDateTime(Now),
            Now)!.Code.ShouldBe("agreement.policy_not_for_model");
        ShouldPermit(Open(AgreementModel.Jail,
            Input(AgreementModel.Jail, basis: Basis(AgreementModel.Jail, Now.AddMinutes(-30)) with { Charges = "Theft; immigration hold requested" })));
    }

    [Fact]
    public void BeforeBooking_TheJailModelActsOnlyAfterTheBooking()
    {
        var occurred = Now.AddHours(-1);
        var early = Basis(AgreementModel.Jail, occurred) with { BookedAt = occurred.AddMinutes(10) };
        ShouldRefuse(Open(AgreementModel.Jail, Input(AgreementModel.Jail, occurred, early)), RuleBook.BeforeBooking);
        var bookedBeforeArrest = Basis(AgreementModel.Jail, occurred) with { ArrestedAt = occurred.AddHours(-1), BookedAt = occurred.AddHours(-2) };
        ShouldRefuse(Open(AgreementModel.Jail, Input(AgreementModel.Jail, occurred, bookedBeforeArrest)), RuleBook.BeforeBooking);
        ShouldPermit(Open(AgreementModel.Jail, Input(AgreementModel.Jail, occurred, Basis(AgreementModel.Jail, occurred) with { BookedAt = occurred })));
    }

    // ---- encounter.no_authority ----

    [Theory]
    [InlineData(AgreementModel.Jail)]
    [InlineData(AgreementModel.TaskForce)]
    [InlineData(AgreementModel.WarrantService)]
    public void NoAuthority_TheRefusalListsEveryReason_AtTheEncounterAndAtEachAction(AgreementModel model)
    {
        var refused = Open(model, authority: Refused);
        ShouldRefuse(refused, RuleBook.NoAuthority);
        refused.Error!.Fields["authority"].ShouldBe(["authority.refresher_overdue: The officer's refresher training was due by 2026-05-01.",
            "authority.agreement_suspended: Suspended."]);

        // Authority judged at the action's own instant: granted until noon, not after.
        var e = Opened(model);
        var cutoff = Now.AddMinutes(-10);
        AuthorityAnswer Window(DateTime at) => at < cutoff ? Granted(at) : Refused(at);
        ShouldRefuse(e.Act(Action("warrant_served", release: null) with { At = Now }, ByOfficer, Window, Now),
            model == AgreementModel.TaskForce ? RuleBook.NoAuthority : RuleBook.ReleaseTimeRequired);
        ShouldPermit(e.Act(Action("release_scheduled", release: Now.AddHours(1)), ByOfficer, Window, Now));
        ShouldRefuse(e.Act(Action("warrant_served") with { At = Now }, ByOfficer, Window, Now), RuleBook.NoAuthority);
        ShouldPermit(e.Act(Action("warrant_served") with { At = cutoff.AddMinutes(-5) }, ByOfficer, Window, Now));
        // Release is not a use of immigration authority: always allowed.
        ShouldPermit(e.Act(Action("released"), ByOfficer, Window, Now));
    }

    // ---- action.removal_warrant_not_in_model ----

    [Theory]
    [InlineData(AgreementModel.TaskForce, "I-200", true)]
    [InlineData(AgreementModel.TaskForce, "I-205", false)]
    [InlineData(AgreementModel.Jail, "I-205", true)]
    [InlineData(AgreementModel.Jail, "I-200", true)]
    public void RemovalWarrantNotInModel_TaskForceServesWarrantsOfArrestOnly(AgreementModel model, string form, bool permitted)
    {
        var e = Opened(model);
        if (model == AgreementModel.Jail) ShouldPermit(e.Act(Action("release_scheduled", release: Now.AddMinutes(5)), ByOfficer, Granted, Now));
        var served = e.Act(Action("warrant_served", warrantForm: form), ByOfficer, Granted, Now);
        if (permitted) ShouldPermit(served);
        else ShouldRefuse(served, RuleBook.RemovalWarrantNotInModel);
    }

    // ---- encounter.late_reason_required ----

    [Fact]
    public void LateReasonRequired_ARecordMoreThan24HoursLateSaysWhy()
    {
        var late = Now.AddHours(-25);
        ShouldRefuse(Open(AgreementModel.Jail, Input(AgreementModel.Jail, late)), RuleBook.LateReasonRequired);
        var e = ShouldPermit(Open(AgreementModel.Jail, Input(AgreementModel.Jail, late, lateReason: "Entered from the paper log after the system was down.")));
        e.IsLate.ShouldBeTrue();
        e.LateReason.ShouldNotBeNull();
        ShouldPermit(Open(AgreementModel.Jail, Input(AgreementModel.Jail, Now.AddHours(-23)))).IsLate.ShouldBeFalse();
        ShouldRefuse(e.Act(Action("questioning", at: Now.AddHours(-24.5)), ByOfficer, Granted, Now), RuleBook.LateReasonRequired);
        ShouldPermit(e.Act(Action("questioning", at: Now.AddHours(-24.5), lateReason: "Paper log"), ByOfficer, Granted, Now)).IsLate.ShouldBeTrue();
    }

    // ---- encounter.correction_explanation_required ----

    [Fact]
    public void CorrectionExplained_EveryVersionIsKept()
    {
        var e = Opened(AgreementModel.Jail);
        var change = new EncounterInput(null, null, "Annex jail, booking", null, null, null, null, null, null, null, null);
        ShouldRefuse(e.Correct(change, null, " ", ByOfficer, Now), RuleBook.CorrectionExplained);
        var version = ShouldPermit(e.Correct(change, null, "Booked at the annex, not the main jail.", ByOfficer, Now));
        version.Number.ShouldBe(1);
        version.Changes.ShouldContain("Main jail, booking");
        version.Changes.ShouldContain("Annex jail, booking");
        e.Location.ShouldBe("Annex jail, booking");
        // A correction cannot smuggle in an immigration basis while the offense-first policy is on.
        var stop = Opened(AgreementModel.TaskForce);
        var bad = new EncounterInput(null, null, null, Basis(AgreementModel.TaskForce, stop.OccurredAt) with { Jurisdiction = "immigration" }, null,
            null, null, null, null, null, null);
        ShouldRefuse(stop.Correct(bad, null, "Changing the offense", ByOfficer, Now), RuleBook.ImmigrationNotABasis);
    }

    // ---- encounter.closed ----

    [Fact]
    public void Closed_NothingAfterReleaseOrTransfer()
    {
        var e = Opened(AgreementModel.Jail);
        ShouldPermit(e.Act(Action("released"), ByOfficer, Granted, Now));
        ShouldRefuse(e.Act(Action("questioning"), ByOfficer, Granted, Now.AddMinutes(1)), RuleBook.Closed);
        ShouldRefuse(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now.AddMinutes(1)), RuleBook.Closed);
        ShouldRefuse(e.ClaimCitizenship("Born in Texas", null, ByOfficer, Now.AddMinutes(1)), RuleBook.Closed);
    }

    // ---- encounter.deconfliction_required ----

    [Fact]
    public void DeconflictionFirst_EveryTaskForceEnforcementActionNeedsIt_WithItsMinimumContent()
    {
        var occurred = Now.AddMinutes(-30);
        ShouldRefuse(Open(AgreementModel.TaskForce, Input(AgreementModel.TaskForce, occurred, planned: true)), RuleBook.DeconflictionFirst);
        ShouldRefuse(Open(AgreementModel.TaskForce,
            Input(AgreementModel.TaskForce, occurred, planned: true, deconfliction: "DECON-9", deconflictedAt: occurred.AddMinutes(5))),
            RuleBook.DeconflictionFirst);
        // The four checks the MOA names are the minimum.
        var partial = Open(AgreementModel.TaskForce,
            Input(AgreementModel.TaskForce, occurred, planned: true, deconfliction: "DECON-9",
            deconflictedAt: occurred.AddHours(-2)) with { DeconflictionChecks = ["wants_warrants", "address"] });
        ShouldRefuse(partial, RuleBook.DeconflictionFirst);
        partial.Error!.Fields["checks"].Single().ShouldContain("vehicle check through TECS");
        ShouldPermit(Open(AgreementModel.TaskForce,
            Input(AgreementModel.TaskForce, occurred, planned: true, deconfliction: "DECON-9", deconflictedAt: occurred.AddHours(-2))
            with { DeconflictionChecks = [.. Encounter.DeconflictionCheckNames.Keys] })).Planned.ShouldBeTrue();

        // Not only planned actions: an arrest, a warrant served or a transfer on any task force encounter needs it first.
        var unplanned = Open(AgreementModel.TaskForce).Value;
        ShouldRefuse(unplanned.Act(Action("arrest_without_warrant"), ByOfficer, Granted, Now), RuleBook.DeconflictionFirst);
        ShouldRefuse(unplanned.Act(Action("warrant_served"), ByOfficer, Granted, Now), RuleBook.DeconflictionFirst);
        ShouldPermit(unplanned.Act(Action("questioning"), ByOfficer, Granted, Now));
        ShouldRefuse(unplanned.Act(Action("deconflicted", at: Now.AddMinutes(-10), checks: ["wants_warrants", "criminal_history", "address"]),
            ByOfficer, Granted, Now), RuleBook.DeconflictionFirst);
        ShouldPermit(unplanned.Act(Action("deconflicted", at: Now.AddMinutes(-10)), ByOfficer, Granted,
            Now)).Details.ShouldContain("vehicle check through TECS");
        ShouldPermit(unplanned.Act(Action("arrest_without_warrant"), ByOfficer, Granted, Now));
        ShouldRefuse(Open(AgreementModel.Jail,
            Input(AgreementModel.Jail, occurred, planned: true, deconfliction: "DECON-9", deconflictedAt: occurred.AddHours(-2))), RuleBook.NotInModel);
    }

    // ---- encounter.interpreter_named ----

    [Fact]
    public void InterpreterNamed_AWarrantServedThroughAnInterpreterNamesThem()
    {
        var e = Opened(AgreementModel.WarrantService, Input(AgreementModel.WarrantService, release: Now.AddMinutes(5)));
        ShouldRefuse(e.Act(Action("warrant_served", warrantForm: "I-205", interpreter: false), ByOfficer, Granted, Now), RuleBook.InterpreterNamed);
        ShouldRefuse(e.Act((WarrantServed)Action("warrant_served", warrantForm: "I-205") with { InterpreterName = " " }, ByOfficer, Granted, Now),
            RuleBook.InterpreterNamed);
        ShouldPermit(e.Act(Action("warrant_served", warrantForm: "I-205"), ByOfficer, Granted,
            Now)).Details.ShouldContain("Interpreter: Test Interpreter Kim (Spanish)");
        // A person who needs no interpreter is served without one.
        var noNeed = Opened(AgreementModel.WarrantService,
            Input(AgreementModel.WarrantService, release: Now.AddMinutes(5), perception: Perceived with { InterpreterNeeded = false, LimitedEnglish = false }));
        ShouldPermit(noNeed.Act(Action("warrant_served", warrantForm: "I-205", interpreter: false), ByOfficer, Granted, Now));
    }

    // ---- encounter.interpreter_required ----

    [Fact]
    public void InterpreterRequired_WhenNeeded()
    {
        var e = Opened(AgreementModel.Jail);
        ShouldRefuse(e.Act(Action("questioning", interpreter: false), ByOfficer, Granted, Now), RuleBook.InterpreterRequired);
        ShouldPermit(e.Act(Action("questioning", interpreter: true), ByOfficer, Granted, Now)).Details.ShouldContain("Spanish");
        var noNeed = Opened(AgreementModel.Jail, Input(AgreementModel.Jail, perception: Perceived with { InterpreterNeeded = false, LimitedEnglish = false }));
        ShouldPermit(noNeed.Act(Action("questioning", interpreter: false), ByOfficer, Granted, Now));
    }

    [Fact]
    public void InterpreterOffered_APersonWithLimitedEnglishIsOfferedAnInterpreter_AndTheRecordSaysSo()
    {
        var declined = Perceived with { LimitedEnglish = true, InterpreterNeeded = false, InterpreterLanguage = null };
        ShouldRefuse(Open(AgreementModel.Jail, Input(AgreementModel.Jail, perception: declined)), RuleBook.InterpreterOffered);
        var offered = ShouldPermit(Open(AgreementModel.Jail, Input(AgreementModel.Jail, perception: declined with { InterpreterOffered = true })));
        offered.InterpreterOffered.ShouldBe(true);
        // A person who asked for one was given the opportunity; fluent English needs no offer.
        ShouldPermit(Open(AgreementModel.TaskForce, Input(AgreementModel.TaskForce))).InterpreterOffered.ShouldBe(true);
        ShouldPermit(Open(AgreementModel.WarrantService,
            Input(AgreementModel.WarrantService, perception: declined with { LimitedEnglish = false }))).InterpreterOffered.ShouldBe(false);
        // A correction is held to the same rule.
        var e = Opened(AgreementModel.Jail);
        ShouldRefuse(e.Correct(new EncounterInput(null, null, null, null, null, declined, null, null, null, null, null), null, "Perception corrected",
            ByOfficer, Now), RuleBook.InterpreterOffered);
    }

    [Theory]
    [InlineData(AgreementModel.Jail)]
    [InlineData(AgreementModel.WarrantService)]
    public void TransferAtRelease_JailAndWarrantService_CustodyPassesOnlyAtTheReleaseFromTheAgencysCustody(AgreementModel model)
    {
        var release = Now.AddHours(2);
        var e = Opened(model, Input(model, release: release));
        ShouldPermit(e.Act(Action("warrant_served", warrantForm: "I-205"), ByOfficer, Granted, Now));
        ShouldRefuse(e.Act(Action("custody_transferred", at: Now), ByOfficer, Granted, Now), RuleBook.TransferAtRelease);
        ShouldPermit(e.Act(Action("custody_transferred", at: release), ByOfficer, Granted, release)).Details.ShouldStartWith("Custody transferred to ICE");
    }

    [Theory]
    [InlineData(null, false)]
    [InlineData("pending", false)]
    [InlineData("none", true)]
    [InlineData("dismissed", true)]
    [InlineData("sentence_served", true)]
    [InlineData("fod_decision", true)]
    public void LocalChargesFirst_TaskForce_TheTransferSaysHowLocalChargesStand_NeverPending(string? charges, bool permitted)
    {
        var e = Opened(AgreementModel.TaskForce);
        ShouldPermit(e.Act(Action("arrest_without_warrant"), ByOfficer, Granted, Now));
        var transfer = (CustodyTransferred)Action("custody_transferred") with { LocalCharges = charges,
            Details = charges == "fod_decision" ? "Test AFOD decided: special interest case" : "Taken to the processing center" };
        var result = e.Act(transfer, ByOfficer, Granted, Now, Terms);
        if (!permitted) { ShouldRefuse(result, RuleBook.LocalChargesFirst); return; }
        ShouldPermit(result).Details.ShouldContain(Encounter.LocalChargeStates[charges!]);
        e.LocalCharges.ShouldBe(charges);
    }

    [Fact]
    public void Documents_AnNtaOrI213WaitsForAnIceSupervisorsSignature_NeverThePreparers()
    {
        var e = Opened(AgreementModel.Jail);
        ShouldPermit(e.Act(Action("nta_prepared", reference: "NTA-1"), ByOfficer, Granted, Now, Terms));
        ShouldPermit(e.Act(Action("i213_prepared", reference: "I213-1"), ByOfficer, Granted, Now, Terms));
        e.Documents.Select(d => (d.Form, d.Status)).ShouldBe([("NTA", DocumentStatus.AwaitingSignature), ("I-213", DocumentStatus.AwaitingSignature)]);
        var nta = e.Documents[0];
        ShouldRefuse(e.ReviewDocument(nta.Id, "sign", null, ByOfficer, Now), RuleBook.DocumentIceSignatureOnly);
        e.ReviewDocument(nta.Id, "sign", null, ByOfficer, Now).Error!.Kind.ShouldBe(ErrorKind.Forbidden);
        ShouldRefuse(e.ReviewDocument(nta.Id, "sign", null, ByOfficer with { IceSupervisor = true }, Now), RuleBook.PreparerCannotSign);
        ShouldRefuse(e.ReviewDocument(nta.Id, "return", " ", Supervisor, Now), RuleBook.DocumentReturnReason);
        ShouldPermit(e.ReviewDocument(nta.Id, "sign", null, Supervisor, Now)).Status.ShouldBe(DocumentStatus.Signed);
        ShouldRefuse(e.ReviewDocument(nta.Id, "return", "Too late", Supervisor, Now), RuleBook.DocumentNotAwaiting);
        ShouldPermit(e.ReviewDocument(e.Documents[1].Id, "return", "Add the entry date.", Supervisor, Now)).Status.ShouldBe(DocumentStatus.Returned);
        e.Events.Select(x => x.Kind).ShouldContain("document.signed");
        // A document still waiting when the person is found a citizen is withdrawn.
        var other = Opened(AgreementModel.Jail);
        ShouldPermit(other.Act(Action("i213_prepared", reference: "I213-2"), ByOfficer, Granted, Now, Terms));
        ShouldPermit(other.ClaimCitizenship("Born in Ohio", null, ByOfficer, Now));
        ShouldPermit(other.ResolveClaim("us_citizen", "Ohio birth certificate verified.", Supervisor, Now));
        other.Documents.Single().Status.ShouldBe(DocumentStatus.Withdrawn);
    }

    /// <summary>
    /// Each MOA's table of functions, walked whole (issue 12, "Shown how"): every delegated function permitted, every other
    /// refused with its code. Written from the texts: jail 2020 Appendix A, task force 2025 section V, warrant service 2025 Appendix A.
    /// </summary>
    public static TheoryData<AgreementModel, string, string?> MoaFunctions()
    {
        var data = new TheoryData<AgreementModel, string, string?>();
        void Model(AgreementModel m, params (string Function, string? RefusedWith)[] rows) { foreach (var (f, r) in rows) data.Add(m, f, r); }
        // Jail, Appendix A: "delegated only those authorities listed below".
        Model(AgreementModel.Jail,
            ("questioning", null), ("record_check", null), ("warrant_served:I-200", null), ("warrant_served:I-205", null), ("nta_prepared", null),
                ("i213_prepared", null),
            ("detainer", null), ("transported", null), ("custody_transferred", null),
            ("arrest_without_warrant", RuleBook.NotInModel.Code), ("deconflicted", RuleBook.NotInModel.Code), ("ice_notified", RuleBook.NotInModel.Code));
        // Task force, section V: "authorized to perform the following functions".
        Model(AgreementModel.TaskForce,
            ("questioning", null), ("record_check", null), ("arrest_without_warrant", null), ("warrant_served:I-200", null), ("nta_prepared", null),
                ("i213_prepared", null),
            ("detainer", null), ("transported", null), ("custody_transferred", null),
            ("warrant_served:I-205", RuleBook.RemovalWarrantNotInModel.Code), ("nta_prepared:outside", RuleBook.OutsideIceCategories.Code),
                ("detainer:outside", RuleBook.OutsideIceCategories.Code),
            ("picked_up_by_ice", RuleBook.NotInModel.Code), ("ice_notified", RuleBook.NotInModel.Code));
        // Warrant service, Appendix A: "only delegated the two authorities listed below".
        Model(AgreementModel.WarrantService,
            ("warrant_served:I-200", null), ("warrant_served:I-205", null), ("custody_transferred", null),
            ("questioning", RuleBook.NotInModel.Code), ("record_check", RuleBook.NotInModel.Code), ("nta_prepared", RuleBook.NotInModel.Code),
                ("i213_prepared", RuleBook.NotInModel.Code),
            ("detainer", RuleBook.DetainerNotInModel.Code), ("transported", RuleBook.NotInModel.Code),
                ("arrest_without_warrant", RuleBook.NotInModel.Code), ("deconflicted", RuleBook.NotInModel.Code));
        return data;
    }

    [Theory]
    [MemberData(nameof(MoaFunctions))]
    public void EachModel_WalksItsMoasFunctions_DelegatedPermitted_OthersRefusedWithTheirCode(AgreementModel model, string function, string? refusedWith)
    {
        var release = Now.AddMinutes(-5);
        var e = Opened(model, Input(model, release: release));
        var parts = function.Split(':');
        var outside = parts.Length > 1 && parts[1] == "outside";
        Result<string> result = parts[0] switch
        {
            "detainer" => Code(e.RequestDetainer(GoodDetainer with { Category = outside ? "Not a category" : Category }, ByOfficer, Granted, Now, Terms)),
            "warrant_served" => Code(e.Act(Action("warrant_served", warrantForm: parts[1]), ByOfficer, Granted, Now, Terms)),
            "custody_transferred" => Code(ServedThenTransferred(e)),
            "ice_notified" => Code(e.Act(Action("ice_notified"), ByOfficer, Granted, Now, Terms)),
            var kind => Code(e.Act(Action(kind, category: outside ? "Not a category" : Category), ByOfficer, Granted, Now, Terms)),
        };
        if (refusedWith is null) result.IsSuccess.ShouldBeTrue($"{model} {function}: {result.Error?.Code} {result.Error?.Message}");
        else result.Error?.Code.ShouldBe(refusedWith, $"{model} {function}");

        Result<EncounterEvent> ServedThenTransferred(Encounter x)
        {
            var served = x.Act(Action(model == AgreementModel.TaskForce ? "arrest_without_warrant" : "warrant_served", warrantForm: "I-200"),
                ByOfficer, Granted, Now, Terms);
            return served.IsSuccess ? x.Act(Action("custody_transferred"), ByOfficer, Granted, Now, Terms) : served;
        }
    }

    private static Result<string> Code<T>(Result<T> r) => r.IsSuccess ? "ok" : r.Error!;

    // ---- action.not_in_model ----

    // Written from PRODUCT.md, Models, and the MOAs' designated functions, not from the code's table.
    public static TheoryData<string, bool, bool, bool> Functions => new()
    {
        // action,                 jail,  task force, warrant service
        { "questioning",            true,  true,  false },
        { "record_check",           true,  true,  false },
        { "i213_prepared",          true,  true,  false },
        { "nta_prepared",           true,  true,  false },
        { "arrest_without_warrant", false, true,  false },
        { "warrant_served",         true,  true,  true },
        { "transported",            true,  true,  false },
        { "custody_transferred",    true,  true,  true },
        { "released",               true,  true,  true },
        { "supervisor_contact",     true,  true,  true },
    };

    [Theory]
    [MemberData(nameof(Functions))]
    public void NotInModel_EachModelDoesOnlyWhatItDesignates(string action, bool jail, bool taskForce, bool warrantService)
    {
        foreach (var (model, allowed) in new[] { (AgreementModel.Jail, jail), (AgreementModel.TaskForce, taskForce),
            (AgreementModel.WarrantService, warrantService) })
        {
            // Custody passes at the person's release from the agency's custody (custody.transfer_at_release).
            var e = Opened(model, Input(model, release: action == "custody_transferred" ? Now.AddMinutes(-5) : Now.AddHours(1)));
            if (action == "custody_transferred") ShouldPermit(e.Act(Action("warrant_served", at: Now.AddMinutes(-1)), ByOfficer, Granted, Now));
            var result = e.Act(Action(action), ByOfficer, Granted, Now, Terms);
            if (allowed) ShouldPermit(result);
            else ShouldRefuse(result, RuleBook.NotInModel);
        }
    }

    [Fact]
    public void ReasonToBelieve_AnArrestWithoutWarrantNeedsIt()
    {
        var e = Opened(AgreementModel.TaskForce);
        ShouldRefuse(e.Act(Action("arrest_without_warrant", reason: " "), ByOfficer, Granted, Now), RuleBook.ReasonToBelieve);
        ShouldPermit(e.Act(Action("arrest_without_warrant"), ByOfficer, Granted, Now)).Details.ShouldContain("Reason to believe");
    }

    // ---- detainers ----

    [Theory]
    [InlineData(AgreementModel.TaskForce)]
    [InlineData(AgreementModel.WarrantService)]
    public void DetainerNotInModel_WarrantServiceOfficersPrepareNoDetainers(AgreementModel model)
    {
        var request = Opened(model).RequestDetainer(GoodDetainer with { Category = Category }, ByOfficer, Granted, Now, Terms);
        if (model == AgreementModel.WarrantService) ShouldRefuse(request, RuleBook.DetainerNotInModel);
        else ShouldPermit(request).Category.ShouldBe(Category);
    }

    // ---- action.outside_ice_categories ----

    [Fact]
    public void OutsideIceCategories_TaskForceDetainersI213sAndNtasOnlyForCategoriesIceSet()
    {
        var e = Opened(AgreementModel.TaskForce);
        // No categories set: nothing may be prepared.
        ShouldRefuse(e.RequestDetainer(GoodDetainer with { Category = Category }, ByOfficer, Granted, Now, AgreementTerms.Strictest),
            RuleBook.OutsideIceCategories);
        ShouldRefuse(e.Act(Action("i213_prepared"), ByOfficer, Granted, Now, AgreementTerms.Strictest), RuleBook.OutsideIceCategories);
        // A category ICE did not set, or none named: refused.
        ShouldRefuse(e.RequestDetainer(GoodDetainer with { Category = "Anyone stopped" }, ByOfficer, Granted, Now, Terms), RuleBook.OutsideIceCategories);
        ShouldRefuse(e.Act(Action("nta_prepared", category: null), ByOfficer, Granted, Now, Terms), RuleBook.OutsideIceCategories);
        // Within a category: permitted, and the record names it.
        ShouldPermit(e.Act(Action("i213_prepared"), ByOfficer, Granted, Now, Terms)).Details.ShouldContain(Category);
        ShouldPermit(e.Act(Action("nta_prepared"), ByOfficer, Granted, Now, Terms));
        ShouldPermit(e.RequestDetainer(GoodDetainer with { Category = Category }, ByOfficer, Granted, Now, Terms)).Category.ShouldBe(Category);
        // The jail model has no categories: its MOA delegates detainers and I-213s without them.
        ShouldPermit(Opened(AgreementModel.Jail).RequestDetainer(GoodDetainer, ByOfficer, Granted, Now, AgreementTerms.Strictest));
        // Only task force agreements carry categories.
        var (jail, _) = World(AgreementModel.Jail);
        jail.SetIceCategories([Category], "Test SDDO", DateOnly.FromDateTime(Now), Now)!.Code.ShouldBe("agreement.categories_not_in_model");
        var (taskForce, _) = World(AgreementModel.TaskForce);
        taskForce.SetIceCategories([Category, " ", Category], "Test SDDO", DateOnly.FromDateTime(Now), Now).ShouldBeNull();
        taskForce.IceCategoryList.ShouldBe([Category]);
    }

    // ---- action.record_checks_first ----

    [Fact]
    public void RecordChecksFirst_TheJailModelChecksRecordsBeforeADetainerOrAnI213()
    {
        var e = Open(AgreementModel.Jail).Value;
        ShouldRefuse(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now), RuleBook.RecordChecksFirst);
        ShouldRefuse(e.Act(Action("i213_prepared"), ByOfficer, Granted, Now), RuleBook.RecordChecksFirst);
        ShouldPermit(e.Act(Action("record_check", at: Now.AddMinutes(-5)), ByOfficer, Granted, Now));
        ShouldPermit(e.Act(Action("i213_prepared"), ByOfficer, Granted, Now));
        ShouldPermit(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now));
    }

    [Fact]
    public void ProbableCauseRequired()
    {
        var e = Opened(AgreementModel.Jail);
        ShouldRefuse(e.RequestDetainer(GoodDetainer with { ProbableCause = "Looks foreign" }, ByOfficer, Granted, Now), RuleBook.ProbableCauseRequired);
        ShouldRefuse(e.RequestDetainer(GoodDetainer with { ProbableCause = null }, ByOfficer, Granted, Now), RuleBook.ProbableCauseRequired);
        ShouldPermit(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now));
    }

    [Theory]
    [InlineData("I-247A", "W-1", "Test SDDO", -1)]
    [InlineData("I-200", null, "Test SDDO", -1)]
    [InlineData("I-200", "W-1", null, -1)]
    [InlineData("I-205", "W-1", "Test SDDO", 2)]
    public void SignedWarrantRequired_AnI200OrI205WithNumberSignerAndDate(string form, string? number, string? signer, int signedDaysFromNow)
    {
        var e = Opened(AgreementModel.Jail);
        ShouldRefuse(e.RequestDetainer(new DetainerInput(GoodDetainer.ProbableCause, form, number, signer,
            DateOnly.FromDateTime(Now).AddDays(signedDaysFromNow)), ByOfficer, Granted, Now),
            RuleBook.SignedWarrantRequired);
        ShouldRefuse(e.Act((WarrantServed)Action("warrant_served", warrantForm: "I-247A", release: Now) with { WarrantNumber = null }, ByOfficer,
            Granted, Now), RuleBook.SignedWarrantRequired);
    }

    [Fact]
    public void DetainerAlreadyOpen_OneAtATime()
    {
        var e = Opened(AgreementModel.Jail);
        var d = ShouldPermit(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now));
        ShouldRefuse(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now), RuleBook.DetainerAlreadyOpen);
        ShouldPermit(e.ReviewDetainer(d.Id, "decline", "Removal order was vacated.", Supervisor, Now));
        ShouldPermit(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now.AddMinutes(5)));
    }

    [Fact]
    public void RequesterCannotReview_EvenIfTheyWereASupervisor()
    {
        var e = Opened(AgreementModel.Jail);
        var d = ShouldPermit(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now));
        var result = e.ReviewDetainer(d.Id, "approve", null, ByOfficer with { IceSupervisor = true }, Now);
        result.Error!.Code.ShouldBe(RuleBook.RequesterCannotReview.Code);
        result.Error.Kind.ShouldBe(ErrorKind.Forbidden);
    }

    [Fact]
    public void IceSupervisorReviews_NoOneElse()
    {
        var e = Opened(AgreementModel.Jail);
        var d = ShouldPermit(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now));
        var result = e.ReviewDetainer(d.Id, "approve", null, new Acting(Guid.NewGuid(), "Test Coordinator"), Now);
        result.Error!.Code.ShouldBe(RuleBook.IceSupervisorReviews.Code);
        ShouldPermit(e.ReviewDetainer(d.Id, "approve", null, Supervisor, Now)).Status.ShouldBe(DetainerStatus.Issued);
    }

    [Fact]
    public void DetainerNotPending_NotReturned_AndReasonsRequired_ReturnAnswerApprove()
    {
        var e = Opened(AgreementModel.Jail);
        var d = ShouldPermit(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now));
        ShouldRefuse(e.AnswerDetainer(d.Id, "Answer", ByOfficer, Now), RuleBook.DetainerNotReturned);
        ShouldRefuse(e.ReviewDetainer(d.Id, "return", " ", Supervisor, Now), RuleBook.DecisionReasonRequired);
        ShouldRefuse(e.ReviewDetainer(d.Id, "decline", null, Supervisor, Now), RuleBook.DecisionReasonRequired);
        ShouldPermit(e.ReviewDetainer(d.Id, "return", "Which removal order? Give its date.", Supervisor, Now)).Status.ShouldBe(DetainerStatus.Returned);
        ShouldRefuse(e.ReviewDetainer(d.Id, "approve", null, Supervisor, Now), RuleBook.DetainerNotPending);
        ShouldPermit(e.AnswerDetainer(d.Id, "Order of 2019-03-04, Dallas immigration court.", ByOfficer,
            Now.AddMinutes(20))).Status.ShouldBe(DetainerStatus.Requested);
        ShouldPermit(e.ReviewDetainer(d.Id, "approve", null, Supervisor, Now.AddMinutes(40))).IssuedAt.ShouldBe(Now.AddMinutes(40));
        ShouldRefuse(e.ReviewDetainer(d.Id, "decline", "Too late", Supervisor, Now.AddMinutes(41)), RuleBook.DetainerNotPending);
    }

    // ---- custody ----

    [Theory]
    [InlineData(AgreementModel.Jail)]
    [InlineData(AgreementModel.WarrantService)]
    public void ReleaseTimeRequired_ToServeAWarrantAtRelease(AgreementModel model)
    {
        var e = Opened(model);
        ShouldRefuse(e.Act(Action("warrant_served"), ByOfficer, Granted, Now), RuleBook.ReleaseTimeRequired);
        ShouldPermit(e.Act(Action("release_scheduled", release: Now.AddHours(2)), ByOfficer, Granted, Now));
        ShouldPermit(e.Act(Action("warrant_served"), ByOfficer, Granted, Now));
    }

    /// <summary>A jail encounter whose detainer was requested, issued and served on the person before the scheduled release.</summary>
    private static Encounter HeldOnDetainer(DateTime release)
    {
        var occurred = release.AddHours(-5) < Now.AddMinutes(-30) ? release.AddHours(-5) : Now.AddMinutes(-30);
        var e = Opened(AgreementModel.Jail, Input(AgreementModel.Jail, occurred, release: release));
        var t = occurred.AddMinutes(10);
        var d = ShouldPermit(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, t));
        ShouldPermit(e.ReviewDetainer(d.Id, "approve", null, Supervisor, t));
        ShouldPermit(e.Act(Action("detainer_served", at: t), ByOfficer, Granted, t));
        return e;
    }

    // ---- custody.warrant_at_release ----

    [Theory]
    [InlineData(AgreementModel.Jail)]
    [InlineData(AgreementModel.WarrantService)]
    public void WarrantAtRelease_AWarrantIsServedWithinTwoHoursOfTheScheduledRelease_NeverDaysAhead(AgreementModel model)
    {
        var release = Now.AddDays(3);
        var e = Opened(model, Input(model, release: release));
        var early = e.Act(Action("warrant_served"), ByOfficer, Granted, Now);
        ShouldRefuse(early, RuleBook.WarrantAtRelease);
        early.Error!.Message.ShouldContain("the warrant is served from");
        early.Error.Fields.Keys.ShouldContain("at");
        var opens = release - Encounter.ReleaseWindow;
        ShouldRefuse(e.Act(Action("warrant_served", at: opens.AddMinutes(-1)), ByOfficer, Granted, opens.AddMinutes(-1)), RuleBook.WarrantAtRelease);
        ShouldPermit(e.Act(Action("warrant_served", at: opens), ByOfficer, Granted, opens));

        // After the release, two hours more; later only while a served detainer holds the person.
        var past = Opened(model, Input(model, release: Now.AddHours(-2).AddMinutes(-1)));
        var late = past.Act(Action("warrant_served"), ByOfficer, Granted, Now);
        ShouldRefuse(late, RuleBook.WarrantAtRelease);
        late.Error!.Message.ShouldContain("no served detainer holds the person");
        ShouldPermit(Opened(model, Input(model, release: Now.AddHours(-2))).Act(Action("warrant_served"), ByOfficer, Granted, Now));
        if (model == AgreementModel.Jail)
            ShouldPermit(HeldOnDetainer(Now.AddHours(-10)).Act(Action("warrant_served"), ByOfficer, Granted, Now));
    }

    [Fact]
    public void WarrantAtRelease_TheTaskForceServesItsWarrantsWhereThePersonIs_NotAtAJailRelease()
    {
        var e = Opened(AgreementModel.TaskForce, Input(AgreementModel.TaskForce, release: Now.AddDays(3)));
        ShouldPermit(e.Act(Action("warrant_served"), ByOfficer, Granted, Now)).Details.ShouldStartWith("Served I-200");
    }

    [Theory]
    [InlineData(AgreementModel.Jail)]
    [InlineData(AgreementModel.WarrantService)]
    public void TransferAtRelease_NeverBeforeTheRelease_AndNeverBeforeTheWarrantItRestsOn(AgreementModel model)
    {
        var release = Now.AddHours(1);
        var e = Opened(model, Input(model, release: release));
        ShouldPermit(e.Act(Action("warrant_served", at: Now), ByOfficer, Granted, Now));
        var early = e.Act(Action("custody_transferred", at: release.AddMinutes(-30)), ByOfficer, Granted, release.AddMinutes(-30));
        ShouldRefuse(early, RuleBook.TransferAtRelease);
        early.Error!.Message.ShouldContain("is scheduled for");
        // An earlier release is recorded first; then custody passes at it.
        ShouldPermit(e.Act(Action("release_scheduled", at: release.AddMinutes(-30), release: release.AddMinutes(-30)), ByOfficer, Granted,
            release.AddMinutes(-30)));
        ShouldPermit(e.Act(Action("custody_transferred", at: release.AddMinutes(-30)), ByOfficer, Granted, release.AddMinutes(-30)));

        // A transfer dated before the warrant it rests on is refused.
        var other = Opened(model, Input(model, release: Now.AddMinutes(-20)));
        ShouldPermit(other.Act(Action("warrant_served", at: Now), ByOfficer, Granted, Now));
        other.Act(Action("custody_transferred", at: Now.AddMinutes(-10)), ByOfficer, Granted, Now).Error!.Code.ShouldBe("action.time_invalid");
    }

    // ---- late entries at a custody limit (encounter.late_reason_required, custody.hold_limit, custody.after_transfer_limit) ----

    [Fact]
    public void LateEntries_AtTheHoldLimit_JudgedAtTheTimeTheySay_BeforeAllowedWithAReason_AfterRefused()
    {
        var release = Now.AddHours(1);
        var e = HeldOnDetainer(release);
        var ends = release + Encounter.HoldLimit;
        var entered = ends.AddHours(2);
        // Two hours late, not a day, but entered after the limit it is dated before: it says why.
        var noReason = e.Act(Action("questioning", at: ends.AddHours(-3)), ByOfficer, Granted, entered);
        ShouldRefuse(noReason, RuleBook.LateReasonRequired);
        noReason.Error!.Message.ShouldContain("the detainer's 48-hour hold ended");
        ShouldPermit(e.Act(Action("questioning", at: ends.AddHours(-3), lateReason: "Written up at the end of the shift."), ByOfficer, Granted,
            entered)).LateReason.ShouldBe("Written up at the end of the shift.");
        // Dated after the limit: refused, reason or not.
        ShouldRefuse(e.Act(Action("questioning", at: ends.AddMinutes(10), lateReason: "Forgot."), ByOfficer, Granted, entered), RuleBook.HoldLimit);
        // The release dated before the limit ends the hold in time: no overdetention is made of a late entry.
        ShouldPermit(e.Act(Action("released", at: ends.AddHours(-1), lateReason: "Released at the desk; entered after."), ByOfficer, Granted, entered));
        e.OverdetentionAt.ShouldBeNull();
        e.ClosedAt.ShouldBe(ends.AddHours(-1));
    }

    [Fact]
    public void LateEntries_AtTheStayLimit_AndALaterReleaseTimeNeverRestartsAHold()
    {
        var release = Now.AddHours(1);
        var e = HeldOnDetainer(release);
        ShouldPermit(e.Act(Action("custody_transferred", at: release), ByOfficer, Granted, release));
        var ends = e.StayEndsAt!.Value;
        var entered = ends.AddHours(1);
        ShouldRefuse(e.Act(Action("supervisor_contact", at: ends.AddHours(-2)), ByOfficer, Granted, entered), RuleBook.LateReasonRequired);
        ShouldPermit(e.Act(Action("supervisor_contact", at: ends.AddHours(-2), lateReason: "Call logged late."), ByOfficer, Granted, entered));
        ShouldRefuse(e.Act(Action("supervisor_contact", at: ends.AddMinutes(5), lateReason: "Call logged late."), ByOfficer, Granted, entered),
            RuleBook.AfterTransferLimit);
        ShouldPermit(e.Act(Action("picked_up_by_ice", at: ends.AddMinutes(-30), lateReason: "ERO's pickup sheet came in the next morning."),
            ByOfficer, Granted, entered));
        e.StayPastLimitAt.ShouldBeNull();

        // A new, later release time is judged by the record as it stands when entered: a hold that has begun keeps its clock, whatever
        // time the change is dated (custody.release_time_fixed); an earlier one stands.
        var held = HeldOnDetainer(Now.AddHours(-2));
        ShouldRefuse(held.Act(Action("release_scheduled", at: Now.AddHours(-3), release: Now.AddHours(5), lateReason: "The court's order came before."),
            ByOfficer, Granted, Now), RuleBook.ReleaseTimeFixed);
        ShouldPermit(held.Act(Action("release_scheduled", at: Now.AddHours(-3), release: Now.AddHours(-4)), ByOfficer, Granted, Now));
    }

    // ---- detainer.not_served ----

    [Fact]
    public void DetainerNotServed_AnIssuedDetainerHoldsNoOneUntilServed_AndIsServedBeforeTheRelease()
    {
        var release = Now.AddHours(2);
        var e = Opened(AgreementModel.Jail, Input(AgreementModel.Jail, release: release));
        ShouldRefuse(e.Act(Action("detainer_served"), ByOfficer, Granted, Now), RuleBook.DetainerNotServed);
        var d = ShouldPermit(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now));
        ShouldPermit(e.ReviewDetainer(d.Id, "approve", null, Supervisor, Now));
        // Issued but not served: no hold, and no transfer on it.
        e.CustodyAt(release.AddHours(1)).ShouldBe(CustodyState.None);
        ShouldRefuse(e.Act(Action("custody_transferred"), ByOfficer, Granted, Now), RuleBook.DetainerNotServed);
        // Served after the release: too late.
        ShouldRefuse(e.Act(Action("detainer_served", at: release.AddMinutes(1)), ByOfficer, Granted, release.AddMinutes(1)), RuleBook.DetainerNotServed);
        ShouldPermit(e.Act(Action("detainer_served"), ByOfficer, Granted, Now));
        e.IssuedDetainer!.ServedAt.ShouldBe(Now);
        e.CustodyAt(release.AddHours(1)).ShouldBe(CustodyState.Holding);
        ShouldRefuse(e.Act(Action("detainer_served"), ByOfficer, Granted, Now), RuleBook.DetainerNotServed);
    }

    // ---- custody.after_transfer_limit and custody.with_ice ----

    [Theory]
    [InlineData(AgreementModel.Jail)]
    [InlineData(AgreementModel.WarrantService)]
    public void AfterTransferLimit_TheStayInTheJailAfterTheTransferIs48HoursWithoutADetentionAgreement(AgreementModel model)
    {
        // The warrant is served, and custody passes, at the person's release from the agency's custody.
        var release = Now.AddMinutes(-10);
        var e = Opened(model, Input(model, release: release));
        ShouldPermit(e.Act(Action("warrant_served", warrantForm: "I-205"), ByOfficer, Granted, Now));
        var transferred = ShouldPermit(e.Act(Action("custody_transferred", at: Now), ByOfficer, Granted, Now));
        // The record does not end: the person is in ICE custody in the agency's jail.
        e.IsClosed.ShouldBeFalse();
        e.InIceCustodyHere.ShouldBeTrue();
        e.StayEndsAt.ShouldBe(transferred.At.AddHours(48));
        ShouldRefuse(e.Act(Action("questioning"), ByOfficer, Granted, Now), model == AgreementModel.Jail ? RuleBook.InIceCustody : RuleBook.NotInModel);
        ShouldRefuse(e.Act(Action("release_scheduled", release: Now.AddHours(3)), ByOfficer, Granted, Now), RuleBook.InIceCustody);
        e.StayAt(Now.AddHours(35)).ShouldBe(CustodyState.Holding);
        e.WarnStay(Now.AddHours(35)).ShouldBeFalse();
        e.WarnStay(Now.AddHours(36)).ShouldBeTrue();
        e.FlagStayPastLimit(Now.AddHours(47)).ShouldBeFalse();
        e.FlagStayPastLimit(Now.AddHours(48)).ShouldBeTrue();
        e.StayPastLimitAt.ShouldBe(Now.AddHours(48));
        ShouldRefuse(e.Act(Action("supervisor_contact", at: Now.AddHours(49)), ByOfficer, Granted, Now.AddHours(49)), RuleBook.AfterTransferLimit);
        ShouldPermit(e.Act(Action("picked_up_by_ice", at: Now.AddHours(49)), ByOfficer, Granted, Now.AddHours(49)));
        e.IsClosed.ShouldBeTrue();
        e.Outcome.ShouldBe("transferred");

        // With a reimbursable detention agreement in force on the day of the transfer, no 48-hour limit applies.
        var covered = Opened(model, Input(model, release: release));
        ShouldPermit(covered.Act(Action("warrant_served", warrantForm: "I-205"), ByOfficer, Granted, Now));
        var igsa = new AgreementTerms([], [], new DetentionAgreement("IGSA 70CDCR-TEST", DateOnly.FromDateTime(Now).AddYears(-1), null));
        ShouldPermit(covered.Act(Action("custody_transferred"), ByOfficer, Granted, Now, igsa));
        covered.StayEndsAt.ShouldBeNull();
        covered.StayAt(Now.AddHours(100)).ShouldBe(CustodyState.None);
        // An agreement that ended before the transfer does not count.
        var lapsed = Opened(model, Input(model, release: release));
        ShouldPermit(lapsed.Act(Action("warrant_served", warrantForm: "I-205"), ByOfficer, Granted, Now));
        ShouldPermit(lapsed.Act(Action("custody_transferred"), ByOfficer, Granted, Now,
            igsa with { Detention = igsa.Detention! with { Until = DateOnly.FromDateTime(Now).AddDays(-1) } }));
        lapsed.StayEndsAt.ShouldNotBeNull();
    }

    [Fact]
    public void InIceCustody_TheTaskForceTakesThePersonToIce_SoItsTransferEndsTheRecord()
    {
        var e = Opened(AgreementModel.TaskForce);
        ShouldPermit(e.Act(Action("arrest_without_warrant"), ByOfficer, Granted, Now));
        ShouldPermit(e.Act(Action("custody_transferred"), ByOfficer, Granted, Now));
        e.IsClosed.ShouldBeTrue();
        e.StayEndsAt.ShouldBeNull();
        ShouldRefuse(e.Act(Action("picked_up_by_ice"), ByOfficer, Granted, Now), RuleBook.Closed);
    }

    [Fact]
    public void HoldLimit_WarnsAt36Hours_From48OnlyReleaseOrTransfer_AndTheBreachIsFlaggedOnce()
    {
        var release = Now.AddHours(1);
        var e = HeldOnDetainer(release);
        e.CustodyAt(release.AddHours(-1)).ShouldBe(CustodyState.BeforeRelease);
        e.CustodyAt(release.AddHours(35)).ShouldBe(CustodyState.Holding);
        e.CustodyAt(release.AddHours(36)).ShouldBe(CustodyState.Warning);
        e.WarnHold(release.AddHours(35)).ShouldBeFalse();
        e.WarnHold(release.AddHours(36)).ShouldBeTrue();
        e.WarnHold(release.AddHours(37)).ShouldBeFalse();
        ShouldPermit(e.Act(Action("questioning", at: release.AddHours(47)), ByOfficer, Granted, release.AddHours(47)));
        var expired = release.AddHours(48);
        e.CustodyAt(expired).ShouldBe(CustodyState.Expired);
        ShouldRefuse(e.Act(Action("questioning", at: expired), ByOfficer, Granted, expired), RuleBook.HoldLimit);
        // Dated before the limit and entered after it: allowed, as late, with the reason (below, custody.late_entries).
        ShouldRefuse(e.Act(Action("questioning", at: release.AddHours(40), lateReason: null), ByOfficer, Granted, expired), RuleBook.LateReasonRequired);
        ShouldRefuse(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, expired), RuleBook.HoldLimit);
        e.FlagOverdetention(expired.AddMinutes(-1)).ShouldBeFalse();
        e.FlagOverdetention(expired).ShouldBeTrue();
        e.FlagOverdetention(expired.AddHours(1)).ShouldBeFalse();
        e.OverdetentionAt.ShouldBe(expired);
        ShouldPermit(e.Act(Action("custody_transferred", at: expired.AddHours(2)), ByOfficer, Granted, expired.AddHours(2)));
    }

    [Fact]
    public void HoldLimit_AReleaseRecordedAfter48HoursIsFlaggedToo_AndNoDetainerStartsAnExpiredHold()
    {
        var release = Now.AddHours(-1);
        var e = HeldOnDetainer(release);
        var late = release.AddHours(50);
        ShouldPermit(e.Act(Action("released", at: late), ByOfficer, Granted, late));
        e.OverdetentionAt.ShouldBe(release.AddHours(48));

        var stale = Opened(AgreementModel.Jail, Input(AgreementModel.Jail, release: Now.AddHours(-1)));
        var d = ShouldPermit(stale.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now));
        ShouldRefuse(stale.ReviewDetainer(d.Id, "approve", null, Supervisor, Now.AddHours(48)), RuleBook.HoldLimit);
    }

    [Fact]
    public void ReleaseTimeFixed_TheClockNeverStartsAgain()
    {
        var release = Now.AddHours(-2);
        var e = HeldOnDetainer(release);
        ShouldRefuse(e.Act(Action("release_scheduled", release: Now.AddHours(10)), ByOfficer, Granted, Now), RuleBook.ReleaseTimeFixed);
        ShouldPermit(e.Act(Action("release_scheduled", release: release.AddHours(-1)), ByOfficer, Granted, Now));
        // Before the hold begins, a release date may move either way.
        var before = HeldOnDetainer(Now.AddDays(3));
        ShouldPermit(before.Act(Action("release_scheduled", release: Now.AddDays(5)), ByOfficer, Granted, Now));
    }

    [Fact]
    public void TransferNeedsWarrantOrDetainer()
    {
        var e = Opened(AgreementModel.Jail, Input(AgreementModel.Jail, release: Now.AddHours(1)));
        ShouldRefuse(e.Act(Action("custody_transferred"), ByOfficer, Granted, Now), RuleBook.TransferNeedsDocument);
        var held = HeldOnDetainer(Now.AddHours(1));
        ShouldPermit(held.Act(Action("custody_transferred", at: Now.AddHours(1)), ByOfficer, Granted, Now.AddHours(1))).Kind.ShouldBe("custody_transferred");
        held.TransferredAt.ShouldBe(Now.AddHours(1));
        held.Outcome.ShouldBe("transferred");
    }

    // ---- citizenship ----

    [Fact]
    public void ClaimOpen_StopsEverythingButReportResolutionAndRelease()
    {
        var e = Opened(AgreementModel.Jail, Input(AgreementModel.Jail, release: Now.AddHours(1)));
        var d = ShouldPermit(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now));
        ShouldPermit(e.ClaimCitizenship("Says he was born in El Paso and has a passport at home.", null, ByOfficer, Now));
        ShouldRefuse(e.Act(Action("questioning"), ByOfficer, Granted, Now), RuleBook.ClaimOpen);
        ShouldRefuse(e.ReviewDetainer(d.Id, "approve", null, Supervisor, Now), RuleBook.ClaimOpen);
        ShouldRefuse(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now), RuleBook.ClaimOpen);
        ShouldPermit(e.ReportClaim("Test SDDO", ByOfficer, Now.AddMinutes(20))).ReportedAt.ShouldBe(Now.AddMinutes(20));
        ShouldPermit(e.ResolveClaim("not_us_citizen", "Birth record search found no match; consular ID from Mexico.", Supervisor, Now.AddHours(2)));
        ShouldPermit(e.ReviewDetainer(d.Id, "approve", null, Supervisor, Now.AddHours(3)));
        // Release is always possible.
        var other = Opened(AgreementModel.Jail);
        ShouldPermit(other.ClaimCitizenship("Born in Ohio", null, ByOfficer, Now));
        ShouldPermit(other.Act(Action("released"), ByOfficer, Granted, Now));
    }

    [Fact]
    public void ClaimOpen_TheInvestigationGoesOn_AndASuspectedClaimStopsEnforcementToo()
    {
        var e = Opened(AgreementModel.Jail, Input(AgreementModel.Jail, release: Now.AddHours(1)));
        ShouldRefuse(e.InvestigateClaim("record_check", "SAVE and vital records", ByOfficer, Now), RuleBook.NoOpenClaim);
        // The person said nothing; the officer found a U.S. birth certificate in the property.
        var claim = ShouldPermit(e.ClaimCitizenship("A U.S. birth certificate in the person's property.", null, ByOfficer, Now, suspected: true));
        claim.Suspected.ShouldBeTrue();
        e.Events.Last().Details.ShouldContain("The officer suspects");
        ShouldRefuse(e.Act(Action("questioning"), ByOfficer, Granted, Now), RuleBook.ClaimOpen);
        ShouldRefuse(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now), RuleBook.ClaimOpen);
        // ICE investigates at once: record checks and its legal office, recorded on the encounter.
        ShouldPermit(e.InvestigateClaim("record_check", "Texas vital records: birth record found, Houston 1994.", Supervisor,
            Now)).Kind.ShouldBe("citizenship.record_check");
        ShouldPermit(e.InvestigateClaim("legal_consultation", "OPLA Houston advised the record is sufficient.", Supervisor,
            Now)).Details.ShouldContain("Principal Legal Advisor");
        e.InvestigateClaim("interview", "x", Supervisor, Now).Error!.Code.ShouldBe("citizenship.investigation_invalid");
        ShouldPermit(e.ResolveClaim("us_citizen", "Birth record verified with OPLA.", Supervisor, Now));
        ShouldRefuse(e.InvestigateClaim("record_check", "More", Supervisor, Now), RuleBook.NoOpenClaim);
    }

    [Fact]
    public void ClaimResolvedByIce_NoOneElse_AndNoOpenClaimMeansNothingToResolve()
    {
        var e = Opened(AgreementModel.TaskForce);
        ShouldRefuse(e.ResolveClaim("us_citizen", "x", Supervisor, Now), RuleBook.NoOpenClaim);
        ShouldRefuse(e.ReportClaim("Test SDDO", ByOfficer, Now), RuleBook.NoOpenClaim);
        ShouldPermit(e.ClaimCitizenship("Born in Ohio", null, ByOfficer, Now));
        var refused = e.ResolveClaim("us_citizen", "Ohio birth certificate verified", ByOfficer, Now);
        refused.Error!.Code.ShouldBe(RuleBook.ClaimResolvedByIce.Code);
        refused.Error.Kind.ShouldBe(ErrorKind.Forbidden);
    }

    [Fact]
    public void UsCitizen_OnlyReleaseFollows_AndTheDetainerIsWithdrawn()
    {
        var e = Opened(AgreementModel.Jail, Input(AgreementModel.Jail, release: Now.AddHours(1)));
        var d = ShouldPermit(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now));
        ShouldPermit(e.ClaimCitizenship("Born in Ohio", null, ByOfficer, Now));
        ShouldPermit(e.ResolveClaim("us_citizen", "Ohio birth certificate verified with the state registrar.", Supervisor, Now.AddMinutes(50)));
        d.Status.ShouldBe(DetainerStatus.Withdrawn);
        ShouldRefuse(e.Act(Action("questioning"), ByOfficer, Granted, Now.AddHours(1)), RuleBook.UsCitizen);
        ShouldRefuse(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now.AddHours(1)), RuleBook.UsCitizen);
        ShouldRefuse(e.ClaimCitizenship("Again", null, ByOfficer, Now.AddHours(1)), RuleBook.UsCitizen);
        ShouldPermit(e.Act(Action("released", at: Now.AddHours(1)), ByOfficer, Granted, Now.AddHours(1)));
    }

    [Fact]
    public void OnceOnly_ADetainerIsSentOnce_AClaimIsOpenedAndReportedOnce_AnIncidentClosedOnce()
    {
        var e = Opened(AgreementModel.Jail, Input(AgreementModel.Jail, release: Now.AddHours(6)));
        ShouldPermit(e.Act(Action("record_check"), ByOfficer, Granted, Now));
        var d = ShouldPermit(e.RequestDetainer(GoodDetainer, ByOfficer, Granted, Now));
        ShouldRefuse(e.MarkTransmitted(d.Id, ByOfficer, Now), RuleBook.DetainerNotIssued);
        ShouldPermit(e.ReviewDetainer(d.Id, "approve", null, Supervisor, Now.AddMinutes(5)));
        ShouldPermit(e.MarkTransmitted(d.Id, ByOfficer, Now.AddMinutes(10)));
        ShouldRefuse(e.MarkTransmitted(d.Id, ByOfficer, Now.AddMinutes(11)), RuleBook.DetainerNotIssued);

        ShouldPermit(e.ClaimCitizenship("Says he was born in Texas", null, ByOfficer, Now.AddMinutes(20)));
        ShouldRefuse(e.ClaimCitizenship("Again", null, ByOfficer, Now.AddMinutes(21)), RuleBook.ClaimAlreadyOpen);
        ShouldPermit(e.ReportClaim("Test SDDO", ByOfficer, Now.AddMinutes(22)));
        ShouldRefuse(e.ReportClaim("Test SDDO", ByOfficer, Now.AddMinutes(23)), RuleBook.ClaimAlreadyReported);

        var incident = new Incident { AgencyId = e.AgencyId, EncounterId = e.Id, Kind = "overdetention", OccurredAt = Now, DetectedAt = Now,
            Description = "Test" };
        incident.Close("Released at once; referred to the field office.", "Test SDDO", Now).ShouldBeNull();
        incident.Close("Again", "Test SDDO", Now).ShouldNotBeNull().Code.ShouldBe(RuleBook.IncidentClosed.Code);
    }

    // ---- the book itself ----

    [Fact]
    public void EveryRuleInTheBook_IsNamedByATest()
    {
        var sources = Directory.GetFiles(Path.Combine(Repo.Root, "tests", "Section287.Tests"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}")).Select(File.ReadAllText).ToList();
        var fields = typeof(RuleBook).GetFields().Concat(typeof(AgreementRules).GetFields()).Concat(typeof(ReviewTimers).GetFields()).Concat(typeof(Section287.Features.Training.TrainingRequirement).GetFields()).Where(f => f.FieldType == typeof(Rule)).ToList();
        var untested = fields.Where(f => !sources.Any(s => s.Contains($"{f.DeclaringType!.Name}.{f.Name}")
            || s.Contains($"\"{((Rule)f.GetValue(null)!).Code}\""))).Select(f => f.Name).ToList();
        untested.ShouldBeEmpty("rules no test names");
        RuleBook.Everything.Select(r => r.Code).ShouldBeUnique();
        // A deadline rule of the book is the deadline the app keeps, under the same code.
        RuleBook.All.Where(r => r.Kind == RuleKind.Deadline).Select(r => r.Code)
            .ShouldAllBe(code => Section287.Features.Deadlines.DeadlineRules.Find(code) != null);
    }

    [Fact]
    public void TheRulesDocument_IsTheRuleBook()
    {
        File.ReadAllText(Path.Combine(Repo.Root, "docs", "RULES.md")).ReplaceLineEndings("\n")
            .ShouldBe(RuleBook.Markdown(), "docs/RULES.md is stale: run `dotnet run --project src/Section287 -- rules > docs/RULES.md`");
    }
}
