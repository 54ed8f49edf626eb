using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Complaints;

public static class ComplaintsApi
{
    public static void Map(RouteGroupBuilder api)
    {
        // Anyone, without an account: file, then look up the status by the receipt's tracking number. Writes are limited per address.
        var pub = api.MapGroup("/public/complaints").WithTags("Public complaints").AllowAnonymous().RequireRateLimiting(RateLimits.AnonymousWrite);
        pub.MapPost("/", async (PublicComplaints p, ComplaintInput input, CancellationToken ct) =>
        {
            var receipt = await p.SubmitAsync(input, ct);
            return receipt.IsSuccess ? Results.Created($"/api/v1/public/complaints/{receipt.Value.TrackingNumber}", receipt.Value) : receipt.Error!.ToProblem();
        });
        pub.MapGet("/{trackingNumber}", async (PublicComplaints p, string trackingNumber, CancellationToken ct) =>
            (await p.StatusAsync(trackingNumber, ct)).ToHttp());

        var group = api.MapGroup("/complaints").WithTags("Complaints").RequireAuthorization(Identity.StaffPolicy);
        group.MapGet("/", async (ComplaintWorkflow w, string? status, Guid? agencyId, int? page, int? pageSize, Actor actor, CancellationToken ct) =>
            (await w.ListAsync(actor, status, agencyId, page, pageSize, ct)).ToHttp());
        group.MapPost("/", async (ComplaintWorkflow w, ComplaintInput input, Actor actor, CancellationToken ct) =>
        {
            var taken = await w.TakeAsync(actor, input, ct);
            return taken.IsSuccess ? Results.Created($"/api/v1/complaints/{taken.Value.Id}", taken.Value) : taken.Error!.ToProblem();
        });
        group.MapGet("/{id:guid}", async (ComplaintWorkflow w, Guid id, Actor actor, CancellationToken ct) => (await w.GetAsync(id, actor, ct)).ToHttp());
        group.MapGet("/{id:guid}/letters/{kind}", async (ComplaintLetters letters, Guid id, string kind, string? lang, Actor actor, CancellationToken ct) =>
            (await letters.PdfAsync(id, kind, lang, actor, ct)).ToPdf());
        group.MapPost("/{id:guid}/person-data", async (ComplaintWorkflow w, Guid id, RevealInput input, Actor actor, CancellationToken ct) =>
            (await w.RevealAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/links", async (ComplaintWorkflow w, Guid id, LinkInput input, Actor actor, CancellationToken ct) =>
            (await w.LinkAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/allegations", async (ComplaintWorkflow w, Guid id, AllegationInput input, Actor actor, CancellationToken ct) =>
            (await w.AllegeAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/ice-notice", async (ComplaintWorkflow w, Guid id, StepInput input, Actor actor, CancellationToken ct) =>
            (await w.NotifyIceAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/opr-report", async (ComplaintWorkflow w, Guid id, StepInput input, Actor actor, CancellationToken ct) =>
            (await w.ReportToOprAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/referrals", async (ComplaintWorkflow w, Guid id, ReferralInput input, Actor actor, CancellationToken ct) =>
            (await w.ReferAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/resolution", async (ComplaintWorkflow w, Guid id, ResolveInput input, Actor actor, CancellationToken ct) =>
            (await w.ResolveAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/outcome-report", async (ComplaintWorkflow w, Guid id, StepInput input, Actor actor, CancellationToken ct) =>
            (await w.ReportOutcomeAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/told", async (ComplaintWorkflow w, Guid id, TellInput input, Actor actor, CancellationToken ct) =>
            (await w.TellAsync(id, actor, input, ct)).ToHttp());
        group.MapPost("/{id:guid}/closure", async (ComplaintWorkflow w, Guid id, Actor actor, CancellationToken ct) =>
            (await w.CloseAsync(id, actor, ct)).ToHttp());
        var measures = api.MapGroup("/measures").WithTags("Complaints").RequireAuthorization(Identity.StaffPolicy);
        measures.MapGet("/oversight", async (OversightMeasures m, string? level, string? subject, DateOnly? from, DateOnly? to, Actor actor, CancellationToken ct) =>
            (await m.FiguresAsync(actor, level, subject, from, to, ct)).ToHttp());
        measures.MapGet("/oversight.csv", async (OversightMeasures m, string? level, string? subject, DateOnly? from, DateOnly? to, Actor actor,
            CancellationToken ct) =>
        {
            var figures = await m.FiguresAsync(actor, level, subject, from, to, ct);
            return figures.IsSuccess ? Results.File(System.Text.Encoding.UTF8.GetBytes(OversightMeasures.Csv(figures.Value)), "text/csv; charset=utf-8",
                "oversight-measures.csv") : (IResult)figures.Error!.ToProblem();
        });
        api.MapGroup("/complaint-allegations").WithTags("Complaints").RequireAuthorization(Identity.StaffPolicy)
            .MapPost("/{id:guid}/finding", async (ComplaintWorkflow w, Guid id, FindingInput input, Actor actor, CancellationToken ct) =>
                (await w.FindAsync(id, actor, input, ct)).ToHttp());
    }
}
