using Microsoft.Extensions.DependencyInjection;
using Section287.Features.IceLists;

namespace Section287.Tests.Features.IceLists;

/// <summary>Web imports wait in a bounded queue that a hosted service works through one at a time (issue 13).</summary>
public sealed class ImportQueueTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task UploadsRunOneAtATime_InTheOrderTheyCame()
    {
        await using var app = await TestApp.StartAsync();
        var jobs = app.Services.GetRequiredService<ImportJobs>();
        var older = await File.ReadAllBytesAsync(Repo.Participating("2021-01-13"), Ct);
        var newer = await File.ReadAllBytesAsync(Repo.Participating("2025-02-21"), Ct);

        var first = jobs.Start(older, "participatingAgencies-2021-01-13.xlsx", null, "test", "Test").Value;
        var second = jobs.Start(newer, "participatingAgencies-2025-02-21.xlsx", null, "test", "Test", "four years after the first list (test)").Value;
        var bothRan = false;
        for (var i = 0; i < 1200 && !(bothRan = first.State == ImportJobState.Succeeded && second.State == ImportJobState.Succeeded); i++)
        {
            // The second waits while the first runs: never both running.
            (first.State == ImportJobState.Running && second.State == ImportJobState.Running).ShouldBeFalse();
            if (first.State is ImportJobState.Queued) second.State.ShouldBe(ImportJobState.Queued);
            await Task.Delay(100, Ct);
        }
        bothRan.ShouldBeTrue($"first {first.State} {first.Error?.Code}, second {second.State} {second.Error?.Code}");
        // In order: the older list imported first, so the newer one was not refused as older than the newest.
        first.Report!.AsOf.ShouldBe(new DateOnly(2021, 1, 13));
        second.Report!.AsOf.ShouldBe(new DateOnly(2025, 2, 21));
    }

    [Fact]
    public void AFullQueue_RefusesTheNextUpload_WithItsRule()
    {
        // The queue alone, with no service reading it: every upload waits.
        var jobs = new ImportJobs(TimeProvider.System);
        for (var i = 0; i < ImportJobs.QueueLength; i++)
            jobs.Start([1, 2, 3], $"list-{i}.xlsx", null, "test", "Test").Value.State.ShouldBe(ImportJobState.Queued);

        var refused = jobs.Start([1, 2, 3], "one-too-many.xlsx", null, "test", "Test");
        refused.IsSuccess.ShouldBeFalse();
        refused.Error!.Code.ShouldBe(IceListErrors.QueueFull.Code);
        refused.Error.Kind.ShouldBe(Section287.Common.ErrorKind.Rule);
    }
}
