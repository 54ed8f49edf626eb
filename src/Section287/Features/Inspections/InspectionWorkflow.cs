using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Common.Pdf;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;
using Section287.Features.Officers;

namespace Section287.Features.Inspections;

public sealed record ScheduleInput(DateOnly? DueOn, int? CycleMonths);

public sealed record StartInput(DateOnly? PeriodFrom, DateOnly? PeriodTo);

public sealed record AnswerInput(string? Result, string? Note);

public sealed record CooperationInput(string? Cooperation, string? Note);

public sealed record FindingInput(string? ItemCode, string? Severity, string? Description, string? CorrectiveAction, string? Owner, DateOnly? DueOn);

public sealed record ReportInput(string? Summary);

public sealed record ProofInput(string? Proof);

public sealed record PosterInput(string? Facility, IReadOnlyList<string>? Languages, string? Note);

public sealed record ItemView(Guid Id, string Code, string Title, string Source, string Evidence, string? Suggested, string? Result, string? Note, long Version);

public sealed record FindingView(Guid Id, Guid InspectionId, Guid AgencyId, string AgencyName, string? ItemCode, string Severity, string Description,
    string CorrectiveAction, string Owner, DateOnly DueOn, DateTime RecordedAt, string RecordedBy, string? Proof, DateTime? ProofAt, string? ProofBy,
    DateTime? ClosedAt, string? ClosedBy, bool Overdue);

public sealed record InspectionView(Guid Id, Guid AgencyId, string AgencyName, Guid AgreementId, string Model, DateOnly DueOn, int CycleMonths, string Status,
    string ScheduledBy, DateTime? StartedAt, string? Inspector, DateOnly? PeriodFrom, DateOnly? PeriodTo, string? Cooperation, string? CooperationNote,
    DateTime? ReportedAt, string? Summary, IReadOnlyList<ItemView> Items, IReadOnlyList<FindingView> Findings, IReadOnlyList<DeadlineView> Deadlines,
    long Version);

public sealed record InspectionSummary(Guid Id, Guid AgencyId, string AgencyName, Guid AgreementId, string Model, DateOnly DueOn, string Status,
    int OpenFindings);

public sealed record PosterView(Guid Id, string Facility, IReadOnlyList<string> Languages, DateTime AttestedAt, string AttestedBy, string? Note);

