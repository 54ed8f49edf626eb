namespace Section287.Tests.Infrastructure;

/// <summary>A clock the test moves by hand, so that deadlines are tested without waiting.</summary>
public sealed class TestClock(DateTimeOffset start) : TimeProvider
{
    private DateTimeOffset _now = start;

    public override DateTimeOffset GetUtcNow() => _now;

    public void Advance(TimeSpan by) => _now += by;
}
