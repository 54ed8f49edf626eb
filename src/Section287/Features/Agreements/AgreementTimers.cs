using Section287.Data;
using Section287.Features.Audit;

namespace Section287.Features.Agreements;

/// <summary>Once an hour, suspends the agreements whose noticed suspension has come into effect and ends those whose termination date has come (idempotent, so restarts are harmless).</summary>
public sealed class AgreementTimers(IServiceScopeFactory scopes, ILogger<AgreementTimers> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromHours(1));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<AccessScope>().Become(AccessScope.System());
                scope.ServiceProvider.GetRequiredService<ChangeContext>().As("system", "system: agreement timers");
                var status = scope.ServiceProvider.GetRequiredService<ChangeAgreementStatus>();
                var suspended = await status.ApplyDueSuspensionsAsync(stoppingToken);
                if (suspended > 0) log.LogInformation("Suspended {Count} agreements whose notice of suspension has run its 90 days", suspended);
                var ended = await status.ApplyDueTerminationsAsync(stoppingToken);
                if (ended > 0) log.LogInformation("Ended {Count} agreements whose termination date has come", ended);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The agreement timers failed; they run again within the hour");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
