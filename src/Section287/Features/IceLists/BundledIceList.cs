using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Data.Reference;
using Section287.Features.Audit;

namespace Section287.Features.IceLists;

/// <summary>
/// ICE's newest list, shipped with the app so a first start shows real agreements; loaded only while no list was ever imported.
/// </summary>
public static class BundledIceList
{
    public const string FileName = "participatingAgencies-2026-05-18.xlsx";

    public static async Task LoadIfNoListImportedAsync(IServiceProvider services, ILogger log, StartupState state, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        db.Scope.Become(AccessScope.System());
        if (await db.IceListSnapshots.AnyAsync(s => s.Kind == IceListKind.Participating, ct))
        {
            state.BundledList = StartupPart.Ok("a list was imported before; the bundled one is not needed");
            return;
        }
        services.GetRequiredService<ChangeContext>().As("system", "system: first start");
        try
        {
            await using var stream = ReferenceData.OpenBundled(FileName);
            var result = await services.GetRequiredService<ImportIceList>().HandleAsync(stream, FileName, asOf: null, progress: null, ct);
            if (result.IsSuccess)
            {
                state.BundledList = StartupPart.Ok($"loaded ICE's list of {result.Value.AsOf:yyyy-MM-dd}: {result.Value.Added} agreements");
                log.LogInformation("Loaded ICE's list of {AsOf} into the registry: {Added} agreements, {Flagged} rows flagged", result.Value.AsOf,
                    result.Value.Added, result.Value.Flagged);
            }
            else
            {
                state.BundledList = StartupPart.Failed($"{result.Error!.Code}: {result.Error.Message}");
                log.LogError("The bundled ICE list could not be loaded: {Code} {Message}", result.Error.Code, result.Error.Message);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The app still serves (staff work does not need the registry), and /health names the failure.
            state.BundledList = StartupPart.Failed(e.Message);
            log.LogError(e, "The bundled ICE list could not be loaded");
        }
    }
}
