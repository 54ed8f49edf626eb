using Section287.Features.Shared;
using Section287.Features.Accounts;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;
using Section287.Features.Deadlines;
using Section287.Features.Training;

namespace Section287.Features.Officers;

public sealed record ComplianceRow(Guid AgencyId, string AgencyName, string State, string Model, int Designated, int Current, decimal? Share);

public sealed record ComplianceTotal(string Model, int Designated, int Current, decimal? Share);

public sealed record NationalCompliance(DateTime At, IReadOnlyList<ComplianceTotal> ByModel, ComplianceTotal All, Page<ComplianceRow> Agencies);

/// <summary>
/// What auditors asked for: for each agency, each officer's authority, what is missing and what is due next; and
/// nationally, the share of designated officers whose training is current, per agency and per model.
/// </summary>
/// <remarks>
/// A designated officer, for these counts: not separated, holding an authorization that is neither revoked nor expired,
/// under an agreement that is active or suspended. Their training is current when a certificate of the model's initial
/// course stands (not superseded) and the newest standing certificate of the model has not expired today.
/// </remarks>
public sealed class ComplianceQueries(AppDbContext db, TimeProvider clock, AuthorityFactsLoader loader)
{
    /// <summary>An agency's roster (optionally one agreement's), paged by name, each officer with authority now and the next due date.</summary>
    /// <summary>The orders the roster sorts by (its column headers): by name or badge, each indexed with the agency.</summary>
    public static readonly string[] RosterOrders = ["name", "badge"];

    public async Task<Result<Page<RosterEntry>>> RosterAsync(Guid agencyId, Guid? agreementId, string? q, int? page, int? pageSize,
        Accounts.Role role, CancellationToken ct, string order = "name", bool descending = false)
    {
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        if (!await db.AgenciesInScope.AnyAsync(a => a.Id == agencyId, ct)) return Agencies.AgencyErrors.NotFound;
        if (role == Accounts.Role.DesignatedOfficer) return AccessRules.RosterNotPermitted;
        var officers = db.Officers.AsNoTracking().Where(o => o.AgencyId == agencyId);
        if (agreementId is { } only) officers = officers.Where(o => db.Nominations.Any(n => n.OfficerId == o.Id && n.AgreementId == only));
        if (!string.IsNullOrWhiteSpace(q))
        {
            var term = q.Trim();
            officers = officers.Where(o => o.FullName.Contains(term) || o.BadgeNumber.Contains(term));
        }
        var ordered = order == "badge" ? officers.SortBy(o => o.BadgeNumber, descending) : officers.SortBy(o => o.FullName, descending);
        var found = await ordered.ThenBy(o => o.Id).ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
        var ids = found.Items.Select(o => o.Id).ToList();
        var now = clock.GetUtcNow().UtcDateTime;
        var facts = await loader.LoadAsync(ids, null, ct);
        var enrollments = await db.Enrollments.AsNoTracking().Where(e => ids.Contains(e.OfficerId)).ToListAsync(ct);
        var due = await db.Deadlines.AsNoTracking().Where(d => ids.Contains(d.SubjectId) && d.Status == DeadlineStatus.Open)
            .Select(d => new { d.SubjectId, d.DueAt, d.Rule }).ToListAsync(ct);
        var items = found.Items.Select(o =>
        {
            var mine = facts.Where(f => f.Officer.Id == o.Id && (agreementId is null || f.Agreement.Id == agreementId)).ToList();
            var authority = mine.Select(f =>
            {
                var answer = AuthorityRules.Evaluate(f, now);
                var nomination = f.Nominations.OrderByDescending(n => n.NominatedAt).First();
                return new RosterAuthority(f.Agreement.Id, f.Agreement.Model.Code(),
                    OfficerWorkflow.Stage(nomination, enrollments, f.Certificates, f.Authorizations, now), answer.Granted, answer.Reasons);
            }).ToList();
            var next = due.Where(d => d.SubjectId == o.Id).OrderBy(d => d.DueAt).FirstOrDefault();
            return new RosterEntry(o.Id, o.FullName, o.BadgeNumber, o.Rank, o.IsSeparated(now), authority, next?.DueAt,
                next is null ? null : DeadlineRules.Find(next.Rule)?.Title ?? next.Rule);
        }).ToList();
        return new Page<RosterEntry>(items, found.PageNumber, found.PageSize, found.Total);
    }

