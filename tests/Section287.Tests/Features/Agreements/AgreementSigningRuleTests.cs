using Section287.Features.Agencies;
using Section287.Features.Agreements;

namespace Section287.Tests.Features.Agreements;

/// <summary>The agreement from draft to signatures and amendments, on the entity.</summary>
public sealed class AgreementSigningRuleTests
{
    private static readonly DateOnly Today = new(2026, 12, 1);
    private static readonly DateTime Now = new(2026, 12, 1, 15, 0, 0, DateTimeKind.Utc);
    private static readonly Agency Agency = new() { Name = "Test Omega County Sheriff's Office", State = "ZZ", AorCode = "ATL" };

    private static Agreement Draft() =>
        Agreement.DraftFrom(Agency, AgreementModel.Jail, Guid.NewGuid(), AgreementTemplate.Draft(Agency, AgreementModel.Jail, 3, []), Guid.NewGuid(),
            "Drafter", Today, Now);

    [Fact]
    public void ADraft_IsSent_ThenSignedByBothSides_InEitherOrder_AndOnlyThenActive()
    {
        foreach (var iceFirst in new[] { true, false })
        {
            var a = Draft();
            a.Status.ShouldBe(AgreementStatus.Draft);
            a.Sign(true, "B. Director", "EAD", Guid.NewGuid(), Today, Now).Error!.Code.ShouldBe("agreement.not_pending_signature");
            a.SendForSignature(Today, Now).ShouldBeNull();
            a.SendForSignature(Today, Now)!.Code.ShouldBe("agreement.transition_not_allowed");
            a.EditDraft("purpose", "Late edit")!.Code.ShouldBe("agreement.not_draft");

            a.Sign(iceFirst, "First", "Title", Guid.NewGuid(), Today, Now).Value.ShouldBeFalse();
            a.Status.ShouldBe(AgreementStatus.PendingSignature);
            a.Sign(iceFirst, "First again", "Title", Guid.NewGuid(), Today, Now).Error!.Code.ShouldBe("agreement.already_signed");
            a.Sign(!iceFirst, "", "Title", Guid.NewGuid(), Today, Now).Error!.Code.ShouldBe("agreement.signatory_required");
            a.Sign(!iceFirst, "Second", "Title", Guid.NewGuid(), Today, Now).Value.ShouldBeTrue();
            a.Status.ShouldBe(AgreementStatus.Active);
            a.ActivatedOn.ShouldBe(Today);
            a.CurrentVersion.ShouldBe(1);
            a.Versions.Single().Status.ShouldBe(VersionStatus.InForce);
            a.History.Select(h => h.Kind).ShouldBe([AgreementChangeKind.Drafted, AgreementChangeKind.SentForSignature, AgreementChangeKind.Signed,
                AgreementChangeKind.Signed, AgreementChangeKind.Activated]);
        }
    }

    [Fact]
    public void ADraftsText_IsEditableUntilSent_SectionBySection()
    {
        var a = Draft();
        a.EditDraft("points_of_contact", "The jail administrator").ShouldBeNull();
        a.DraftVersion!.Sections().Single(s => s.Key == "points_of_contact").Text.ShouldBe("The jail administrator");
        a.EditDraft("no_such_section", "x")!.Code.ShouldBe("agreement.unknown_section");
        a.EditDraft("purpose", " ")!.Code.ShouldBe("agreement.section_text_invalid");
    }

