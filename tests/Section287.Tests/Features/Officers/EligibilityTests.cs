using Section287.Features.Agreements;
using Section287.Features.Officers;

namespace Section287.Tests.Features.Officers;

/// <summary>Who may be nominated under each model: PRODUCT.md (Lifecycles: Officer) and the MOAs' nomination sections.</summary>
public sealed class EligibilityTests
{
    private static OfficerFacts Facts(bool citizen = true, decimal years = 6m, bool detention = true, bool record = false, bool force = false,
        bool discrimination = false, string? details = null) =>
        new("Test Officer Sigma", "B-100", "Deputy", new DateOnly(2019, 4, 1), years, citizen, detention, record, force, discrimination, details);

    private static string[] Codes(AgreementModel model, OfficerFacts facts) => Eligibility.Check(model, facts).Select(r => r.Code).ToArray();

    [Theory]
    [InlineData(AgreementModel.Jail)]
    [InlineData(AgreementModel.TaskForce)]
    [InlineData(AgreementModel.WarrantService)]
    public void AnEligibleOfficer_PassesEveryModel(AgreementModel model) => Codes(model, Facts()).ShouldBeEmpty();

    [Theory]
    [InlineData(AgreementModel.Jail)]
    [InlineData(AgreementModel.TaskForce)]
    [InlineData(AgreementModel.WarrantService)]
    public void EveryModel_RequiresUsCitizenship(AgreementModel model) =>
        Codes(model, Facts(citizen: false)).ShouldBe(["officer.citizenship_required"]);

    [Theory]
    [InlineData(1.9, false)]
    [InlineData(2.0, true)]
    [InlineData(0, false)]
    public void TaskForce_NeedsTwoYearsOfExperience(decimal years, bool eligible)
    {
        var codes = Codes(AgreementModel.TaskForce, Facts(years: years, detention: false));
        if (eligible) codes.ShouldBeEmpty();
        else codes.ShouldBe(["officer.experience_required"]);
    }

    [Theory]
    [InlineData(AgreementModel.Jail)]
    [InlineData(AgreementModel.WarrantService)]
    public void JailAndWarrantService_DoNotAskForTwoYears_ButForDetentionTraining(AgreementModel model)
    {
        Codes(model, Facts(years: 0.5m)).ShouldBeEmpty();
        Codes(model, Facts(detention: false)).ShouldBe(["officer.detention_training_required"]);
    }

    [Fact]
    public void TaskForce_DoesNotAskForDetentionTraining() => Codes(AgreementModel.TaskForce, Facts(detention: false)).ShouldBeEmpty();

    [Theory]
    [InlineData(true, false, false)]
    [InlineData(false, true, false)]
    [InlineData(false, false, true)]
    public void ADisclosedHistory_OrAnyForceOrDiscriminationAllegation_MustBeDescribed(bool record, bool force, bool discrimination)
    {
        Codes(AgreementModel.Jail, Facts(record: record, force: force, discrimination: discrimination)).ShouldBe(["officer.disciplinary_details_required"]);
        Codes(AgreementModel.Jail,
            Facts(record: record, force: force, discrimination: discrimination, details: "2021 written reprimand, unfounded force complaint")).ShouldBeEmpty();
    }

    [Fact]
    public void TheRefusal_NamesTheFirstRule_AndPutsEveryFailureBesideItsField()
    {
        var refusal = Eligibility.Refusal(Eligibility.Check(AgreementModel.TaskForce, Facts(citizen: false, years: 1m)))!;
        refusal.Code.ShouldBe("officer.citizenship_required");
        refusal.Kind.ShouldBe(Section287.Common.ErrorKind.Rule);
        refusal.Fields.Keys.ShouldBe(["citizenshipAttested", "experienceYears"], ignoreOrder: true);
        refusal.Message.ShouldContain("two years");
    }
}
