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
public sealed class OfficerWorkflow(
    AppDbContext db, ChangeContext change, TimeProvider clock, DeadlineBook deadlines, Notifier notify, PersonData personData,
    AuthorityFactsLoader loader, Data.Reference.ReferenceData reference)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

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
        var allegations = await db.PendingAllegations.AsNoTracking().Where(a => a.OfficerId == id).OrderBy(a => a.OpenedAt).ToListAsync(ct);
        var events = await db.OfficerEvents.AsNoTracking().Where(e => e.OfficerId == id).OrderBy(e => e.At).ThenBy(e => e.Id).ToListAsync(ct);
        var conditions = await db.OfficerConditions.AsNoTracking().Where(c => c.OfficerId == id).OrderBy(c => c.From).ThenBy(c => c.RecordedAt).ToListAsync(ct);
        var facts = await loader.LoadAsync([id], null, ct);
        var authority = facts.Select(f => AuthorityRules.Evaluate(f, now)).ToList();
        var deadlineViews = await DeadlineView.OfSubjectAsync(db, id, now, ct);

        return new OfficerView(officer.Id, officer.AgencyId, agencyName, officer.FullName, officer.BadgeNumber, officer.Rank, officer.HiredOn, officer.ExperienceYears,
            officer.CitizenshipAttested, officer.DetentionTrained, officer.HasDisciplinaryRecord, officer.ForceAllegation, officer.DiscriminationAllegation,
            officer.DisciplinaryDetailsProtected is not null, officer.UserId is not null, officer.SeparatedAt, officer.Separation?.ToString().ToLowerInvariant(), officer.SeparationReason,
            agreements.Select(a => new AgreementRef(a.Id, a.Model.Code(), a.Model.IceName(), a.Status.Code())).ToList(),
            nominations.Select(n => new NominationView(n.Id, n.AgreementId, n.Model.Code(), n.NominatedAt, n.Background.Code(), n.BackgroundRequestedAt,
                n.BackgroundDecidedAt, n.BackgroundReasonProtected is not null, n.EndedAt, n.EndReason,
                Stage(n, enrollments.Select(x => x.e).ToList(), certificates, authorizations, now), n.Version)
                { RecordsAccessRequestedAt = n.RecordsAccessRequestedAt, RecordsAuthorizationSignedOn = n.RecordsAuthorizationSignedOn }).ToList(),
            enrollments.Select(x => new EnrollmentSummary(x.e.Id, x.c.Id, x.course.Code, x.course.Title, x.course.Kind.Code(), x.c.StartsOn, x.c.EndsOn, x.e.Status.Code(),
                x.e.AttendanceHours, x.course.Hours, x.course.Exams.Count(ex => x.e.Attempts.Any(a => a.ExamKey == ex.Key && a.Passed)), x.course.Exams.Count, x.e.EndReason)).ToList(),
            certificates.Select(c => CertificateDocument.View(c, certificates)).ToList(),
            authorizations.Select(ToView).ToList(),
            allegations.Select(a => new AllegationView(a.Id, a.Reference, a.OpenedAt, a.ResolvedAt, a.Resolution, a.Version)).ToList(),
            authority, deadlineViews,
            events.Select(e => new OfficerEventView(e.Kind, e.At, e.Text, e.ActorName, e.AgreementId)).ToList(),
            officer.Version)
        {
            Conditions = conditions.Select(c => new ConditionView(c.Kind, OfficerConditions.Find(c.Kind)?.Name ?? c.Kind, c.Held, c.From, c.Reason, c.ByName)).ToList(),
            SeparationNoticeOn = officer.SeparationNoticeOn,
            SeparationShortNotice = officer.SeparationShortNotice,
        };
    }

    /// <summary>The officer record of the signed-in designated officer.</summary>
    public async Task<Result<OfficerView>> MineAsync(Actor actor, CancellationToken ct)
    {
        var id = await db.Officers.Where(o => o.UserId == actor.Id).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
        return id is { } found ? await GetAsync(found, actor, ct) : Error.NotFound("officer.no_record", "No officer record is linked to your account; ask your agency's coordinator.");
    }

    /// <summary>Authority at any instant, with every reason it is not granted.</summary>
    public async Task<Result<AuthorityAnswer>> AuthorityAsync(Guid officerId, Guid? agreementId, DateTime? at, Actor actor, CancellationToken ct)
    {
        var officer = await db.Officers.AsNoTracking().Where(o => o.Id == officerId).Select(o => new { o.Id, o.UserId }).FirstOrDefaultAsync(ct);
        if (officer is null || (actor.Role == Role.DesignatedOfficer && officer.UserId != actor.Id)) return OfficerErrors.NotFound;
        if (agreementId is not { } agreement)
            return Error.Invalid("authority.agreement_required", "Say under which agreement.", new Dictionary<string, string[]> { ["agreementId"] = ["Give the agreement's id."] });
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
            return Error.Invalid("person_data.purpose_required", "Say why you need to read it; the read is logged.", new Dictionary<string, string[]> { ["purpose"] = ["Say why you need to read it."] });
        return await personData.RevealAsync(officer.DisciplinaryDetailsProtected, officer.AgencyId, "officer", officer.Id, "disciplinaryDetails", purpose, ct);
    }

    public async Task<Result<(byte[] Pdf, string FileName)>> AuthorizationLetterAsync(Guid authorizationId, Actor actor, CancellationToken ct)
    {
        var a = await db.Authorizations.AsNoTracking().FirstOrDefaultAsync(x => x.Id == authorizationId, ct);
        if (a is null) return OfficerErrors.AuthorizationNotFound;
        var officer = await db.Officers.AsNoTracking().SingleAsync(o => o.Id == a.OfficerId, ct);
        if (actor.Role == Role.DesignatedOfficer && officer.UserId != actor.Id) return OfficerErrors.AuthorizationNotFound;
        var agency = await db.Agencies.Where(x => x.Id == a.AgencyId).Select(x => x.Name).SingleAsync(ct);
        return (OfficerDocuments.AuthorizationLetterPdf(a, officer.FullName, officer.BadgeNumber, agency, DesignatedFunctions.Of(a.Model)), $"authorization-{a.LetterNumber}.pdf");
    }

    // ---- Roster (agency coordinator) ----------------------------------------------------------------------------------

    public async Task<Result<OfficerView>> NominateAsync(Guid agreementId, Actor actor, OfficerInput input, CancellationToken ct)
    {
        var agreement = await AgreementsInScope.FirstOrDefaultAsync(a => a.Id == agreementId, ct);
        if (agreement is null) return AgreementErrors.NotFound;
        if (actor.Role != Role.AgencyCoordinator) return OfficerErrors.CoordinatorOnly;
        var nominated = await NominateOneAsync(agreement, actor, input, [], announce: true, ct);
        if (!nominated.IsSuccess) return nominated.Error!;
        change.For("officer.nominate", $"Nominated under the {agreement.Model.IceName()} agreement");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(nominated.Value.Id, actor, ct);
    }

    /// <summary>
    /// Nominates every row of a CSV roster, or none: each row is checked as a single nomination would be, and a report
    /// names every row's errors. Columns (header row required): full_name, badge_number, rank, hired_on (YYYY-MM-DD),
    /// experience_years, us_citizen, detention_trained, disciplinary_record, force_allegation, discrimination_allegation
    /// (yes/no), disciplinary_details.
    /// </summary>
    public async Task<Result<ImportReport>> ImportRosterAsync(Guid agreementId, Actor actor, string csv, CancellationToken ct)
    {
        var agreement = await AgreementsInScope.FirstOrDefaultAsync(a => a.Id == agreementId, ct);
        if (agreement is null) return AgreementErrors.NotFound;
        if (actor.Role != Role.AgencyCoordinator) return OfficerErrors.CoordinatorOnly;
        var parsed = RosterCsv.Parse(csv);
        if (!parsed.IsSuccess) return parsed.Error!;
        var results = new List<ImportRowResult>();
        var badgesInFile = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var row in parsed.Value)
        {
            if (row.Errors.Count > 0)
            {
                results.Add(new ImportRowResult(row.Line, row.Input?.BadgeNumber, false, row.Errors));
                continue;
            }
            var nominated = await NominateOneAsync(agreement, actor, row.Input!, badgesInFile, announce: false, ct);
            results.Add(new ImportRowResult(row.Line, row.Input!.BadgeNumber, nominated.IsSuccess,
                nominated.IsSuccess ? new Dictionary<string, string[]>() : ErrorsOf(nominated.Error!)));
        }
        var report = new ImportReport(results.Count, results.All(r => r.Ok) ? results.Count : 0, results);
        if (results.Count == 0)
            return Error.Invalid("roster.empty", "The file has a header but no officers.", new Dictionary<string, string[]> { ["file"] = ["Add one officer per line below the header."] });
        if (!results.All(r => r.Ok))
        {
            // Nothing is half-imported: the rows that passed are dropped with the ones that failed.
            db.ChangeTracker.Clear();
            return OfficerErrors.RowsInvalid.RefuseAs($"{results.Count(r => !r.Ok)} of {results.Count} rows cannot be imported; nothing was imported.") with
                { Fields = results.Where(r => !r.Ok).ToDictionary(r => $"line {r.Line}", r => r.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}")).ToArray()) };
        }
        await notify.ToRoleAsync(Role.FieldSupervisor, agreement.AgencyId, "officer.nominated",
            $"{results.Count} new nominees to vet ({agreement.Model.Code()})", $"/staff/agreements/{agreement.Id}/officers", ct);
        change.For("officer.import_roster", $"Imported {results.Count} nominations under the {agreement.Model.IceName()} agreement");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return report;
    }

    private static IReadOnlyDictionary<string, string[]> ErrorsOf(Error e) =>
        e.Fields.Count > 0 ? e.Fields : new Dictionary<string, string[]> { ["officer"] = [$"{e.Message} ({e.Code})"] };

    private async Task<Result<Officer>> NominateOneAsync(Agreement agreement, Actor actor, OfficerInput input, HashSet<string> badgesInBatch, bool announce, CancellationToken ct)
    {
        if (agreement.Status != AgreementStatus.Active) return OfficerErrors.AgreementNotActive;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.FullName)) errors["fullName"] = ["Give the officer's full name."];
        if (string.IsNullOrWhiteSpace(input.BadgeNumber)) errors["badgeNumber"] = ["Give the badge number."];
        if (string.IsNullOrWhiteSpace(input.Rank)) errors["rank"] = ["Give the rank."];
        if (input.HiredOn is not { } hired) errors["hiredOn"] = ["Give the date of hire (YYYY-MM-DD)."];
        else if (hired > clock.Today()) errors["hiredOn"] = ["The date of hire cannot be in the future."];
        if (input.ExperienceYears is not { } years || years < 0 || years > 60) errors["experienceYears"] = ["Give the years of law enforcement experience (0 to 60)."];
        if (input.CitizenshipAttested is null) errors["citizenshipAttested"] = ["Say whether the agency attests the officer is a U.S. citizen."];
        if (input.HasDisciplinaryRecord is null) errors["hasDisciplinaryRecord"] = ["Disclose whether the officer has a disciplinary history."];
        if (errors.Count > 0) return Error.Invalid("officer.invalid", "The nomination is not complete.", errors);
        var facts = new OfficerFacts(input.FullName!, input.BadgeNumber!, input.Rank!, input.HiredOn!.Value, input.ExperienceYears!.Value,
            input.CitizenshipAttested!.Value, input.DetentionTrained ?? false, input.HasDisciplinaryRecord!.Value, input.ForceAllegation ?? false,
            input.DiscriminationAllegation ?? false, input.DisciplinaryDetails);
        if (Eligibility.Refusal(Eligibility.Check(agreement.Model, facts)) is { } refused) return refused;

        var badge = facts.BadgeNumber.Trim();
        if (!badgesInBatch.Add(badge)) return OfficerErrors.BadgeTaken.RefuseAs("Another row of this file has the same badge number.");
        var officer = input.OfficerId is { } existingId
            ? await db.Officers.FirstOrDefaultAsync(o => o.Id == existingId && o.AgencyId == agreement.AgencyId, ct)
            : await db.Officers.FirstOrDefaultAsync(o => o.AgencyId == agreement.AgencyId && o.BadgeNumber == badge, ct);
        if (input.OfficerId is not null && officer is null) return OfficerErrors.NotFound;
        if (officer is not null && input.OfficerId is null && !string.Equals(officer.FullName, facts.FullName.Trim(), StringComparison.OrdinalIgnoreCase))
            return OfficerErrors.BadgeTaken;
        if (officer?.SeparatedAt is not null) return OfficerErrors.AlreadySeparated;
        var details = personData.Protect(facts.DisciplinaryDetails);
        var now = Now;
        if (officer is null)
        {
            officer = Officer.Create(agreement.AgencyId, facts, details);
            db.Officers.Add(officer);
        }
        else
        {
            if (await db.Nominations.AnyAsync(n => n.OfficerId == officer.Id && n.AgreementId == agreement.Id && n.EndedAt == null, ct))
                return OfficerErrors.AlreadyNominated;
            officer.Update(facts, details);
        }
        var nomination = Nomination.Of(officer, agreement, actor.Id, now);
        db.Nominations.Add(nomination);
        db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, agreement.Id, "nominated",
            $"Nominated under the {agreement.Model.IceName()} agreement.", actor.Name, now));
        if (announce)
            await notify.ToRoleAsync(Role.FieldSupervisor, officer.AgencyId, "officer.nominated",
                $"New nominee to vet: {officer.FullName} ({agreement.Model.Code()})", Links.For("officer", officer.Id), ct);
        return officer;
    }

    public Task<Result<OfficerView>> LinkAccountAsync(Guid officerId, Actor actor, LinkAccountInput input, CancellationToken ct) =>
        ApplyToOfficerAsync(officerId, actor, actor.Role == Role.AgencyCoordinator, OfficerErrors.CoordinatorOnly, "officer.link_account", "Linked the officer's account",
            async officer =>
            {
                if (string.IsNullOrWhiteSpace(input.Email))
                {
                    officer.LinkAccount(null);
                    return null;
                }
                var normalized = input.Email.Trim().ToUpperInvariant();
                var user = await db.Users.Where(u => u.NormalizedEmail == normalized).Select(u => new { u.Id, u.Role, u.AgencyId }).FirstOrDefaultAsync(ct);
                if (user is null || user.Role != Role.DesignatedOfficer || user.AgencyId != officer.AgencyId)
                    return Error.Invalid("officer.account_invalid", "No designated officer account of this agency has that e-mail.",
                        new Dictionary<string, string[]> { ["email"] = ["Give the e-mail of a designated officer account of your agency."] });
                if (await db.Officers.AnyAsync(o => o.UserId == user.Id && o.Id != officer.Id, ct))
                    return OfficerErrors.AccountTaken;
                officer.LinkAccount(user.Id);
                return null;
            }, ct);

    /// <summary>The officer leaves the program: authority ends at once, nominations and training end, credentials are due back.</summary>
    public Task<Result<OfficerView>> SeparateAsync(Guid officerId, Actor actor, SeparationInput input, CancellationToken ct) =>
        ApplyToOfficerAsync(officerId, actor, actor.Role == Role.AgencyCoordinator, OfficerErrors.CoordinatorOnly, "officer.separate", input.Reason ?? "",
            async officer =>
            {
                var kind = input.Kind?.Trim().ToLowerInvariant() switch { "left" => SeparationKind.Left, "reassigned" => SeparationKind.Reassigned, _ => (SeparationKind?)null };
                if (kind is null)
                    return Error.Invalid("officer.separation_kind", "Say whether the officer left the agency or was reassigned.", new Dictionary<string, string[]> { ["kind"] = ["Choose left or reassigned."] });
                var now = Now;
                // Warrant service (section IV.D): 90 days' notice to ICE where practicable.
                var models = await db.Nominations.Where(n => n.OfficerId == officer.Id && n.EndedAt == null).Select(n => n.Model).ToListAsync(ct);
                var warrantService = models.Any(Officer.NoticeBeforeLeaving);
                if (officer.Separate(kind.Value, input.Reason, now, warrantService, input.NoticeGivenOn, input.ShortNoticeReason, Clock.DayOf(now)) is { } refused) return refused;
                foreach (var n in await db.Nominations.Where(n => n.OfficerId == officer.Id && n.EndedAt == null).ToListAsync(ct)) n.End("Officer separated", now);
                foreach (var e in await db.Enrollments.Include(e => e.Attempts).Where(e => e.OfficerId == officer.Id && e.Status == EnrollmentStatus.Enrolled).ToListAsync(ct))
                    e.Withdraw("Officer separated", now);
                await OpenCredentialReturnsAsync(officer, ct);
                db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, null, "separated", $"Left the program ({kind.Value.ToString().ToLowerInvariant()}): {officer.SeparationReason}"
                    + (officer.SeparationNoticeOn is { } told ? $" ICE was told on {told:yyyy-MM-dd}." : "") + (officer.SeparationShortNotice is { } why ? $" Shorter notice: {why}" : ""), actor.Name, now));
                await notify.ToRoleAsync(Role.FieldSupervisor, officer.AgencyId, "officer.separated", $"Officer separated, authority ended: {officer.FullName}", Links.For("officer", officer.Id), ct);
                return null;
            }, ct);

    // ---- Vetting (ICE) ---------------------------------------------------------------------------------------------

    public async Task<Result<OfficerView>> RecordBackgroundAsync(Guid nominationId, Actor actor, BackgroundInput input, CancellationToken ct)
    {
        var nomination = await db.Nominations.FirstOrDefaultAsync(n => n.Id == nominationId, ct);
        if (nomination is null) return OfficerErrors.NominationNotFound;
        if (!IsIce(actor)) return OfficerErrors.IceOnly;
        if (BackgroundStatuses.FromCode(input.Status) is not { } to || to == BackgroundStatus.NotRequested)
            return Error.Invalid("background.status_invalid", "Choose the investigation's new status.",
                new Dictionary<string, string[]> { ["status"] = ["Choose requested, in_progress, favorable or unfavorable."] });
        var officer = await db.Officers.SingleAsync(o => o.Id == nomination.OfficerId, ct);
        var now = Now;
        if (nomination.RecordBackground(to, personData.Protect(input.Reason), !string.IsNullOrWhiteSpace(input.Reason), now) is { } refused) return refused;
        var label = $"{officer.FullName} — {nomination.Model.IceName()} nominee";
        if (to == BackgroundStatus.Requested) deadlines.Open(DeadlineRules.OfficerBackground, officer.AgencyId, "officer", officer.Id, label);
        if (to is BackgroundStatus.Favorable or BackgroundStatus.Unfavorable) await deadlines.CloseAsync(officer.Id, DeadlineRules.OfficerBackground, ct);
        var text = to switch
        {
            BackgroundStatus.Requested => "Background investigation requested.",
            BackgroundStatus.InProgress => "Background investigation in progress.",
            BackgroundStatus.Favorable => "Background investigation favorable: the nominee may be trained.",
            _ => "Background investigation unfavorable: the nomination ended.",
        };
        db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, nomination.AgreementId, $"background.{to.Code()}", text, actor.Name, now));
        if (to is BackgroundStatus.Favorable or BackgroundStatus.Unfavorable)
            await notify.ToRoleAsync(Role.AgencyCoordinator, officer.AgencyId, "officer.background", $"{officer.FullName}: {text}", Links.For("officer", officer.Id), ct);
        change.For($"background.{to.Code()}", text);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(officer.Id, actor, ct);
    }

    // ---- Authorization (ICE field office) --------------------------------------------------------------------------

    /// <summary>The field office director signs the authorization letter and issues credentials: authority starts now.</summary>
    public async Task<Result<OfficerView>> AuthorizeAsync(Guid nominationId, Actor actor, AuthorizeInput input, CancellationToken ct)
    {
        var nomination = await db.Nominations.FirstOrDefaultAsync(n => n.Id == nominationId, ct);
        if (nomination is null) return OfficerErrors.NominationNotFound;
        if (!IsIce(actor)) return OfficerErrors.FieldOfficeOnly;
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(input.CredentialNumber)) errors["credentialNumber"] = ["Give the number of the credentials issued."];
        if (string.IsNullOrWhiteSpace(input.SignatoryName)) errors["signatoryName"] = ["Give the name of the field office director who signs."];
        if (string.IsNullOrWhiteSpace(input.SignatoryTitle)) errors["signatoryTitle"] = ["Give the signatory's title."];
        if (errors.Count > 0) return Error.Invalid("authorization.invalid", "The authorization is not complete.", errors);
        var now = Now;
        if (!nomination.IsOpen) return OfficerErrors.NominationEnded(nomination.EndReason);
        var facts = await loader.LoadOneAsync(nomination.OfficerId, nomination.AgreementId, ct);
        if (facts is null) return OfficerErrors.NominationNotFound;
        // What the letter needs is what authority needs, short of the letter itself: the same rules answer both.
        var missing = AuthorityRules.Evaluate(facts, now).Reasons.Select(r => r.Code).ToHashSet();
        if (missing.Overlaps(["authority.agreement_not_active", "authority.agreement_suspended"])) return OfficerErrors.AgreementNotActive;
        if (!nomination.IsFavorableAt(now)) return OfficerErrors.NotFavorable;
        if (missing.Overlaps(["authority.not_certified", "authority.refresher_overdue"])) return OfficerErrors.NotCertified;
        var current = facts.Authorizations.FirstOrDefault(a => a.IsInForceAt(now));
        // A task force authorization may be renewed in its last 90 days; otherwise one in force is enough.
        if (current is not null && (current.ExpiresAt is not { } expires || expires > now.AddDays(90))) return OfficerErrors.AlreadyAuthorized;
        var credential = input.CredentialNumber!.Trim();
        if (await db.Authorizations.IgnoreQueryFilters().AnyAsync(a => a.CredentialNumber == credential, ct)) return OfficerErrors.CredentialTaken;

        var position = string.IsNullOrWhiteSpace(input.SupervisingPosition)
            ? Authorization.SupervisingPositionOf(facts.Agreement.Agency?.AorCode is { } aor ? reference.FieldOffices.GetValueOrDefault(aor) : null)
            : input.SupervisingPosition.Trim();
        var authorization = Authorization.Sign(nomination, credential, input.SignatoryName!, input.SignatoryTitle!, actor.Id, now, position);
        db.Authorizations.Add(authorization);
        var officer = await db.Officers.SingleAsync(o => o.Id == nomination.OfficerId, ct);
        // A new officer under a jail agreement left without any ends the question of suspending or terminating it.
        await deadlines.CloseAsync(nomination.AgreementId, DeadlineRules.AgreementLastOfficer, ct);
        if (authorization.ExpiresAt is { } end)
        {
            await deadlines.CloseAsync(officer.Id, DeadlineRules.OfficerAuthorizationRenewal, ct);
            deadlines.OpenUntil(DeadlineRules.OfficerAuthorizationRenewal, officer.AgencyId, "officer", officer.Id, $"{officer.FullName} — task force authorization", end);
        }
        var text = $"Authorized under the {nomination.Model.IceName()} agreement by {authorization.SignatoryName}, {authorization.SignatoryTitle}; credentials {credential}"
            + (authorization.ExpiresAt is { } e ? $"; valid until {Clock.DayOf(e):yyyy-MM-dd}." : ".");
        db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, nomination.AgreementId, "authorized", text, actor.Name, now));
        await notify.ToRoleAsync(Role.AgencyCoordinator, officer.AgencyId, "officer.authorized", $"{officer.FullName}: {text}", Links.For("officer", officer.Id), ct);
        if (officer.UserId is { } user) await notify.ToUserAsync(user, officer.AgencyId, "officer.authorized", text, "/staff/me", ct);
        change.For("authorization.sign", text);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(officer.Id, actor, ct);
    }

    public Task<Result<OfficerView>> SuspendAuthorizationAsync(Guid authorizationId, Actor actor, ReasonInput input, CancellationToken ct) =>
        ApplyToAuthorizationAsync(authorizationId, actor, "authorization.suspend", input.Reason ?? "", (a, side) => a.Suspend(side, input.Reason, Now), ct);

    public Task<Result<OfficerView>> LiftSuspensionAsync(Guid authorizationId, Actor actor, CancellationToken ct) =>
        ApplyToAuthorizationAsync(authorizationId, actor, "authorization.lift", "Suspension lifted", (a, side) =>
        {
            // The agency lifts only a suspension it imposed; ICE may lift any.
            if (side == "agency" && a.SuspensionAt(Now) is { By: "ice" }) return OfficerErrors.OwnSideOnly.RefuseAs("Only ICE can lift a suspension ICE imposed.");
            return a.Lift(Now);
        }, ct);

    /// <summary>Revocation at any time, by ICE or the agency (MOA): the other party must be told within 48 hours, and credentials come back.</summary>
    public Task<Result<OfficerView>> RevokeAsync(Guid authorizationId, Actor actor, ReasonInput input, CancellationToken ct) =>
        ApplyToAuthorizationAsync(authorizationId, actor, "authorization.revoke", input.Reason ?? "", (a, side) => a.Revoke(side, input.Reason, Now), ct);

    /// <summary>ICE confirms the credentials came back.</summary>
    public async Task<Result<OfficerView>> CredentialsReturnedAsync(Guid authorizationId, Actor actor, CancellationToken ct)
    {
        var authorization = await db.Authorizations.FirstOrDefaultAsync(a => a.Id == authorizationId, ct);
        if (authorization is null) return OfficerErrors.AuthorizationNotFound;
        if (!IsIce(actor)) return OfficerErrors.IceOnly;
        if (!authorization.ReturnCredentials(Now)) return OfficerErrors.CredentialsAlreadyReturned;
        // The deadline ends when no credentials of the officer that are due back (revoked, or the officer left) are still out.
        var separated = await db.Officers.AnyAsync(o => o.Id == authorization.OfficerId && o.SeparatedAt != null, ct);
        var stillOut = await db.Authorizations.AnyAsync(a => a.OfficerId == authorization.OfficerId && a.Id != authorization.Id && a.CredentialsReturnedAt == null
            && (a.RevokedAt != null || separated), ct);
        if (!stillOut) await deadlines.CloseAsync(authorization.OfficerId, DeadlineRules.OfficerCredentialsReturn, ct);
        db.OfficerEvents.Add(OfficerEvent.Of(authorization.AgencyId, authorization.OfficerId, authorization.AgreementId, "credentials.returned",
            $"Credentials {authorization.CredentialNumber} returned to ICE.", actor.Name, Now));
        change.For("authorization.credentials_returned", authorization.CredentialNumber);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(authorization.OfficerId, actor, ct);
    }

    /// <summary>The side a revocation notice waits on records that it told the other party (and the officer).</summary>
    public Task<Result<OfficerView>> RecordRevocationNoticeAsync(Guid officerId, Actor actor, NoticeInput input, CancellationToken ct) =>
        ApplyToOfficerAsync(officerId, actor, IsIce(actor) || actor.Role == Role.AgencyCoordinator, OfficerErrors.OwnSideOnly, "officer.revocation_notice", input.Note ?? "",
            async officer =>
            {
                var rule = IsIce(actor) ? DeadlineRules.OfficerRevocationNoticeByIce : DeadlineRules.OfficerRevocationNoticeByAgency;
                if (!await db.Deadlines.AnyAsync(d => d.SubjectId == officer.Id && d.Rule == rule.Code && d.Status == DeadlineStatus.Open, ct))
                    return OfficerErrors.NoNoticeDue;
                await deadlines.CloseAsync(officer.Id, rule, ct);
                db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, null, "revocation.notified",
                    $"Notice of the end of authority given{(string.IsNullOrWhiteSpace(input.Note) ? "." : $": {input.Note.Trim()}")}", actor.Name, Now));
                return null;
            }, ct);

    // ---- Disciplinary records (warrant service) -------------------------------------------------------------------

    /// <summary>ICE asks for a warrant service candidate's written authorization to read their disciplinary records (MOA, section IV.B).</summary>
    public async Task<Result<OfficerView>> RequestRecordsAccessAsync(Guid nominationId, Actor actor, CancellationToken ct)
    {
        var nomination = await db.Nominations.FirstOrDefaultAsync(n => n.Id == nominationId, ct);
        if (nomination is null) return OfficerErrors.NominationNotFound;
        if (!IsIce(actor)) return OfficerErrors.IceOnly;
        if (nomination.RequestRecordsAccess(Now) is { } refused) return refused;
        var text = "ICE asked for the candidate's written authorization to read their disciplinary records.";
        db.OfficerEvents.Add(OfficerEvent.Of(nomination.AgencyId, nomination.OfficerId, nomination.AgreementId, "records.requested", text, actor.Name, Now));
        await notify.ToRoleAsync(Role.AgencyCoordinator, nomination.AgencyId, "records.requested", text, Links.For("officer", nomination.OfficerId), ct);
        change.For("nomination.records_requested", text);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(nomination.OfficerId, actor, ct);
    }

    /// <summary>The agency records the candidate's signed authorization.</summary>
    public async Task<Result<OfficerView>> RecordRecordsAuthorizationAsync(Guid nominationId, Actor actor, RecordsAuthorizationInput input, CancellationToken ct)
    {
        var nomination = await db.Nominations.FirstOrDefaultAsync(n => n.Id == nominationId, ct);
        if (nomination is null) return OfficerErrors.NominationNotFound;
        if (actor.Role != Role.AgencyCoordinator) return OfficerErrors.CoordinatorOnly;
        if (nomination.RecordRecordsAuthorization(input.SignedOn, Clock.DayOf(Now)) is { } refused) return refused;
        var text = $"The candidate's written authorization for ICE to read their disciplinary records, signed on {input.SignedOn:yyyy-MM-dd}, is provided.";
        db.OfficerEvents.Add(OfficerEvent.Of(nomination.AgencyId, nomination.OfficerId, nomination.AgreementId, "records.authorized", text, actor.Name, Now));
        await notify.ToRoleAsync(Role.FieldSupervisor, nomination.AgencyId, "records.authorized", text, Links.For("officer", nomination.OfficerId), ct);
        change.For("nomination.records_authorized", text);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(nomination.OfficerId, actor, ct);
    }

    // ---- Conditions of authority -----------------------------------------------------------------------------------

    /// <summary>
    /// Records a dated fact of the officer's standing: ICE grants or withdraws systems access and the clearance; the agency
    /// assigns the officer to detention duties or elsewhere. Authority follows at once (the watch records any lapse).
    /// </summary>
    public Task<Result<OfficerView>> RecordConditionAsync(Guid officerId, Actor actor, ConditionInput input, CancellationToken ct)
    {
        var kind = OfficerConditions.Find(input.Kind);
        var allowed = kind is null ? IsIce(actor) || actor.Role == Role.AgencyCoordinator : kind.IceRecords ? IsIce(actor) : IsIce(actor) || actor.Role == Role.AgencyCoordinator;
        return ApplyToOfficerAsync(officerId, actor, allowed, OfficerConditions.WrongSide, "officer.condition", input.Reason ?? "",
            officer =>
            {
                var now = Now;
                var errors = new Dictionary<string, string[]>();
                if (kind is null) errors["kind"] = [$"Choose one of: {string.Join(", ", OfficerConditions.Kinds.Select(k => k.Code))}."];
                if (input.Held is null) errors["held"] = ["Say whether the officer holds it from that time."];
                if (string.IsNullOrWhiteSpace(input.Reason)) errors["reason"] = ["Say what happened (the decision, the assignment, the reason)."];
                if (input.From is { } from && from > now + TimeSpan.FromMinutes(5)) errors["from"] = ["Give a time no later than now."];
                if (errors.Count > 0) return Task.FromResult<Error?>(Error.Invalid("officer.condition_invalid", "The fact is not complete.", errors));
                var condition = OfficerCondition.Record(officer, kind!.Code, input.Held!.Value, input.From ?? now, input.Reason!, actor.Name, now);
                db.OfficerConditions.Add(condition);
                db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, null, $"condition.{kind.Code}",
                    $"{(condition.Held ? "Holds" : "No longer holds")} {kind.Name} from {condition.From:yyyy-MM-dd HH:mm} UTC: {condition.Reason}", actor.Name, now));
                return Task.FromResult<Error?>(null);
            }, ct);
    }

    // ---- Pending allegations --------------------------------------------------------------------------------------

    public Task<Result<OfficerView>> OpenAllegationAsync(Guid officerId, Actor actor, AllegationInput input, CancellationToken ct) =>
        ApplyToOfficerAsync(officerId, actor, IsIce(actor) || actor.Role == Role.AgencyCoordinator, OfficerErrors.OwnSideOnly, "allegation.open", input.Reference ?? "",
            officer =>
            {
                if (string.IsNullOrWhiteSpace(input.Reference))
                    return Task.FromResult<Error?>(Error.Invalid("allegation.reference_required", "Give the complaint's tracking number or case reference.",
                        new Dictionary<string, string[]> { ["reference"] = ["Give the complaint's tracking number or case reference."] }));
                db.PendingAllegations.Add(PendingAllegation.Open(officer.AgencyId, officer.Id, input.Reference, Now));
                db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, null, "allegation.opened", $"Complaint allegation {input.Reference.Trim()} pending.", actor.Name, Now));
                return Task.FromResult<Error?>(null);
            }, ct);

    public async Task<Result<OfficerView>> ResolveAllegationAsync(Guid allegationId, Actor actor, ResolutionInput input, CancellationToken ct)
    {
        var allegation = await db.PendingAllegations.FirstOrDefaultAsync(a => a.Id == allegationId, ct);
        if (allegation is null) return OfficerErrors.AllegationNotFound;
        if (!(IsIce(actor) || actor.Role == Role.AgencyCoordinator)) return OfficerErrors.OwnSideOnly;
        if (allegation.Resolve(input.Resolution, Now) is { } refused) return refused;
        db.OfficerEvents.Add(OfficerEvent.Of(allegation.AgencyId, allegation.OfficerId, null, "allegation.resolved", $"Complaint allegation {allegation.Reference} resolved: {allegation.Resolution}", actor.Name, Now));
        change.For("allegation.resolve", allegation.Resolution ?? "");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(allegation.OfficerId, actor, ct);
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
        var others = await db.Nominations.Where(n => n.AgreementId == revoked.AgreementId && n.OfficerId != officer.Id && n.EndedAt == null).Select(n => n.OfficerId).Distinct().ToListAsync(ct);
        var facts = await loader.LoadAsync(others, revoked.AgreementId, ct);
        if (facts.Any(f => AuthorityRules.Evaluate(f, now).Granted)) return;
        if (await db.Deadlines.AnyAsync(d => d.SubjectId == revoked.AgreementId && d.Rule == DeadlineRules.AgreementLastOfficer.Code && d.Status == DeadlineStatus.Open, ct)) return;
        deadlines.Open(DeadlineRules.AgreementLastOfficer, officer.AgencyId, "agreement", revoked.AgreementId, "Jail agreement — no participating officer remains");
        await notify.ToRoleAsync(Role.ProgramOffice, officer.AgencyId, "agreement.last_officer",
            $"The revocation of {officer.FullName}'s authorization leaves no participating officer under the jail agreement: follow the suspension and termination notice process (MOA section IV.D).",
            Links.For("agreement", revoked.AgreementId), ct);
    }

    private async Task OpenCredentialReturnsAsync(Officer officer, CancellationToken ct)
    {
        var out_ = await db.Authorizations.AnyAsync(a => a.OfficerId == officer.Id && a.CredentialsReturnedAt == null, ct)
            || db.ChangeTracker.Entries<Authorization>().Any(e => e.Entity.OfficerId == officer.Id && e.Entity.CredentialsReturnedAt == null);
        var open = await db.Deadlines.AnyAsync(d => d.SubjectId == officer.Id && d.Rule == DeadlineRules.OfficerCredentialsReturn.Code && d.Status == DeadlineStatus.Open, ct);
        if (out_ && !open) deadlines.Open(DeadlineRules.OfficerCredentialsReturn, officer.AgencyId, "officer", officer.Id, $"{officer.FullName} — ICE credentials");
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

    internal static string Stage(Nomination n, IReadOnlyList<Enrollment> enrollments, IReadOnlyList<Certificate> certificates, IReadOnlyList<Authorization> authorizations, DateTime now)
    {
        if (n.EndedAt is not null) return "ended";
        if (authorizations.Any(a => a.NominationId == n.Id && a.IsInForceAt(now))) return "authorized";
        if (Certificates.StandingAt(certificates.Where(c => c.OfficerId == n.OfficerId && c.Model == n.Model), now).Any(c => c.Kind == CourseKind.Initial)) return "certified";
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
