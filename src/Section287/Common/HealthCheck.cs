using Microsoft.EntityFrameworkCore;
using Section287.Data;

namespace Section287.Common;

public static class HealthCheck
{
    /// <summary>Healthy only when the database answers.</summary>
    public static async Task<IResult> Handle(AppDbContext db, CancellationToken ct)
    {
        try
        {
            var agreements = await db.Agreements.CountAsync(ct);
            return Results.Ok(new { status = "healthy", database = db.Database.ProviderName, agreements });
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return Results.Json(new { status = "unhealthy", database = db.Database.ProviderName }, statusCode: 503);
        }
    }
}
