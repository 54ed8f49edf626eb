namespace Section287.Common;

/// <summary>One part of the start that <c>/health</c> reports: whether it worked, and in words what happened.</summary>
public sealed record StartupPart(bool Healthy, string Detail)
{
    public static StartupPart Ok(string detail) => new(true, detail);

    public static StartupPart Failed(string detail) => new(false, detail);
}

/// <summary>What the start did, kept for <c>/health</c>: the bundled list's and stop data's loads, and how long preparing took.</summary>
public sealed class StartupState
{
    public StartupPart BundledList { get; set; } = StartupPart.Ok("not loaded: Section287:SeedBundledIceList is false");

    public StartupPart BundledStops { get; set; } = StartupPart.Ok("not loaded: Section287:SeedBundledStopData is false");

    public StartupPart CrimePanel { get; set; } = StartupPart.Ok("not loaded: Section287:SeedCrimePanel is false");

    public TimeSpan? PreparedIn { get; set; }
}
