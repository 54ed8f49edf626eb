using Section287.Features.Shared;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;
using Section287.Features.Officers;

namespace Section287.Features.Encounters;

/// <summary>Detainer requests and ICE's review, answer and transmission; ICE's review of charging documents.</summary>
public sealed partial class EncounterWorkflow
{
    public Task<Result<EncounterView>> RequestDetainerAsync(Guid id, Actor actor, DetainerInput input, CancellationToken ct) =>
        OfficerAppliesAsync(id, actor, "detainer.request", async (e, authority, now, terms) =>
        {
            var requested = e.RequestDetainer(input, As(actor), authority, now, terms);
            if (!requested.IsSuccess) return requested.Error;
            deadlines.Open(DeadlineRules.DetainerReview, e.AgencyId, "encounter", e.Id, $"{e.Number} — detainer to review");
            await notify.ToRoleAsync(Role.FieldSupervisor, e.AgencyId, "detainer.requested", $"Detainer to review: {e.Number}",
                Links.For("encounter", e.Id), ct);
            return null;
        }, ct);

    public Task<Result<EncounterView>> AnswerDetainerAsync(Guid detainerId, Actor actor, AnswerInput input, CancellationToken ct) =>
        OnDetainerAsync(detainerId, actor, officerSide: true, "detainer.answer", async (e, d, now) =>
        {
            var answered = e.AnswerDetainer(d.Id, input.Answer, As(actor), now);
            if (!answered.IsSuccess) return answered.Error;
            deadlines.Open(DeadlineRules.DetainerReview, e.AgencyId, "encounter", e.Id, $"{e.Number} — detainer to review again");
            await notify.ToRoleAsync(Role.FieldSupervisor, e.AgencyId, "detainer.answered", $"The officer answered your questions: {e.Number}",
                Links.For("encounter", e.Id), ct);
            return null;
        }, ct);

    public Task<Result<EncounterView>> TransmitDetainerAsync(Guid detainerId, Actor actor, CancellationToken ct) =>
        OnDetainerAsync(detainerId, actor, officerSide: true, "detainer.transmit", async (e, d, now) =>
        {
            var sent = e.MarkTransmitted(d.Id, As(actor), now);
            if (!sent.IsSuccess) return sent.Error;
            await deadlines.CloseAsync(e.Id, DeadlineRules.DetainerTransmit, ct);
            return null;
        }, ct);

    /// <summary>An ICE supervisor approves (issues), returns with questions, or declines a detainer request.</summary>
    public Task<Result<EncounterView>> ReviewDetainerAsync(Guid detainerId, Actor actor, ReviewInput input, CancellationToken ct) =>
        OnDetainerAsync(detainerId, actor, officerSide: false, $"detainer.{input.Decision}", async (e, d, now) =>
        {
            var reviewed = e.ReviewDetainer(d.Id, input.Decision, input.Note, As(actor), now);
            if (!reviewed.IsSuccess) return reviewed.Error;
            await deadlines.CloseAsync(e.Id, DeadlineRules.DetainerReview, ct);
            var link = Links.For("encounter", e.Id);
            switch (reviewed.Value.Status)
            {
                case DetainerStatus.Issued:
                    deadlines.Open(DeadlineRules.DetainerTransmit, e.AgencyId, "encounter", e.Id, $"{e.Number} — send the detainer to ICE", d.RequestedById);
                    await SetHoldDeadlineAsync(e, $"{e.Number} — hold on the detainer", ct);
                    await notify.ToUserAsync(d.RequestedById, e.AgencyId, "detainer.issued",
                        $"Detainer approved and issued: {e.Number}. Serve it on the person before the release, and send it to ICE within 24 hours.", link, ct);
                    break;
                case DetainerStatus.Returned:
                    await notify.ToUserAsync(d.RequestedById, e.AgencyId, "detainer.returned",
                        $"ICE returned the detainer with questions: {e.Number}", link, ct);
                    break;
                default:
                    await notify.ToUserAsync(d.RequestedById, e.AgencyId, "detainer.declined", $"ICE declined the detainer: {e.Number}", link, ct);
                    break;
            }
            return null;
        }, ct);

    /// <summary>An ICE supervisor signs a Notice to Appear or a Form I-213, or returns it with what to correct.</summary>
    public async Task<Result<EncounterView>> ReviewDocumentAsync(Guid documentId, Actor actor, ReviewInput input, CancellationToken ct)
    {
        var encounterId = await db.ChargingDocuments.Where(d => d.Id == documentId).Select(d => (Guid?)d.EncounterId).FirstOrDefaultAsync(ct);
        var e = encounterId is { } eid ? await LoadAsync(Visible(actor), eid, ct) : null;
        if (e is null) return Error.NotFound("document.not_found", "No such document among those you can see.");
        var now = Now;
        var reviewed = e.ReviewDocument(documentId, input.Decision, input.Note, As(actor), now);
        if (!reviewed.IsSuccess) return reviewed.Error!;
        if (!e.Documents.Any(d => d.Status == DocumentStatus.AwaitingSignature)) await deadlines.CloseAsync(e.Id, DeadlineRules.DocumentReview, ct);
        var d = reviewed.Value;
        var name = d.Form == "NTA" ? "Notice to Appear" : "Form I-213";
        await notify.ToUserAsync(d.PreparedById, e.AgencyId, $"document.{d.Status.Code()}",
            d.Status == DocumentStatus.Signed ? $"ICE signed the {name} {d.Reference}: {e.Number}" : $"ICE returned the {name} {d.Reference} with what to correct: {e.Number}", Links.For("encounter", e.Id), ct);
        change.For($"document.{input.Decision}", $"{e.Number}: {d.Form} {d.Reference}");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(e.Id, actor, ct);
    }
}
