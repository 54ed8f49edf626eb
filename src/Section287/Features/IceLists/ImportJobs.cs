using System.Collections.Concurrent;
using System.Threading.Channels;
using Section287.Data;
using Section287.Features.Audit;

namespace Section287.Features.IceLists;

public enum ImportJobState
{
    /// <summary>Waiting for the import before it: imports run one at a time.</summary>
    Queued,

    Running,
    Succeeded,
    Failed,
}

public sealed class ImportJob
{
    public Guid Id { get; } = Guid.NewGuid();

    public string FileName { get; init; } = "";

    public string StartedBy { get; init; } = "";

    public ImportJobState State { get; set; }

    public int Done { get; set; }

    public int Total { get; set; }

    public ImportReport? Report { get; set; }

    public Common.Error? Error { get; set; }

    public DateTime QueuedAt { get; init; }
}

/// <summary>
/// Imports uploaded on the web wait in a queue that a hosted service (<see cref="ImportQueue"/>) works through one at a time,
/// so the page can show progress and the app stops them cleanly when it shuts down. Jobs live in memory (the newest
/// <see cref="Kept"/>): the imported data and its audit entries are in the database, a job only reports.
/// </summary>
public sealed class ImportJobs(TimeProvider clock)
{
    public const int Kept = 50;

    /// <summary>Uploads waiting to run; bounded so that a burst of uploads cannot hold every workbook in memory.</summary>
    public const int QueueLength = 8;

    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    private readonly Channel<QueuedImport> _queue = Channel.CreateBounded<QueuedImport>(new BoundedChannelOptions(QueueLength) { SingleReader = true });

    internal sealed record QueuedImport(ImportJob Job, byte[] Content, DateOnly? AsOf, string ActorId, string? ConfirmRemovals);

    internal ChannelReader<QueuedImport> Waiting => _queue.Reader;

    public ImportJob? Find(Guid id) => _jobs.GetValueOrDefault(id);

    /// <summary>Queues the upload; refused when the queue is full (the page asks to try again shortly).</summary>
    public Common.Result<ImportJob> Start(byte[] content, string fileName, DateOnly? asOf, string actorId, string actorName, string? confirmRemovals = null)
    {
        var job = new ImportJob { FileName = fileName, StartedBy = actorName, State = ImportJobState.Queued, QueuedAt = clock.GetUtcNow().UtcDateTime };
        if (!_queue.Writer.TryWrite(new QueuedImport(job, content, asOf, actorId, confirmRemovals))) return IceListErrors.QueueFull;
        _jobs[job.Id] = job;
        foreach (var old in _jobs.Values.Where(j => j.State is ImportJobState.Succeeded or ImportJobState.Failed).OrderByDescending(j => j.QueuedAt).Skip(Kept))
            _jobs.TryRemove(old.Id, out _);
        return job;
    }
}

/// <summary>Runs the queued imports, one at a time, each in its own scope as the user who uploaded it.</summary>
internal sealed class ImportQueue(ImportJobs jobs, IServiceScopeFactory scopes, ILogger<ImportQueue> log) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            await foreach (var queued in jobs.Waiting.ReadAllAsync(stoppingToken)) await RunAsync(queued, stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The app is stopping; a job cut short keeps the batches it saved, its list shown as interrupted.
        }
    }

    private async Task RunAsync(ImportJobs.QueuedImport queued, CancellationToken ct)
    {
        var job = queued.Job;
        job.State = ImportJobState.Running;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessScope>().Become(AccessScope.System());
            scope.ServiceProvider.GetRequiredService<ChangeContext>().As(queued.ActorId, job.StartedBy);
            var import = scope.ServiceProvider.GetRequiredService<ImportIceList>();
            var progress = new Progress<ImportProgress>(p => { job.Done = p.Done; job.Total = p.Total; });
            var result = await import.HandleAsync(new MemoryStream(queued.Content), job.FileName, queued.AsOf, progress, ct, queued.ConfirmRemovals);
            if (result.IsSuccess)
            {
                job.Report = result.Value;
                job.Done = job.Total = result.Value.Rows;
                job.State = ImportJobState.Succeeded;
            }
            else
            {
                job.Error = result.Error;
                job.State = ImportJobState.Failed;
            }
        }
        catch (OperationCanceledException) when (ct.IsCancellationRequested)
        {
            job.Error = Common.Error.Invalid("ice_list.failed",
                "The app stopped during the import. The batches already saved are kept and the list is shown as interrupted; upload the file again to finish it, or undo it.");
            job.State = ImportJobState.Failed;
            throw;
        }
        catch (Exception e)
        {
            log.LogError(e, "Import of {File} failed", job.FileName);
            job.Error = Common.Error.Invalid("ice_list.failed",
                "The import failed on our side and the error was logged. Any batches already saved are kept and the list is shown as interrupted; upload the file again to finish it, or undo it.");
            job.State = ImportJobState.Failed;
        }
    }
}
