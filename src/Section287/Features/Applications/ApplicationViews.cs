using Section287.Features.Agreements;
using Section287.Features.Deadlines;

namespace Section287.Features.Applications;

public sealed record ApplicationSummary(Guid Id, Guid AgencyId, string AgencyName, string State, string Status, IReadOnlyList<string> Models,
    DateTime? SubmittedAt, DateOnly? CommentOpensOn, DateOnly? CommentClosesOn, string? ReviewerName, DateTime UpdatedAt);

public sealed record RequestedModelView(string Model, string Name, int Officers);

public sealed record MeetingView(DateOnly HeldOn, string Audience, int Attendance, string Summary);

public sealed record CheckView(string Item, string Question, bool? Satisfied, string? Note, DateTime? CheckedAt);

public sealed record InformationRequestView(Guid Id, string Questions, string AskedByName, DateTime AskedAt, string? Answer, string? AnsweredByName,
    DateTime? AnsweredAt);

public sealed record AttachmentView(Guid Id, string FileName, string ContentType, long Length, string Sha256, string? Description, DateTime CreatedAt);

public sealed record CommentCounts(int Received, int Pending, int Published, int Rejected);

public sealed record CommentView(Guid Id, string Language, string? Name, string Body, string Status, DateTime SubmittedAt, string? ModerationReason);

public sealed record ApplicationView(
    Guid Id, Guid AgencyId, string AgencyName, string Status, long Version,
    IReadOnlyList<RequestedModelView> Models,
    int? StaffAvailable, int? JailBeds, int? DailyBookings, bool? HasItConnectivity, string? EquipmentSite,
    decimal? BudgetDollars, string? BudgetNotes, bool? LegalReviewDone, string? LegalReviewNotes,
    string? Objectives, string? Priorities, DateOnly? CommentOpensOn, DateOnly? CommentClosesOn, bool OpenForComment,
    IReadOnlyList<MeetingView> Meetings, IReadOnlyList<AttachmentView> Attachments,
    DateTime? SubmittedAt, string? ReviewerName, IReadOnlyList<CheckView> Checklist, IReadOnlyList<InformationRequestView> InformationRequests,
    string? ProposedOutcome, string? Rationale, Guid? PreparedById, string? PreparedByName, DateTime? PreparedAt,
    string? DecidedByName, DateTime? DecidedAt, string? WithdrawalReason,
    CommentCounts Comments, IReadOnlyList<DeadlineView> Deadlines, IReadOnlyList<Guid> AgreementIds,
    IReadOnlyDictionary<string, string[]> MissingForSubmission);

public static class ApplicationViewText
{
    public static string ModelsLabel(IEnumerable<AgreementModel> models) => string.Join(", ", models.Select(m => m.Code()));
}
