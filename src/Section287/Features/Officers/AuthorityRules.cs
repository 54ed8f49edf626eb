using Section287.Common;
using Section287.Features.Agreements;
using Section287.Features.Training;

namespace Section287.Features.Officers;

/// <summary>One reason an officer may not exercise authority: a stable code, a plain sentence, and where known since when.</summary>
public sealed record AuthorityReason(string Code, string Message, DateTime? Since = null);

/// <summary>Everything that decides one officer's authority under one agreement, loaded together.</summary>
public sealed record AuthorityFacts(
    Officer Officer,
    Agreement Agreement,
    AgreementTimeline Timeline,
    IReadOnlyList<Nomination> Nominations,
    IReadOnlyList<Certificate> Certificates,
    IReadOnlyList<Authorization> Authorizations,
    IReadOnlyList<PendingAllegation> Allegations,
    IReadOnlyList<TrainingRequirement>? Requirements = null,
    IReadOnlyList<OfficerCondition>? Conditions = null);

/// <summary>The answer to "may this officer exercise this agreement's authority at this instant, and if not, why not".</summary>
public sealed record AuthorityAnswer(
    Guid OfficerId, Guid AgreementId, string Model, DateTime At, bool Granted, IReadOnlyList<AuthorityReason> Reasons,
    string? CredentialNumber, DateTime? AuthorizedSince, DateOnly? RefresherDueOn, DateTime? AuthorizationExpiresAt, DateTime? GrantedUntil);

/// <summary>
/// Authority is computed at an instant, never stored (PRODUCT.md, Lifecycles: Officer); the answer names every condition that fails,
/// from the catalogue below.
/// </summary>
public static class AuthorityRules
{
    /// <summary>Every reason authority can be refused, with its sentence: the catalogue the docs and the tests read.</summary>
    public static readonly IReadOnlyDictionary<string, string> Catalogue = new Dictionary<string, string>
    {
        ["authority.agreement_not_active"] = "The agreement is not active, so no officer may act under it.",
        ["authority.agreement_suspended"] = "The agreement is suspended: no officer may act under it until ICE reinstates it.",
        ["authority.not_nominated"] = "The officer is not nominated under this agreement.",
        ["authority.background_pending"] = "ICE's background investigation of the officer is not yet favorable.",
        ["authority.background_unfavorable"] = "ICE's background investigation of the officer was unfavorable.",
        ["authority.not_certified"] = "The officer holds no certificate of this model's training.",
        ["authority.refresher_overdue"] = "Training ICE required of the officer (a refresher or an additional course) is past its date and not completed.",
        ["authority.not_authorized"] = "No authorization letter has been signed for the officer under this agreement.",
        ["authority.authorization_expired"] = "The officer's authorization has expired (task force authority lasts two years at first).",
        ["authority.authorization_revoked"] = "The officer's authorization was revoked.",
        ["authority.authorization_suspended"] = "The officer's authorization is suspended.",
        ["authority.separated"] = "The officer has left the program.",
        ["authority.allegation_pending"] = "A complaint allegation against the officer is pending: under the task force model the officer is off 287(g) duty until it is resolved.",
        ["authority.no_systems_access"] = "ICE has withdrawn the officer's access to its systems (the DHS network and the databases the functions use).",
        ["authority.clearance_lost"] = "The officer no longer holds the federal security clearance the task force model requires.",
        ["authority.not_on_detention_duty"] = "Under the jail model an officer acts only while assigned to detention duties in the agency's jail; this officer is assigned elsewhere.",
    };

    public const string DefaultSource = "MOA, nomination, training, certification and authorization (each model's section IV or VII–IX)";

