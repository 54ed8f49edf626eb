using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Applications;

namespace Section287.Tests.Features.Applications;

/// <summary>Every transition of the application lifecycle, allowed and forbidden, on the entity itself.</summary>
public sealed class ApplicationRuleTests
{
    private static readonly DateOnly Today = new(2026, 11, 23);
    private static readonly DateTime Now = new(2026, 11, 23, 15, 0, 0, DateTimeKind.Utc);
    private static readonly Actor Coordinator = new(Guid.NewGuid(), Role.AgencyCoordinator, "Coordinator", Guid.NewGuid());
    private static readonly Actor Reviewer = new(Guid.NewGuid(), Role.ProgramOffice, "Reviewer", null);
    private static readonly Actor Approver = new(Guid.NewGuid(), Role.ProgramOffice, "Approver", null);

    private static ApplicationContent Complete(DateOnly opens, params (string Model, int Officers)[] models) => new(
        (models.Length == 0 ? [("JEM", 3)] : models).Select(m => new RequestedModelInput(m.Model, m.Officers)).ToList(),
        10, 200, 30, true, "Booking room", 90000m, null, true, null, "Objectives", null, opens, opens.AddDays(Application.MinimumCommentDays),
        [new MeetingInput(opens.AddDays(-5), "Town hall", 40, "Questions on cost")]);

    /// <summary>Drives a fresh, complete application to the given status by its own rules.</summary>
    private static Application At(ApplicationStatus status)
    {
        var a = Application.Start(Guid.NewGuid());
        a.Edit(Complete(Today), []).ShouldBeNull();
        if (status == ApplicationStatus.Draft) return a;
        if (status == ApplicationStatus.Withdrawn) { a.Withdraw("No longer needed").ShouldBeNull(); return a; }
        a.Submit(Today, Now).ShouldBeNull();
        if (status == ApplicationStatus.Submitted) return a;
        a.StartReview(Reviewer).ShouldBeNull();
        if (status == ApplicationStatus.UnderReview) return a;
        if (status == ApplicationStatus.InformationRequested) { a.RequestInformation("Budget?", Reviewer, Now).ShouldBeNull(); return a; }
        foreach (var check in a.Checklist.ToList()) a.Check(check.Item, true, null, Reviewer, Now).ShouldBeNull();
        var afterComment = Today.AddDays(Application.MinimumCommentDays + 1);
        a.PrepareDecision(status == ApplicationStatus.Approved ? ApplicationOutcome.Approve : ApplicationOutcome.Deny, "Because", Reviewer,
            afterComment, Now).ShouldBeNull();
        a.ApproveDecision(Approver, Now).ShouldBeNull();
        a.Status.ShouldBe(status);
        return a;
    }

    /// <summary>Attempts one move by the entity's own method for it.</summary>
    private static Section287.Common.Error? Move(Application a, ApplicationStatus to) => to switch
    {
        ApplicationStatus.Draft => new Section287.Common.Error("test.no_method", "Nothing returns an application to draft.", Section287.Common.ErrorKind.Rule),
        ApplicationStatus.Submitted => a.Submit(Today, Now),
        ApplicationStatus.UnderReview => a.Status == ApplicationStatus.InformationRequested ? a.Answer("Answered", Coordinator, Now) : a.StartReview(Reviewer),
        ApplicationStatus.InformationRequested => a.RequestInformation("Questions", Reviewer, Now),
        ApplicationStatus.Approved or ApplicationStatus.Denied => Decide(a, to),
        ApplicationStatus.Withdrawn => a.Withdraw("Reason"),
    };

    private static Section287.Common.Error? Decide(Application a, ApplicationStatus to)
    {
        if (a.Status == ApplicationStatus.UnderReview)
        {
            foreach (var check in a.Checklist.ToList()) a.Check(check.Item, true, null, Reviewer, Now);
            var prepared = a.PrepareDecision(to == ApplicationStatus.Approved ? ApplicationOutcome.Approve : ApplicationOutcome.Deny, "Because",
                Reviewer, Today.AddDays(30), Now);
            if (prepared is not null) return prepared;
        }
        return a.ApproveDecision(Approver, Now);
    }

    public static TheoryData<ApplicationStatus, ApplicationStatus> AllPairs()
    {
        var data = new TheoryData<ApplicationStatus, ApplicationStatus>();
        foreach (var from in Enum.GetValues<ApplicationStatus>())
            foreach (var to in Enum.GetValues<ApplicationStatus>())
                if (from != to) data.Add(from, to);
        return data;
    }

    [Theory]
    [MemberData(nameof(AllPairs))]
    public void EachMove_IsAllowedExactlyWhenTheLifecycleAllowsIt(ApplicationStatus from, ApplicationStatus to)
    {
        var application = At(from);
        var refused = Move(application, to);
        if (from.CanMoveTo(to))
        {
            refused.ShouldBeNull($"{from} → {to} should be allowed");
            application.Status.ShouldBe(to);
        }
        else
        {
            refused.ShouldNotBeNull($"{from} → {to} should be refused");
            application.Status.ShouldBe(from);
        }
    }

