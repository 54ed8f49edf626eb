using System.IO.Compression;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Data.Reference;
using Section287.Features.Accounts;
using Section287.Features.Audit;

namespace Section287.Features.Evidence;

/// <summary>
/// Owensboro, Kentucky's published stops (the Stanford Open Policing Project's release of 2020-04-01, ODC-BY 1.0), shipped
/// with the app so that a first start shows OPP's tests on real data: reference data (no agency), imported through the same
/// <see cref="StopDatasets"/> import a person uses, at the city centre and with the county benchmark of OPP's own run. Loaded
/// only while no stop dataset exists (a dataset can be replaced, never deleted, so this is the first start); set
/// <c>Section287:SeedBundledStopData</c> to false to start without it.
/// </summary>
public static class BundledStopData
{
    public const string FileName = "ky_owensboro_opp_2020_04_01.csv";
    public const string Name = "Owensboro, KY (Stanford Open Policing Project, 2020-04-01 release)";

    public static readonly DatasetInput Place = new(Name, null, "opp", "Owensboro", "KY", 37.7719074, -87.1111676, "America/Chicago",
        "Daviess County, Kentucky");

    public static async Task LoadIfNoneAsync(IServiceProvider services, ILogger log, StartupState state, CancellationToken ct = default)
    {
        var db = services.GetRequiredService<AppDbContext>();
        db.Scope.Become(AccessScope.System());
        if (await db.StopDatasets.AnyAsync(ct))
        {
            state.BundledStops = StartupPart.Ok("stop data was imported before; the bundled file is not needed");
            return;
        }
        services.GetRequiredService<ChangeContext>().As("system", "system: first start");
        try
        {
            await using var packed = ReferenceData.OpenBundled(FileName + ".gz");
            await using var csv = new GZipStream(packed, CompressionMode.Decompress);
            var system = new Actor(Guid.Empty, Role.ProgramOffice, "system: first start", null);
            var result = await services.GetRequiredService<StopDatasets>().ImportAsync(system, Place, csv, FileName, ct);
            if (result.IsSuccess)
            {
                state.BundledStops = StartupPart.Ok($"loaded {result.Value.Stops:N0} published stops of Owensboro, KY as reference data");
                log.LogInformation("Loaded Owensboro's published stops as reference data: {Stops} stops", result.Value.Stops);
            }
            else
            {
                state.BundledStops = StartupPart.Failed($"{result.Error!.Code}: {result.Error.Message}");
                log.LogError("The bundled stop data could not be loaded: {Code} {Message}", result.Error.Code, result.Error.Message);
            }
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The app still serves; /health names the failure.
            state.BundledStops = StartupPart.Failed(e.Message);
            log.LogError(e, "The bundled stop data could not be loaded");
        }
    }
}
