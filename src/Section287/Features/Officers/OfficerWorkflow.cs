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
using Section287.Features.Training;

namespace Section287.Features.Officers;

/// <summary>
/// The roster and what ICE does with it: the agency nominates and separates officers; ICE vets them and the field
/// office signs their authorization; either side may suspend or revoke it. Every rule is checked here, so pages and
/// the API meet the same refusals.
/// </summary>
public sealed partial class OfficerWorkflow(
    AppDbContext db, ChangeContext change, TimeProvider clock, DeadlineBook deadlines, Notifier notify, PersonData personData,
    AuthorityFactsLoader loader, Data.Reference.ReferenceData reference, AccountAdmin accounts)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    /// <summary>An officer's history shows their latest encounters, this many at most; the encounters page lists them all.</summary>
    private const int HistoryEncounters = 100;

    private IQueryable<Agreement> AgreementsInScope => db.Agreements.Where(a => db.AgenciesInScope.Any(s => s.Id == a.AgencyId));

    private static bool IsIce(Actor actor) => actor.Role is Role.ProgramOffice or Role.FieldSupervisor;

    // ---- Reading -------------------------------------------------------------------------------------------------

    /// <summary>An officer with everything about them. A designated officer sees only their own record.</summary>
    public async Task<Result<OfficerView>> GetAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var officer = await db.Officers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == id, ct);
        if (officer is null || (actor.Role == Role.DesignatedOfficer && officer.UserId != actor.Id)) return OfficerErrors.NotFound;
        var now = Now;
        var agencyName = await db.Agencies.Where(a => a.Id == officer.AgencyId).Select(a => a.Name).SingleAsync(ct);
        var nominations = await db.Nominations.AsNoTracking().Where(n => n.OfficerId == id).OrderBy(n => n.NominatedAt).ToListAsync(ct);
        var agreementIds = nominations.Select(n => n.AgreementId).Distinct().ToList();
        var agreements = await db.Agreements.AsNoTracking().Where(a => agreementIds.Contains(a.Id))
            .Select(a => new { a.Id, a.Model, a.Status }).ToListAsync(ct);
        var enrollments = await (from e in db.Enrollments.AsNoTracking().Include(e => e.Attempts)
                                 where e.OfficerId == id
                                 join c in db.TrainingClasses on e.ClassId equals c.Id
                                 join course in db.Courses.Include(x => x.Exams) on e.CourseId equals course.Id
                                 orderby c.StartsOn
                                 select new { e, c, course }).AsSplitQuery().ToListAsync(ct);
        var certificates = await db.Certificates.AsNoTracking().Where(c => c.OfficerId == id).OrderBy(c => c.IssuedAt).ToListAsync(ct);
        var authorizations = await db.Authorizations.AsNoTracking().Include(a => a.Suspensions).Where(a => a.OfficerId == id).OrderBy(a => a.StartsAt).ToListAsync(ct);
        var allegations = await Complaints.ComplaintQueries.PendingAllegations(db, [id]).OrderBy(a => a.OpenedAt).ToListAsync(ct);
        var events = await db.OfficerEvents.AsNoTracking().Where(e => e.OfficerId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        // What the officer did under authority belongs in their history too: their latest encounters, each linked to its record.
        var encounters = (await db.Encounters.AsNoTracking().Where(e => e.OfficerId == id).OrderByDescending(e => e.OccurredAt).Take(HistoryEncounters)
                .Select(e => new { e.Id, e.Number, e.Model, e.OccurredAt, e.ClosedAt, e.Outcome, e.AgreementId }).ToListAsync(ct))
            .Select(e => new OfficerEventView("encounter", e.OccurredAt,
                $"Encounter {e.Number} under the {e.Model.IceName()}: {(e.ClosedAt is null ? "open" : $"ended ({e.Outcome})")}", officer.FullName, e.AgreementId)
            {
                Link = $"/staff/encounters/{e.Id}",
            });
        var conditions = await db.OfficerConditions.AsNoTracking().Where(c => c.OfficerId == id).OrderBy(c => c.From).ThenBy(c => c.RecordedAt).ToListAsync(ct);
        var facts = await loader.LoadAsync([id], null, ct);
        var authority = facts.Select(f => AuthorityRules.Evaluate(f, now)).ToList();
        var deadlineViews = await DeadlineView.OfSubjectAsync(db, id, now, ct);

        return new OfficerView(officer.Id, officer.AgencyId, agencyName, officer.FullName, officer.BadgeNumber, officer.Rank, officer.HiredOn,
            officer.ExperienceYears,
            officer.CitizenshipAttested, officer.DetentionTrained, officer.HasDisciplinaryRecord, officer.ForceAllegation, officer.DiscriminationAllegation,
            officer.DisciplinaryDetailsProtected is not null, officer.UserId is not null, officer.SeparatedAt,
                officer.Separation?.ToString().ToLowerInvariant(), officer.SeparationReason,
            agreements.Select(a => new AgreementRef(a.Id, a.Model.Code(), a.Model.IceName(), a.Status.Code())).ToList(),
            nominations.Select(n => new NominationView(n.Id, n.AgreementId, n.Model.Code(), n.NominatedAt, n.Background.Code(), n.BackgroundRequestedAt,
                n.BackgroundDecidedAt, n.BackgroundReasonProtected is not null, n.EndedAt, n.EndReason,
                Stage(n, enrollments.Select(x => x.e).ToList(), certificates, authorizations, now), n.Version)
                { RecordsAccessRequestedAt = n.RecordsAccessRequestedAt, RecordsAuthorizationSignedOn = n.RecordsAuthorizationSignedOn }).ToList(),
            enrollments.Select(x => new EnrollmentSummary(x.e.Id, x.c.Id, x.course.Code, x.course.Title, x.course.Kind.Code(), x.c.StartsOn,
                x.c.EndsOn, x.e.Status.Code(),
                x.e.AttendanceHours, x.course.Hours, x.course.Exams.Count(ex => x.e.Attempts.Any(a => a.ExamKey == ex.Key && a.Passed)),
                    x.course.Exams.Count, x.e.EndReason)).ToList(),
            certificates.Select(c => CertificateDocument.View(c, certificates)).ToList(),
            authorizations.Select(ToView).ToList(),
            allegations.Select(a => new AllegationView(a.ComplaintId, a.Reference, a.OpenedAt, a.ResolvedAt)).ToList(),
            authority, deadlineViews,
            events.Select(e => new OfficerEventView(e.Kind, e.At, e.Text, e.ActorName, e.AgreementId)).Concat(encounters).OrderBy(e => e.At).ToList(),
            officer.Version)
        {
            Conditions = conditions.Select(c => new ConditionView(c.Kind, OfficerConditions.Find(c.Kind)?.Name ?? c.Kind, c.Held, c.From, c.Reason,
                c.ByName)).ToList(),
            SeparationNoticeOn = officer.SeparationNoticeOn,
            SeparationShortNotice = officer.SeparationShortNotice,
        };
    }

    /// <summary>The officer record of the signed-in designated officer.</summary>
    public async Task<Result<OfficerView>> MineAsync(Actor actor, CancellationToken ct)
    {
        var id = await db.Officers.Where(o => o.UserId == actor.Id).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
        return id is { } found ? await GetAsync(found, actor, ct) : Error.NotFound("officer.no_record",
            "No officer record is linked to your account; ask your agency's coordinator.");
    }

    /// <summary>Authority at any instant, with every reason it is not granted.</summary>
    public async Task<Result<AuthorityAnswer>> AuthorityAsync(Guid officerId, Guid? agreementId, DateTime? at, Actor actor, CancellationToken ct)
    {
        var officer = await db.Officers.AsNoTracking().Where(o => o.Id == officerId).Select(o => new { o.Id, o.UserId }).FirstOrDefaultAsync(ct);
        if (officer is null || (actor.Role == Role.DesignatedOfficer && officer.UserId != actor.Id)) return OfficerErrors.NotFound;
        if (agreementId is not { } agreement)
            return Error.Invalid("authority.agreement_required", "Say under which agreement.",
                new Dictionary<string, string[]> { ["agreementId"] = ["Give the agreement's id."] });
        var facts = await loader.LoadOneAsync(officerId, agreement, ct);
        if (facts is null) return AgreementErrors.NotFound;
        return AuthorityRules.Evaluate(facts, at ?? Now);
    }

    /// <summary>The disciplinary history the agency disclosed, decrypted for ICE's vetting or the agency, with the read logged.</summary>
    public async Task<Result<string?>> RevealDisciplinaryAsync(Guid officerId, string? purpose, Actor actor, CancellationToken ct)
    {
        var officer = await db.Officers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == officerId, ct);
        if (officer is null) return OfficerErrors.NotFound;
        if (actor.Role is not (Role.ProgramOffice or Role.FieldSupervisor or Role.AgencyCoordinator))
            return AccessRules.PersonDataNotPermitted.RefuseAs("Only ICE's vetting staff and the officer's agency coordinator may read a disciplinary history.");
        if (string.IsNullOrWhiteSpace(purpose))
            return Error.Invalid("person_data.purpose_required", "Say why you need to read it; the read is logged.",
                new Dictionary<string, string[]> { ["purpose"] = ["Say why you need to read it."] });
        return await personData.RevealAsync(officer.DisciplinaryDetailsProtected, officer.AgencyId, "officer", officer.Id, "disciplinaryDetails", purpose, ct);
    }

    public async Task<Result<(byte[] Pdf, string FileName)>> AuthorizationLetterAsync(Guid authorizationId, Actor actor, CancellationToken ct)
    {
        var a = await db.Authorizations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == authorizationId, ct);
        if (a is null) return OfficerErrors.AuthorizationNotFound;
        var officer = await db.Officers.AsNoTracking().SingleAsync(o => o.Id == a.OfficerId, ct);
        if (actor.Role == Role.DesignatedOfficer && officer.UserId != actor.Id) return OfficerErrors.AuthorizationNotFound;
        var agency = await db.Agencies.Where(x => x.Id == a.AgencyId).Select(x => x.Name).SingleAsync(ct);
        return (OfficerDocuments.AuthorizationLetterPdf(a, officer.FullName, officer.BadgeNumber, agency, DesignatedFunctions.Of(a.Model)),
            $"authorization-{a.LetterNumber}.pdf");
    }

    // ---- Shared ----------------------------------------------------------------------------------------------------

    /// <summary>
    /// Jail model (MOA 2020, section IV.D): a revocation that leaves no participating officer "would effectively amount to the
    /// suspension/termination of the entire MOA", and ICE then follows the notice process of suspension and termination. The
    /// program office gets that decision as a deadline, closed by a notice of suspension or termination or by a new authorization.
    /// </summary>
    private async Task OpenLastOfficerProcessAsync(Authorization revoked, Officer officer, DateTime now, CancellationToken ct)
    {
        if (revoked.Model != AgreementModel.Jail) return;
        var others = await db.Nominations.Where(n => n.AgreementId == revoked.AgreementId && n.OfficerId != officer.Id
            && n.EndedAt == null).Select(n => n.OfficerId).Distinct().ToListAsync(ct);
        var facts = await loader.LoadAsync(others, revoked.AgreementId, ct);
        if (facts.Any(f => AuthorityRules.Evaluate(f, now).Granted)) return;
        if (await db.Deadlines.AnyAsync(d => d.SubjectId == revoked.AgreementId && d.Rule == DeadlineRules.AgreementLastOfficer.Code
            && d.Status == DeadlineStatus.Open, ct)) return;
        deadlines.Open(DeadlineRules.AgreementLastOfficer, officer.AgencyId, "agreement", revoked.AgreementId,
            "Jail agreement — no participating officer remains");
        await notify.ToRoleAsync(Role.ProgramOffice, officer.AgencyId, "agreement.last_officer",
            $"The revocation of {officer.FullName}'s authorization leaves no participating officer under the jail agreement: follow the suspension and termination notice process (MOA section IV.D).",
            Links.For("agreement", revoked.AgreementId), ct);
    }

    private async Task OpenCredentialReturnsAsync(Officer officer, CancellationToken ct)
    {
        var out_ = await db.Authorizations.AnyAsync(a => a.OfficerId == officer.Id && a.CredentialsReturnedAt == null, ct)
            || db.ChangeTracker.Entries<Authorization>().Any(e => e.Entity.OfficerId == officer.Id && e.Entity.CredentialsReturnedAt == null);
        var open = await db.Deadlines.AnyAsync(d => d.SubjectId == officer.Id && d.Rule == DeadlineRules.OfficerCredentialsReturn.Code
            && d.Status == DeadlineStatus.Open, ct);
        if (out_ && !open) deadlines.Open(DeadlineRules.OfficerCredentialsReturn, officer.AgencyId, "officer", officer.Id,
            $"{officer.FullName} — ICE credentials");
    }

    private async Task<Result<OfficerView>> ApplyToOfficerAsync(Guid officerId, Actor actor, bool allowed, Error forbidden, string action, string reason,
        Func<Officer, Task<Error?>> rule, CancellationToken ct)
    {
        var officer = await db.Officers.FirstOrDefaultAsync(o => o.Id == officerId, ct);
        if (officer is null) return OfficerErrors.NotFound;
        if (!allowed) return forbidden;
        if (await rule(officer) is { } refused) return refused;
        change.For(action, reason.Trim());
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(officer.Id, actor, ct);
    }

    private async Task<Result<OfficerView>> ApplyToAuthorizationAsync(Guid authorizationId, Actor actor, string action, string reason,
        Func<Authorization, string, Error?> rule, CancellationToken ct)
    {
        var authorization = await db.Authorizations.Include(a => a.Suspensions).FirstOrDefaultAsync(a => a.Id == authorizationId, ct);
        if (authorization is null) return OfficerErrors.AuthorizationNotFound;
        var side = IsIce(actor) ? "ice" : actor.Role == Role.AgencyCoordinator ? "agency" : null;
        if (side is null) return OfficerErrors.OwnSideOnly;
        if (rule(authorization, side) is { } refused) return refused;
        var officer = await db.Officers.SingleAsync(o => o.Id == authorization.OfficerId, ct);
        var now = Now;
        var who = side == "ice" ? "ICE" : "the agency";
        var text = action switch
        {
            "authorization.suspend" => $"Authorization {authorization.LetterNumber} suspended by {who}: {reason.Trim()}",
            "authorization.lift" => $"Suspension of authorization {authorization.LetterNumber} lifted by {who}.",
            _ => $"Authorization {authorization.LetterNumber} revoked by {who}: {reason.Trim()}",
        };
        db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, authorization.AgreementId, action, text, actor.Name, now));
        if (action == "authorization.revoke")
        {
            await OpenCredentialReturnsAsync(officer, ct);
            // MOA: revocation is notified to the other party within 48 hours; the side that revoked owes the notice.
            deadlines.Open(side == "ice" ? DeadlineRules.OfficerRevocationNoticeByIce : DeadlineRules.OfficerRevocationNoticeByAgency,
                officer.AgencyId, "officer", officer.Id, $"{officer.FullName} — revocation notice");
            await OpenLastOfficerProcessAsync(authorization, officer, now, ct);
        }
        var other = side == "ice" ? Role.AgencyCoordinator : Role.FieldSupervisor;
        await notify.ToRoleAsync(other, officer.AgencyId, action, $"{officer.FullName}: {text}", Links.For("officer", officer.Id), ct);
        change.For(action, reason.Trim());
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(officer.Id, actor, ct);
    }

    internal static string Stage(Nomination n, IReadOnlyList<Enrollment> enrollments, IReadOnlyList<Certificate> certificates,
        IReadOnlyList<Authorization> authorizations, DateTime now)
    {
        if (n.EndedAt is not null) return "ended";
        if (authorizations.Any(a => a.NominationId == n.Id && a.IsInForceAt(now))) return "authorized";
        if (Certificates.StandingAt(certificates.Where(c => c.OfficerId == n.OfficerId && c.Model == n.Model),
            now).Any(c => c.Kind == CourseKind.Initial)) return "certified";
        if (enrollments.Any(e => e.NominationId == n.Id && e.Status == EnrollmentStatus.Enrolled)) return "in_training";
        return n.Background switch
        {
            BackgroundStatus.Favorable => "cleared",
            BackgroundStatus.Requested or BackgroundStatus.InProgress => "vetting",
            _ => "nominated",
        };
    }

    internal static AuthorizationView ToView(Authorization a) => new(a.Id, a.AgreementId, a.Model.Code(), a.LetterNumber, a.CredentialNumber,
        $"{a.SignatoryName}, {a.SignatoryTitle}", a.StartsAt, a.ExpiresAt, a.RevokedAt, a.RevokedBy, a.RevocationReason, a.CredentialsReturnedAt,
        a.Suspensions.OrderBy(s => s.From).Select(s => new SuspensionView(s.From, s.LiftedAt, s.By, s.Reason)).ToList(), a.Version)
    { SupervisingPosition = a.SupervisingPosition };
}