    [Fact]
    public void ARefusedMove_NamesTheLifecycleRuleItBreaks()
    {
        var codes = new Dictionary<(ApplicationStatus, ApplicationStatus), string>();
        foreach (var from in Enum.GetValues<ApplicationStatus>())
            foreach (var to in Enum.GetValues<ApplicationStatus>())
                if (from != to && !from.CanMoveTo(to) && to != ApplicationStatus.Draft && Move(At(from), to) is { } refused) codes[(from, to)] = refused.Code;
        codes[(ApplicationStatus.UnderReview, ApplicationStatus.Submitted)].ShouldBe(ApplicationErrors.NotDraft.Code);
        codes[(ApplicationStatus.Draft, ApplicationStatus.UnderReview)].ShouldBe(ApplicationErrors.NotSubmitted.Code);
        codes[(ApplicationStatus.Draft, ApplicationStatus.InformationRequested)].ShouldBe(ApplicationErrors.NotUnderReviewRule.Code);
        codes[(ApplicationStatus.Approved, ApplicationStatus.Withdrawn)].ShouldBe(ApplicationErrors.AlreadyDecided.Code);
        At(ApplicationStatus.UnderReview).Answer("Answered", Coordinator, Now)!.Code.ShouldBe(ApplicationErrors.NotWaitingForAnswerRule.Code);
        // A move the lifecycle has no step for at all (nothing returns an application to draft) names the general rule.
        ApplicationErrors.CannotMove(ApplicationStatus.Submitted, ApplicationStatus.Draft).Code.ShouldBe(ApplicationErrors.TransitionNotAllowed.Code);
        codes.Values.ShouldAllBe(c => c.StartsWith("application.", StringComparison.Ordinal));
    }

    [Fact]
    public void APublicComment_IsTakenOnlyWhileThePeriodIsOpen_AndModeratedOnce()
    {
        var a = At(ApplicationStatus.Submitted);
        var comment = PublicComment.Submit(a, a.CommentOpensOn!.Value, "es", null, "Me preocupa el perfil racial en las paradas de tráfico.");
        comment.IsSuccess.ShouldBeTrue();
        PublicComment.Submit(a, a.CommentClosesOn!.Value.AddDays(1), "en", null, "Too late.").Error!.Code.ShouldBe(CommentErrors.Closed.Code);
        comment.Value.Moderate(true, null, Guid.NewGuid(), Now).ShouldBeNull();
        comment.Value.Moderate(false, "Changed my mind", Guid.NewGuid(), Now).ShouldNotBeNull().Code.ShouldBe(CommentErrors.AlreadyModerated.Code);
    }

    [Fact]
    public void TheLifecycleTable_IsPRODUCTs()
    {
        ApplicationStatus.Draft.Next().ShouldBe([ApplicationStatus.Submitted, ApplicationStatus.Withdrawn]);
        ApplicationStatus.UnderReview.Next().ShouldContain(ApplicationStatus.InformationRequested);
        ApplicationStatus.InformationRequested.Next().ShouldContain(ApplicationStatus.UnderReview);
        foreach (var decided in new[] { ApplicationStatus.Approved, ApplicationStatus.Denied, ApplicationStatus.Withdrawn }) decided.Next().ShouldBeEmpty();
    }

    [Fact]
    public void ThePreparer_CannotApprove_AnotherReviewerMust()
    {
        var a = At(ApplicationStatus.UnderReview);
        foreach (var check in a.Checklist.ToList()) a.Check(check.Item, true, null, Reviewer, Now);
        a.PrepareDecision(ApplicationOutcome.Approve, "Ready", Reviewer, Today.AddDays(30), Now).ShouldBeNull();
        a.ApproveDecision(Reviewer, Now)!.Code.ShouldBe("application.four_eyes");
        a.ReturnDecision(Reviewer)!.Code.ShouldBe("application.four_eyes");
        a.Status.ShouldBe(ApplicationStatus.UnderReview);
        a.ApproveDecision(Approver, Now).ShouldBeNull();
        a.Status.ShouldBe(ApplicationStatus.Approved);
        a.DecidedById.ShouldBe(Approver.Id);
        a.PreparedById.ShouldBe(Reviewer.Id);
    }

    [Fact]
    public void ADecision_NeedsTheWholeChecklist_ARationale_AndTheCommentPeriodOver()
    {
        var a = At(ApplicationStatus.UnderReview);
        a.PrepareDecision(ApplicationOutcome.Deny, "No", Reviewer, Today.AddDays(30), Now)!.Code.ShouldBe("application.checklist_incomplete");
        foreach (var check in a.Checklist.ToList()) a.Check(check.Item, check.Item != "budget", null, Reviewer, Now);
        a.PrepareDecision(ApplicationOutcome.Approve, "Yes", Reviewer, Today.AddDays(30), Now)!.Code.ShouldBe("application.checklist_not_satisfied");
        a.PrepareDecision(ApplicationOutcome.Deny, " ", Reviewer, Today.AddDays(30), Now)!.Code.ShouldBe("application.rationale_required");
        a.PrepareDecision(ApplicationOutcome.Deny, "No budget", Reviewer, Today.AddDays(Application.MinimumCommentDays),
            Now)!.Code.ShouldBe("application.comment_period_open");
        a.PrepareDecision(ApplicationOutcome.Deny, "No budget", Reviewer, Today.AddDays(Application.MinimumCommentDays + 1), Now).ShouldBeNull();
        a.ApproveDecision(Approver, Now).ShouldBeNull();
        a.Status.ShouldBe(ApplicationStatus.Denied);
    }