/// <summary>
/// Inspections of every agreement, every model: the program office schedules them on a cycle; ICE begins one, which generates the
/// checklist from the agreement's obligations with the evidence of the product's own records, answers each item, records findings
/// with corrective actions and the agency's cooperation, and reports; the agency proves each corrective action and ICE closes it.
/// Findings are rows, so "still open" is a query (<see cref="FindingsAsync"/>). The agency attests where its complaint posters hang.
/// </summary>
public sealed class InspectionWorkflow(AppDbContext db, ChangeContext change, TimeProvider clock, DeadlineBook deadlines, Notifier notify,
    AuthorityFactsLoader authority)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static bool IsIce(Actor actor) => actor.Role is Role.ProgramOffice or Role.FieldSupervisor;

    private IQueryable<Agreement> AgreementsInScope => db.Agreements.Where(a => db.AgenciesInScope.Any(s => s.Id == a.AgencyId));

    // ---- Reading ------------------------------------------------------------------------------------------------------

    public async Task<Result<Page<InspectionSummary>>> ListAsync(Guid? agreementId, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var query = db.Inspections.AsNoTracking();
        if (agreementId is { } a) query = query.Where(i => i.AgreementId == a);
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Codes.FromCode<InspectionStatus>(status.Trim()) is not { } s)
                return Error.Invalid("inspection.status_unknown", "Unknown status.",
                    new Dictionary<string, string[]> { ["status"] = [$"Choose one of: {string.Join(", ", Enum.GetValues<InspectionStatus>().Select(v => v.Code()))}."] });
            query = query.Where(i => i.Status == s);
        }
        var found = await query.OrderBy(i => i.DueOn).ThenBy(i => i.Id)
            .Select(i => new InspectionSummary(i.Id, i.AgencyId, db.Agencies.Where(g => g.Id == i.AgencyId).Select(g => g.Name).First(), i.AgreementId,
                i.Model.ToString(), i.DueOn, i.Status.ToString(), db.InspectionFindings.Count(f => f.InspectionId == i.Id && f.ClosedAt == null)))
            .ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
        return found with
        {
            Items = found.Items.Select(i => i with { Model = Enum.Parse<AgreementModel>(i.Model).Code(), Status = Enum.Parse<InspectionStatus>(i.Status).Code() })
                .ToList(),
        };
    }

    /// <summary>Findings in the reader's scope, the open ones by default, oldest due first: "findings still open" as a query.</summary>
    public async Task<Result<Page<FindingView>>> FindingsAsync(bool openOnly, int? page, int? pageSize, CancellationToken ct)
    {
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var query = db.InspectionFindings.AsNoTracking();
        if (openOnly) query = query.Where(f => f.ClosedAt == null);
        var today = Clock.DayOf(Now);
        return await query.OrderBy(f => f.DueOn).ThenBy(f => f.Id)
            .Select(f => new FindingView(f.Id, f.InspectionId, f.AgencyId, db.Agencies.Where(g => g.Id == f.AgencyId).Select(g => g.Name).First(), f.ItemCode,
                f.Severity.ToString(), f.Description, f.CorrectiveAction, f.Owner, f.DueOn, f.RecordedAt, f.RecordedBy, f.Proof, f.ProofAt, f.ProofBy, f.ClosedAt,
                f.ClosedBy, f.ClosedAt == null && f.DueOn < today))
            .ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
    }

    public async Task<Result<InspectionView>> GetAsync(Guid id, CancellationToken ct)
    {
        var inspection = await db.Inspections.AsNoTracking().FirstOrDefaultAsync(i => i.Id == id, ct);
        return inspection is null ? InspectionRules.NotFound : await ViewAsync(inspection, ct);
    }

    private async Task<InspectionView> ViewAsync(Inspection i, CancellationToken ct)
    {
        var agency = await db.Agencies.AsNoTracking().Where(g => g.Id == i.AgencyId).Select(g => g.Name).FirstAsync(ct);
        var items = await db.InspectionItems.AsNoTracking().Where(x => x.InspectionId == i.Id).OrderBy(x => x.Order).ToListAsync(ct);
        var findings = await db.InspectionFindings.AsNoTracking().Where(f => f.InspectionId == i.Id).OrderBy(f => f.RecordedAt).ToListAsync(ct);
        var today = Clock.DayOf(Now);
        return new InspectionView(i.Id, i.AgencyId, agency, i.AgreementId, i.Model.Code(), i.DueOn, i.CycleMonths, i.Status.Code(), i.ScheduledBy, i.StartedAt,
            i.Inspector, i.PeriodFrom, i.PeriodTo, i.Cooperation?.Code(), i.CooperationNote, i.ReportedAt, i.Summary,
            items.Select(x => new ItemView(x.Id, x.Code, x.Title, x.Source, x.Evidence, x.Suggested?.Code(), x.Result?.Code(), x.Note, x.Version)).ToList(),
            findings.Select(f => Of(f, agency, today)).ToList(),
            (await DeadlineView.OfSubjectAsync(db, i.Id, Now, ct)).Concat(await FindingDeadlinesAsync(findings, ct)).ToList(), i.Version);
    }

    private async Task<IReadOnlyList<DeadlineView>> FindingDeadlinesAsync(IReadOnlyList<InspectionFinding> findings, CancellationToken ct)
    {
        var ids = findings.Select(f => f.Id).ToList();
        return (await db.Deadlines.AsNoTracking().Where(d => ids.Contains(d.SubjectId)).OrderBy(d => d.DueAt).ToListAsync(ct)).Select(d => DeadlineView.Of(d, Now))
            .ToList();
    }

    private static FindingView Of(InspectionFinding f, string agency, DateOnly today) => new(f.Id, f.InspectionId, f.AgencyId, agency, f.ItemCode,
        f.Severity.Code(), f.Description, f.CorrectiveAction, f.Owner, f.DueOn, f.RecordedAt, f.RecordedBy, f.Proof, f.ProofAt, f.ProofBy, f.ClosedAt, f.ClosedBy,
        f.IsOpen && f.DueOn < today);

    // ---- Scheduling and the checklist ---------------------------------------------------------------------------------

    /// <summary>The program office puts an agreement (any model) on a cycle: the first inspection is due on the day given.</summary>
    public async Task<Result<InspectionView>> ScheduleAsync(Guid agreementId, Actor actor, ScheduleInput input, CancellationToken ct)
    {
        var agreement = await AgreementsInScope.FirstOrDefaultAsync(a => a.Id == agreementId, ct);
        if (agreement is null) return AgreementErrors.NotFound;
        if (actor.Role != Role.ProgramOffice) return InspectionRules.ProgramOfficeSchedules;
        var errors = new Dictionary<string, string[]>();
        if (input.DueOn is not { } due || due < Clock.DayOf(Now)) errors["dueOn"] = ["Give the day it is due, today or later."];
        if (input.CycleMonths is not (>= 1 and <= 60)) errors["cycleMonths"] = ["Give the cycle in months, from 1 to 60."];
        if (errors.Count > 0) return Error.Invalid("inspection.schedule_invalid", "The schedule is not complete.", errors);
        if (await db.Inspections.AnyAsync(i => i.AgreementId == agreementId && i.Status != InspectionStatus.Reported, ct)) return InspectionRules.OneAtATime;
        var inspection = Add(agreement, input.DueOn!.Value, input.CycleMonths!.Value, actor.Name);
        change.For("inspection.schedule", $"due {inspection.DueOn:yyyy-MM-dd}, every {inspection.CycleMonths} months");
        await db.SaveChangesAsync(ct);
        return await ViewAsync(inspection, ct);
    }

    private Inspection Add(Agreement agreement, DateOnly due, int cycle, string by)
    {
        var inspection = Inspection.Schedule(agreement, due, cycle, by);
        db.Inspections.Add(inspection);
        deadlines.OpenUntil(InspectionRules.InspectionDeadline, agreement.AgencyId, "inspection", inspection.Id, $"Inspection of {agreement.Model.IceName()}",
            Clock.EndOfDayUtc(due));
        return inspection;
    }

    /// <summary>ICE begins it: the checklist is generated for the period from the agreement's obligations and the records.</summary>
    public Task<Result<InspectionView>> StartAsync(Guid id, Actor actor, StartInput input, CancellationToken ct) =>
        StepAsync(id, actor, async i =>
        {
            var today = Clock.DayOf(Now);
            if (input.PeriodFrom is not { } from || input.PeriodTo is not { } to || to < from || to > today)
                return Error.Invalid("inspection.period_invalid", "Give the period the inspection reads: from a day to a later day, no later than today.",
                    new Dictionary<string, string[]> { ["periodTo"] = ["Give the period the inspection reads: from a day to a later day, no later than today."] });
            if (i.Start(actor.Name, from, to, Now) is { } refused) return refused;
            var order = 0;
            foreach (var item in await Checklist.BuildAsync(db, authority, i, Now, ct))
                db.InspectionItems.Add(new InspectionItem
                {
                    AgencyId = i.AgencyId, InspectionId = i.Id, Order = order++, Code = item.Code, Title = item.Title, Source = item.Source,
                    Evidence = item.Evidence, Suggested = item.Suggested,
                });
            return null;
        }, "inspection.start", "", ct);

    public async Task<Result<InspectionView>> AnswerAsync(Guid itemId, Actor actor, AnswerInput input, CancellationToken ct)
    {
        var item = await db.InspectionItems.FirstOrDefaultAsync(x => x.Id == itemId, ct);
        if (item is null) return InspectionRules.NotFound;
        return await StepAsync(item.InspectionId, actor, i =>
        {
            if (i.Status != InspectionStatus.Open) return Task.FromResult<Error?>(InspectionRules.NotOpen);
            if (Codes.FromCode<ItemResult>(input.Result?.Trim()) is not { } result)
                return Task.FromResult<Error?>(Error.Invalid("inspection.result_invalid", "Choose met, not_met or not_applicable.",
                    new Dictionary<string, string[]> { ["result"] = ["Choose met, not_met or not_applicable."] }));
            if (input.Note?.Length > 2000) return Task.FromResult<Error?>(Error.Invalid("inspection.note_too_long", "Use at most 2,000 characters.",
                new Dictionary<string, string[]> { ["note"] = ["Use at most 2,000 characters."] }));
            return Task.FromResult(item.Answer(result, input.Note));
        }, "inspection.answer", input.Result ?? "", ct);
    }

    public Task<Result<InspectionView>> CooperationAsync(Guid id, Actor actor, CooperationInput input, CancellationToken ct) =>
        StepAsync(id, actor, async i =>
        {
            if (Codes.FromCode<Cooperation>(input.Cooperation?.Trim()) is not { } cooperation)
                return Error.Invalid("inspection.cooperation_invalid", "Choose full, partial or refused.",
                    new Dictionary<string, string[]> { ["cooperation"] = ["Choose full, partial or refused."] });
            if (input.Note?.Length > 2000) return Error.Invalid("inspection.note_too_long", "Use at most 2,000 characters.",
                new Dictionary<string, string[]> { ["note"] = ["Use at most 2,000 characters."] });
            if (i.RecordCooperation(cooperation, input.Note) is { } refused) return refused;
            if (cooperation == Cooperation.Refused)
                await notify.ToRoleAsync(Role.ProgramOffice, i.AgencyId, "inspection.refused", $"The agency refused access during an inspection: {i.CooperationNote}",
                    $"/staff/inspections/{i.Id}", ct);
            return null;
        }, "inspection.cooperation", input.Cooperation ?? "", ct);

    public Task<Result<InspectionView>> FindAsync(Guid id, Actor actor, FindingInput input, CancellationToken ct) =>
        StepAsync(id, actor, async i =>
        {
            if (i.Status == InspectionStatus.Scheduled) return InspectionRules.NotOpen;
            var errors = new Dictionary<string, string[]>();
            var severity = Codes.FromCode<Severity>(input.Severity?.Trim());
            if (severity is null) errors["severity"] = ["Choose observation, minor, major or critical."];
            if (string.IsNullOrWhiteSpace(input.Description) || input.Description.Length > 4000) errors["description"] = ["Say what was found (at most 4,000 characters)."];
            if (string.IsNullOrWhiteSpace(input.CorrectiveAction) || input.CorrectiveAction.Length > 4000)
                errors["correctiveAction"] = ["Say what the agency must do (at most 4,000 characters)."];
            if (string.IsNullOrWhiteSpace(input.Owner) || input.Owner.Length > 200) errors["owner"] = ["Name who at the agency owns it."];
            if (input.DueOn is not { } due || due < Clock.DayOf(Now)) errors["dueOn"] = ["Give the day it is due, today or later."];
            if (input.ItemCode is { Length: > 0 } code && !await db.InspectionItems.AnyAsync(x => x.InspectionId == i.Id && x.Code == code, ct))
                errors["itemCode"] = ["Choose an item of this checklist, or none."];
            if (errors.Count > 0) return Error.Invalid("inspection.finding_invalid", "The finding is not complete.", errors);
            var finding = new InspectionFinding
            {
                AgencyId = i.AgencyId, InspectionId = i.Id, ItemCode = string.IsNullOrWhiteSpace(input.ItemCode) ? null : input.ItemCode, Severity = severity!.Value,
                Description = input.Description!.Trim(), CorrectiveAction = input.CorrectiveAction!.Trim(), Owner = input.Owner!.Trim(), DueOn = input.DueOn!.Value,
                RecordedAt = Now, RecordedBy = actor.Name,
            };
            db.InspectionFindings.Add(finding);
            deadlines.OpenUntil(InspectionRules.CorrectiveActionDeadline, i.AgencyId, "inspection_finding", finding.Id, $"Corrective action: {finding.Description}",
                Clock.EndOfDayUtc(finding.DueOn));
            await notify.ToRoleAsync(Role.AgencyCoordinator, i.AgencyId, "inspection.finding",
                $"An inspection found: {finding.Description}. Corrective action due {finding.DueOn:yyyy-MM-dd}.", $"/staff/inspections/{i.Id}", ct);
            return null;
        }, "inspection.finding", input.Description ?? "", ct);

    /// <summary>The report is final once every item is answered and the cooperation recorded; the next inspection is scheduled.</summary>
    public Task<Result<InspectionView>> ReportAsync(Guid id, Actor actor, ReportInput input, CancellationToken ct) =>
        StepAsync(id, actor, async i =>
        {
            var items = await db.InspectionItems.Where(x => x.InspectionId == i.Id).ToListAsync(ct);
            if (input.Summary?.Length > 8000) return Error.Invalid("inspection.summary_too_long", "Use at most 8,000 characters.",
                new Dictionary<string, string[]> { ["summary"] = ["Use at most 8,000 characters."] });
            if (i.Report(items, input.Summary, Now) is { } refused) return refused;
            await deadlines.CloseAsync(i.Id, InspectionRules.InspectionDeadline, ct);
            var agreement = await db.Agreements.FirstAsync(a => a.Id == i.AgreementId, ct);
            if (agreement.Status is AgreementStatus.Active or AgreementStatus.Suspended)
                Add(agreement, Clock.DayOf(Now).AddMonths(i.CycleMonths), i.CycleMonths, "the cycle");
            return null;
        }, "inspection.report", input.Summary ?? "", ct);

    public async Task<Result<InspectionView>> ProveAsync(Guid findingId, Actor actor, ProofInput input, CancellationToken ct)
    {
        var finding = await db.InspectionFindings.FirstOrDefaultAsync(f => f.Id == findingId, ct);
        if (finding is null) return InspectionRules.NotFound;
        if (actor.Role != Role.AgencyCoordinator) return InspectionRules.AgencyProves;
        if (string.IsNullOrWhiteSpace(input.Proof) || input.Proof.Length > 4000)
            return Error.Invalid("inspection.proof_invalid", "Describe the proof (what was done, where to see it; at most 4,000 characters).",
                new Dictionary<string, string[]> { ["proof"] = ["Describe the proof (what was done, where to see it; at most 4,000 characters)."] });
        if (finding.Prove(input.Proof, actor.Name, Now) is { } refused) return refused;
        await notify.ToRoleAsync(Role.FieldSupervisor, finding.AgencyId, "inspection.proof", $"The agency sent proof of a corrective action: {finding.Description}.",
            $"/staff/inspections/{finding.InspectionId}", ct);
        change.For("inspection.proof", input.Proof);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(finding.InspectionId, ct);
    }

    public async Task<Result<InspectionView>> CloseFindingAsync(Guid findingId, Actor actor, CancellationToken ct)
    {
        var finding = await db.InspectionFindings.FirstOrDefaultAsync(f => f.Id == findingId, ct);
        if (finding is null) return InspectionRules.NotFound;
        if (!IsIce(actor)) return InspectionRules.IceInspects;
        if (finding.Close(actor.Name, Now) is { } refused) return refused;
        await deadlines.CloseAsync(finding.Id, InspectionRules.CorrectiveActionDeadline, ct);
        change.For("inspection.close_finding", finding.Description);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(finding.InspectionId, ct);
    }

    private async Task<Result<InspectionView>> StepAsync(Guid id, Actor actor, Func<Inspection, Task<Error?>> step, string action, string reason,
        CancellationToken ct)
    {
        var inspection = await db.Inspections.FirstOrDefaultAsync(i => i.Id == id, ct);
        if (inspection is null) return InspectionRules.NotFound;
        if (!IsIce(actor)) return InspectionRules.IceInspects;
        if (await step(inspection) is { } refused) return refused;
        change.For(action, reason);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await ViewAsync(inspection, ct);
    }

    // ---- Posters ------------------------------------------------------------------------------------------------------

    public async Task<Result<IReadOnlyList<PosterView>>> PostersAsync(Guid agencyId, CancellationToken ct)
    {
        if (!await db.AgenciesInScope.AnyAsync(a => a.Id == agencyId, ct)) return Agencies.AgencyErrors.NotFound;
        return (await db.PosterAttestations.AsNoTracking().Where(p => p.AgencyId == agencyId).OrderByDescending(p => p.AttestedAt).ToListAsync(ct))
            .Select(p => new PosterView(p.Id, p.Facility, p.LanguageList, p.AttestedAt, p.AttestedBy, p.Note)).ToList();
    }

    /// <summary>The coordinator attests that the posters hang in a facility's processing area: English and Spanish (task force: English and others).</summary>
    public async Task<Result<IReadOnlyList<PosterView>>> AttestAsync(Guid agencyId, Actor actor, PosterInput input, CancellationToken ct)
    {
        if (!await db.AgenciesInScope.AnyAsync(a => a.Id == agencyId, ct)) return Agencies.AgencyErrors.NotFound;
        if (actor.Role != Role.AgencyCoordinator) return InspectionRules.AgencyAttests;
        if (string.IsNullOrWhiteSpace(input.Facility) || input.Facility.Length > 200 || input.Note?.Length > 1000)
            return Error.Invalid("poster.invalid", "Name the facility and its processing area (at most 200 characters).",
                new Dictionary<string, string[]> { ["facility"] = ["Name the facility and its processing area (at most 200 characters)."] });
        var languages = (input.Languages ?? []).Select(l => l.Trim().ToLowerInvariant()).Where(l => l.Length is >= 2 and <= 8 && l.All(char.IsAsciiLetterLower))
            .Distinct().ToList();
        var models = await db.Agreements.AsNoTracking().Where(a => a.AgencyId == agencyId && (a.Status == AgreementStatus.Active || a.Status == AgreementStatus.Suspended))
            .Select(a => a.Model).ToListAsync(ct);
        var needsSpanish = models.Any(m => m != AgreementModel.TaskForce) || models.Count == 0;
        if (!languages.Contains("en") || (needsSpanish && !languages.Contains("es"))) return InspectionRules.PosterLanguages;
        db.PosterAttestations.Add(new PosterAttestation
        {
            AgencyId = agencyId, Facility = input.Facility.Trim(), Languages = string.Join(",", languages), AttestedAt = Now, AttestedBy = actor.Name,
            Note = string.IsNullOrWhiteSpace(input.Note) ? null : input.Note.Trim(),
        });
        change.For("poster.attest", input.Facility);
        await db.SaveChangesAsync(ct);
        return await PostersAsync(agencyId, ct);
    }

    // ---- The report ---------------------------------------------------------------------------------------------------

    public async Task<Result<(byte[] Pdf, string FileName)>> ReportPdfAsync(Guid id, CancellationToken ct)
    {
        var found = await GetAsync(id, ct);
        if (!found.IsSuccess) return found.Error!;
        var v = found.Value;
        var pdf = new TaggedPdf($"Inspection report — {v.AgencyName} — {v.Model}") { Subject = "287(g) inspection report" };
        pdf.Add(PdfTag.H1, $"Inspection of the {v.Model.Replace('_', ' ')} agreement with {v.AgencyName}");
        pdf.Add(PdfTag.P, $"Status: {v.Status}. Due {v.DueOn:yyyy-MM-dd}; begun {v.StartedAt:yyyy-MM-dd} by {v.Inspector ?? "—"}; period read {v.PeriodFrom:yyyy-MM-dd} to {v.PeriodTo:yyyy-MM-dd}; reported {(v.ReportedAt is { } r ? r.ToString("yyyy-MM-dd") : "not yet")}.");
        pdf.Add(PdfTag.P, $"The agency's cooperation: {v.Cooperation ?? "not recorded"}{(v.CooperationNote is { } n ? $" — {n}" : "")}.");
        pdf.Add(PdfTag.H2, "Summary");
        pdf.Add(PdfTag.P, v.Summary ?? "Not reported yet.");
        pdf.Add(PdfTag.H2, "Checklist");
        foreach (var item in v.Items)
            pdf.Add(PdfTag.P, $"{item.Title}: {(item.Result ?? "not answered").Replace('_', ' ')}. Records: {item.Evidence}{(item.Note is { } note ? $" Note: {note}" : "")}");
        pdf.Add(PdfTag.H2, "Findings and corrective actions");
        if (v.Findings.Count == 0) pdf.Add(PdfTag.P, "None.");
        foreach (var f in v.Findings)
            pdf.Add(PdfTag.P, $"{f.Severity}: {f.Description} Corrective action: {f.CorrectiveAction} (owner {f.Owner}, due {f.DueOn:yyyy-MM-dd}). "
                + (f.ClosedAt is { } closed ? $"Closed {closed:yyyy-MM-dd} on proof: {f.Proof}" : f.Proof is { } proof ? $"Proof sent: {proof}" : "Open."));
        return (pdf.ToBytes(), $"inspection-{v.Id}.pdf");
    }
}
