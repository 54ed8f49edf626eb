namespace Section287.Data;

/// <summary>Optimistic concurrency: the version goes up by one on every save and a stale edit fails.</summary>
public interface IVersioned
{
    long Version { get; set; }
}

/// <summary>UTC creation and update times, set by the context on save.</summary>
public interface ITimestamped
{
    DateTime CreatedAt { get; set; }

    DateTime UpdatedAt { get; set; }
}

/// <summary>A record that belongs to one agency; the tenancy filter and write guard key on it.</summary>
public interface IAgencyOwned
{
    Guid AgencyId { get; }
}

/// <summary>
/// A row that belongs to an agency through the record it is part of (an application's checklist item, an enrollment's exam,
/// an agreement's change): the write guard finds the agency through <typeparamref name="TOwner"/>, which carries an AgencyId.
/// </summary>
public interface IOwnedThrough<TOwner> where TOwner : class
{
    Guid OwnerId { get; }
}

/// <summary>
/// A record the public may add without an account (a comment, later a complaint). The write guard lets an
/// anonymous user add one, and nothing else: never change or delete it.
/// </summary>
public interface IPublicSubmission;

/// <summary>
/// A record that is written once and never changed or deleted (a certificate, an authority change): a correction is
/// a new record. The context refuses any update or delete of one, whoever asks.
/// </summary>
public interface IImmutable;

public sealed class ImmutableRecordException(string message) : Exception(message);
