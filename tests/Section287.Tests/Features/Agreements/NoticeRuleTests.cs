using Section287.Common;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Encounters;

namespace Section287.Tests.Features.Agreements;

/// <summary>
/// Suspension and termination per model, from each MOA's section VIII (jail 2020, warrant service 2025) or XVIII (task force
/// 2025): each rule of <see cref="AgreementRules"/>, permitted and refused, on the agreement itself.
/// </summary>
public sealed class NoticeRuleTests
{
    private static readonly DateOnly Today = new(2026, 12, 2);
    private static readonly DateTime Now = new(2026, 12, 2, 15, 0, 0, DateTimeKind.Utc);

    private static Agreement Active(AgreementModel model)
    {
        var agency = new Agency { Name = "Test Notice County Sheriff's Office", NameKey = "TEST NOTICE COUNTY SHERIFF'S OFFICE", State = "ZZ" };
        return Agreement.FromIceList(agency, model, new IceListFields(new DateOnly(2025, 3, 1), null, null), new DateOnly(2026, 5, 18),
            Guid.NewGuid(), Now.AddMonths(-6));
    }

    private static void ShouldRefuse(Section287.Common.Error? error, Rule rule)
    {
        error.ShouldNotBeNull($"expected {rule.Code}");
        error.Code.ShouldBe(rule.Code);
    }

    [Theory]
    [InlineData(AgreementModel.Jail)]
    [InlineData(AgreementModel.TaskForce)]
    public void SuspensionContent_JailAndTaskForceSuspensionsStateTheirLengthAndWhoDecided_AndTakeEffectAtOnce(AgreementModel model)
    {
        var a = Active(model);
        var refused = a.Suspend(Today, "Unsupervised arrests", null, Now, null, new SuspensionNotice());
        ShouldRefuse(refused, AgreementRules.SuspensionContent);
        refused!.Fields.Keys.ShouldBe(["until", "decidedBy", "recommendedBy"], ignoreOrder: true);
        a.Status.ShouldBe(AgreementStatus.Active);

        a.Suspend(Today, "Unsupervised arrests", Today.AddDays(60), Now, null, Notices.Ice).ShouldBeNull();
        (a.Status, a.SuspendedOn, a.SuspensionEffectiveOn, a.SuspensionDecidedBy).ShouldBe((AgreementStatus.Suspended, Today, Today, "Test ICE Director"));
        a.History.Last().ReadFields().ShouldContain(f => f.Field == "recommendedBy" && f.To == "Test EAD ERO");

        // Extension and vacatur are notices too.
        a.ExtendSuspension(Today.AddDays(10), Today.AddDays(30), "More time", Now)!.Code.ShouldBe("agreement.extension_invalid");
        a.ExtendSuspension(Today.AddDays(10), Today.AddDays(90), "The review continues", Now).ShouldBeNull();
        (a.SuspendedUntil, a.History.Last().Kind).ShouldBe((Today.AddDays(90), AgreementChangeKind.SuspensionExtended));
        a.Reinstate(Today.AddDays(20), Now).ShouldBeNull();
        a.Status.ShouldBe(AgreementStatus.Active);
    }

