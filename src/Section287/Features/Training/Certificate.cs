using System.Security.Cryptography;
using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;

namespace Section287.Features.Training;

/// <summary>
/// Proof that an officer completed a course: numbered, with the date its training stops being current, and never
/// changed after it is issued. A correction issues a new certificate that names the one it supersedes; the context
/// refuses any update or delete of a certificate (<see cref="IImmutable"/>).
/// </summary>
public sealed class Certificate : RaisesEvents, IAgencyOwned, IImmutable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>"JEM-2026-7K3Q9F": model, year of issue, six characters that make it unique.</summary>
    public string Number { get; init; } = "";

    public Guid AgencyId { get; init; }

    public Guid OfficerId { get; init; }

    public AgreementModel Model { get; init; }

    public CourseKind Kind { get; init; }

    public Guid CourseId { get; init; }

    public Guid? EnrollmentId { get; init; }

    // As printed: the certificate says what was true when it was issued.
    public string OfficerName { get; init; } = "";

    public string BadgeNumber { get; init; } = "";

    public string CourseTitle { get; init; } = "";

    public decimal Hours { get; init; }

    public DateOnly CompletedOn { get; init; }

    public DateTime IssuedAt { get; init; }

    public Guid IssuedById { get; init; }

    public string IssuedByName { get; init; } = "";

    /// <summary>The last day the training is current; a refresher is due by then.</summary>
    public DateOnly ExpiresOn { get; init; }

    public Guid? SupersedesId { get; init; }

    public string? CorrectionReason { get; init; }

    public DateTime CreatedAt { get; init; }

    public static Certificate Issue(Course course, Enrollment enrollment, string officerName, string badge, DateOnly completedOn, Guid byId, string byName, DateTime utcNow) =>
        Raised(new()
    {
        Number = NewNumber(course.Model, completedOn),
        AgencyId = enrollment.AgencyId,
        OfficerId = enrollment.OfficerId,
        Model = course.Model,
        Kind = course.Kind,
        CourseId = course.Id,
        EnrollmentId = enrollment.Id,
        OfficerName = officerName,
        BadgeNumber = badge,
        CourseTitle = course.Title,
        Hours = course.Hours,
        CompletedOn = completedOn,
        IssuedAt = utcNow,
        IssuedById = byId,
        IssuedByName = byName,
        ExpiresOn = completedOn.AddMonths(course.RefresherMonths),
        CreatedAt = utcNow,
    });

    /// <summary>A corrected copy: the same training, with what was wrong put right and the reason kept.</summary>
    public Result<Certificate> Correct(CertificateCorrection c, Guid byId, string byName, DateTime utcNow)
    {
        if (string.IsNullOrWhiteSpace(c.Reason))
            return Error.Invalid("certificate.reason_required", "Say what the correction puts right.",
                new Dictionary<string, string[]> { ["reason"] = ["Say what the correction puts right."] });
        var name = string.IsNullOrWhiteSpace(c.OfficerName) ? OfficerName : c.OfficerName.Trim();
        var badge = string.IsNullOrWhiteSpace(c.BadgeNumber) ? BadgeNumber : c.BadgeNumber.Trim();
        var completed = c.CompletedOn ?? CompletedOn;
        var expires = c.ExpiresOn ?? ExpiresOn.AddDays(completed.DayNumber - CompletedOn.DayNumber);
        if (expires < completed)
            return Error.Invalid("certificate.dates", "A certificate cannot expire before the training was completed.",
                new Dictionary<string, string[]> { ["expiresOn"] = ["Give a date after completion."] });
        if (name == OfficerName && badge == BadgeNumber && completed == CompletedOn && expires == ExpiresOn)
            return Error.Invalid("certificate.nothing_to_correct", "The correction changes nothing.",
                new Dictionary<string, string[]> { ["officerName"] = ["Change at least one value."] });
        return Raised(new Certificate
        {
            Number = NewNumber(Model, completed),
            AgencyId = AgencyId, OfficerId = OfficerId, Model = Model, Kind = Kind, CourseId = CourseId, EnrollmentId = EnrollmentId,
            OfficerName = name, BadgeNumber = badge, CourseTitle = CourseTitle, Hours = Hours, CompletedOn = completed, ExpiresOn = expires,
            IssuedAt = utcNow, IssuedById = byId, IssuedByName = byName, SupersedesId = Id, CorrectionReason = c.Reason.Trim(), CreatedAt = utcNow,
        });
    }

    /// <summary>A new certificate changes what the officer may do (<see cref="Officers.OfficerStandingChanged"/>).</summary>
    private static Certificate Raised(Certificate issued)
    {
        issued.Raise(new Officers.OfficerStandingChanged(issued.OfficerId));
        return issued;
    }

    private const string Alphabet = "23456789ABCDEFGHJKLMNPQRSTUVWXYZ";

    private static string NewNumber(AgreementModel model, DateOnly on) =>
        $"{model.Code()}-{on.Year}-{new string(RandomNumberGenerator.GetItems<char>(Alphabet, 6))}";
}

public sealed record CertificateCorrection(string? Reason, string? OfficerName, string? BadgeNumber, DateOnly? CompletedOn, DateOnly? ExpiresOn);

/// <summary>
/// Which certificates stand at an instant: those issued by then and not superseded by a correction issued by then.
/// </summary>
public static class Certificates
{
    public static IReadOnlyList<Certificate> StandingAt(IEnumerable<Certificate> certificates, DateTime at)
    {
        var issued = certificates.Where(c => c.IssuedAt <= at).ToList();
        var superseded = issued.Where(c => c.SupersedesId is not null).Select(c => c.SupersedesId!.Value).ToHashSet();
        return issued.Where(c => !superseded.Contains(c.Id)).ToList();
    }
}
