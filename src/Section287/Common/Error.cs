namespace Section287.Common;

/// <summary>How a failure is rendered: the same error becomes a 4xx problem in the API and a form error on a page.</summary>
public enum ErrorKind
{
    Invalid,
    NotFound,
    Conflict,
    Rule,
    Forbidden,
}

/// <summary>An expected failure with a stable code and a sentence a person understands.</summary>
public sealed record Error(string Code, string Message, ErrorKind Kind)
{
    public IReadOnlyDictionary<string, string[]> Fields { get; init; } = new Dictionary<string, string[]>();

    public static Error Invalid(string code, string message, IReadOnlyDictionary<string, string[]>? fields = null) =>
        new(code, message, ErrorKind.Invalid) { Fields = fields ?? new Dictionary<string, string[]>() };

    public static Error NotFound(string code, string message) => new(code, message, ErrorKind.NotFound);

    public static Error Conflict(string code, string message) => new(code, message, ErrorKind.Conflict);

    // Refusals (422) and role rules (403) are made only from a Common.Rule, so every one is in the rule book (docs/RULES.md).
}

/// <summary>The outcome of a use case: a value, or the one error that stopped it.</summary>
public readonly record struct Result<T>
{
    private readonly T? _value;

    private Result(T? value, Error? error)
    {
        _value = value;
        Error = error;
    }

    public Error? Error { get; }

    public bool IsSuccess => Error is null;

    public T Value => Error is null ? _value! : throw new InvalidOperationException($"No value: {Error.Code}");

    public static implicit operator Result<T>(T value) => new(value, null);

    public static implicit operator Result<T>(Error error) => new(default, error);

    /// <summary>A rule returned as a result refuses in its own words (<see cref="Rule.Refuse"/>).</summary>
    public static implicit operator Result<T>(Rule rule) => new(default, rule.Refuse());
}

/// <summary>Thrown when a save would touch a record outside the user's scope: a bug or an attack, never a user error.</summary>
public sealed class TenancyViolationException(string message) : Exception(message);

/// <summary>Text no database may store (a NUL character: PostgreSQL refuses it, SQLite cuts at it): bad input, answered with 400.</summary>
public sealed class UnstorableTextException(string message) : Exception(message);
