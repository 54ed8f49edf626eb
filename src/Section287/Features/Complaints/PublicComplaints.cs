using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;
using Section287.Features.Officers;

namespace Section287.Features.Complaints;

public sealed record AgencyOption(Guid Id, string Name, string State);

/// <summary>
/// What anyone may do without an account: file a complaint about an agency with a 287(g) agreement (anonymous allowed, contact
/// optional with consent), get a receipt with a tracking number, and look up its status and dates, nothing else. The public form
/// counts as the agency receiving notice (the agency sees it at once), so the agency's 48 hours run from the submission.
/// </summary>
public sealed class PublicComplaints(AppDbContext db, ChangeContext change, TimeProvider clock, PersonData person, ComplaintIntake intake)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>The states with agencies that have (or had) a 287(g) agreement, for the form's first step.</summary>
    public async Task<IReadOnlyList<string>> StatesAsync(CancellationToken ct) =>
        await db.Agreements.IgnoreQueryFilters().AsNoTracking().Join(db.Agencies.IgnoreQueryFilters(), a => a.AgencyId, g => g.Id, (a, g) => g.State)
            .Distinct().OrderBy(s => s).ToListAsync(ct);

    /// <summary>The agencies of a state with (or once with) an agreement, by name.</summary>
    public async Task<IReadOnlyList<AgencyOption>> AgenciesAsync(string? state, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(state)) return [];
        var code = state.Trim().ToUpperInvariant();
        return await db.Agencies.IgnoreQueryFilters().AsNoTracking()
            .Where(g => g.State == code && db.Agreements.IgnoreQueryFilters().Any(a => a.AgencyId == g.Id))
            .OrderBy(g => g.Name).Select(g => new AgencyOption(g.Id, g.Name, g.State)).ToListAsync(ct);
    }

    public async Task<AgencyOption?> AgencyAsync(Guid? id, CancellationToken ct) => id is not { } agencyId ? null
        : await db.Agencies.IgnoreQueryFilters().AsNoTracking().Where(g => g.Id == agencyId && db.Agreements.IgnoreQueryFilters().Any(a => a.AgencyId == g.Id))
            .Select(g => new AgencyOption(g.Id, g.Name, g.State)).FirstOrDefaultAsync(ct);

    public async Task<Result<Receipt>> SubmitAsync(ComplaintInput input, CancellationToken ct)
    {
        if (!string.IsNullOrEmpty(input.Website)) return ComplaintRules.AutomatedSubmission;
        var errors = new Dictionary<string, string[]>();
        var agency = await AgencyAsync(input.AgencyId, ct);
        if (agency is null) errors["agencyId"] = ["Choose the agency. / Elija la agencia."];
        var checkedInput = ComplaintWorkflow.Check(input, errors, staff: false);
        if (errors.Count > 0) return Error.Invalid("complaint.invalid", "The complaint needs correcting. / La queja necesita correcciones.", errors);
        var agreement = await db.Agreements.IgnoreQueryFilters().AsNoTracking()
            .Where(a => a.AgencyId == agency!.Id && (a.Status == Agreements.AgreementStatus.Active || a.Status == Agreements.AgreementStatus.Suspended))
            .Take(2).ToListAsync(ct);
        var contact = checkedInput.Contact is null ? null : person.Protect(System.Text.Json.JsonSerializer.Serialize(checkedInput.Contact));
        var complaint = Complaint.Receive(agency!.Id, agreement.Count == 1 ? agreement[0] : null, ComplaintChannel.Web, ReceivedBy.Agency, Now,
            "public form", checkedInput.Language, checkedInput.Anonymous, checkedInput.Consent, contact, person.Protect(checkedInput.Narrative)!,
            checkedInput.Categories, input.OccurredOn);
        db.Complaints.Add(complaint);
        change.For("complaint.submit", "A member of the public filed a complaint");
        await db.SaveChangesAsync(ct);
        // Its deadlines and notices are the system's to open (the public may add only its complaint); the sweep catches up if this fails.
        await intake.ProcessAsync(complaint.Id, ct);
        return new Receipt(complaint.TrackingNumber, complaint.Status.Code(), complaint.ReceivedAt, agency.Name);
    }

    public async Task<Result<PublicStatus>> StatusAsync(string? tracking, CancellationToken ct)
    {
        var number = Complaint.NormalizeTracking(tracking);
        if (number is null) return ComplaintRules.TrackingNotFound;
        var found = await db.Complaints.IgnoreQueryFilters().AsNoTracking().Where(c => c.TrackingNumber == number)
            .Select(c => new PublicStatus(c.TrackingNumber, c.Status.ToString(), db.Agencies.IgnoreQueryFilters().Where(g => g.Id == c.AgencyId).Select(g => g.Name).First(),
                c.ReceivedAt, c.InvestigationStartedAt, c.ResolvedAt, c.ClosedAt)).FirstOrDefaultAsync(ct);
        if (found is null) return ComplaintRules.TrackingNotFound;
        return found with { Status = Enum.Parse<ComplaintStatus>(found.Status).Code() };
    }
}