    [Fact]
    public void NoticeTooShort_WarrantServiceSuspensionsTakeEffect90DaysAfterReceipt_FromEitherSide_UnlessExigent()
    {
        var a = Active(AgreementModel.WarrantService);
        // ICE's notice: delivered personally or by certified or registered mail, with its day of receipt.
        var undelivered = a.Suspend(Today, "Findings", null, Now);
        ShouldRefuse(undelivered, AgreementRules.NoticeDelivery);
        undelivered!.Fields.Keys.ShouldBe(["delivery", "receivedOn"], ignoreOrder: true);
        a.Suspend(Today, "Findings", null, Now, null, new SuspensionNotice("ice", Delivery: "email", ReceivedOn: Today))!.Fields.Keys.ShouldContain("delivery");

        a.Suspend(Today, "Findings", null, Now, null, new SuspensionNotice("ice", Delivery: "certified_mail", ReceivedOn: Today.AddDays(-2))).ShouldBeNull();
        (a.Status, a.SuspensionEffectiveOn).ShouldBe((AgreementStatus.Active, Today.AddDays(88)));
        a.SuspensionPending(Today).ShouldBeTrue();
        a.History.Last().Kind.ShouldBe(AgreementChangeKind.SuspensionNotice);
        a.Suspend(Today, "Again", null, Now, null,
            new SuspensionNotice("ice", Delivery: "personal", ReceivedOn: Today))!.Code.ShouldBe("agreement.suspension_already_noticed");

        // Officers keep their authority until the day, when the timer suspends it (and the timeline says so from the start of the day).
        AgreementTimeline.Of(a, a.History).StatusAt(Now.AddDays(87)).ShouldBe(AgreementStatus.Active);
        AgreementTimeline.Of(a, a.History).StatusAt(Section287.Common.Clock.StartOfDayUtc(Today.AddDays(88))).ShouldBe(AgreementStatus.Suspended);
        a.ApplyDueSuspension(Today.AddDays(87), Now.AddDays(87)).ShouldBeFalse();
        a.ApplyDueSuspension(Today.AddDays(88), Now.AddDays(88)).ShouldBeTrue();
        (a.Status, a.SuspendedOn).ShouldBe((AgreementStatus.Suspended, Today.AddDays(88)));
        a.ApplyDueSuspension(Today.AddDays(89), Now.AddDays(89)).ShouldBeFalse();
        AgreementTimeline.Of(a, a.History).StatusAt(Section287.Common.Clock.StartOfDayUtc(Today.AddDays(88)).AddMinutes(1)).ShouldBe(AgreementStatus.Suspended);

        // The agency may suspend or terminate too, with the same 90 days from the field office director's receipt.
        var b = Active(AgreementModel.WarrantService);
        b.Suspend(Today, "The county's budget ends", null, Now, null, new SuspensionNotice("agency")).ShouldBeNull();
        b.SuspensionEffectiveOn.ShouldBe(Today.AddDays(90));
        b.Reinstate(Today, Now).ShouldBeNull();
        b.SuspensionEffectiveOn.ShouldBeNull();
        ShouldRefuse(b.GiveTerminationNotice(false, Today, Today.AddDays(30), "The county withdraws", Now), AgreementRules.NoticeTooShort);
        b.GiveTerminationNotice(false, Today, Today.AddDays(90), "The county withdraws", Now).ShouldBeNull();

        // Exigent public-safety circumstances, stated, let a suspension take effect at once.
        var c = Active(AgreementModel.WarrantService);
        c.Suspend(Today, "Findings", null, Now, null,
            new SuspensionNotice("ice", Delivery: "personal", ReceivedOn: Today,
            Exigency: "An officer served warrants on people not in custody.")).ShouldBeNull();
        (c.Status, c.SuspensionExigency).ShouldBe((AgreementStatus.Suspended, "An officer served warrants on people not in custody."));

        // Under the jail and task force models the agency ends its agreement by written notice, on any date from today.
        Active(AgreementModel.Jail).GiveTerminationNotice(false, Today, Today.AddDays(1), "The county withdraws", Now).ShouldBeNull();
    }

    [Theory]
    [InlineData(AgreementModel.Jail)]
    [InlineData(AgreementModel.TaskForce)]
    public void TerminationFromSuspension_AndTerminationContent_ForIcesNotice(AgreementModel model)
    {
        var a = Active(model);
        ShouldRefuse(a.GiveTerminationNotice(true, Today, Today.AddDays(120), "Unresolvable findings", Now, Notices.IceTermination(Today)),
            AgreementRules.TerminationFromSuspension);
        a.Suspend(Today, "Unsupervised arrests", Today.AddDays(60), Now, null, Notices.Ice).ShouldBeNull();

        var bare = a.GiveTerminationNotice(true, Today, Today.AddDays(120), "Unresolvable findings", Now);
        ShouldRefuse(bare, AgreementRules.TerminationContent);
        bare!.Fields.Keys.ShouldBe(["aliensIdentified", "examples", "decidedBy", "publishedOn"], ignoreOrder: true);
        // Published on ICE's website 90 days before the termination.
        ShouldRefuse(a.GiveTerminationNotice(true, Today, Today.AddDays(120), "Unresolvable findings", Now,
            Notices.IceTermination(Today.AddDays(31))), AgreementRules.TerminationContent);
        ShouldRefuse(a.GiveTerminationNotice(true, Today, Today.AddDays(89), "Unresolvable findings", Now, Notices.IceTermination(Today.AddDays(-5))),
            AgreementRules.NoticeTooShort);

        a.GiveTerminationNotice(true, Today, Today.AddDays(120), "Unresolvable findings", Now, Notices.IceTermination(Today.AddDays(30))).ShouldBeNull();
        (a.TerminationAliensIdentified, a.TerminationPublishedOn, a.TerminationEffectiveOn).ShouldBe((412, Today.AddDays(30), Today.AddDays(120)));
    }

