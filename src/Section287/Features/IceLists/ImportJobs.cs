using System.Collections.Concurrent;
using Section287.Data;
using Section287.Features.Audit;

namespace Section287.Features.IceLists;

public enum ImportJobState
{
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
}

/// <summary>
/// Runs an import uploaded on the web in the background so the page can show its progress.
/// Jobs live in memory: the imported data and its audit entries are in the database, the job only reports.
/// </summary>
public sealed class ImportJobs(IServiceScopeFactory scopes, ILogger<ImportJobs> log)
{
    private readonly ConcurrentDictionary<Guid, ImportJob> _jobs = new();

    public ImportJob? Find(Guid id) => _jobs.GetValueOrDefault(id);

    public ImportJob Start(byte[] content, string fileName, DateOnly? asOf, string actorId, string actorName)
    {
        var job = new ImportJob { FileName = fileName, StartedBy = actorName, State = ImportJobState.Running };
        _jobs[job.Id] = job;
        _ = Task.Run(async () =>
        {
            try
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<AccessScope>().Become(AccessScope.System());
                scope.ServiceProvider.GetRequiredService<ChangeContext>().As(actorId, actorName);
                var import = scope.ServiceProvider.GetRequiredService<ImportIceList>();
                var progress = new Progress<ImportProgress>(p => { job.Done = p.Done; job.Total = p.Total; });
                var result = await import.HandleAsync(new MemoryStream(content), fileName, asOf, progress, CancellationToken.None);
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
            catch (Exception e)
            {
                log.LogError(e, "Import of {File} failed", fileName);
                job.Error = Common.Error.Invalid("ice_list.failed", "The import failed on our side; nothing was saved. The error was logged.");
                job.State = ImportJobState.Failed;
            }
        });
        return job;
    }
}