    /// <summary>The roster of one agreement's officers, within the user's scope (another agency's agreement answers 404).</summary>
    public async Task<Result<Page<RosterEntry>>> AgreementRosterAsync(Guid agreementId, string? q, int? page, int? pageSize, Accounts.Role role,
        CancellationToken ct)
    {
        var agency = await db.Agreements.Where(a => a.Id == agreementId
            && db.AgenciesInScope.Any(s => s.Id == a.AgencyId)).Select(a => (Guid?)a.AgencyId).FirstOrDefaultAsync(ct);
        if (agency is null) return AgreementErrors.NotFound;
        return await RosterAsync(agency.Value, agreementId, q, page, pageSize, role, ct);
    }

    /// <summary>Training compliance now, per model and per agency (agencies paged by name), over the agencies in the user's scope.</summary>
    public async Task<Result<NationalCompliance>> NationalAsync(string? model, int? page, int? pageSize, Accounts.Role role, CancellationToken ct)
    {
        if (role is Accounts.Role.AgencyCoordinator or Accounts.Role.DesignatedOfficer)
            return AccessRules.ComplianceIceOnly;
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        AgreementModel? only = null;
        if (!string.IsNullOrWhiteSpace(model))
        {
            only = AgreementModels.FromCode(model);
            if (only is null) return Error.Invalid("compliance.model_invalid", "No such model.",
                new Dictionary<string, string[]> { ["model"] = ["Choose JEM, TFM or WSO."] });
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var today = Clock.DayOf(now);
        var designated = await (
            from a in db.Authorizations.AsNoTracking()
            join o in db.Officers on a.OfficerId equals o.Id
            join g in db.Agreements on a.AgreementId equals g.Id
            where a.StartsAt <= now && (a.RevokedAt == null || a.RevokedAt > now) && (a.ExpiresAt == null || a.ExpiresAt > now)
                && (o.SeparatedAt == null || o.SeparatedAt > now)
                && (g.Status == AgreementStatus.Active || g.Status == AgreementStatus.Suspended)
                && (only == null || a.Model == only)
            select new { a.OfficerId, a.AgencyId, a.Model }).Distinct().ToListAsync(ct);
        var officerIds = designated.Select(d => d.OfficerId).Distinct().ToList();
        var certificates = new List<Certificate>();
        foreach (var chunk in officerIds.Chunk(500))
            certificates.AddRange(await db.Certificates.AsNoTracking().Where(c => chunk.Contains(c.OfficerId) && c.IssuedAt <= now).ToListAsync(ct));
        var byOfficer = certificates.ToLookup(c => (c.OfficerId, c.Model));
        bool IsCurrent(Guid officer, AgreementModel m)
        {
            var standing = Certificates.StandingAt(byOfficer[(officer, m)], now);
            return standing.Any(c => c.Kind == CourseKind.Initial) && standing.Max(c => c.ExpiresOn) >= today;
        }
        var judged = designated.Select(d => new { d.AgencyId, d.Model, Current = IsCurrent(d.OfficerId, d.Model) }).ToList();
        var agencyIds = judged.Select(j => j.AgencyId).Distinct().ToList();
        var agencies = new Dictionary<Guid, (string Name, string State)>();
        foreach (var chunk in agencyIds.Chunk(500))
            foreach (var a in await db.Agencies.AsNoTracking().Where(a => chunk.Contains(a.Id)).Select(a => new { a.Id, a.Name, a.State }).ToListAsync(ct))
                agencies[a.Id] = (a.Name, a.State);

        static decimal? Share(int current, int total) => total == 0 ? null : Math.Round(100m * current / total, 1);
        var rows = judged.GroupBy(j => (j.AgencyId, j.Model))
            .Select(g => new ComplianceRow(g.Key.AgencyId, agencies[g.Key.AgencyId].Name, agencies[g.Key.AgencyId].State, g.Key.Model.Code(),
                g.Count(), g.Count(x => x.Current), Share(g.Count(x => x.Current), g.Count())))
            .OrderBy(r => r.AgencyName).ThenBy(r => r.State).ThenBy(r => r.Model).ToList();
        var byModel = AgreementModels.All.Where(m => only is null || m == only)
            .Select(m => judged.Where(j => j.Model == m).ToList())
            .Select((list, i) => new ComplianceTotal(AgreementModels.All.Where(m => only is null || m == only).ElementAt(i).Code(), list.Count,
                list.Count(x => x.Current),
                Share(list.Count(x => x.Current), list.Count)))
            .ToList();
        var all = new ComplianceTotal("all", judged.Count, judged.Count(j => j.Current), Share(judged.Count(j => j.Current), judged.Count));
        var (p, size) = paging.Value;
        // The rows are aggregates (one per agency and model, at most a few thousand); they are paged after grouping.
        var pageRows = new Page<ComplianceRow>((long)(p - 1) * size >= rows.Count ? [] : rows.Skip((p - 1) * size).Take(size).ToList(), p, size, rows.Count);
        return new NationalCompliance(now, byModel, all, pageRows);
    }
}
