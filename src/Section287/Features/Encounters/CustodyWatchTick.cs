using Section287.Features.Deadlines;

namespace Section287.Features.Encounters;

/// <summary>The sweep's second watch: holds past 36 and 48 hours, and stays in the jail after the transfer.</summary>
internal sealed class CustodyWatchTick(CustodyWatch watch) : IWatch
{
    public int Order => 2;

    public async Task<(LogLevel Level, string Message)?> RunAsync(CancellationToken ct)
    {
        var outcome = await watch.RunAsync(ct);
        return outcome.Warned + outcome.Overdetained > 0 ? (LogLevel.Warning,
            $"{outcome.Warned} holds past 36 hours, {outcome.Overdetained} past 48 hours") : null;
    }
}
