using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;

namespace Section287.Features.Applications;

/// <summary>
/// An agency's application to join the program for one or more models: its readiness, its engagement with
/// the community, and its proposal, all as data. The rules of its lifecycle live here, so the API, the pages
/// and any later caller meet the same refusals.
/// </summary>
public sealed class Application : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public ApplicationStatus Status { get; private set; }

    // Readiness assessment.
    public int? StaffAvailable { get; private set; }

    /// <summary>Jail beds; asked of jail and warrant service models.</summary>
    public int? JailBeds { get; private set; }

    /// <summary>Average bookings a day; asked of jail and warrant service models.</summary>
    public int? DailyBookings { get; private set; }

    public bool? HasItConnectivity { get; private set; }

    /// <summary>Where ICE's equipment would go (a room, a booking area).</summary>
    public string? EquipmentSite { get; private set; }

    public decimal? BudgetDollars { get; private set; }

    public string? BudgetNotes { get; private set; }

    public bool? LegalReviewDone { get; private set; }

    public string? LegalReviewNotes { get; private set; }

    // Proposal.
    public string? Objectives { get; private set; }

    public string? Priorities { get; private set; }

    // Public comment period, held on this portal.
    public DateOnly? CommentOpensOn { get; private set; }

    public DateOnly? CommentClosesOn { get; private set; }

    public List<RequestedModel> Models { get; init; } = [];

    public List<EngagementMeeting> Meetings { get; init; } = [];

    public List<ReviewCheck> Checklist { get; init; } = [];

    public List<InformationRequest> InformationRequests { get; init; } = [];

    public DateTime? SubmittedAt { get; private set; }

    public Guid? ReviewerId { get; private set; }

    public string? ReviewerName { get; private set; }

    // A decision is prepared by one reviewer and approved by another (four eyes).
    public ApplicationOutcome? ProposedOutcome { get; private set; }

    public string? Rationale { get; private set; }

    public Guid? PreparedById { get; private set; }

    public string? PreparedByName { get; private set; }

    public DateTime? PreparedAt { get; private set; }

    public Guid? DecidedById { get; private set; }

    public string? DecidedByName { get; private set; }

    public DateTime? DecidedAt { get; private set; }

    public string? WithdrawalReason { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    /// <summary>PRODUCT.md decides only that comment is public; the shortest period is our policy, long enough for a monthly council meeting.</summary>
    public const int MinimumCommentDays = 14;

    public const int MaxTextLength = 4000;

    public static Application Start(Guid agencyId) => new() { AgencyId = agencyId, Status = ApplicationStatus.Draft };

    public bool IsEditable => Status is ApplicationStatus.Draft or ApplicationStatus.InformationRequested;

    public bool IsOpenForComment(DateOnly today) =>
        Status.IsPending() && CommentOpensOn is { } opens && CommentClosesOn is { } closes && today >= opens && today <= closes;

    /// <summary>Replaces the agency's part of the application. Allowed while a draft, and while ICE waits for answers.</summary>
    public Error? Edit(ApplicationContent? content, IReadOnlyCollection<AgreementModel> modelsHeld)
    {
        if (!IsEditable) return ApplicationErrors.NotEditable(Status);
        if (content is null) return Error.Invalid("application.content_required", "Send the application's content.",
            new Dictionary<string, string[]> { ["content"] = ["Send the application's content."] });
        if (ApplicationContent.Validate(content) is { } invalid) return invalid;
        var models = content.Models!.Select(m => (Model: AgreementModels.FromCode(m.Model)!.Value, m.Officers!.Value)).ToList();
        if (models.Select(m => (AgreementModel?)m.Model).FirstOrDefault(m => modelsHeld.Contains(m!.Value)) is { } held)
            return ApplicationErrors.ModelAlreadyHeld(held);

        StaffAvailable = content.StaffAvailable;
        JailBeds = content.JailBeds;
        DailyBookings = content.DailyBookings;
        HasItConnectivity = content.HasItConnectivity;
        EquipmentSite = Clean(content.EquipmentSite);
        BudgetDollars = content.BudgetDollars;
        BudgetNotes = Clean(content.BudgetNotes);
        LegalReviewDone = content.LegalReviewDone;
        LegalReviewNotes = Clean(content.LegalReviewNotes);
        Objectives = Clean(content.Objectives);
        Priorities = Clean(content.Priorities);
        CommentOpensOn = content.CommentOpensOn;
        CommentClosesOn = content.CommentClosesOn;

        Models.Clear();
        Models.AddRange(models.Select(m => new RequestedModel { ApplicationId = Id, Model = m.Model, Officers = m.Value }));
        Meetings.Clear();
        Meetings.AddRange((content.Meetings ?? []).Select(m => new EngagementMeeting
        {
            ApplicationId = Id,
            HeldOn = m.HeldOn!.Value,
            Audience = m.Audience!.Trim(),
            Attendance = m.Attendance!.Value,
            Summary = m.Summary!.Trim(),
        }));
        return null;
    }

    /// <summary>What is still missing before the application can be submitted, by field.</summary>
    public Dictionary<string, string[]> Missing(DateOnly today)
    {
        var missing = new Dictionary<string, string[]>();
        if (Models.Count == 0) missing["models"] = ["Choose at least one model and say how many officers you will nominate."];
        if (StaffAvailable is null) missing["staffAvailable"] = ["Say how many staff are available for the program."];
        else if (StaffAvailable < Models.Sum(m => m.Officers)) missing["staffAvailable"] = ["You cannot nominate more officers than the staff you have available."];
        if (NeedsJail)
        {
            if (JailBeds is null) missing["jailBeds"] = ["Jail and warrant service models need the jail's capacity in beds."];
            if (DailyBookings is null) missing["dailyBookings"] = ["Jail and warrant service models need the average number of bookings a day."];
        }
        if (HasItConnectivity is null) missing["hasItConnectivity"] = ["Say whether the site has the network connectivity ICE's systems need."];
        if (EquipmentSite is null) missing["equipmentSite"] = ["Say where ICE's equipment would be installed."];
        if (BudgetDollars is null) missing["budgetDollars"] = ["Give the yearly budget you set aside for the program."];
        if (LegalReviewDone != true) missing["legalReviewDone"] = ["Your legal counsel must review the application before it is submitted."];
        if (Objectives is null) missing["objectives"] = ["State the objectives of the partnership."];
        if (Meetings.Count == 0) missing["meetings"] = ["Record at least one meeting with the community or its representatives."];
        if (CommentOpensOn is null || CommentClosesOn is null) missing["commentPeriod"] = ["Give the dates of the public comment period."];
        else if (CommentOpensOn < today) missing["commentPeriod"] = ["The public comment period cannot open before the application is submitted."];
        else if (CommentClosesOn < CommentOpensOn.Value.AddDays(MinimumCommentDays)) missing["commentPeriod"] = [$"The public comment period must last at least {MinimumCommentDays} days."];
        return missing;
    }

    public bool NeedsJail => Models.Any(m => m.Model is AgreementModel.Jail or AgreementModel.WarrantService);

    public Error? Submit(DateOnly today, DateTime utcNow)
    {
        if (!Status.CanMoveTo(ApplicationStatus.Submitted)
            || Status != ApplicationStatus.Draft) return ApplicationErrors.CannotMove(Status, ApplicationStatus.Submitted);
        var missing = Missing(today);
        if (missing.Count > 0) return ApplicationErrors.Incomplete(missing);
        Status = ApplicationStatus.Submitted;
        SubmittedAt = utcNow;
        return null;
    }

    /// <summary>A reviewer takes the application; the checklist is drawn from its readiness assessment.</summary>
    public Error? StartReview(Actor reviewer)
    {
        if (Status != ApplicationStatus.Submitted) return ApplicationErrors.CannotMove(Status, ApplicationStatus.UnderReview);
        Status = ApplicationStatus.UnderReview;
        ReviewerId = reviewer.Id;
        ReviewerName = reviewer.Name;
        Checklist.Clear();
        Checklist.AddRange(ReviewItems.For(this).Select(item => new ReviewCheck { ApplicationId = Id, Item = item.Code }));
        return null;
    }

    public Error? Check(string item, bool satisfied, string? note, Actor reviewer, DateTime utcNow)
    {
        if (Status != ApplicationStatus.UnderReview) return ApplicationErrors.NotUnderReview(Status);
        var check = Checklist.FirstOrDefault(c => c.Item == item);
        if (check is null) return ApplicationErrors.UnknownCheck(item);
        if (note?.Length > MaxTextLength) return ApplicationErrors.TooLong("note");
        check.Record(satisfied, Clean(note), reviewer, utcNow);
        // A changed checklist voids a decision prepared on the old one.
        ClearPreparedDecision();
        return null;
    }

    public Error? RequestInformation(string? questions, Actor reviewer, DateTime utcNow)
    {
        if (Status != ApplicationStatus.UnderReview) return ApplicationErrors.CannotMove(Status, ApplicationStatus.InformationRequested);
        if (string.IsNullOrWhiteSpace(questions)) return ApplicationErrors.QuestionsRequired;
        if (questions.Length > MaxTextLength) return ApplicationErrors.TooLong("questions");
        Status = ApplicationStatus.InformationRequested;
        ClearPreparedDecision();
        InformationRequests.Add(new InformationRequest
        {
            ApplicationId = Id,
            Questions = questions.Trim(),
            AskedById = reviewer.Id,
            AskedByName = reviewer.Name,
            AskedAt = utcNow,
        });
        return null;
    }

    /// <summary>The agency answers ICE's questions; the answer resubmits the application to its reviewer.</summary>
    public Error? Answer(string? answer, Actor coordinator, DateTime utcNow)
    {
        if (Status != ApplicationStatus.InformationRequested) return ApplicationErrors.NotWaitingForAnswer(Status);
        if (string.IsNullOrWhiteSpace(answer)) return ApplicationErrors.AnswerRequired;
        if (answer.Length > MaxTextLength) return ApplicationErrors.TooLong("answer");
        var open = InformationRequests.Where(r => r.AnsweredAt is null).OrderBy(r => r.AskedAt).Last();
        open.Answer = answer.Trim();
        open.AnsweredById = coordinator.Id;
        open.AnsweredByName = coordinator.Name;
        open.AnsweredAt = utcNow;
        Status = ApplicationStatus.UnderReview;
        return null;
    }

    /// <summary>The first pair of eyes: a reviewer writes the decision and its rationale, for another to approve.</summary>
    public Error? PrepareDecision(ApplicationOutcome outcome, string? rationale, Actor reviewer, DateOnly today, DateTime utcNow)
    {
        if (Status != ApplicationStatus.UnderReview) return ApplicationErrors.NotUnderReview(Status);
        if (string.IsNullOrWhiteSpace(rationale)) return ApplicationErrors.RationaleRequired;
        if (rationale.Length > MaxTextLength) return ApplicationErrors.TooLong("rationale");
        if (Checklist.Any(c => c.Satisfied is null)) return ApplicationErrors.ChecklistIncomplete(Checklist.Where(c => c.Satisfied is null).Select(c => c.Item));
        if (outcome == ApplicationOutcome.Approve && Checklist.Any(c => c.Satisfied == false))
            return ApplicationErrors.ChecklistNotSatisfied(Checklist.Where(c => c.Satisfied == false).Select(c => c.Item));
        if (CommentClosesOn is { } closes && today <= closes) return ApplicationErrors.CommentPeriodOpen(closes);
        ProposedOutcome = outcome;
        Rationale = rationale.Trim();
        PreparedById = reviewer.Id;
        PreparedByName = reviewer.Name;
        PreparedAt = utcNow;
        return null;
    }

    /// <summary>The second pair of eyes makes the prepared decision final. The preparer can never be the approver.</summary>
    public Error? ApproveDecision(Actor approver, DateTime utcNow)
    {
        if (Status != ApplicationStatus.UnderReview) return ApplicationErrors.NotUnderReview(Status);
        if (ProposedOutcome is not { } outcome) return ApplicationErrors.NoPreparedDecision;
        if (PreparedById == approver.Id) return ApplicationErrors.FourEyes;
        Status = outcome == ApplicationOutcome.Approve ? ApplicationStatus.Approved : ApplicationStatus.Denied;
        DecidedById = approver.Id;
        DecidedByName = approver.Name;
        DecidedAt = utcNow;
        return null;
    }

    /// <summary>The approver disagrees: the prepared decision is set aside and the review goes on.</summary>
    public Error? ReturnDecision(Actor approver)
    {
        if (Status != ApplicationStatus.UnderReview) return ApplicationErrors.NotUnderReview(Status);
        if (ProposedOutcome is null) return ApplicationErrors.NoPreparedDecision;
        if (PreparedById == approver.Id) return ApplicationErrors.FourEyes;
        ClearPreparedDecision();
        return null;
    }

    public Error? Withdraw(string? reason)
    {
        if (!Status.CanMoveTo(ApplicationStatus.Withdrawn)) return ApplicationErrors.CannotMove(Status, ApplicationStatus.Withdrawn);
        if (string.IsNullOrWhiteSpace(reason)) return ApplicationErrors.ReasonRequired;
        Status = ApplicationStatus.Withdrawn;
        WithdrawalReason = reason.Trim();
        ClearPreparedDecision();
        return null;
    }

    private void ClearPreparedDecision()
    {
        ProposedOutcome = null;
        Rationale = null;
        PreparedById = null;
        PreparedByName = null;
        PreparedAt = null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}

public enum ApplicationOutcome
{
    Approve,
    Deny,
}

/// <summary>One model the agency asks for, and how many officers it means to nominate for it.</summary>
public sealed class RequestedModel : IOwnedThrough<Application>
{
    Guid IOwnedThrough<Application>.OwnerId => ApplicationId;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ApplicationId { get; init; }

    public AgreementModel Model { get; init; }

    public int Officers { get; init; }
}

/// <summary>A meeting with the community about the application: when, with whom, how many came, what was said.</summary>
public sealed class EngagementMeeting : IOwnedThrough<Application>
{
    Guid IOwnedThrough<Application>.OwnerId => ApplicationId;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ApplicationId { get; init; }

    public DateOnly HeldOn { get; init; }

    public string Audience { get; init; } = "";

    public int Attendance { get; init; }

    public string Summary { get; init; } = "";
}

/// <summary>One item of the reviewer's checklist, drawn from the readiness assessment.</summary>
public sealed class ReviewCheck : IOwnedThrough<Application>
{
    Guid IOwnedThrough<Application>.OwnerId => ApplicationId;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ApplicationId { get; init; }

    public string Item { get; init; } = "";

    public bool? Satisfied { get; private set; }

    public string? Note { get; private set; }

    public Guid? CheckedById { get; private set; }

    public DateTime? CheckedAt { get; private set; }

    public void Record(bool satisfied, string? note, Actor reviewer, DateTime utcNow)
    {
        Satisfied = satisfied;
        Note = note;
        CheckedById = reviewer.Id;
        CheckedAt = utcNow;
    }
}

/// <summary>Questions ICE sent back to the agency, and the agency's answer.</summary>
public sealed class InformationRequest : IOwnedThrough<Application>
{
    Guid IOwnedThrough<Application>.OwnerId => ApplicationId;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid ApplicationId { get; init; }

    public string Questions { get; init; } = "";

    public Guid AskedById { get; init; }

    public string AskedByName { get; init; } = "";

    public DateTime AskedAt { get; init; }

    public string? Answer { get; set; }

    public Guid? AnsweredById { get; set; }

    public string? AnsweredByName { get; set; }

    public DateTime? AnsweredAt { get; set; }
}
