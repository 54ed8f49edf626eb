using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Audit;

namespace Section287.Features.Oversight;

/// <summary>
/// One refusal by the rule book (422) of something a designated officer tried, by the API or a page: who, which rule, when. Kept for
/// early intervention's "refusals" indicator; never changed. Nothing the officer sent is kept, only the rule's code.
/// </summary>
public sealed class RuleRefusal : IAgencyOwned, IImmutable
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid OfficerId { get; init; }

    public string Code { get; init; } = "";

    public DateTime At { get; init; }
}

/// <summary>
/// Records, after the response, a rule's refusal of a designated officer's request. The API marks the refusal when it writes the problem
/// (<c>AppHost</c>'s problem details), a page when it shows it (<c>StaffPage.Show</c>); this middleware only reads the mark. Written in a
/// scope of its own, so a failure here never touches the officer's request.
/// </summary>
public sealed class RefusalLog(RequestDelegate next, ILogger<RefusalLog> log)
{
    public const string Mark = "section287:refusal";

    public async Task InvokeAsync(HttpContext context, IServiceScopeFactory scopes, TimeProvider clock)
    {
        await next(context);
        if (context.Items[Mark] is not string code || context.User.Identity?.IsAuthenticated != true
            || Identity.RoleOf(context.User) != Role.DesignatedOfficer) return;
        try
        {
            var userId = Actor.Of(context.User).Id;
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<AccessScope>().Become(AccessScope.System());
            scope.ServiceProvider.GetRequiredService<ChangeContext>().As(userId.ToString(), Actor.Of(context.User).Name).For("refusal.recorded", code);
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var officer = await db.Officers.AsNoTracking().Where(o => o.UserId == userId).Select(o => new { o.Id, o.AgencyId }).FirstOrDefaultAsync();
            if (officer is null) return;
            db.RuleRefusals.Add(new RuleRefusal { AgencyId = officer.AgencyId, OfficerId = officer.Id, Code = code, At = clock.GetUtcNow().UtcDateTime });
            await db.SaveChangesAsync();
        }
        catch (Exception e) when (e is DbUpdateException or InvalidOperationException or TimeoutException)
        {
            log.LogWarning(e, "The refusal {Code} could not be recorded for early intervention", code);
        }
    }
}

internal sealed class RuleRefusalConfiguration : IEntityTypeConfiguration<RuleRefusal>
{
    public void Configure(EntityTypeBuilder<RuleRefusal> b)
    {
        b.HasIndex(r => new { r.OfficerId, r.At });
        b.HasOne<Officers.Officer>().WithMany().HasForeignKey(r => r.OfficerId).OnDelete(DeleteBehavior.Restrict);
    }
}
