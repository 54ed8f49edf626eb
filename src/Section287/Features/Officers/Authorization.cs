using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;

namespace Section287.Features.Officers;

/// <summary>
/// The field office director's signed letter and the credentials issued with it; authority starts when it is signed.
/// </summary>
public sealed class Authorization : RaisesEvents, IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid OfficerId { get; init; }

    public Guid AgreementId { get; init; }

    public Guid NominationId { get; init; }

    public AgreementModel Model { get; init; }

    /// <summary>The letter's number ("AUTH-TFM-2026-7K3Q9F").</summary>
    public string LetterNumber { get; init; } = "";

    /// <summary>The number on the officer's ICE credentials.</summary>
    public string CredentialNumber { get; init; } = "";

    public string SignatoryName { get; init; } = "";

    public string SignatoryTitle { get; init; } = "";

    /// <summary>
    /// The ICE position that supervises and directs the officer, which the agreement must set out for each authorized officer
    /// (8 U.S.C. § 1357(g)(5): "the position of the agency ... who is required to supervise and direct the individual").
    /// </summary>
    public string SupervisingPosition { get; init; } = "";

    public Guid SignedById { get; init; }

    /// <summary>Signed, and the credentials issued: authority starts here.</summary>
    public DateTime StartsAt { get; init; }

    /// <summary>When a time-limited authorization (task force: two years) ends; null while the agreement lasts.</summary>
    public DateTime? ExpiresAt { get; init; }

    public DateTime? RevokedAt { get; private set; }

    /// <summary>"ice" or "agency".</summary>
    public string? RevokedBy { get; private set; }

    public string? RevocationReason { get; private set; }

    public DateTime? CredentialsReturnedAt { get; private set; }

    public List<AuthorizationSuspension> Suspensions { get; init; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    /// <summary>MOA (task force), certification and authorization: "an initial period of two years".</summary>
    public const int TaskForceYears = 2;

    public static Authorization Sign(Nomination nomination, string credentialNumber, string signatoryName, string signatoryTitle, Guid byId, DateTime utcNow,
        string supervisingPosition = DefaultSupervisingPosition)
    {
        var signed = new Authorization
        {
        SupervisingPosition = supervisingPosition.Trim(),
        AgencyId = nomination.AgencyId,
        OfficerId = nomination.OfficerId,
        AgreementId = nomination.AgreementId,
        NominationId = nomination.Id,
        Model = nomination.Model,
        LetterNumber = $"AUTH-{nomination.Model.Code()}-{Clock.DayOf(utcNow).Year}-{Guid.CreateVersion7().ToString("N")[^6..].ToUpperInvariant()}",
        CredentialNumber = credentialNumber.Trim(),
        SignatoryName = signatoryName.Trim(),
        SignatoryTitle = signatoryTitle.Trim(),
        SignedById = byId,
        StartsAt = utcNow,
        ExpiresAt = nomination.Model == AgreementModel.TaskForce ? utcNow.AddYears(TaskForceYears) : null,
        };
        signed.Raise(new OfficerStandingChanged(signed.OfficerId));
        return signed;
    }

    /// <summary>When ICE names no other: the supervisory officer of the field office for the agency's area.</summary>
    public const string DefaultSupervisingPosition = "Supervisory Detention and Deportation Officer, ICE Enforcement and Removal Operations field office for the agency's area";

    public static string SupervisingPositionOf(string? fieldOffice) =>
        fieldOffice is null ? DefaultSupervisingPosition : $"Supervisory Detention and Deportation Officer, ICE ERO {fieldOffice} Field Office";

    public bool IsRevokedAt(DateTime at) => RevokedAt is { } r && r <= at;

    public bool IsExpiredAt(DateTime at) => ExpiresAt is { } e && e <= at;

    public bool HasStartedAt(DateTime at) => StartsAt <= at;

    /// <summary>Not revoked and not expired: it may still give authority (if nothing else is missing).</summary>
    public bool IsInForceAt(DateTime at) => HasStartedAt(at) && !IsRevokedAt(at) && !IsExpiredAt(at);

    public AuthorizationSuspension? SuspensionAt(DateTime at) =>
        Suspensions.FirstOrDefault(s => s.From <= at && (s.LiftedAt is null || s.LiftedAt > at));

    public Error? Suspend(string by, string? reason, DateTime utcNow)
    {
        if (!IsInForceAt(utcNow)) return OfficerErrors.NotInForce;
        if (SuspensionAt(utcNow) is not null) return OfficerErrors.AlreadySuspended;
        if (string.IsNullOrWhiteSpace(reason)) return OfficerErrors.ReasonRequired;
        Suspensions.Add(new AuthorizationSuspension { AuthorizationId = Id, From = utcNow, By = by, Reason = reason.Trim() });
        Raise(new OfficerStandingChanged(OfficerId));
        return null;
    }

    public Error? Lift(DateTime utcNow)
    {
        if (!IsInForceAt(utcNow)) return OfficerErrors.NotInForce;
        if (SuspensionAt(utcNow) is not { } open) return OfficerErrors.NotSuspended;
        open.LiftedAt = utcNow;
        Raise(new OfficerStandingChanged(OfficerId));
        return null;
    }

    public Error? Revoke(string by, string? reason, DateTime utcNow)
    {
        if (RevokedAt is not null || IsExpiredAt(utcNow)) return OfficerErrors.NotInForce;
        if (string.IsNullOrWhiteSpace(reason)) return OfficerErrors.ReasonRequired;
        RevokedAt = utcNow;
        RevokedBy = by;
        RevocationReason = reason.Trim();
        Raise(new OfficerStandingChanged(OfficerId));
        return null;
    }

    public bool ReturnCredentials(DateTime utcNow)
    {
        if (CredentialsReturnedAt is not null) return false;
        CredentialsReturnedAt = utcNow;
        return true;
    }
}

/// <summary>A period in which an authorization is suspended, from its start until it is lifted.</summary>
public sealed class AuthorizationSuspension : IOwnedThrough<Authorization>
{
    Guid IOwnedThrough<Authorization>.OwnerId => AuthorizationId;

    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AuthorizationId { get; init; }

    public DateTime From { get; init; }

    public DateTime? LiftedAt { get; set; }

    /// <summary>"ice" or "agency".</summary>
    public string By { get; init; } = "";

    public string Reason { get; init; } = "";
}

/// <summary>
/// A complaint allegation against an officer that could lead to discipline, a criminal investigation or a lawsuit, from its
/// recording until the agency adjudicated it (its finding). Under the task force model the officer is off 287(g) duty meanwhile
/// (PRODUCT.md, Lifecycles: Officer). Not stored: a view of the complaints' allegations (<c>Features/Complaints</c>), loaded with
/// the rest of the authority facts.
/// </summary>
public sealed record PendingAllegation
{
    public Guid OfficerId { get; init; }

    public Guid ComplaintId { get; init; }

    /// <summary>The complaint's tracking number.</summary>
    public string Reference { get; init; } = "";

    public DateTime OpenedAt { get; init; }

    public DateTime? ResolvedAt { get; init; }

    public bool IsPendingAt(DateTime at) => OpenedAt <= at && (ResolvedAt is null || ResolvedAt > at);
}
