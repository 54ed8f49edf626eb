using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;
using Section287.Features.Encounters;

namespace Section287.Features.Officers;

/// <summary>
/// A dated fact authority needs beyond the letter (ICE systems access, clearance, detention duty). None recorded means none was
/// ever lost: ICE approved the candidate as able to qualify (MOA section IV.B or VII).
/// </summary>
public sealed class OfficerCondition : RaisesEvents, IAgencyOwned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid OfficerId { get; init; }

    /// <summary>A code of <see cref="OfficerConditions.Kinds"/>.</summary>
    public string Kind { get; init; } = "";

    /// <summary>Whether the officer holds it from <see cref="From"/> on.</summary>
    public bool Held { get; init; }

    public DateTime From { get; init; }

    public string Reason { get; init; } = "";

    public string ByName { get; init; } = "";

    public DateTime RecordedAt { get; init; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public static OfficerCondition Record(Officer officer, string kind, bool held, DateTime from, string reason, string byName, DateTime utcNow)
    {
        var condition = new OfficerCondition
        {
            AgencyId = officer.AgencyId, OfficerId = officer.Id, Kind = kind, Held = held, From = from, Reason = reason.Trim(), ByName = byName,
                RecordedAt = utcNow,
        };
        condition.Raise(new OfficerStandingChanged(officer.Id));
        return condition;
    }
}

/// <summary>The kinds of <see cref="OfficerCondition"/>: whose it is to record, the models whose authority needs it, and the reason authority gives when it is lost.</summary>
public static class OfficerConditions
{
    public sealed record Kind(string Code, string Name, bool IceRecords, AgreementModel[] Models, string AuthorityReason);

    public static readonly IReadOnlyList<Kind> Kinds =
    [
        new("ice_systems_access", "access to ICE's systems (the DHS network and the databases the functions use)", true,
            [AgreementModel.Jail, AgreementModel.TaskForce], "authority.no_systems_access"),
        new("security_clearance", "the federal security clearance", true, [AgreementModel.TaskForce], "authority.clearance_lost"),
        new("detention_duty", "assignment to detention duties in the agency's jail", false, [AgreementModel.Jail], "authority.not_on_detention_duty"),
    ];

    public static Kind? Find(string? code) => Kinds.FirstOrDefault(k => k.Code == code?.Trim().ToLowerInvariant());

    public static readonly Rule WrongSide = new("officer.condition_side",
        "ICE records an officer's access to its systems and security clearance; the agency (or ICE) records the officer's assignment to detention duties.",
        $"{RuleBook.TaskForceMoa}, section VII: candidates \"must be able to qualify for appropriate federal security clearances and access to appropriate DHS and ICE databases/systems\"; {RuleBook.JailMoa}, Appendix A: \"LEA officers assigned to detention duties\"", RuleKind.Role);

    /// <summary>The newest fact of each kind at an instant that takes authority away under the model, as refusal reasons.</summary>
    public static IEnumerable<AuthorityReason> LostAt(IEnumerable<OfficerCondition> conditions, AgreementModel model, DateTime at) =>
        Kinds.Where(k => k.Models.Contains(model))
            .Select(k => conditions.Where(c => c.Kind == k.Code
                && c.From <= at).OrderByDescending(c => c.From).ThenByDescending(c => c.RecordedAt).FirstOrDefault())
            .Where(c => c is { Held: false })
            .Select(c => new AuthorityReason(Find(c!.Kind)!.AuthorityReason,
                $"{AuthorityRules.Catalogue[Find(c.Kind)!.AuthorityReason]} ({c.Reason})", c.From));
}
