using Section287.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Applications;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;

namespace Section287.Features.Agreements;

public sealed record EditSectionInput(string? Text);

public sealed record SignInput(string? SignatoryName, string? SignatoryTitle);

public sealed record AmendInput(string? Summary, IReadOnlyDictionary<string, string>? Sections);

public sealed record MilestoneInput(string? Kind, DateOnly? HeldOn, string? Summary);

public sealed record VersionSummary(int Number, string Status, string Summary, DateOnly? EffectiveOn, DateTime CreatedAt, string CreatedByName,
    string? AgencySignatory, DateTime? AgencySignedAt, string? IceSignatory, DateTime? IceSignedAt);

public sealed record VersionView(Guid AgreementId, int Number, string Status, string Summary, DateOnly? EffectiveOn, DateTime CreatedAt, string CreatedByName,
    IReadOnlyList<AgreementSection> Sections, IReadOnlyList<SectionChange> Changes,
    string? AgencySignatory, DateTime? AgencySignedAt, string? IceSignatory, DateTime? IceSignedAt, string? BaseDocumentUrl, long Version);

public sealed record HistoryItem(string Kind, DateOnly EffectiveOn, DateTime RecordedAt, IReadOnlyList<FieldChange> Changes);

public sealed record AgreementView(Guid Id, Guid AgencyId, string AgencyName, string Model, string ModelName, string Status, string Source, Guid? ApplicationId,
    DateOnly? SignedOn, DateOnly? ActivatedOn, int? CurrentVersion, string? MoaUrl,
    DateOnly? SuspendedOn, DateOnly? SuspendedUntil, string? SuspensionReason, string? SuspensionResponse,
    DateOnly? TerminationNoticeOn, string? TerminationBy, DateOnly? TerminationEffectiveOn, string? TerminationReason,
    IReadOnlyList<DesignatedFunction> Functions, IReadOnlyList<VersionSummary> Versions, IReadOnlyList<DeadlineView> Deadlines,
    IReadOnlyList<HistoryItem> History, long Version)
{
    /// <summary>When a noticed suspension takes (or took) effect; the notice itself is in the history.</summary>
    public DateOnly? SuspensionEffectiveOn { get; init; }
}

