using Section287.Features.Agreements;

namespace Section287.Tests.Infrastructure;

/// <summary>The content a jail or task force agreement's notices must carry (MOA section VIII or XVIII), for tests that suspend or terminate.</summary>
public static class Notices
{
    public static readonly SuspensionNotice Ice = new("ice", "Test ICE Director", "Test EAD ERO");

    public static TerminationDetails IceTermination(DateOnly publishedOn) => new(412, "Test examples of people identified under the agreement.",
        publishedOn, "Test ICE Director");

    /// <summary>A suspension request body for the API, with the length and who decided and recommended it.</summary>
    public static object Suspension(string reason, string? until = null) =>
        new { reason, until = until ?? DateOnly.FromDateTime(DateTime.UtcNow).AddDays(200).ToString("yyyy-MM-dd"), decidedBy = "Test ICE Director",
            recommendedBy = "Test EAD ERO" };
}
