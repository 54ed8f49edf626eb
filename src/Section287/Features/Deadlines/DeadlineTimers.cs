using Section287.Data;
using Section287.Features.Audit;
using Section287.Features.Notifications;

namespace Section287.Features.Deadlines;

/// <summary>
/// Every few minutes (Section287:SweepMinutes, default 5): records authority that lapsed on its own, flags deadlines, then sends waiting e-mail.
/// Both steps are idempotent, so a restart or a second instance is harmless.
/// </summary>
public sealed class DeadlineTimers(IServiceScopeFactory scopes, IConfiguration configuration, ILogger<DeadlineTimers> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(Math.Max(1, configuration.GetValue("Section287:SweepMinutes", 5))));
        do
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<AccessScope>().Become(AccessScope.System());
                scope.ServiceProvider.GetRequiredService<ChangeContext>().As("system", "system: deadline sweep");
                // Authority that lapsed on its own is recorded first, so that its notice deadline is swept with the rest.
                var authority = await scope.ServiceProvider.GetRequiredService<Officers.AuthorityWatch>().RunAsync(stoppingToken);
                if (authority.Lost + authority.Restored > 0) log.LogInformation("Authority: {Lost} lost, {Restored} restored", authority.Lost, authority.Restored);
                // Holds near or past 48 hours are found before the generic sweep, so that an overdetention is an incident, not just a late deadline.
                var custody = await scope.ServiceProvider.GetRequiredService<Encounters.CustodyWatch>().RunAsync(stoppingToken);
                if (custody.Warned + custody.Overdetained > 0) log.LogWarning("Custody: {Warned} holds past 36 hours, {Overdetained} past 48 hours", custody.Warned, custody.Overdetained);
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