    /// <summary>Where each reason comes from, quoted from the three texts (../shared/data/ice-287g/moa/).</summary>
    public static readonly IReadOnlyDictionary<string, string> Sources = new Dictionary<string, string>
    {
        ["authority.agreement_not_active"] = "MOA (jail 2020; task force and warrant service 2025), section VIII or XVIII: \"This MOA becomes effective upon signature of both parties\"",
        ["authority.agreement_suspended"] = "MOA (jail 2020), section IV.D: \"The suspension or termination of this MOA ... shall constitute immediate revocation of all immigration enforcement authorizations\"",
        ["authority.not_nominated"] = "MOA (jail 2020; warrant service 2025), section IV.B; (task force 2025), section VII: \"The chief officer of the LEA will nominate candidates\"",
        ["authority.background_pending"] = "MOA (jail 2020), section IV.B: \"ICE will conduct a background investigation and make an eligibility determination on each candidate prior to personnel being authorized\"",
        ["authority.background_unfavorable"] = "MOA (jail 2020), section IV.B; (task force 2025), section VII: \"All candidates must be approved by ICE\"",
        ["authority.not_certified"] = "MOA (jail 2020; warrant service 2025), section IV.C–D; (task force 2025), section IX: \"ICE will certify in writing the names of those LEA personnel who successfully complete training\"",
        ["authority.refresher_overdue"] = "MOA (jail 2020), section IV.C: \"refresher training as needed, but not more frequently than every two years after the initial course completion\" and \"any additional training required by ICE\"; (warrant service 2025), section IV.C: ICE \"may require additional training as needed\"; (task force 2025), section VIII: ICE \"may provide additional updated training\". Authority lapses only when ICE required a course by a date that passed; a course's refresher months only set reminders.",
        ["authority.not_authorized"] = "MOA (jail 2020; warrant service 2025), section IV.D: \"Only those certified LEA personnel who receive authorization letters and ICE Form 70-006\"; (task force 2025), section IX: \"a signed authorization\"",
        ["authority.authorization_expired"] = "MOA (task force 2025), section IX: \"a signed authorization ... for an initial period of two years from the date of the authorization\"",
        ["authority.authorization_revoked"] = "MOA (task force 2025), section IX: \"may be revoked at any time and for any reason by ICE or the LEA\"; (warrant service 2025), section IV.D: \"may be withdrawn at any time\"; (jail 2020), section IV.D: \"a letter of revocation signed by the FOD\"",
        ["authority.authorization_suspended"] = "MOA (task force 2025), Appendix B: \"the LEA shall remove the designated LEA personnel from the program\"; (jail 2020), Appendix B: \"an individual may be removed from participation\"",
        ["authority.separated"] = "MOA (jail 2020; warrant service 2025), section IV.D: credentials are returned \"when a participating LEA employee ceases his/her participation\"",
        ["authority.allegation_pending"] = "MOA (task force 2025), Appendix B: \"the LEA shall remove the designated LEA personnel from the program, until such time that the LEA has adjudicated the allegation\"",
        ["authority.no_systems_access"] = "MOA (jail 2020), section IV.B: candidates \"must be able to qualify for access to the appropriate DHS and ICE databases/systems\", and section IV.E; (task force 2025), section VII: \"access to appropriate DHS and ICE databases/systems\" and section X: \"Failure to adhere to the terms of the ISA could result in the loss of all user privileges\"",
        ["authority.clearance_lost"] = "MOA (task force 2025), section VII: candidates \"must be able to qualify for appropriate federal security clearances\"",
        ["authority.not_on_detention_duty"] = "MOA (jail 2020), Appendix A: \"will exercise their immigration-related authorities only during the course of their normal duties while assigned to the LEA's jail/correctional facilities\"",
    };

    /// <summary>Reasons that are policies, stricter than the texts.</summary>
    public static readonly IReadOnlySet<string> Policies = new HashSet<string>();