    [Fact]
    public void AChangedChecklist_VoidsAPreparedDecision()
    {
        var a = At(ApplicationStatus.UnderReview);
        foreach (var check in a.Checklist.ToList()) a.Check(check.Item, true, null, Reviewer, Now);
        a.PrepareDecision(ApplicationOutcome.Approve, "Ready", Reviewer, Today.AddDays(30), Now).ShouldBeNull();
        a.Check("budget", false, "Budget withdrawn by the county", Reviewer, Now).ShouldBeNull();
        a.ApproveDecision(Approver, Now)!.Code.ShouldBe("application.no_prepared_decision");
    }

    [Fact]
    public void TheChecklist_AsksAboutTheJail_OnlyForJailAndWarrantServiceModels()
    {
        var taskForce = Application.Start(Guid.NewGuid());
        taskForce.Edit(Complete(Today, ("TFM", 2)), []).ShouldBeNull();
        taskForce.Submit(Today, Now).ShouldBeNull();
        taskForce.StartReview(Reviewer).ShouldBeNull();
        taskForce.Checklist.Select(c => c.Item).ShouldNotContain("jail_capacity");

        At(ApplicationStatus.UnderReview).Checklist.Select(c => c.Item).ShouldContain("jail_capacity");
    }

    [Fact]
    public void Submission_ListsWhatIsMissing_AndHoldsTheCommentPeriodToItsRules()
    {
        var a = Application.Start(Guid.NewGuid());
        var missing = a.Submit(Today, Now)!;
        missing.Code.ShouldBe("application.incomplete");
        missing.Fields.Keys.ShouldBe(["models", "staffAvailable", "hasItConnectivity", "equipmentSite", "budgetDollars", "legalReviewDone",
            "objectives", "meetings", "commentPeriod"], ignoreOrder: true);

        a.Edit(Complete(Today) with { CommentClosesOn = Today.AddDays(Application.MinimumCommentDays - 1) }, []).ShouldBeNull();
        a.Submit(Today, Now)!.Fields["commentPeriod"].Single().ShouldContain("at least 14 days");
        a.Edit(Complete(Today.AddDays(-1)), []).ShouldBeNull();
        a.Submit(Today, Now)!.Fields["commentPeriod"].Single().ShouldContain("cannot open before");
        a.Edit(Complete(Today) with { StaffAvailable = 2 }, []).ShouldBeNull();
        a.Submit(Today, Now)!.Fields["staffAvailable"].Single().ShouldContain("more officers than the staff");
        a.Edit(Complete(Today) with { JailBeds = null }, []).ShouldBeNull();
        a.Submit(Today, Now)!.Fields.Keys.ShouldContain("jailBeds");
        a.Edit(Complete(Today), []).ShouldBeNull();
        a.Submit(Today, Now).ShouldBeNull();
    }

    [Fact]
    public void WrongAnswers_AreRefusedByField_AndHeldModelsCannotBeAskedFor()
    {
        var a = Application.Start(Guid.NewGuid());
        var wrong = a.Edit(Complete(Today, ("XYZ", 0), ("JEM", 2), ("JEM", 3)) with { StaffAvailable = -1, BudgetDollars = -5m,
            CommentClosesOn = Today.AddDays(-1) }, [])!;
        wrong.Code.ShouldBe("application.invalid");
        wrong.Fields.Keys.ShouldBe(["models[0].model", "models[0].officers", "models", "staffAvailable", "budgetDollars", "commentPeriod"], ignoreOrder: true);
        a.Models.ShouldBeEmpty();

        a.Edit(Complete(Today, ("TFM", 2)), [AgreementModel.TaskForce])!.Code.ShouldBe("application.model_already_held");
    }

    [Fact]
    public void TheAgency_EditsOnlyADraft_OrWhileICEWaitsForItsAnswers()
    {
        At(ApplicationStatus.Submitted).Edit(Complete(Today), [])!.Code.ShouldBe("application.not_editable");
        At(ApplicationStatus.UnderReview).Edit(Complete(Today), [])!.Code.ShouldBe("application.not_editable");
        At(ApplicationStatus.InformationRequested).Edit(Complete(Today), []).ShouldBeNull();
        At(ApplicationStatus.Approved).Edit(Complete(Today), [])!.Code.ShouldBe("application.not_editable");
    }
}