/// <summary>
/// Opens a public complaint's deadlines and notices as the system, just after it is saved, and at every sweep for any that a failure
/// left without them (the deadlines still count from the time it was received). Idempotent: a complaint is processed once.
/// </summary>
public sealed class ComplaintIntake(IServiceScopeFactory scopes)
{
    public async Task ProcessAsync(Guid complaintId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().Become(AccessScope.System());
        await ProcessInAsync(scope.ServiceProvider, c => c.Id == complaintId, ct);
    }

    internal static async Task<int> ProcessInAsync(IServiceProvider services, System.Linq.Expressions.Expression<Func<Complaint, bool>> which,
        CancellationToken ct)
    {
        var db = services.GetRequiredService<AppDbContext>();
        var now = services.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime;
        var waiting = await db.Complaints.Where(c => c.IntakeProcessedAt == null).Where(which).OrderBy(c => c.ReceivedAt).Take(200).ToListAsync(ct);
        foreach (var complaint in waiting)
        {
            await ComplaintWorkflow.OpenIntakeAsync(db, services.GetRequiredService<DeadlineBook>(), services.GetRequiredService<Notifier>(), complaint,
                complaint.TakenBy, now, ct);
        }
        if (waiting.Count == 0) return 0;
        services.GetRequiredService<ChangeContext>().For("complaint.intake", "Deadlines and notices of complaints received");
        // Two instances racing for the same complaint: the version check lets one win; the other finds nothing left next time.
        return await db.SaveOrStaleAsync(ct) is null ? waiting.Count : 0;
    }
}

internal sealed class ComplaintIntakeTick(IServiceProvider services) : IWatch
{
    public int Order => 0;

    public async Task<(LogLevel Level, string Message)?> RunAsync(CancellationToken ct)
    {
        var count = await ComplaintIntake.ProcessInAsync(services, _ => true, ct);
        return count > 0 ? (LogLevel.Information, $"{count} complaints' deadlines opened") : null;
    }
}

/// <summary>Reads other features ask of complaints.</summary>
public static class ComplaintQueries
{
    /// <summary>
    /// The allegations that remove a task force officer from 287(g) duty while open: against a designated officer, and could lead to
    /// discipline, a criminal investigation or a lawsuit; open from their recording until their finding.
    /// </summary>
    public static IQueryable<PendingAllegation> PendingAllegations(AppDbContext db, IReadOnlyCollection<Guid> officerIds) =>
        db.ComplaintAllegations.AsNoTracking()
            .Where(a => a.OfficerId != null && officerIds.Contains(a.OfficerId.Value)
                && (a.MayLeadToDiscipline || a.MayLeadToCriminalInvestigation || a.MayLeadToLawsuit))
            .Join(db.Complaints, a => a.ComplaintId, c => c.Id, (a, c) => new PendingAllegation
            {
                OfficerId = a.OfficerId!.Value, ComplaintId = c.Id, Reference = c.TrackingNumber, OpenedAt = a.RecordedAt, ResolvedAt = a.FindingAt,
            });
}
