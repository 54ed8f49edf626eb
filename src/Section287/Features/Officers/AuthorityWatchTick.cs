using Section287.Features.Deadlines;

namespace Section287.Features.Officers;

/// <summary>The sweep's first watch: authority that lapsed or came back on its own since the last tick.</summary>
internal sealed class AuthorityWatchTick(AuthorityWatch watch) : IWatch
{
    public int Order => 1;

    public async Task<(LogLevel Level, string Message)?> RunAsync(CancellationToken ct)
    {
        var outcome = await watch.RunAsync(ct);
        return outcome.Lost + outcome.Restored > 0 ? (LogLevel.Information, $"{outcome.Lost} lost, {outcome.Restored} restored") : null;
    }
}
