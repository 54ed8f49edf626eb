using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Agreements;

namespace Section287.Features.Officers;

/// <summary>
/// Loads, in a handful of queries, everything <see cref="AuthorityRules"/> needs for a batch of officers: one
/// <see cref="AuthorityFacts"/> per officer and agreement they were ever nominated under (or the one agreement asked for).
/// Reads go through the tenancy filters, so a user only ever gets facts of officers in their scope.
/// </summary>
public sealed class AuthorityFactsLoader(AppDbContext db)
{
    public async Task<IReadOnlyList<AuthorityFacts>> LoadAsync(IReadOnlyCollection<Guid> officerIds, Guid? onlyAgreementId, CancellationToken ct)
    {
        if (officerIds.Count == 0) return [];
        var officers = await db.Officers.AsNoTracking().Where(o => officerIds.Contains(o.Id)).ToListAsync(ct);
        return await FactsAsync(officers, officerIds, onlyAgreementId, null, ct);
    }

    /// <summary>
    /// The facts of an officer under an agreement the caller has already read (the agreement with its history and agency, as
    /// an officer's write reads them): the same facts as <see cref="LoadOneAsync(Guid, Guid, CancellationToken)"/>, two reads fewer.
    /// </summary>
    public async Task<AuthorityFacts?> LoadOneAsync(Officer officer, Agreement agreement, CancellationToken ct) =>
        (await FactsAsync([officer], [officer.Id], agreement.Id, [agreement], ct)).FirstOrDefault();

    private async Task<IReadOnlyList<AuthorityFacts>> FactsAsync(List<Officer> officers, IReadOnlyCollection<Guid> officerIds, Guid? onlyAgreementId,
        List<Agreement>? known, CancellationToken ct)
    {
        var nominations = await db.Nominations.AsNoTracking().Where(n => officerIds.Contains(n.OfficerId)).ToListAsync(ct);
        var certificates = await db.Certificates.AsNoTracking().Where(c => officerIds.Contains(c.OfficerId)).ToListAsync(ct);
        var authorizations = await db.Authorizations.AsNoTracking().Include(a => a.Suspensions).Where(a => officerIds.Contains(a.OfficerId)).ToListAsync(ct);
        var allegations = await Complaints.ComplaintQueries.PendingAllegations(db, officerIds).ToListAsync(ct);
        var conditions = await db.OfficerConditions.AsNoTracking().Where(c => officerIds.Contains(c.OfficerId)).ToListAsync(ct);

        var agreementIds = nominations.Select(n => n.AgreementId).Concat(authorizations.Select(a => a.AgreementId)).ToHashSet();
        if (onlyAgreementId is { } only) agreementIds = [only];
        var agreements = known ?? await db.Agreements.AsNoTracking().Include(a => a.History).Include(a => a.Agency).Where(a => agreementIds.Contains(a.Id)).ToListAsync(ct);
        var timelines = agreements.ToDictionary(a => a.Id, a => AgreementTimeline.Of(a, a.History));
        var requirements = await db.TrainingRequirements.AsNoTracking().Where(r => agreementIds.Contains(r.AgreementId)).ToListAsync(ct);

        var facts = new List<AuthorityFacts>();
        foreach (var officer in officers)
        {
            var under = onlyAgreementId is { } one
                ? agreements.Where(a => a.Id == one && a.AgencyId == officer.AgencyId)
                : agreements.Where(a => nominations.Any(n => n.OfficerId == officer.Id && n.AgreementId == a.Id));
            foreach (var agreement in under.OrderBy(a => a.Model))
            {
                facts.Add(new AuthorityFacts(officer, agreement, timelines[agreement.Id],
                    nominations.Where(n => n.OfficerId == officer.Id && n.AgreementId == agreement.Id).ToList(),
                    certificates.Where(c => c.OfficerId == officer.Id && c.Model == agreement.Model).ToList(),
                    authorizations.Where(a => a.OfficerId == officer.Id && a.AgreementId == agreement.Id).ToList(),
                    allegations.Where(a => a.OfficerId == officer.Id).ToList(),
                    requirements.Where(r => r.AgreementId == agreement.Id && (r.OfficerId is null || r.OfficerId == officer.Id)).ToList(),
                    conditions.Where(c => c.OfficerId == officer.Id).ToList()));
            }
        }
        return facts;
    }

    public async Task<AuthorityFacts?> LoadOneAsync(Guid officerId, Guid agreementId, CancellationToken ct) =>
        (await LoadAsync([officerId], agreementId, ct)).FirstOrDefault();
}
