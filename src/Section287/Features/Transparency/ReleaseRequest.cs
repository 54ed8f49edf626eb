using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using static Section287.Features.Encounters.RuleBook;

namespace Section287.Features.Transparency;

public enum ReleaseStatus
{
    /// <summary>Waiting for both ICE offices.</summary>
    Pending,

    /// <summary>Both approved: the kind is published from now on, each quarter once it has settled.</summary>
    Approved,

    /// <summary>One of the offices declined, with its reason.</summary>
    Declined,
}

/// <summary>
/// A request to publish a kind of figure (issue 18): the program office asks, ICE's Office of Public Affairs and its Privacy Office
/// each approve (each MOA's section V.D and Appendix C), and only then is the kind published. Recorded and audited; the public sees
/// the approval date beside the figures.
/// </summary>
public sealed class ReleaseRequest : IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Kind { get; init; } = "";

    public string Reason { get; init; } = "";

    public string RequestedBy { get; init; } = "";

    public DateTime RequestedAt { get; init; }

    public ReleaseStatus Status { get; private set; }

    public string? PublicAffairsBy { get; private set; }

    public DateTime? PublicAffairsAt { get; private set; }

    public string? PrivacyBy { get; private set; }

    public DateTime? PrivacyAt { get; private set; }

    public string? DeclinedBy { get; private set; }

    public DateTime? DeclinedAt { get; private set; }

    public string? DeclineReason { get; private set; }

    /// <summary>When the second approval came: the date the public sees.</summary>
    public DateTime? ApprovedAt { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    internal Error? Approve(Accounts.Role role, string by, DateTime now)
    {
        if (Status != ReleaseStatus.Pending) return ReleaseRules.NotPending;
        switch (role)
        {
            case Accounts.Role.PublicAffairs when PublicAffairsAt is null:
                (PublicAffairsBy, PublicAffairsAt) = (by, now);
                break;
            case Accounts.Role.PrivacyOffice when PrivacyAt is null:
                (PrivacyBy, PrivacyAt) = (by, now);
                break;
            case Accounts.Role.PublicAffairs or Accounts.Role.PrivacyOffice:
                return ReleaseRules.AlreadyApprovedByOffice;
            default:
                return ReleaseRules.OfficesApprove;
        }
        if (PublicAffairsAt is not null && PrivacyAt is not null)
        {
            Status = ReleaseStatus.Approved;
            ApprovedAt = now;
        }
        return null;
    }

    internal Error? Decline(Accounts.Role role, string by, string reason, DateTime now)
    {
        if (!role.ApprovesReleases()) return ReleaseRules.OfficesApprove;
        if (Status != ReleaseStatus.Pending) return ReleaseRules.NotPending;
        (Status, DeclinedBy, DeclinedAt, DeclineReason) = (ReleaseStatus.Declined, by, now, reason.Trim());
        return null;
    }
}

public static class ReleaseRules
{
    private const string Release = "section V.D: information \"is under the control of ICE and shall not be disclosed unless\" the release is coordinated "
        + "with \"the ICE Office of Public Affairs, which will consult the ICE Privacy Office for approval\"; Appendix C: \"provided the release has been "
        + "previously approved by both the ICE Privacy Officer and Public Affairs Officer\"";

    public static readonly Rule OfficesApprove = new("release.offices_approve",
        "Only ICE's Office of Public Affairs and its Privacy Office approve or decline a public release.",
        $"{JailMoa}, {TaskForceMoa} and {WarrantServiceMoa}, {Release}", RuleKind.Role);

    public static readonly Rule BothOffices = new("release.both_offices",
        "A kind of figure is published only after both ICE's Office of Public Affairs and its Privacy Office approved its release.",
        $"{JailMoa}, {TaskForceMoa} and {WarrantServiceMoa}, {Release}");

    public static readonly Rule ProgramOfficeRequests = new("release.program_office_requests",
        "The program office asks for a release; the offices that approve it do not ask for their own.",
        Rule.PolicyReason("four eyes: the one who proposes a release is not the one who approves it"), RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule NotPending = new("release.not_pending", "The release request was already decided.",
        Rule.PolicyReason("a decision on a release is recorded once; ask again with a new request"), Basis: RuleBasis.Policy);

    public static readonly Rule AlreadyApprovedByOffice = new("release.office_approved", "Your office has already approved this release.",
        Rule.PolicyReason("each office approves once"), Basis: RuleBasis.Policy);

    public static readonly Rule AlreadyRequested = new("release.already_requested",
        "This kind of figure is already approved for release or waiting for approval.",
        Rule.PolicyReason("one open request per kind, so approvals are not split between two"), Basis: RuleBasis.Policy);

    public static readonly Rule SmallCells = new("release.small_cells",
        "Public figures never show a count from 1 to k − 1 (k = 11 unless the program office sets another), nor a count that could be worked out from the published totals.",
        Rule.PolicyReason("PRODUCT.md: public outputs are aggregates with small-cell suppression; the agreements make program information ICE's to release"),
        Basis: RuleBasis.Policy);

    public static readonly Rule SettledQuarters = new("release.settled_quarters",
        "A quarter's figures are published once, 30 days after it ends, and never changed afterwards.",
        Rule.PolicyReason("late entries are allowed for 30 days; a published cell that changed later would let two releases be differenced to recover a suppressed count"),
        Basis: RuleBasis.Policy);
}

/// <summary>One published cell of one quarter of one kind: frozen when published (<see cref="ReleaseRules.SettledQuarters"/>).</summary>
public sealed class PublishedFigure
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Kind { get; init; } = "";

    /// <summary>"2026Q3".</summary>
    public string Quarter { get; init; } = "";

    /// <summary>"nation", a state's code, or an agency's id.</summary>
    public string Area { get; init; } = "";

    /// <summary>"nation", "state" or "agency".</summary>
    public string Level { get; init; } = "";

    /// <summary>The state of a state or agency row ("" for the nation).</summary>
    public string State { get; init; } = "";

    /// <summary>"" for the figure itself, or a part's code.</summary>
    public string Part { get; init; } = "";

    /// <summary>Null where suppressed.</summary>
    public int? Value { get; init; }

    public Guid ReleaseId { get; init; }

    public DateTime PublishedAt { get; init; }
}

/// <summary>
/// That one quarter of one kind was published: when, under which release, how many cells and how many suppressed, and a SHA-256 of
/// the published cells, so the audit trail (which records this row, not each cell) can prove what the public was shown.
/// </summary>
public sealed class FigurePublication
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public string Kind { get; init; } = "";

    public string Quarter { get; init; } = "";

    public Guid ReleaseId { get; init; }

    public DateTime PublishedAt { get; init; }

    public int Cells { get; init; }

    public int Suppressed { get; init; }

    public int K { get; init; }

    public string Sha256 { get; init; } = "";
}

