using Section287.Features.Shared;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;
using Section287.Features.Officers;

namespace Section287.Features.Encounters;

/// <summary>
/// The use of authority as its users do it: a designated officer records encounters and actions, ICE supervisors review
/// detainers and resolve citizenship claims, and the agency and ICE read what they need. The rules are on
/// <see cref="Encounter"/>; this class finds the records in the user's scope, loads the officer's authority, protects
/// the person's data, keeps the deadlines and tells the people whose move it is.
/// </summary>
public sealed class EncounterWorkflow(
    AppDbContext db, ChangeContext change, TimeProvider clock, DeadlineBook deadlines, Notifier notify, PersonData personData, AuthorityFactsLoader loader)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static bool IsIce(Actor actor) => actor.Role is Role.ProgramOffice or Role.FieldSupervisor;

    private static Acting As(Actor actor) => new(actor.Id, actor.Name, IsIce(actor));

    private static readonly Error OwnRecordOnly = RuleBook.OwnRecordOnly;

    public static readonly Error NotFound = Error.NotFound("encounter.not_found", "No such encounter among those you can see.");

    /// <summary>Encounters the user may see: a designated officer only their own; everyone else as the tenancy filter allows.</summary>
    private IQueryable<Encounter> Visible(Actor actor) =>
        actor.Role == Role.DesignatedOfficer ? db.Encounters.Where(e => e.OfficerUserId == actor.Id) : db.Encounters;

    // ---- Reading -------------------------------------------------------------------------------------------------

    public async Task<Result<EncounterView>> GetAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var e = await Visible(actor).AsNoTracking().Include(x => x.Events).Include(x => x.Detainers).Include(x => x.Claims).Include(x => x.Versions).Include(x => x.Documents)
            .AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return NotFound;
        var agencyName = await db.Agencies.Where(a => a.Id == e.AgencyId).Select(a => a.Name).SingleAsync(ct);
        var officerName = await db.Officers.Where(o => o.Id == e.OfficerId).Select(o => o.FullName).SingleAsync(ct);
        return EncounterView.Of(e, agencyName, officerName, await DeadlineView.OfSubjectAsync(db, id, Now, ct));
    }

    public async Task<Result<Page<EncounterSummary>>> ListAsync(Actor actor, Guid? agreementId, string? status, int? page, int? pageSize, CancellationToken ct)
    {
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var query = Visible(actor).AsNoTracking();
        if (agreementId is { } a) query = query.Where(e => e.AgreementId == a);
        query = status switch
        {
            "open" => query.Where(e => e.ClosedAt == null),
            "closed" => query.Where(e => e.ClosedAt != null),
            _ => query,
        };
        var found = await Rows(query).ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
        var now = Now;
        return new Page<EncounterSummary>(found.Items.Select(x => ToSummary(x, now)).ToList(), found.PageNumber, found.PageSize, found.Total);
    }

    private sealed record SummaryRow(Guid Id, string Number, string Agency, AgreementModel Model, string Officer, DateTime OccurredAt, BasisKind BasisKind,
        DateTime? ClosedAt, string? Outcome, DateTime RecordedAt, int Corrections, bool ClaimOpen, DetainerStatus? Detainer, DateTime? ScheduledReleaseAt, DateTime? OverdetentionAt);

    private IQueryable<SummaryRow> Rows(IQueryable<Encounter> query) =>
        from e in query
        join g in db.Agencies on e.AgencyId equals g.Id
        join o in db.Officers on e.OfficerId equals o.Id
        orderby e.OccurredAt descending, e.Id
        select new SummaryRow(e.Id, e.Number, g.Name, e.Model, o.FullName, e.OccurredAt, e.BasisKind, e.ClosedAt, e.Outcome, e.RecordedAt, e.Corrections,
            db.CitizenshipClaims.Any(c => c.EncounterId == e.Id && c.ResolvedAt == null),
            db.Detainers.Where(d => d.EncounterId == e.Id).OrderByDescending(d => d.RequestedAt).Select(d => (DetainerStatus?)d.Status).FirstOrDefault(),
            e.ScheduledReleaseAt, e.OverdetentionAt);

    private static EncounterSummary ToSummary(SummaryRow x, DateTime now) => new(x.Id, x.Number, x.Agency, x.Model.Code(), x.Officer, x.OccurredAt, x.BasisKind.Code(),
        x.ClosedAt is null ? "open" : x.Outcome ?? "closed", x.ClaimOpen, x.Detainer?.Code(),
        x.OverdetentionAt is not null ? "past_48_hours" : x.Detainer == DetainerStatus.Issued && x.ClosedAt is null && x.ScheduledReleaseAt is { } r && now > r ? "holding" : "none",
        x.RecordedAt - x.OccurredAt > Encounter.LateAfter, x.Corrections);

    /// <summary>The person's data, decrypted for someone who needs it, after the read is logged with its purpose.</summary>
    public async Task<Result<PersonView>> RevealPersonAsync(Guid id, Actor actor, RevealInput input, CancellationToken ct)
    {
        var e = await Visible(actor).AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
        if (e is null) return NotFound;
        if (actor.Role is Role.Oversight)
            return AccessRules.PersonDataNotPermitted.RefuseAs("Person data is shown only to the agency and the ICE staff who work the case; oversight reads the record without it.");
        if (string.IsNullOrWhiteSpace(input.Purpose))
            return Error.Invalid("person_data.purpose_required", "Say why you need to read it; the read is logged.", new Dictionary<string, string[]> { ["purpose"] = ["Say why you need to read it."] });
        var values = await personData.RevealAllAsync(new Dictionary<string, string?>
        {
            ["name"] = e.NameProtected, ["dateOfBirth"] = e.DateOfBirthProtected, ["fbiNumber"] = e.FbiNumberProtected, ["aNumber"] = e.ANumberProtected,
        }, e.AgencyId, "encounter", e.Id, input.Purpose, ct);
        return new PersonView(values["name"], values["dateOfBirth"], values["fbiNumber"], values["aNumber"]);
    }

    /// <summary>
    /// Finds encounters by an exact identifier — A-number, FBI number, or name with date of birth — through keyed hashes, without
    /// decrypting anyone. The search itself is logged as a read of person data, with its purpose.
    /// </summary>
    public async Task<Result<IReadOnlyList<EncounterSummary>>> LookupAsync(Actor actor, LookupInput input, CancellationToken ct)
    {
        if (actor.Role is Role.Oversight) return AccessRules.PersonDataNotPermitted.RefuseAs("Oversight does not search people.");
        if (string.IsNullOrWhiteSpace(input.Purpose))
            return Error.Invalid("person_data.purpose_required", "Say why you are searching; the search is logged.", new Dictionary<string, string[]> { ["purpose"] = ["Say why you are searching."] });
        var aNumber = personData.LookupHash("a_number", input.ANumber);
        var fbi = personData.LookupHash("fbi_number", input.FbiNumber);
        var nameDob = input.DateOfBirth is { } dob ? personData.LookupHash("name_dob", $"{input.Name}|{dob:yyyy-MM-dd}") : null;
        if (aNumber is null && fbi is null && (nameDob is null || string.IsNullOrWhiteSpace(input.Name)))
            return Error.Invalid("lookup.identifier_required", "Give an A-number, an FBI number, or a name with a date of birth.",
                new Dictionary<string, string[]> { ["aNumber"] = ["Give an A-number, an FBI number, or a name with a date of birth."] });
        var ids = await Visible(actor).Where(e => (aNumber != null && e.ANumberHash == aNumber) || (fbi != null && e.FbiNumberHash == fbi) || (nameDob != null && e.NameDobHash == nameDob))
            .OrderByDescending(e => e.OccurredAt).Select(e => new { e.Id, e.AgencyId }).Take(200).ToListAsync(ct);
        var fields = string.Join(",", new[] { aNumber is null ? null : "aNumber", fbi is null ? null : "fbiNumber", nameDob is null ? null : "nameAndDateOfBirth" }.Where(f => f is not null));
        await personData.LogAsync(ids.FirstOrDefault()?.AgencyId ?? actor.AgencyId ?? Guid.Empty, "lookup", Guid.Empty, fields, $"{input.Purpose.Trim()} ({ids.Count} found)", ct);
        var now = Now;
        var idList = ids.Select(i => i.Id).ToList();
        return (await Rows(db.Encounters.Where(e => idList.Contains(e.Id))).ToListAsync(ct)).Select(x => ToSummary(x, now)).ToList();
    }

    /// <summary>The agreements the signed-in designated officer is nominated under, to record an encounter under one.</summary>
    public async Task<IReadOnlyList<(Guid Id, AgreementModel Model, string Status)>> MyAgreementsAsync(Actor actor, CancellationToken ct)
    {
        var officer = await db.Officers.AsNoTracking().Where(o => o.UserId == actor.Id).Select(o => (Guid?)o.Id).FirstOrDefaultAsync(ct);
        if (officer is null) return [];
        return (await db.Agreements.AsNoTracking().Where(a => db.Nominations.Any(n => n.OfficerId == officer && n.AgreementId == a.Id && n.EndedAt == null))
                .OrderBy(a => a.Model).Select(a => new { a.Id, a.Model, a.Status }).ToListAsync(ct))
            .Select(a => (a.Id, a.Model, a.Status.Code())).ToList();
    }

    // ---- The officer records --------------------------------------------------------------------------------------

    public async Task<Result<EncounterView>> OpenAsync(Actor actor, EncounterInput input, CancellationToken ct)
    {
        if (actor.Role != Role.DesignatedOfficer) return OwnRecordOnly;
        var officer = await db.Officers.FirstOrDefaultAsync(o => o.UserId == actor.Id, ct);
        if (officer is null) return Error.NotFound("officer.no_record", "No officer record is linked to your account; ask your agency's coordinator.");
        var agreement = input.AgreementId is { } agreementId
            ? await db.Agreements.Include(a => a.History).Include(a => a.Agency).FirstOrDefaultAsync(a => a.Id == agreementId && a.AgencyId == officer.AgencyId, ct)
            : null;
        if (agreement is null)
            return Error.Invalid("encounter.agreement_required", "Choose the agreement you act under.", new Dictionary<string, string[]> { ["agreementId"] = ["Choose the agreement you act under."] });
        var facts = await loader.LoadOneAsync(officer.Id, agreement.Id, ct);
        var now = Now;
        var opened = Encounter.Open(agreement, officer, As(actor), input, Protect(input.Person), at => AuthorityRules.Evaluate(facts!, at), now);
        if (!opened.IsSuccess) return opened.Error!;
        var e = opened.Value;
        db.Encounters.Add(e);
        var label = $"{e.Number} — {agreement.Model.IceName()}";
        // MOA (task force): contact an ICE supervisor at the time, or as soon as practicable.
        if (e.Model == AgreementModel.TaskForce) deadlines.Open(DeadlineRules.EncounterSupervisorContact, e.AgencyId, "encounter", e.Id, label, actor.Id, e.OccurredAt);
        change.For("encounter.open", $"{e.Number}: {e.BasisText()}");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(e.Id, actor, ct);
    }

    public Task<Result<EncounterView>> ActAsync(Guid id, Actor actor, ActionInput input, CancellationToken ct) =>
        OfficerAppliesAsync(id, actor, $"encounter.{input.Kind}", async (e, authority, now, terms) =>
        {
            var action = input.ToAction();
            if (!action.IsSuccess) return action.Error;
            var done = e.Act(action.Value, As(actor), authority, now, terms);
            if (!done.IsSuccess) return done.Error;
            var label = $"{e.Number} — {e.Model.IceName()}";
            switch (action.Value.Kind)
            {
                case ActionKind.SupervisorContact:
                    await deadlines.CloseAsync(e.Id, DeadlineRules.EncounterSupervisorContact, ct);
                    break;
                case ActionKind.I213Prepared or ActionKind.NtaPrepared:
                    // The document waits for ICE's signature in the supervisor's queue (MOA: "for the signature of an ICE officer").
                    deadlines.Open(DeadlineRules.DocumentReview, e.AgencyId, "encounter", e.Id, $"{label} — {(action.Value.Kind == ActionKind.NtaPrepared ? "Notice to Appear" : "Form I-213")} to sign");
                    await notify.ToRoleAsync(Role.FieldSupervisor, e.AgencyId, "document.prepared", $"Document to sign: {e.Number}", Links.For("encounter", e.Id), ct);
                    break;
                case ActionKind.WarrantServed when e.Model == AgreementModel.WarrantService:
                    // Appendix A: the ICE officer is told immediately after a warrant is served.
                    deadlines.OpenUntil(DeadlineRules.EncounterWarrantServiceNotice, e.AgencyId, "encounter", e.Id, $"{label} — tell ICE the warrant was served",
                        done.Value.At.AddHours(DeadlineRules.EncounterWarrantServiceNotice.Length), assigneeId: actor.Id);
                    break;
                case ActionKind.IceNotified:
                    await deadlines.CloseAsync(e.Id, DeadlineRules.EncounterWarrantServiceNotice, ct);
                    break;
                case ActionKind.ArrestWithoutWarrant:
                    deadlines.OpenUntil(DeadlineRules.EncounterSameDayToIce, e.AgencyId, "encounter", e.Id, label, ZonedTime.EndOfDayUtc(ZonedTime.DayOf(done.Value.At, UsTimeZones.Find(e.TimeZone)), UsTimeZones.Find(e.TimeZone)), assigneeId: actor.Id);
                    break;
                case ActionKind.ReleaseScheduled or ActionKind.DetainerServed:
                    await SetHoldDeadlineAsync(e, label, ct);
                    break;
                case ActionKind.CustodyTransferred:
                    await deadlines.CloseAsync(e.Id, [DeadlineRules.EncounterSameDayToIce, DeadlineRules.CustodyHoldLimit], ct);
                    await deadlines.CancelAsync(e.Id, [DeadlineRules.DetainerReview, DeadlineRules.DetainerTransmit], ct);
                    // Jail and warrant service: the person's stay in the jail after the transfer has its own 48 hours.
                    if (e.InIceCustodyHere && e.StayEndsAt is { } stayEnds)
                        deadlines.OpenUntil(DeadlineRules.CustodyAfterTransfer, e.AgencyId, "encounter", e.Id, $"{label} — in ICE custody in the jail", stayEnds, Encounter.StayLimit - Encounter.StayWarning);
                    break;
                case ActionKind.Released or ActionKind.PickedUpByIce or ActionKind.Transported when e.IsClosed:
                    await deadlines.CloseAsync(e.Id, [DeadlineRules.CustodyHoldLimit, DeadlineRules.CustodyAfterTransfer], ct);
                    await deadlines.CancelAsync(e.Id, [DeadlineRules.EncounterSameDayToIce, DeadlineRules.DetainerReview, DeadlineRules.DetainerTransmit, DeadlineRules.DocumentReview], ct);
                    break;
            }
            if (e.OverdetentionAt is not null) await RaiseOverdetentionAsync(e, ct);
            if (e.StayPastLimitAt is not null) await RaiseStayPastLimitAsync(e, ct);
            return null;
        }, ct);

    public Task<Result<EncounterView>> RequestDetainerAsync(Guid id, Actor actor, DetainerInput input, CancellationToken ct) =>
        OfficerAppliesAsync(id, actor, "detainer.request", async (e, authority, now, terms) =>
        {
            var requested = e.RequestDetainer(input, As(actor), authority, now, terms);
            if (!requested.IsSuccess) return requested.Error;
            deadlines.Open(DeadlineRules.DetainerReview, e.AgencyId, "encounter", e.Id, $"{e.Number} — detainer to review");
            await notify.ToRoleAsync(Role.FieldSupervisor, e.AgencyId, "detainer.requested", $"Detainer to review: {e.Number}", Links.For("encounter", e.Id), ct);
            return null;
        }, ct);

    public Task<Result<EncounterView>> AnswerDetainerAsync(Guid detainerId, Actor actor, AnswerInput input, CancellationToken ct) =>
        OnDetainerAsync(detainerId, actor, officerSide: true, "detainer.answer", async (e, d, now) =>
        {
            var answered = e.AnswerDetainer(d.Id, input.Answer, As(actor), now);
            if (!answered.IsSuccess) return answered.Error;
            deadlines.Open(DeadlineRules.DetainerReview, e.AgencyId, "encounter", e.Id, $"{e.Number} — detainer to review again");
            await notify.ToRoleAsync(Role.FieldSupervisor, e.AgencyId, "detainer.answered", $"The officer answered your questions: {e.Number}", Links.For("encounter", e.Id), ct);
            return null;
        }, ct);

    public Task<Result<EncounterView>> TransmitDetainerAsync(Guid detainerId, Actor actor, CancellationToken ct) =>
        OnDetainerAsync(detainerId, actor, officerSide: true, "detainer.transmit", async (e, d, now) =>
        {
            var sent = e.MarkTransmitted(d.Id, As(actor), now);
            if (!sent.IsSuccess) return sent.Error;
            await deadlines.CloseAsync(e.Id, DeadlineRules.DetainerTransmit, ct);
            return null;
        }, ct);

    /// <summary>An ICE supervisor approves (issues), returns with questions, or declines a detainer request.</summary>
    public Task<Result<EncounterView>> ReviewDetainerAsync(Guid detainerId, Actor actor, ReviewInput input, CancellationToken ct) =>
        OnDetainerAsync(detainerId, actor, officerSide: false, $"detainer.{input.Decision}", async (e, d, now) =>
        {
            var reviewed = e.ReviewDetainer(d.Id, input.Decision, input.Note, As(actor), now);
            if (!reviewed.IsSuccess) return reviewed.Error;
            await deadlines.CloseAsync(e.Id, DeadlineRules.DetainerReview, ct);
            var link = Links.For("encounter", e.Id);
            switch (reviewed.Value.Status)
            {
                case DetainerStatus.Issued:
                    deadlines.Open(DeadlineRules.DetainerTransmit, e.AgencyId, "encounter", e.Id, $"{e.Number} — send the detainer to ICE", d.RequestedById);
                    await SetHoldDeadlineAsync(e, $"{e.Number} — hold on the detainer", ct);
                    await notify.ToUserAsync(d.RequestedById, e.AgencyId, "detainer.issued", $"Detainer approved and issued: {e.Number}. Serve it on the person before the release, and send it to ICE within 24 hours.", link, ct);
                    break;
                case DetainerStatus.Returned:
                    await notify.ToUserAsync(d.RequestedById, e.AgencyId, "detainer.returned", $"ICE returned the detainer with questions: {e.Number}", link, ct);
                    break;
                default:
                    await notify.ToUserAsync(d.RequestedById, e.AgencyId, "detainer.declined", $"ICE declined the detainer: {e.Number}", link, ct);
                    break;
            }
            return null;
        }, ct);

    /// <summary>An ICE supervisor signs a Notice to Appear or a Form I-213, or returns it with what to correct.</summary>
    public async Task<Result<EncounterView>> ReviewDocumentAsync(Guid documentId, Actor actor, ReviewInput input, CancellationToken ct)
    {
        var encounterId = await db.ChargingDocuments.Where(d => d.Id == documentId).Select(d => (Guid?)d.EncounterId).FirstOrDefaultAsync(ct);
        var e = encounterId is { } eid ? await LoadAsync(Visible(actor), eid, ct) : null;
        if (e is null) return Error.NotFound("document.not_found", "No such document among those you can see.");
        var now = Now;
        var reviewed = e.ReviewDocument(documentId, input.Decision, input.Note, As(actor), now);
        if (!reviewed.IsSuccess) return reviewed.Error!;
        if (!e.Documents.Any(d => d.Status == DocumentStatus.AwaitingSignature)) await deadlines.CloseAsync(e.Id, DeadlineRules.DocumentReview, ct);
        var d = reviewed.Value;
        var name = d.Form == "NTA" ? "Notice to Appear" : "Form I-213";
        await notify.ToUserAsync(d.PreparedById, e.AgencyId, $"document.{d.Status.Code()}",
            d.Status == DocumentStatus.Signed ? $"ICE signed the {name} {d.Reference}: {e.Number}" : $"ICE returned the {name} {d.Reference} with what to correct: {e.Number}", Links.For("encounter", e.Id), ct);
        change.For($"document.{input.Decision}", $"{e.Number}: {d.Form} {d.Reference}");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(e.Id, actor, ct);
    }

    public Task<Result<EncounterView>> ClaimCitizenshipAsync(Guid id, Actor actor, ClaimInput input, CancellationToken ct) =>
        OfficerAppliesAsync(id, actor, "citizenship.claim", async (e, _, now, terms) =>
        {
            var claimed = e.ClaimCitizenship(input.Statement, input.At, As(actor), now, input.Suspected == true);
            if (!claimed.IsSuccess) return claimed.Error;
            deadlines.OpenUntil(DeadlineRules.CitizenshipReport, e.AgencyId, "encounter", e.Id, $"{e.Number} — citizenship claim", claimed.Value.ClaimedAt.AddHours(1), assigneeId: actor.Id);
            deadlines.Open(DeadlineRules.CitizenshipResolution, e.AgencyId, "encounter", e.Id, $"{e.Number} — citizenship claim");
            await notify.ToRoleAsync(Role.FieldSupervisor, e.AgencyId, "citizenship.claimed",
                $"Claim of U.S. citizenship: {e.Number}. Everything on it stops until you resolve it.", Links.For("encounter", e.Id), ct);
            await notify.ToRoleAsync(Role.AgencyCoordinator, e.AgencyId, "citizenship.claimed", $"Claim of U.S. citizenship: {e.Number}", Links.For("encounter", e.Id), ct);
            return null;
        }, ct, authorityNeeded: false);

    public Task<Result<EncounterView>> ReportClaimAsync(Guid id, Actor actor, ReportInput input, CancellationToken ct) =>
        OfficerAppliesAsync(id, actor, "citizenship.report", async (e, _, now, terms) =>
        {
            var reported = e.ReportClaim(input.ReportedTo, As(actor), now);
            if (!reported.IsSuccess) return reported.Error;
            await deadlines.CloseAsync(e.Id, DeadlineRules.CitizenshipReport, ct);
            return null;
        }, ct, authorityNeeded: false, allowClosed: true);

    /// <summary>A step of the claim's investigation, by the recording officer or an ICE supervisor of the area.</summary>
    public async Task<Result<EncounterView>> InvestigateClaimAsync(Guid id, Actor actor, InvestigationInput input, CancellationToken ct)
    {
        var e = await LoadAsync(Visible(actor), id, ct);
        if (e is null) return NotFound;
        if (!IsIce(actor) && !(actor.Role == Role.DesignatedOfficer && e.OfficerUserId == actor.Id)) return OwnRecordOnly;
        var step = e.InvestigateClaim(input.Step, input.Details, As(actor), Now);
        if (!step.IsSuccess) return step.Error!;
        change.For("citizenship.investigate", $"{e.Number}: {input.Step}");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(id, actor, ct);
    }

    public async Task<Result<EncounterView>> ResolveClaimAsync(Guid id, Actor actor, ResolveInput input, CancellationToken ct)
    {
        var e = await LoadAsync(Visible(actor), id, ct);
        if (e is null) return NotFound;
        if (!IsIce(actor)) return RuleBook.ClaimResolvedByIce;
        var resolved = e.ResolveClaim(input.Outcome, input.Explanation, As(actor), Now);
        if (!resolved.IsSuccess) return resolved.Error!;
        await deadlines.CloseAsync(e.Id, [DeadlineRules.CitizenshipResolution, DeadlineRules.CitizenshipReport], ct);
        if (resolved.Value.Outcome == ClaimOutcome.UsCitizen)
            await deadlines.CancelAsync(e.Id, [DeadlineRules.DetainerReview, DeadlineRules.DetainerTransmit, DeadlineRules.EncounterSameDayToIce, DeadlineRules.DocumentReview], ct);
        var text = $"Citizenship claim resolved on {e.Number}: {(resolved.Value.Outcome == ClaimOutcome.UsCitizen ? "U.S. citizen — release the person" : "not a U.S. citizen")}";
        await notify.ToUserAsync(e.OfficerUserId, e.AgencyId, "citizenship.resolved", text, Links.For("encounter", e.Id), ct);
        await notify.ToRoleAsync(Role.AgencyCoordinator, e.AgencyId, "citizenship.resolved", text, Links.For("encounter", e.Id), ct);
        change.For("citizenship.resolve", input.Explanation ?? "");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(id, actor, ct);
    }

    /// <summary>Corrects what was recorded, with an explanation; every version stays readable.</summary>
    public Task<Result<EncounterView>> CorrectAsync(Guid id, Actor actor, CorrectionInput input, CancellationToken ct) =>
        OfficerAppliesAsync(id, actor, "encounter.correct", async (e, _, now, terms) =>
        {
            var person = input.Person is null ? null : Protect(input.Person);
            var corrected = e.Correct(new EncounterInput(null, null, input.Location, input.Basis, null, input.Perception, null, null, null, null, null),
                person, input.Explanation, As(actor), now, terms);
            return corrected.Error;
        }, ct, authorityNeeded: false, allowClosed: true);

    // ---- Shared ----------------------------------------------------------------------------------------------------

    private ProtectedPerson Protect(PersonInput? p)
    {
        if (p is null) return new ProtectedPerson(null, null, null, null, null, null, null);
        var dob = p.DateOfBirth?.ToString("yyyy-MM-dd");
        return new ProtectedPerson(personData.Protect(p.Name), personData.Protect(dob), personData.Protect(p.FbiNumber), personData.Protect(p.ANumber),
            dob is null ? null : personData.LookupHash("name_dob", $"{p.Name}|{dob}"), personData.LookupHash("fbi_number", p.FbiNumber), personData.LookupHash("a_number", p.ANumber));
    }

    /// <summary>The hold's deadline: 48 hours after the scheduled release, warned at 36, while an issued detainer holds the person.</summary>
    private async Task SetHoldDeadlineAsync(Encounter e, string label, CancellationToken ct)
    {
        if (e.ScheduledReleaseAt is not { } release || e.IssuedDetainer?.ServedAt is null) return;
        await deadlines.CancelAsync(e.Id, [DeadlineRules.CustodyHoldLimit], ct);
        deadlines.OpenUntil(DeadlineRules.CustodyHoldLimit, e.AgencyId, "encounter", e.Id, label, release + Encounter.HoldLimit, Encounter.HoldLimit - Encounter.HoldWarning);
    }

    /// <summary>A hold past 48 hours becomes a critical incident on the program office's and the agency's queues, once.</summary>
    internal Task<bool> RaiseOverdetentionAsync(Encounter e, CancellationToken ct)
    {
        var zone = UsTimeZones.Find(e.TimeZone);
        return RaiseIncidentAsync(e, "overdetention", e.OverdetentionAt!.Value,
            $"Held past 48 hours on a detainer: {e.Number}. The hold ended {ZonedTime.Format(e.OverdetentionAt, zone)} (scheduled release {ZonedTime.Format(e.ScheduledReleaseAt, zone)}).",
            " Record the release or the transfer now.", ct);
    }

    /// <summary>A stay in the jail past 48 hours after the transfer to ICE, with no detention agreement: a critical incident, once.</summary>
    internal Task<bool> RaiseStayPastLimitAsync(Encounter e, CancellationToken ct)
    {
        var zone = UsTimeZones.Find(e.TimeZone);
        return RaiseIncidentAsync(e, "stay_past_limit", e.StayPastLimitAt!.Value,
            $"Held in the jail more than 48 hours after custody passed to ICE, with no detention agreement: {e.Number}. Custody passed {ZonedTime.Format(e.TransferredAt, zone)}; the stay ended {ZonedTime.Format(e.StayPastLimitAt, zone)}.",
            " Record ICE taking the person, or the release, now.", ct);
    }

    /// <summary>One critical incident of a kind per encounter, on the program office's, the area's and the agency's queues and the officer's.</summary>
    private async Task<bool> RaiseIncidentAsync(Encounter e, string kind, DateTime occurredAt, string text, string toOfficer, CancellationToken ct)
    {
        if (await db.Incidents.IgnoreQueryFilters().AnyAsync(i => i.EncounterId == e.Id && i.Kind == kind, ct)
            || db.ChangeTracker.Entries<Incident>().Any(x => x.Entity.EncounterId == e.Id && x.Entity.Kind == kind)) return false;
        db.Incidents.Add(new Incident { AgencyId = e.AgencyId, EncounterId = e.Id, Kind = kind, OccurredAt = occurredAt, DetectedAt = Now, Description = text });
        var link = Links.For("encounter", e.Id);
        foreach (var role in new[] { Role.ProgramOffice, Role.AgencyCoordinator, Role.FieldSupervisor })
            await notify.ToRoleAsync(role, e.AgencyId, $"incident.{kind}", $"CRITICAL: {text}", link, ct);
        await notify.ToUserAsync(e.OfficerUserId, e.AgencyId, $"incident.{kind}", $"CRITICAL: {text}{toOfficer}", link, ct);
        return true;
    }

    private static Task<Encounter?> LoadAsync(IQueryable<Encounter> from, Guid id, CancellationToken ct) =>
        from.Include(x => x.Events).Include(x => x.Detainers).Include(x => x.Claims).Include(x => x.Versions).Include(x => x.Documents).AsSplitQuery().FirstOrDefaultAsync(x => x.Id == id, ct);

    /// <summary>The recording officer acts on their own encounter, with their authority loaded for any instant.</summary>
    private async Task<Result<EncounterView>> OfficerAppliesAsync(Guid id, Actor actor, string action,
        Func<Encounter, Func<DateTime, AuthorityAnswer>, DateTime, AgreementTerms, Task<Error?>> rule, CancellationToken ct, bool authorityNeeded = true, bool allowClosed = false)
    {
        var e = await LoadAsync(Visible(actor), id, ct);
        if (e is null) return NotFound;
        if (actor.Role != Role.DesignatedOfficer || e.OfficerUserId != actor.Id) return OwnRecordOnly;
        var facts = await loader.LoadOneAsync(e.OfficerId, e.AgreementId, ct);
        // The agreement's terms as they stand now (ICE's categories, the policies, the agency's detention agreement), from the same load.
        if (await rule(e, at => AuthorityRules.Evaluate(facts!, at), Now, AgreementTerms.Of(facts!.Agreement)) is { } refused) return refused;
        change.For(action, e.Number);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(id, actor, ct);
    }

    private async Task<Result<EncounterView>> OnDetainerAsync(Guid detainerId, Actor actor, bool officerSide, string action,
        Func<Encounter, Detainer, DateTime, Task<Error?>> rule, CancellationToken ct)
    {
        var encounterId = await db.Detainers.Where(d => d.Id == detainerId).Select(d => (Guid?)d.EncounterId).FirstOrDefaultAsync(ct);
        var e = encounterId is { } eid ? await LoadAsync(Visible(actor), eid, ct) : null;
        if (e is null) return Error.NotFound("detainer.not_found", "No such detainer among those you can see.");
        if (officerSide && (actor.Role != Role.DesignatedOfficer || e.OfficerUserId != actor.Id)) return OwnRecordOnly;
        var d = e.Detainers.Single(x => x.Id == detainerId);
        if (await rule(e, d, Now) is { } refused) return refused;
        change.For(action, e.Number);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await GetAsync(e.Id, actor, ct);
    }

}
