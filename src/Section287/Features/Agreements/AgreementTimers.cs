using Section287.Data;
using Section287.Features.Audit;

namespace Section287.Features.Agreements;

/// <summary>Once an hour, ends the agreements whose termination date has come (idempotent, so restarts are harmless).</summary>
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
                var ended = await scope.ServiceProvider.GetRequiredService<ChangeAgreementStatus>().ApplyDueTerminationsAsync(stoppingToken);
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
