using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;
using Section287.Features.Encounters;

namespace Section287.Features.Training;

/// <summary>
/// Training ICE requires by a date. Only such a requirement, past its date and unmet, lapses authority: no MOA sets a refresher date
/// of its own (the rule book quotes each model's text).
/// </summary>
public sealed class TrainingRequirement : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid AgreementId { get; init; }

    /// <summary>One officer; none means every officer under the agreement.</summary>
    public Guid? OfficerId { get; init; }

    /// <summary>"refresher" or "additional".</summary>
    public string Kind { get; init; } = "";

    /// <summary>The course whose completion meets the requirement.</summary>
    public Guid CourseId { get; init; }

    public string CourseTitle { get; init; } = "";

    public DateOnly DueOn { get; init; }

    public string Reason { get; init; } = "";

    public string RequiredByName { get; init; } = "";

    public DateTime RequiredAt { get; init; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public static readonly IReadOnlyList<string> Kinds = ["refresher", "additional"];

    /// <summary>Jail: a refresher no sooner than two years after the officer's last completion (the initial course or a refresher).</summary>
    public static readonly int JailRefresherMonths = 24;

    public static readonly Rule TooFrequent = new("training.refresher_too_frequent",
        "Under the jail model ICE requires refresher training as needed, but not more often than every two years after the officer's last completion; additional training it may require at any time.",
        $"{RuleBook.JailMoa}, section IV.C: \"refresher training as needed, but not more frequently than every two years after the initial course completion\"; \"any additional training required by ICE\"");

    /// <summary>Records ICE's requirement, refused where the jail text forbids so frequent a refresher.</summary>
    public static Result<TrainingRequirement> Require(Agreement agreement, Guid? officerId, string? kind, Course? course, DateOnly? dueOn, string? reason,
        IReadOnlyList<Certificate> officerCertificates, string byName, DateTime utcNow)
    {
        var fields = new Dictionary<string, string[]>();
        var k = kind?.Trim().ToLowerInvariant();
        if (k is null || !Kinds.Contains(k)) fields["kind"] = ["Choose refresher or additional."];
        if (course is null || course.Model != agreement.Model) fields["courseId"] = ["Choose a course of the agreement's model."];
        if (dueOn is not { } due || due <= Clock.DayOf(utcNow)) fields["dueOn"] = ["Give the date by which the training must be completed, after today."];
        if (string.IsNullOrWhiteSpace(reason) || reason.Length > 2000) fields["reason"] = ["Say why ICE requires it (up to 2,000 characters)."];
        if (fields.Count > 0) return Error.Invalid("training.requirement_invalid", "The training requirement is not complete.", fields);
        if (k == "refresher" && agreement.Model == AgreementModel.Jail && officerId is not null
            && LastCompletion(officerCertificates, agreement.Model) is { } last && dueOn!.Value < last.AddMonths(JailRefresherMonths))
            return TooFrequent.Refuse($"The officer last completed training on {last:yyyy-MM-dd}: a refresher can be due on {last.AddMonths(JailRefresherMonths):yyyy-MM-dd} at the earliest.")
                with { Fields = new Dictionary<string, string[]> { ["dueOn"] = [$"On or after {last.AddMonths(JailRefresherMonths):yyyy-MM-dd}."] } };
        return new TrainingRequirement
        {
            AgencyId = agreement.AgencyId, AgreementId = agreement.Id, OfficerId = officerId, Kind = k!, CourseId = course!.Id, CourseTitle = course.Title,
            DueOn = dueOn!.Value, Reason = reason!.Trim(), RequiredByName = byName, RequiredAt = utcNow,
        };
    }

    public static DateOnly? LastCompletion(IEnumerable<Certificate> certificates, AgreementModel model) =>
        certificates.Where(c => c.Model == model).Select(c => (DateOnly?)c.CompletedOn).Max();

    /// <summary>
    /// Whether this requirement binds the officer: it names them or every officer. An agreement-wide jail refresher binds only
    /// officers whose last completion was two years or more before its date (the jail text's limit).
    /// </summary>
    public bool Binds(Guid officerId, AgreementModel model, IEnumerable<Certificate> certificates)
    {
        if (OfficerId is { } one && one != officerId) return false;
        if (Kind == "refresher" && model == AgreementModel.Jail && OfficerId is null
            && LastCompletion(certificates.Where(c => c.CompletedOn <= DueOn), model) is { } last && DueOn < last.AddMonths(JailRefresherMonths))
            return false;
        return true;
    }

    /// <summary>Met when the officer completed the course on or after the day ICE required it.</summary>
    public bool IsMetBy(IEnumerable<Certificate> certificates, DateOnly onOrBefore) =>
        certificates.Any(c => c.CourseId == CourseId && c.CompletedOn >= Clock.DayOf(RequiredAt) && c.CompletedOn <= onOrBefore);
}