    [Fact]
    public void Amendments_AreNewVersions_OneAtATime_OnlyOnAnAgreementInForce()
    {
        var a = Draft();
        a.DraftAmendment("Early", new Dictionary<string, string> { ["purpose"] = "x" }, Guid.NewGuid(), "ICE", Today,
            Now).Error!.Code.ShouldBe("agreement.not_in_force");
        a.SendForSignature(Today, Now);
        a.Sign(true, "I", "T", Guid.NewGuid(), Today, Now);
        a.Sign(false, "A", "T", Guid.NewGuid(), Today, Now);
        var before = a.Versions.Single().Sections().Single(s => s.Key == "costs").Text;

        a.DraftAmendment("Same text", new Dictionary<string, string> { ["costs"] = before }, Guid.NewGuid(), "ICE", Today,
            Now).Error!.Code.ShouldBe("agreement.amendment_empty");
        var amendment = a.DraftAmendment("ICE pays transport", new Dictionary<string, string> { ["costs"] = "ICE pays for transport." },
            Guid.NewGuid(), "ICE", Today, Now).Value;
        amendment.Number.ShouldBe(2);
        a.DraftAmendment("Another", new Dictionary<string, string> { ["purpose"] = "x" }, Guid.NewGuid(), "ICE", Today,
            Now).Error!.Code.ShouldBe("agreement.amendment_pending");
        a.CurrentVersion.ShouldBe(1); // the signed text stays in force while the amendment waits

        a.Sign(false, "A", "T", Guid.NewGuid(), Today.AddDays(3), Now);
        a.Sign(true, "I", "T", Guid.NewGuid(), Today.AddDays(4), Now).Value.ShouldBeTrue();
        a.CurrentVersion.ShouldBe(2);
        a.Versions.Select(v => (v.Number, v.Status)).ShouldBe([(1, VersionStatus.Superseded), (2, VersionStatus.InForce)]);
        amendment.EffectiveOn.ShouldBe(Today.AddDays(4));
        amendment.Changes().Single().ShouldBe(new SectionChange("costs", "8. Costs and expenditures", before, "ICE pays for transport."));
        a.Versions[0].Sections().Single(s => s.Key == "costs").Text.ShouldBe(before);
        a.Status.ShouldBe(AgreementStatus.Active);
    }

    [Fact]
    public void ASuspendedAgreement_CanBeAmended_ButNotAnEndedOne()
    {
        var a = Draft();
        a.SendForSignature(Today, Now);
        a.Sign(true, "I", "T", Guid.NewGuid(), Today, Now);
        a.Sign(false, "A", "T", Guid.NewGuid(), Today, Now);
        a.Suspend(Today, "Review findings", Today.AddDays(30), Now, null, Notices.Ice).ShouldBeNull();
        a.DraftAmendment("Corrective terms", new Dictionary<string, string> { ["supervision"] = "Weekly ICE review." }, Guid.NewGuid(), "ICE", Today,
            Now).IsSuccess.ShouldBeTrue();

        var ended = Draft();
        ended.SendForSignature(Today, Now);
        ended.Sign(true, "I", "T", Guid.NewGuid(), Today, Now);
        ended.Sign(false, "A", "T", Guid.NewGuid(), Today, Now);
        ended.Expire(Today, Now).ShouldBeNull();
        ended.DraftAmendment("Too late", new Dictionary<string, string> { ["purpose"] = "x" }, Guid.NewGuid(), "ICE", Today,
            Now).Error!.Code.ShouldBe("agreement.not_in_force");
        ended.RecordMilestone(ReviewTimers.YearlyMeeting, Today, "Met", Today, Now)!.Code.ShouldBe("agreement.not_in_force");
    }

    [Fact]
    public void TheTemplate_HasEveryMoaSection_AndEachModelsOwnFunctions()
    {
        AgreementTemplate.Sections.Select(s => s.Key).ShouldBe([
            "purpose", "authority", "policy", "training", "designated_functions", "nomination", "certification", "costs", "supervision",
            "reporting", "release_of_information", "liability", "complaints", "civil_rights", "modification", "effective_date",
            "suspension_termination", "points_of_contact"]);
        foreach (var model in AgreementModels.All)
        {
            var functions = AgreementTemplate.Draft(Agency, model, 2, []).Single(s => s.Key == "designated_functions").Text;
            foreach (var f in DesignatedFunctions.Of(model)) functions.ShouldContain(f.Text);
            foreach (var other in AgreementModels.All.Where(m => m != model).SelectMany(DesignatedFunctions.Of).Where(f => !DesignatedFunctions.Of(model).Contains(f)))
                functions.ShouldNotContain(other.Text);
        }
        DesignatedFunctions.Of(AgreementModel.WarrantService).Select(f => f.Code).ShouldNotContain("question_status");
    }
}
