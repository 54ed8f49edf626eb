using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Data.Reference;
using Section287.Features.Audit;

namespace Section287.Features.IceLists;

/// <summary>
/// The copy of ICE's newest list that ships with the app, so that a first start shows real agreements.
/// Loaded by the web app into an empty registry only; the import command never loads it by itself.
/// </summary>
public static class BundledIceList
{
    public const string FileName = "participatingAgencies-2026-05-18.xlsx";

    public static async Task LoadIntoEmptyRegistryAsync(IServiceProvider services, ILogger log, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        db.Scope.Become(AccessScope.System());
        if (await db.IceListSnapshots.AnyAsync(ct) || await db.Agreements.AnyAsync(ct)) return;
        services.GetRequiredService<ChangeContext>().As("system", "system: first start");
        await using var stream = ReferenceData.OpenBundled(FileName);
        var result = await services.GetRequiredService<ImportIceList>().HandleAsync(stream, FileName, asOf: null, progress: null, ct);
        if (result.IsSuccess)
            log.LogInformation("Loaded ICE's list of {AsOf} into the empty registry: {Added} agreements, {Flagged} rows flagged", result.Value.AsOf, result.Value.Added, result.Value.Flagged);
        else
            log.LogError("The bundled ICE list could not be loaded: {Code} {Message}", result.Error!.Code, result.Error.Message);
    }
}