    [Fact]
    public void NoticeDelivery_IcesWarrantServiceTermination_RunsFromReceipt()
    {
        var a = Active(AgreementModel.WarrantService);
        ShouldRefuse(a.GiveTerminationNotice(true, Today, Today.AddDays(120), "Findings", Now), AgreementRules.NoticeDelivery);
        // No suspension first and no content list: the warrant service text asks neither.
        ShouldRefuse(a.GiveTerminationNotice(true, Today, Today.AddDays(88), "Findings", Now,
            new TerminationDetails(Delivery: "registered_mail", ReceivedOn: Today.AddDays(-1))), AgreementRules.NoticeTooShort);
        a.GiveTerminationNotice(true, Today, Today.AddDays(89), "Findings", Now,
            new TerminationDetails(Delivery: "registered_mail", ReceivedOn: Today.AddDays(-1))).ShouldBeNull();
        (a.TerminationDelivery, a.TerminationReceivedOn).ShouldBe(("registered_mail", Today.AddDays(-1)));
    }

    [Fact]
    public void EachModelsNoticeRules_AreTheTextsOwn()
    {
        NoticeRules.Of(AgreementModel.WarrantService).SuspensionNoticeDays.ShouldBe(90);
        NoticeRules.Of(AgreementModel.WarrantService).AgencyNoticeDays.ShouldBe(90);
        NoticeRules.Of(AgreementModel.Jail).SuspensionNoticeDays.ShouldBe(0);
        NoticeRules.Of(AgreementModel.TaskForce).IceTerminatesFromSuspensionOnly.ShouldBeTrue();
        NoticeRules.Of(AgreementModel.TaskForce).Source.ShouldContain("section XVIII");
        NoticeRules.Of(AgreementModel.Jail).Source.ShouldContain("section VIII");
        AgreementRules.All.ShouldAllBe(r => r.Basis == RuleBasis.Law);
    }

    [Theory]
    [InlineData(AgreementModel.Jail, "operations_started,first_review,yearly_meeting,ice_review,equipment_installed")]
    [InlineData(AgreementModel.WarrantService, "operations_started,first_review,yearly_meeting")]
    [InlineData(AgreementModel.TaskForce, "equipment_installed")]
    public void MilestoneNotInModel_EachModelRecordsOnlyTheReviewsItsTextProvides(AgreementModel model, string recorded)
    {
        var allowed = recorded.Split(',');
        foreach (var milestone in ReviewTimers.All)
        {
            var result = Active(model).RecordMilestone(milestone, Today, "Held with the sheriff", Today, Now);
            if (allowed.Contains(milestone.Code)) result.ShouldBeNull(milestone.Code);
            else ShouldRefuse(result, ReviewTimers.NotInModel);
        }
        // The timers that start on activation follow the same texts: none of the task force's reviews, the jail's three-year review as our policy.
        ReviewTimers.OnActivation(model).Select(r => r.Code).ShouldBe(model switch
        {
            AgreementModel.Jail => ["agreement.first_review", "agreement.ice_review", "agreement.equipment"],
            AgreementModel.WarrantService => ["agreement.first_review"],
            _ => ["agreement.equipment"],
        });
        Section287.Features.Deadlines.DeadlineRules.AgreementIceReview.Source.ShouldStartWith("Section287 policy");
        Section287.Features.Deadlines.DeadlineRules.AgreementEquipment.Source.ShouldContain("OIG-18-77");
    }
}