    public static AuthorityAnswer Evaluate(AuthorityFacts f, DateTime at)
    {
        var reasons = new List<AuthorityReason>();
        var model = f.Agreement.Model;

        var status = f.Timeline.StatusAt(at);
        if (status == AgreementStatus.Suspended) reasons.Add(Reason("authority.agreement_suspended"));
        else if (status != AgreementStatus.Active)
            reasons.Add(new("authority.agreement_not_active",
                $"The agreement is {(status is { } s ? s.Code().Replace('_', ' ') : "not yet in force")} at this time, so no officer may act under it."));

        var nominations = f.Nominations.Where(n => n.AgreementId == f.Agreement.Id && n.NominatedAt <= at).ToList();
        if (nominations.Count == 0) reasons.Add(Reason("authority.not_nominated"));
        else if (!nominations.Any(n => n.IsFavorableAt(at)))
        {
            var unfavorable = nominations.Any(n => n.Background == BackgroundStatus.Unfavorable && n.BackgroundDecidedAt <= at);
            reasons.Add(Reason(unfavorable ? "authority.background_unfavorable" : "authority.background_pending"));
        }

        var standing = Certificates.StandingAt(f.Certificates.Where(c => c.OfficerId == f.Officer.Id && c.Model == model), at);
        DateOnly? refresherDue = null;
        if (!standing.Any(c => c.Kind == CourseKind.Initial)) reasons.Add(Reason("authority.not_certified"));
        else
        {
            // Only training ICE required, by its date: no MOA sets a refresher date of its own (issue 12, item 6).
            var day = Clock.DayOf(at);
            var unmet = (f.Requirements ?? []).Where(r => r.AgreementId == f.Agreement.Id && r.RequiredAt <= at
                && r.Binds(f.Officer.Id, model, standing) && !r.IsMetBy(standing, day))
                .OrderBy(r => r.DueOn).ToList();
            refresherDue = unmet.FirstOrDefault()?.DueOn;
            if (unmet.FirstOrDefault(r => day > r.DueOn) is { } overdue)
                reasons.Add(new("authority.refresher_overdue",
                    $"ICE required {overdue.CourseTitle} by {overdue.DueOn:yyyy-MM-dd} ({overdue.Reason}); the officer has not completed it.",
                    Clock.StartOfDayUtc(overdue.DueOn.AddDays(1))));
        }

        var signed = f.Authorizations.Where(a => a.AgreementId == f.Agreement.Id && a.OfficerId == f.Officer.Id && a.HasStartedAt(at)).ToList();
        var inForce = signed.Where(a => a.IsInForceAt(at)).ToList();
        var usable = inForce.FirstOrDefault(a => a.SuspensionAt(at) is null);
        if (signed.Count == 0) reasons.Add(Reason("authority.not_authorized"));
        else if (inForce.Count == 0)
        {
            var latest = signed.OrderByDescending(a => a.StartsAt).First();
            reasons.Add(latest.IsRevokedAt(at)
                ? new("authority.authorization_revoked",
                    $"The officer's authorization was revoked by {(latest.RevokedBy == "ice" ? "ICE" : "the agency")}: {latest.RevocationReason}",
                    latest.RevokedAt)
                : new("authority.authorization_expired",
                    $"The officer's authorization expired on {Clock.DayOf(latest.ExpiresAt!.Value):yyyy-MM-dd}; task force authority lasts two years at first and must be renewed.", latest.ExpiresAt));
        }
        else if (usable is null)
        {
            var suspension = inForce.Select(a => a.SuspensionAt(at)!).OrderBy(s => s.From).First();
            reasons.Add(new("authority.authorization_suspended",
                $"The officer's authorization is suspended by {(suspension.By == "ice" ? "ICE" : "the agency")}: {suspension.Reason}", suspension.From));
        }

        if (f.Officer.IsSeparated(at)) reasons.Add(new("authority.separated", $"The officer left the program: {f.Officer.SeparationReason}",
            f.Officer.SeparatedAt));

        if (model == AgreementModel.TaskForce
            && f.Allegations.Where(a => a.OfficerId == f.Officer.Id && a.IsPendingAt(at)).OrderBy(a => a.OpenedAt).FirstOrDefault() is { } allegation)
            reasons.Add(new("authority.allegation_pending",
                $"A complaint allegation ({allegation.Reference}) against the officer is pending: under the task force model the officer is off 287(g) duty until it is resolved.", allegation.OpenedAt));

        reasons.AddRange(OfficerConditions.LostAt((f.Conditions ?? []).Where(c => c.OfficerId == f.Officer.Id), model, at));

        var current = usable ?? inForce.FirstOrDefault() ?? signed.OrderByDescending(a => a.StartsAt).FirstOrDefault();
        var granted = reasons.Count == 0;
        DateTime? until = null;
        if (granted)
        {
            // The first instant already known at which authority will end without anyone acting.
            var ends = new List<DateTime?>
            {
                refresherDue is { } due ? Clock.StartOfDayUtc(due.AddDays(1)) : null,
                usable!.ExpiresAt,
                f.Timeline.NextChangeAfter(at),
            };
            until = ends.Where(e => e is not null).Min();
        }
        return new AuthorityAnswer(f.Officer.Id, f.Agreement.Id, model.Code(), at, granted, reasons,
            current?.CredentialNumber, current?.StartsAt, refresherDue, current?.ExpiresAt, until);
    }

    private static AuthorityReason Reason(string code) => new(code, Catalogue[code]);
}
