namespace Section287.Features.Applications;

/// <summary>Where an application stands (PRODUCT.md, "Lifecycles": draft → submitted → under review ↔ information requested → decided).</summary>
public enum ApplicationStatus
{
    Draft,
    Submitted,
    UnderReview,
    InformationRequested,
    Approved,
    Denied,
    Withdrawn,
}

public static class ApplicationStatuses
{

    /// <summary>Where an application may go from each status. Exhaustive: a new status without a row fails the build.</summary>
    public static ApplicationStatus[] Next(this ApplicationStatus from) => from switch
    {
        ApplicationStatus.Draft => [ApplicationStatus.Submitted, ApplicationStatus.Withdrawn],
        ApplicationStatus.Submitted => [ApplicationStatus.UnderReview, ApplicationStatus.Withdrawn],
        ApplicationStatus.UnderReview => [ApplicationStatus.InformationRequested, ApplicationStatus.Approved, ApplicationStatus.Denied,
            ApplicationStatus.Withdrawn],
        // Answering the questions sends the application back to its reviewer.
        ApplicationStatus.InformationRequested => [ApplicationStatus.UnderReview, ApplicationStatus.Withdrawn],
        ApplicationStatus.Approved => [],
        ApplicationStatus.Denied => [],
        ApplicationStatus.Withdrawn => [],
    };

    public static bool CanMoveTo(this ApplicationStatus from, ApplicationStatus to) => from.Next().Contains(to);

    /// <summary>Submitted and not yet decided: the public may see it and, during its comment period, comment.</summary>
    public static bool IsPending(this ApplicationStatus status) =>
        status is ApplicationStatus.Submitted or ApplicationStatus.UnderReview or ApplicationStatus.InformationRequested;

    public static ApplicationStatus? FromCode(string? code) =>
        Enum.GetValues<ApplicationStatus>().Cast<ApplicationStatus?>()
            .FirstOrDefault(s => string.Equals(s!.Value.Code(), code?.Trim(), StringComparison.OrdinalIgnoreCase));
}
