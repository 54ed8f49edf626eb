using Section287.Data;
using Section287.Features.Audit;
using Section287.Features.Notifications;

namespace Section287.Features.Deadlines;

/// <summary>
/// Every few minutes (Section287:SweepMinutes, default 5): runs the features' watches, flags deadlines, then sends waiting e-mail.
/// Both steps are idempotent, so a restart or a second instance is harmless. 0 turns the sweep off in this instance (for a
/// second web instance when another one sweeps, and for tests that drive the clock and run the sweep themselves).
/// </summary>
public sealed class DeadlineTimers(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DeadlineTimers> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var minutes = configuration.GetValue("Section287:SweepMinutes", 5);
        if (minutes <= 0)
        {
            log.LogInformation("Section287:SweepMinutes is {Minutes}: this instance does not run the deadline sweep", minutes);
            return;
        }
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(minutes));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<AccessScope>().Become(AccessScope.System());
                scope.ServiceProvider.GetRequiredService<ChangeContext>().As("system", "system: deadline sweep");
                // The features' watches run first (authority that lapsed on its own, then holds near 48 hours), so that what they
                // open is swept with the rest and an overdetention is an incident, not just a late deadline.
                foreach (var watch in scope.ServiceProvider.GetServices<IWatch>().OrderBy(w => w.Order))
                    if (await watch.RunAsync(stoppingToken) is { } said) log.Log(said.Level, "{Watch}: {Message}", watch.GetType().Name, said.Message);
                var outcome = await scope.ServiceProvider.GetRequiredService<DeadlineSweep>().RunAsync(stoppingToken);
                if (outcome.Warned + outcome.Overdue > 0) log.LogInformation("Deadlines: {Warned} warned, {Overdue} overdue", outcome.Warned, outcome.Overdue);
                await scope.ServiceProvider.GetRequiredService<EmailOutbox>().SendPendingAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                log.LogError(e, "The deadline sweep failed; it runs again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
