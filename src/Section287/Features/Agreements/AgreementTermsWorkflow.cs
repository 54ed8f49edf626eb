using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Audit;

namespace Section287.Features.Agreements;

public sealed record CategoriesInput(IReadOnlyList<string>? Categories, long? Version);

public sealed record PolicyInput(bool? On, string? Reason, long? Version);

public sealed record PolicyView(string Code, string Title, string Sentence, bool On, string? Reason, string? ByName, DateOnly? SwitchedOffOn);

public sealed record AgreementTermsView(Guid Id, string Model, IReadOnlyList<string> IceCategories, IReadOnlyList<PolicyView> Policies, long Version)
{
    public static AgreementTermsView Of(Agreement a)
    {
        var off = a.PolicySwitches.ToDictionary(s => s.Code);
        return new(a.Id, a.Model.Code(), a.IceCategoryList,
            ProductPolicies.All.Where(p => p.Models.Contains(a.Model))
                .Select(p => off.TryGetValue(p.Code, out var s) ? new PolicyView(p.Code, p.Title, p.Sentence, false, s.Reason, s.ByName,
                    s.On) : new PolicyView(p.Code, p.Title, p.Sentence, true, null, null, null))
                .ToList(),
            a.Version);
    }
}

/// <summary>
/// The terms an agreement's encounters are checked against beyond its model: the categories ICE supervisors set for task
/// force detainers and charging documents (a field supervisor of the area or the program office), and the product's
/// policies (only the program office switches one off, with a reason that is audited and published).
/// </summary>
public sealed class AgreementTermsWorkflow(AppDbContext db, ChangeContext change, TimeProvider clock)
{
    public async Task<Result<AgreementTermsView>> GetAsync(Guid id, CancellationToken ct)
    {
        var agreement = await InScope().AsNoTracking().FirstOrDefaultAsync(a => a.Id == id, ct);
        return agreement is null ? AgreementErrors.NotFound : AgreementTermsView.Of(agreement);
    }

    public async Task<Result<AgreementTermsView>> SetCategoriesAsync(Guid id, Actor actor, CategoriesInput input, CancellationToken ct) =>
        await ApplyAsync(id, actor.Role is Role.ProgramOffice or Role.FieldSupervisor, input.Version, "agreement.ice_categories",
            a => (a.SetIceCategories(input.Categories, actor.Name, clock.Today(), clock.GetUtcNow().UtcDateTime),
                $"ICE categories: {string.Join("; ", a.IceCategoryList)}"), ct);

    public async Task<Result<AgreementTermsView>> SwitchPolicyAsync(Guid id, string code, Actor actor, PolicyInput input, CancellationToken ct)
    {
        if (input.On is null) return Error.Invalid("agreement.policy_invalid", "Say whether the policy is on or off.",
            new Dictionary<string, string[]> { ["on"] = ["Say whether the policy is on or off."] });
        return await ApplyAsync(id, actor.Role == Role.ProgramOffice, input.Version, $"agreement.policy_{(input.On.Value ? "on" : "off")}",
            a => (a.SwitchPolicy(code, input.On.Value, input.Reason, actor.Name, clock.Today(), clock.GetUtcNow().UtcDateTime),
                $"Policy {code} {(input.On.Value ? "on" : "off")}{(string.IsNullOrWhiteSpace(input.Reason) ? "" : $": {input.Reason.Trim()}")}"), ct);
    }

    private IQueryable<Agreement> InScope() => db.Agreements.Where(a => db.AgenciesInScope.Any(s => s.Id == a.AgencyId));

    private async Task<Result<AgreementTermsView>> ApplyAsync(Guid id, bool roleAllowed, long? version, string action,
        Func<Agreement, (Error?, string)> rule, CancellationToken ct)
    {
        var agreement = await InScope().Include(a => a.History).FirstOrDefaultAsync(a => a.Id == id, ct);
        if (agreement is null) return AgreementErrors.NotFound;
        if (!roleAllowed) return AgreementErrors.TermsIceOnly;
        if (version is null) return Error.Invalid("agreement.version_required", "Send the version you are changing.",
            new Dictionary<string, string[]> { ["version"] = ["Send the version you are changing."] });
        db.Entry(agreement).Property(a => a.Version).OriginalValue = version.Value;
        var (refused, reason) = rule(agreement);
        if (refused is not null) return refused;
        change.For(action, reason);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return AgreementTermsView.Of(agreement);
    }
}
