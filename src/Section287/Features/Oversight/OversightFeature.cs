using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Oversight;

/// <summary>The Oversight feature's registration and API: early intervention (policies, alerts, interventions).</summary>
public static class OversightFeature
{
    public static IServiceCollection AddOversight(this IServiceCollection services)
    {
        services.AddScoped<EarlyInterventionWorkflow>();
        services.AddScoped<MeetingWorkflow>();
        services.AddScoped<Deadlines.IWatch, EarlyInterventionTick>();
        return services;
    }

    public static RouteGroupBuilder MapOversight(this RouteGroupBuilder api)
    {
        var group = api.MapGroup("/early-intervention").WithTags("Early intervention").RequireAuthorization(Identity.StaffPolicy);
        group.MapGet("/policies", async (EarlyInterventionWorkflow w, CancellationToken ct) => TypedResults.Ok(await w.PoliciesAsync(ct)));
        group.MapPost("/policies", async (EarlyInterventionWorkflow w, PolicyInput input, Actor actor, CancellationToken ct) =>
            (await w.SetPolicyAsync(null, actor, input, ct)).ToHttp());
        group.MapPut("/policies/{id:guid}", async (EarlyInterventionWorkflow w, Guid id, PolicyInput input, Actor actor, CancellationToken ct) =>
            (await w.SetPolicyAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/evaluation", async (EarlyInterventionWorkflow w, Actor actor, CancellationToken ct) => (await w.RunAsync(actor, ct)).ToHttp());
        group.MapGet("/alerts", async (EarlyInterventionWorkflow w, bool? open, int? page, int? pageSize, Actor actor, CancellationToken ct) =>
            (await w.AlertsAsync(actor, open ?? true, page, pageSize, ct)).ToHttp());
        group.MapPost("/alerts/{id:guid}/review", async (EarlyInterventionWorkflow w, Guid id, Actor actor, CancellationToken ct) =>
            (await w.ReviewAsync(id, actor, ct)).ToHttp());
        group.MapPost("/alerts/{id:guid}/outcome", async (EarlyInterventionWorkflow w, Guid id, OutcomeInput input, Actor actor, CancellationToken ct) =>
            (await w.CloseAsync(id, actor, input, ct)).ToHttp());
        var agreements = api.MapGroup("/agreements").WithTags("Meetings").RequireAuthorization(Identity.StaffPolicy);
        agreements.MapGet("/{id:guid}/meetings", async (MeetingWorkflow w, Guid id, CancellationToken ct) => (await w.ListAsync(id, ct)).ToHttp());
        agreements.MapPost("/{id:guid}/meetings", async (MeetingWorkflow w, Guid id, MeetingInput input, Actor actor, CancellationToken ct) =>
            (await w.RecordAsync(id, actor, input, ct)).ToHttp());
        var meetings = api.MapGroup("/meetings").WithTags("Meetings").RequireAuthorization(Identity.StaffPolicy);
        meetings.MapPost("/{id:guid}/summary-approval", async (MeetingWorkflow w, Guid id, Actor actor, CancellationToken ct) =>
            (await w.ApproveSummaryAsync(id, actor, ct)).ToHttp());
        api.MapGroup("/meeting-actions").WithTags("Meetings").RequireAuthorization(Identity.StaffPolicy)
            .MapPost("/{id:guid}/done", async (MeetingWorkflow w, Guid id, DoneInput input, Actor actor, CancellationToken ct) =>
                (await w.DoneAsync(id, actor, input, ct)).ToHttp());
        return api;
    }
}

internal sealed class InterventionPolicyConfiguration : IEntityTypeConfiguration<InterventionPolicy>
{
    public void Configure(EntityTypeBuilder<InterventionPolicy> b)
    {
        b.Property(p => p.Version).IsConcurrencyToken();
        b.HasIndex(p => p.Active);
    }
}

internal sealed class EarlyAlertConfiguration : IEntityTypeConfiguration<EarlyAlert>
{
    public void Configure(EntityTypeBuilder<EarlyAlert> b)
    {
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => new { a.PolicyId, a.Status });
        b.HasIndex(a => new { a.Status, a.RaisedAt });
        b.HasIndex(a => a.OfficerId);
        b.HasOne<Officers.Officer>().WithMany().HasForeignKey(a => a.OfficerId).OnDelete(DeleteBehavior.Restrict);
        b.HasOne<InterventionPolicy>().WithMany().HasForeignKey(a => a.PolicyId).OnDelete(DeleteBehavior.Restrict);
    }
}
