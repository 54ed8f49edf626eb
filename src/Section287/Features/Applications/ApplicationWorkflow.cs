using Section287.Features.Shared;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agencies;
using Section287.Features.Agreements;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;

namespace Section287.Features.Applications;

public sealed record EditApplicationInput(long? Version, ApplicationContent? Content);

public sealed record CheckInput(string? Item, bool? Satisfied, string? Note);

public sealed record QuestionsInput(string? Questions);

public sealed record AnswerInput(string? Answer);

public sealed record PrepareDecisionInput(string? Outcome, string? Rationale);

public sealed record WithdrawInput(string? Reason);

/// <summary>
/// The application's use cases. Each loads the application within the user's scope (404 otherwise), checks
/// the role (403), applies the rule on <see cref="Application"/> (422 or 400), keeps its deadlines and
/// notifications in step, and saves once.
/// </summary>
public sealed class ApplicationWorkflow(
    AppDbContext db, ChangeContext change, TimeProvider clock, DeadlineBook deadlines, Notifier notify, ApplicationQueries queries)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    public async Task<Result<ApplicationView>> StartAsync(Actor actor, CancellationToken ct)
    {
        if (actor.Role != Role.AgencyCoordinator || actor.AgencyId is not { } agencyId) return ApplicationErrors.AgencyOnly;
        var application = Application.Start(agencyId);
        db.Applications.Add(application);
        change.For("application.start", "Started an application");
        await db.SaveChangesAsync(ct);
        return await queries.GetAsync(application.Id, ct);
    }

    /// <summary>An edit names the version it was made from, so that two edits at once never merge: the later gets 409.</summary>
    public Task<Result<ApplicationView>> EditAsync(Guid id, Actor actor, EditApplicationInput input, CancellationToken ct) => input.Version is null
        ? Task.FromResult<Result<ApplicationView>>(Error.Invalid("application.version_required", "Send the version of the application you are changing.",
            new Dictionary<string, string[]> { ["version"] = ["Send the application's version, as read."] }))
        : ApplyAsync(id, actor, Role.AgencyCoordinator, "application.edit", "Changed the application", input.Version, async a =>
        {
            var held = await db.Agreements.Where(g => g.AgencyId == a.AgencyId && (g.Status == AgreementStatus.Active || g.Status == AgreementStatus.Suspended
                    || g.Status == AgreementStatus.Draft || g.Status == AgreementStatus.PendingSignature))
                .Select(g => g.Model).ToListAsync(ct);
            return a.Edit(input.Content, held);
        }, ct);

    public Task<Result<ApplicationView>> SubmitAsync(Guid id, Actor actor, long? version, CancellationToken ct) =>
        ApplyAsync(id, actor, Role.AgencyCoordinator, "application.submit", "Submitted the application", version, async a =>
        {
            if (a.Submit(clock.Today(), Now) is { } refused) return refused;
            var label = await LabelAsync(a, ct);
            deadlines.Open(DeadlineRules.ApplicationIntake, a.AgencyId, "application", a.Id, label);
            await notify.ToRoleAsync(Role.ProgramOffice, a.AgencyId, "application.submitted", $"New application: {label}", Links.For("application", a.Id), ct);
            return null;
        }, ct);

    public Task<Result<ApplicationView>> StartReviewAsync(Guid id, Actor actor, CancellationToken ct) =>
        ApplyAsync(id, actor, Role.ProgramOffice, "application.start_review", "Took the application for review", null, async a =>
        {
            if (a.StartReview(actor) is { } refused) return refused;
            await deadlines.CloseAsync(a.Id, DeadlineRules.ApplicationIntake, ct);
            deadlines.Open(DeadlineRules.ApplicationReview, a.AgencyId, "application", a.Id, await LabelAsync(a, ct), actor.Id);
            return null;
        }, ct);

    public Task<Result<ApplicationView>> CheckAsync(Guid id, Actor actor, CheckInput input, CancellationToken ct) =>
        ApplyAsync(id, actor, Role.ProgramOffice, "application.check", $"Checklist: {input.Item}", null, a =>
        {
            if (string.IsNullOrWhiteSpace(input.Item) || input.Satisfied is null)
                return Task.FromResult<Error?>(Error.Invalid("application.check_invalid", "Choose an item and say whether it is satisfied.",
                    new Dictionary<string, string[]> { ["satisfied"] = ["Say whether the item is satisfied."] }));
            return Task.FromResult(a.Check(input.Item.Trim(), input.Satisfied.Value, input.Note, actor, Now));
        }, ct);

    /// <summary>
    /// The whole checklist at once, as the review page sends it: every answered item is recorded, items left unanswered are
    /// left as they were. All or nothing: one refused item leaves the checklist unchanged.
    /// </summary>
    public Task<Result<ApplicationView>> CheckAllAsync(Guid id, Actor actor, IReadOnlyList<CheckInput> checks, CancellationToken ct) =>
        ApplyAsync(id, actor, Role.ProgramOffice, "application.check", "Checklist: " + string.Join(", ", checks.Where(c => c.Satisfied is not null)
            .Select(c => c.Item)), null, a =>
        {
            var answered = checks.Where(c => c.Satisfied is not null && !string.IsNullOrWhiteSpace(c.Item)).ToList();
            if (answered.Count == 0)
                return Task.FromResult<Error?>(Error.Invalid("application.check_invalid", "Say for at least one item whether it is satisfied.",
                    new Dictionary<string, string[]> { ["checklist"] = ["Say for at least one item whether it is satisfied."] }));
            foreach (var c in answered)
            {
                // An item sent back as it was is not a change (and must not void a prepared decision).
                var saved = a.Checklist.FirstOrDefault(x => x.Item == c.Item!.Trim());
                if (saved is not null && saved.Satisfied == c.Satisfied && (saved.Note ?? "") == (string.IsNullOrWhiteSpace(c.Note) ? "" : c.Note.Trim())) continue;
                if (a.Check(c.Item!.Trim(), c.Satisfied!.Value, c.Note, actor, Now) is { } refused) return Task.FromResult<Error?>(refused);
            }
            return Task.FromResult<Error?>(null);
        }, ct);

    public Task<Result<ApplicationView>> RequestInformationAsync(Guid id, Actor actor, QuestionsInput input, CancellationToken ct) =>
        ApplyAsync(id, actor, Role.ProgramOffice, "application.request_information", "Asked the agency for more information", null, async a =>
        {
            if (a.RequestInformation(input.Questions, actor, Now) is { } refused) return refused;
            // The reviewer has acted: the review clock stops, and the agency's starts.
            await deadlines.CloseAsync(a.Id, [DeadlineRules.ApplicationReview, DeadlineRules.ApplicationDecisionApproval], ct);
            var label = await LabelAsync(a, ct);
            deadlines.Open(DeadlineRules.ApplicationAgencyAnswer, a.AgencyId, "application", a.Id, label);
            await notify.ToRoleAsync(Role.AgencyCoordinator, a.AgencyId, "application.information_requested",
                $"ICE asks for more information on your application: {label}", Links.For("application", a.Id), ct);
            return null;
        }, ct);

    public Task<Result<ApplicationView>> AnswerAsync(Guid id, Actor actor, AnswerInput input, CancellationToken ct) =>
        ApplyAsync(id, actor, Role.AgencyCoordinator, "application.answer", "Answered ICE's questions", null, async a =>
        {
            if (a.Answer(input.Answer, actor, Now) is { } refused) return refused;
            await deadlines.CloseAsync(a.Id, DeadlineRules.ApplicationAgencyAnswer, ct);
            var label = await LabelAsync(a, ct);
            deadlines.Open(DeadlineRules.ApplicationReview, a.AgencyId, "application", a.Id, label, a.ReviewerId);
            if (a.ReviewerId is { } reviewer)
                await notify.ToUserAsync(reviewer, a.AgencyId, "application.answered", $"The agency answered your questions: {label}",
                    Links.For("application", a.Id), ct);
            return null;
        }, ct);

    public Task<Result<ApplicationView>> PrepareDecisionAsync(Guid id, Actor actor, PrepareDecisionInput input, CancellationToken ct) =>
        ApplyAsync(id, actor, Role.ProgramOffice, "application.prepare_decision", input.Rationale ?? "", null, async a =>
        {
            ApplicationOutcome? outcome = input.Outcome?.Trim().ToLowerInvariant() switch
            {
                "approve" => ApplicationOutcome.Approve,
                "deny" => ApplicationOutcome.Deny,
                _ => null,
            };
            if (outcome is null)
                return Error.Invalid("application.outcome_invalid", "Choose approve or deny.",
                    new Dictionary<string, string[]> { ["outcome"] = ["Choose approve or deny."] });
            if (a.PrepareDecision(outcome.Value, input.Rationale, actor, clock.Today(), Now) is { } refused) return refused;
            // A decision prepared again replaces the one waiting for approval, and its wait.
            await deadlines.CloseAsync(a.Id, DeadlineRules.ApplicationDecisionApproval, ct);
            var label = await LabelAsync(a, ct);
            deadlines.Open(DeadlineRules.ApplicationDecisionApproval, a.AgencyId, "application", a.Id, label);
            await notify.ToRoleAsync(Role.ProgramOffice, a.AgencyId, "application.decision_prepared",
                $"A decision to {input.Outcome!.Trim().ToLowerInvariant()} waits for a second reviewer: {label}", Links.For("application", a.Id), ct);
            return null;
        }, ct);

    public Task<Result<ApplicationView>> ApproveDecisionAsync(Guid id, Actor actor, CancellationToken ct) =>
        ApplyAsync(id, actor, Role.ProgramOffice, "application.approve_decision", "Approved the prepared decision", null, async a =>
        {
            if (a.ApproveDecision(actor, Now) is { } refused) return refused;
            await deadlines.FinishAsync(a.Id, [DeadlineRules.ApplicationDecisionApproval, DeadlineRules.ApplicationReview], ct);
            var label = await LabelAsync(a, ct);
            if (a.Status == ApplicationStatus.Approved) await DraftAgreementsAsync(a, actor, ct);
            await notify.ToRoleAsync(Role.AgencyCoordinator, a.AgencyId, "application.decided",
                $"ICE {(a.Status == ApplicationStatus.Approved ? "approved" : "denied")} your application: {label}", Links.For("application", a.Id), ct);
            return null;
        }, ct);

    public Task<Result<ApplicationView>> ReturnDecisionAsync(Guid id, Actor actor, CancellationToken ct) =>
        ApplyAsync(id, actor, Role.ProgramOffice, "application.return_decision", "Set aside the prepared decision", null, async a =>
        {
            var preparer = a.PreparedById;
            if (a.ReturnDecision(actor) is { } refused) return refused;
            await deadlines.CloseAsync(a.Id, DeadlineRules.ApplicationDecisionApproval, ct);
            if (preparer is { } p)
                await notify.ToUserAsync(p, a.AgencyId, "application.decision_returned",
                    $"Your prepared decision was set aside: {await LabelAsync(a, ct)}", Links.For("application", a.Id), ct);
            return null;
        }, ct);

    public Task<Result<ApplicationView>> WithdrawAsync(Guid id, Actor actor, WithdrawInput input, CancellationToken ct) =>
        ApplyAsync(id, actor, Role.AgencyCoordinator, "application.withdraw", input.Reason ?? "", null, async a =>
        {
            if (a.Withdraw(input.Reason) is { } refused) return refused;
            await deadlines.CancelAllAsync(a.Id, ct);
            return null;
        }, ct);

    /// <summary>An approved application becomes one draft agreement per model, each with its text from our template.</summary>
    private async Task DraftAgreementsAsync(Application application, Actor actor, CancellationToken ct)
    {
        var agency = await db.Agencies.SingleAsync(x => x.Id == application.AgencyId, ct);
        var contacts = await db.AgencyContacts.Where(c => c.AgencyId == agency.Id).OrderBy(c => c.Name).ToListAsync(ct);
        foreach (var requested in application.Models.OrderBy(m => m.Model))
        {
            var sections = AgreementTemplate.Draft(agency, requested.Model, requested.Officers, contacts);
            db.Agreements.Add(Agreement.DraftFrom(agency, requested.Model, application.Id, sections, actor.Id, actor.Name, clock.Today(), Now));
        }
    }

    private async Task<string> LabelAsync(Application a, CancellationToken ct)
    {
        var name = await db.Agencies.Where(x => x.Id == a.AgencyId).Select(x => x.Name).SingleAsync(ct);
        return $"{name} — application for {ApplicationViewText.ModelsLabel(a.Models.Select(m => m.Model))}";
    }

    private async Task<Result<ApplicationView>> ApplyAsync(
        Guid id, Actor actor, Role role, string action, string reason, long? expectedVersion, Func<Application, Task<Error?>> rule, CancellationToken ct)
    {
        var application = await queries.LoadAsync(id, ct);
        if (application is null) return ApplicationErrors.NotFound;
        if (actor.Role != role) return role == Role.ProgramOffice ? ApplicationErrors.IceOnly : ApplicationErrors.AgencyOnly;
        if (expectedVersion is { } v && v != application.Version) return CommonErrors.StaleEdit;
        if (await rule(application) is { } refused) return refused;
        change.For(action, reason.Trim());
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await queries.GetAsync(id, ct);
    }
}