/// <summary>
/// The agreement from draft to signatures, amendments and the reviews its timers wait for. ICE's program office
/// edits drafts, sends them and signs for ICE; the agency's coordinator records the signature of the agency's head.
/// </summary>
public sealed class AgreementWorkflow(AppDbContext db, ChangeContext change, TimeProvider clock, DeadlineBook deadlines, Notifier notify)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private IQueryable<Agreement> InScope => db.Agreements.Where(a => db.AgenciesInScope.Any(s => s.Id == a.AgencyId));

    public async Task<Result<AgreementView>> GetAsync(Guid id, CancellationToken ct)
    {
        var a = await InScope.AsNoTracking().Include(x => x.Versions).Include(x => x.History).Include(x => x.Agency).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return AgreementErrors.NotFound;
        var deadlines = await DeadlineView.OfSubjectAsync(db, id, Now, ct);
        return new AgreementView(a.Id, a.AgencyId, a.Agency.Name, a.Model.Code(), a.Model.IceName(), a.Status.Code(), a.Source.Code(),
            a.ApplicationId, a.SignedOn, a.ActivatedOn, a.CurrentVersion, a.MoaUrl,
            a.SuspendedOn, a.SuspendedUntil, a.SuspensionReason, a.SuspensionResponse, a.TerminationNoticeOn, a.TerminationBy,
                a.TerminationEffectiveOn, a.TerminationReason,
            DesignatedFunctions.Of(a.Model),
            a.Versions.OrderBy(v => v.Number).Select(v => new VersionSummary(v.Number, v.Status.Code(), v.Summary, v.EffectiveOn, v.CreatedAt, v.CreatedByName,
                Signatory(v.AgencySignatoryName, v.AgencySignatoryTitle), v.AgencySignedAt, Signatory(v.IceSignatoryName, v.IceSignatoryTitle),
                    v.IceSignedAt)).ToList(),
            deadlines,
            a.History.OrderBy(h => h.RecordedAt).ThenBy(h => h.Id).Select(h => new HistoryItem(h.Kind.ToString(), h.EffectiveOn, h.RecordedAt,
                h.ReadFields())).ToList(),
            a.Version) { SuspensionEffectiveOn = a.SuspensionEffectiveOn };
    }

    public async Task<Result<VersionView>> GetVersionAsync(Guid id, int number, CancellationToken ct)
    {
        var a = await InScope.AsNoTracking().Include(x => x.Versions).FirstOrDefaultAsync(x => x.Id == id, ct);
        if (a is null) return AgreementErrors.NotFound;
        var v = a.Versions.FirstOrDefault(x => x.Number == number);
        if (v is null) return Error.NotFound("agreement.version_not_found", $"This agreement has no version {number}.");
        return new VersionView(a.Id, v.Number, v.Status.Code(), v.Summary, v.EffectiveOn, v.CreatedAt, v.CreatedByName, v.Sections(), v.Changes(),
            Signatory(v.AgencySignatoryName, v.AgencySignatoryTitle), v.AgencySignedAt, Signatory(v.IceSignatoryName, v.IceSignatoryTitle), v.IceSignedAt,
            a.Source == AgreementSource.IceList ? a.MoaUrl ?? "ICE's signed MOA (not published)" : null, v.Version);
    }

    public async Task<Result<(byte[] Pdf, string FileName)>> PdfAsync(Guid id, int number, CancellationToken ct)
    {
        var version = await GetVersionAsync(id, number, ct);
        if (!version.IsSuccess) return version.Error!;
        var a = await InScope.AsNoTracking().Include(x => x.Agency).SingleAsync(x => x.Id == id, ct);
        var v = version.Value;
        var pdf = AgreementDocument.Pdf(new AgreementDocumentData(a.Agency.Name, a.Model, v.Number, v.Status, v.Summary, v.EffectiveOn, v.Sections, v.Changes,
            v.AgencySignatory, v.AgencySignedAt, v.IceSignatory, v.IceSignedAt, v.BaseDocumentUrl));
        return (pdf, $"agreement-{a.Model.Code()}-{a.Id:N}-v{v.Number}.pdf");
    }

    public Task<Result<AgreementView>> EditDraftAsync(Guid id, string section, Actor actor, EditSectionInput input, CancellationToken ct) =>
        ApplyAsync(id, actor.Role == Role.ProgramOffice, AgreementErrors.IceOnly, "agreement.edit_draft", $"Edited section {section}", a =>
            Task.FromResult(a.EditDraft(section, input.Text)), ct);

    public Task<Result<AgreementView>> SendForSignatureAsync(Guid id, Actor actor, CancellationToken ct) =>
        ApplyAsync(id, actor.Role == Role.ProgramOffice, AgreementErrors.IceOnly, "agreement.send_for_signature", "Sent for signature", async a =>
        {
            if (a.SendForSignature(clock.Today(), Now) is { } refused) return refused;
            await OpenSignatureDeadlinesAsync(a, "The agreement is ready for your agency's signature", ct);
            return null;
        }, ct);

    public Task<Result<AgreementView>> SignAsync(Guid id, Actor actor, SignInput input, CancellationToken ct) =>
        ApplyAsync(id, actor.Role is Role.ProgramOffice or Role.AgencyCoordinator, AgreementErrors.SignForOwnSideOnly, "agreement.sign",
            $"Signed for {(actor.Role == Role.ProgramOffice ? "ICE" : "the agency")}", async a =>
        {
            var forIce = actor.Role == Role.ProgramOffice;
            var wasActive = a.Status != AgreementStatus.PendingSignature;
            var signed = a.Sign(forIce, input.SignatoryName, input.SignatoryTitle, actor.Id, clock.Today(), Now);
            if (!signed.IsSuccess) return signed.Error;
            await deadlines.CloseAsync(a.Id, forIce ? DeadlineRules.AgreementIceSignature : DeadlineRules.AgreementAgencySignature, ct);
            if (!signed.Value) return null;
            var label = await LabelAsync(a, ct);
            if (!wasActive)
            {
                // Per model (ReviewTimers): the first review, ICE's three-year review, ICE's equipment.
                foreach (var rule in ReviewTimers.OnActivation(a.Model)) deadlines.Open(rule, a.AgencyId, "agreement", a.Id, label);
            }
            var text = wasActive ? $"An amendment came into force: {label}" : $"The agreement is signed by both parties and active: {label}";
            await notify.ToRoleAsync(Role.AgencyCoordinator, a.AgencyId, "agreement.signed", text, Links.For("agreement", a.Id), ct);
            await notify.ToRoleAsync(Role.FieldSupervisor, a.AgencyId, "agreement.signed", text, Links.For("agreement", a.Id), ct);
            return null;
        }, ct);

    public Task<Result<AgreementView>> AmendAsync(Guid id, Actor actor, AmendInput input, CancellationToken ct) =>
        ApplyAsync(id, actor.Role == Role.ProgramOffice, AgreementErrors.IceOnly, "agreement.amend", input.Summary ?? "", async a =>
        {
            var sections = (input.Sections ?? new Dictionary<string, string>())
                .Where(kv => !string.IsNullOrWhiteSpace(kv.Value)).ToDictionary(kv => kv.Key, kv => kv.Value);
            var drafted = a.DraftAmendment(input.Summary, sections, actor.Id, actor.Name, clock.Today(), Now);
            if (!drafted.IsSuccess) return drafted.Error;
            await OpenSignatureDeadlinesAsync(a, "An amendment of the agreement is ready for your agency's signature", ct);
            return null;
        }, ct);

    /// <summary>Records a review, meeting or installation: the timer it meets closes and, for recurring ones, the next starts.</summary>
    public Task<Result<AgreementView>> RecordMilestoneAsync(Guid id, Actor actor, MilestoneInput input, CancellationToken ct) =>
        ApplyAsync(id, actor.Role is Role.ProgramOffice or Role.FieldSupervisor, AgreementErrors.IceOnly, $"agreement.{input.Kind}", input.Summary
            ?? "", async a =>
        {
            var code = input.Kind?.Trim().ToLowerInvariant();
            if (ReviewTimers.All.FirstOrDefault(x => x.Code == code) is not { } m || input.HeldOn is not { } heldOn)
                return Error.Invalid("agreement.milestone_invalid", "Say what happened and when.", new Dictionary<string, string[]>
                {
                    ["kind"] = [$"Choose one of: {string.Join(", ", ReviewTimers.Of(a.Model).Select(x => x.Code))}."],
                    ["heldOn"] = ["Give the date (YYYY-MM-DD)."],
                });
            if (a.RecordMilestone(m, heldOn, input.Summary, clock.Today(), Now) is { } refused) return refused;
            if (m.Meets is { } meets) await deadlines.CloseAsync(a.Id, meets, ct);
            var label = await LabelAsync(a, ct);
            if (m.Next is { } next) deadlines.Open(next, a.AgencyId, "agreement", a.Id, label, startUtc: Clock.EndOfDayUtc(heldOn));
            // The operational date: the first review is counted from it rather than from activation (section V.B).
            if (m.Restarts is { } restarts && await deadlines.HasOpenAsync(a.Id, restarts, ct))
            {
                await deadlines.CancelAsync(a.Id, [restarts], ct);
                deadlines.Open(restarts, a.AgencyId, "agreement", a.Id, label, startUtc: Clock.StartOfDayUtc(heldOn));
            }
            return null;
        }, ct);

    private async Task OpenSignatureDeadlinesAsync(Agreement a, string text, CancellationToken ct)
    {
        var label = await LabelAsync(a, ct);
        deadlines.Open(DeadlineRules.AgreementAgencySignature, a.AgencyId, "agreement", a.Id, label);
        deadlines.Open(DeadlineRules.AgreementIceSignature, a.AgencyId, "agreement", a.Id, label);
        await notify.ToRoleAsync(Role.AgencyCoordinator, a.AgencyId, "agreement.signature_requested", $"{text}: {label}", Links.For("agreement", a.Id), ct);
    }

    private async Task<string> LabelAsync(Agreement a, CancellationToken ct)
    {
        var name = await db.Agencies.Where(x => x.Id == a.AgencyId).Select(x => x.Name).SingleAsync(ct);
        return $"{name} — {a.Model.IceName()} agreement";
    }

    private static string? Signatory(string? name, string? title) => name is null ? null : $"{name}, {title}";

    private async Task<Result<AgreementView>> ApplyAsync(Guid id, bool roleAllowed, Error forbidden, string action, string reason,
        Func<Agreement, Task<Error?>> rule, CancellationToken ct)
    {
        var agreement = await InScope.Include(a => a.History).Include(a => a.Versions).AsSplitQuery().FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agreement is null) return AgreementErrors.NotFound;
        if (!roleAllowed) return forbidden;
        if (await rule(agreement) is { } refused) return refused;
        change.For(action, reason.Trim());
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(id, ct);
    }
}
