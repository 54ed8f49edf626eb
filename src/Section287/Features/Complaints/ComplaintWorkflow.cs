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

namespace Section287.Features.Complaints;

/// <summary>
/// A complaint's whole path, per each model's Appendix B: intake (the public form or staff), classification into allegations
/// against named people, the agency's notice to ICE, ICE's report to OPR, OPR's jurisdiction and referrals, findings per
/// allegation by the investigating office, the resolution, the outcome reported to ICE, the people told, and the close. Every
/// step is dated, audited (the unit of work), written to the complaint's history and keeps its deadline.
/// </summary>
public sealed class ComplaintWorkflow(AppDbContext db, ChangeContext change, TimeProvider clock, DeadlineBook deadlines, Notifier notify,
    PersonData person)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static bool IsIce(Actor actor) => ComplaintRules.IsIce(actor);

    private static bool IsCoordinator(Actor actor) => actor.Role == Role.AgencyCoordinator;

    private static readonly TimeSpan Slack = TimeSpan.FromMinutes(5);

    // ---- Reading ------------------------------------------------------------------------------------------------------

    /// <summary>The orders the complaints list sorts by (its column headers); each has its index.</summary>
    public static readonly string[] ListOrders = ["received", "tracking", "agency", "state"];

    public async Task<Result<Page<ComplaintSummary>>> ListAsync(Actor actor, string? status, Guid? agencyId, int? page, int? pageSize,
        CancellationToken ct, string order = "received", bool descending = true)
    {
        if (actor.Role == Role.DesignatedOfficer) return ComplaintRules.OfficersDoNotRead;
        var paging = Paging.Validate(page, pageSize);
        if (!paging.IsSuccess) return paging.Error!;
        var query = db.Complaints.AsNoTracking();
        if (!string.IsNullOrWhiteSpace(status))
        {
            if (Codes.FromCode<ComplaintStatus>(status.Trim()) is not { } s)
                return Error.Invalid("complaint.status_unknown", "Unknown status.",
                    new Dictionary<string, string[]> { ["status"] = [$"Choose one of: {string.Join(", ", Enum.GetValues<ComplaintStatus>().Select(v => v.Code()))}."] });
            query = query.Where(c => c.Status == s);
        }
        if (agencyId is { } agency) query = query.Where(c => c.AgencyId == agency);
        var ordered = order switch
        {
            "tracking" => query.SortBy(c => c.TrackingNumber, descending),
            "agency" => query.SortBy(c => db.Agencies.Where(a => a.Id == c.AgencyId).Select(a => a.Name).First(), descending).ThenByDescending(c => c.ReceivedAt),
            "state" => query.SortBy(c => c.Status, descending).ThenByDescending(c => c.ReceivedAt),
            _ => query.SortBy(c => c.ReceivedAt, descending),
        };
        var found = await ordered.ThenBy(c => c.Id)
            .Select(c => new ComplaintSummary(c.Id, c.TrackingNumber, c.AgencyId, db.Agencies.Where(a => a.Id == c.AgencyId).Select(a => a.Name).First(),
                c.Model == null ? null : c.Model.ToString(), c.Channel.ToString(), c.ReceivedAt, c.Status.ToString(),
                db.ComplaintAllegations.Count(a => a.ComplaintId == c.Id), db.ComplaintAllegations.Any(a => a.ComplaintId == c.Id && a.NonDesignated)))
            .ToPageAsync(paging.Value.Page, paging.Value.Size, ct);
        return found with { Items = found.Items.Select(Readable).ToList() };
    }

    private static ComplaintSummary Readable(ComplaintSummary s) => s with
    {
        Model = s.Model is null ? null : Enum.Parse<AgreementModel>(s.Model).Code(),
        Channel = Enum.Parse<ComplaintChannel>(s.Channel).Code(),
        Status = Enum.Parse<ComplaintStatus>(s.Status).Code(),
    };

    public async Task<Result<ComplaintView>> GetAsync(Guid id, Actor actor, CancellationToken ct)
    {
        var complaint = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null) return ComplaintRules.NotFound;
        if (actor.Role == Role.DesignatedOfficer) return ComplaintRules.OfficersDoNotRead;
        return await ViewAsync(complaint, ct);
    }

    private async Task<ComplaintView> ViewAsync(Complaint c, CancellationToken ct)
    {
        var agencyName = await db.Agencies.Where(a => a.Id == c.AgencyId).Select(a => a.Name).FirstAsync(ct);
        var allegations = await db.ComplaintAllegations.AsNoTracking().Where(a => a.ComplaintId == c.Id).OrderBy(a => a.RecordedAt).ThenBy(a => a.Id)
            .ToListAsync(ct);
        var officerIds = allegations.Where(a => a.OfficerId is not null).Select(a => a.OfficerId!.Value).Distinct().ToList();
        var officers = await db.Officers.AsNoTracking().Where(o => officerIds.Contains(o.Id)).Select(o => new { o.Id, o.FullName, o.BadgeNumber })
            .ToDictionaryAsync(o => o.Id, ct);
        var taskForce = await db.Nominations.AsNoTracking().Where(n => officerIds.Contains(n.OfficerId))
            .Join(db.Agreements, n => n.AgreementId, a => a.Id, (n, a) => new { n.OfficerId, a.Model }).Where(x => x.Model == AgreementModel.TaskForce)
            .Select(x => x.OfficerId).Distinct().ToListAsync(ct);
        var referrals = await db.ComplaintReferrals.AsNoTracking().Where(r => r.ComplaintId == c.Id).OrderBy(r => r.ReferredAt).ToListAsync(ct);
        var history = await db.ComplaintEvents.AsNoTracking().Where(e => e.ComplaintId == c.Id).OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new ComplaintEventView(e.At, e.Kind, e.Text, e.ActorName)).ToListAsync(ct);
        var encounter = c.EncounterId is { } eid ? await db.Encounters.AsNoTracking().Where(e => e.Id == eid).Select(e => e.Number).FirstOrDefaultAsync(ct) : null;
        var agreements = await db.Agreements.AsNoTracking().Where(a => a.AgencyId == c.AgencyId).OrderBy(a => a.Model)
            .Select(a => new { a.Id, a.Model, a.Status }).ToListAsync(ct);
        return new ComplaintView(c.Id, c.AgencyId, agencyName, c.AgreementId, c.Model?.Code(), c.TrackingNumber, c.Channel.Code(), c.ReceivedBy.Code(),
            c.ReceivedAt, c.TakenBy, c.Language, c.Anonymous, c.HasContact, c.ContactConsent,
            c.ReportedCategories.Split(',', StringSplitOptions.RemoveEmptyEntries), c.OccurredOn, c.EncounterId, encounter, c.CaseReference, c.Status.Code(),
            c.IceNotifiedAt, c.IceNotifiedTo, c.OprReportedAt, c.InvestigationStartedAt, c.ResolvedAt, c.Resolution, c.OutcomeReportedAt,
            c.ComplainantToldAt, c.SubjectsToldAt, c.ClosedAt,
            allegations.Select(a => new AllegationView(a.Id, a.Category.Code(), a.OfficerId,
                a.OfficerId is { } o && officers.TryGetValue(o, out var of) ? of.FullName : null,
                a.OfficerId is { } o2 && officers.TryGetValue(o2, out var of2) ? of2.BadgeNumber : null,
                a.PersonDescribed, a.NonDesignated, a.MayLeadToDiscipline, a.MayLeadToCriminalInvestigation, a.MayLeadToLawsuit, a.RecordedAt, a.RecordedBy,
                a.Finding?.Code(), a.FindingAt, a.FindingBy, a.ActionsTaken,
                a.OfficerId is { } o3 && a.IsSerious && a.Finding is null && taskForce.Contains(o3), a.Version)).ToList(),
            referrals.Select(r => new ReferralView(r.To.Code(), r.ReferredAt, r.Reference, r.Note, r.RecordedBy)).ToList(),
            history, await DeadlineView.OfSubjectAsync(db, c.Id, Now, ct), c.MissingToClose(allegations.Any(a => a.OfficerId is not null)),
            agreements.Select(a => new AgreementChoice(a.Id, a.Model.Code(), a.Status.Code())).ToList(), c.Version);
    }

    /// <summary>The officers of the complaint's agency, to name in an allegation.</summary>
    public async Task<IReadOnlyList<OfficerChoice>> OfficersOfAsync(Guid agencyId, CancellationToken ct) =>
        await db.Officers.AsNoTracking().Where(o => o.AgencyId == agencyId).OrderBy(o => o.FullName).Take(Paging.MaxPageSize)
            .Select(o => new OfficerChoice(o.Id, o.FullName, o.BadgeNumber)).ToListAsync(ct);

    /// <summary>The person's words and contact, for the coordinator and ICE, with a purpose; the read is logged before anything is shown.</summary>
    public async Task<Result<ComplaintPersonData>> RevealAsync(Guid id, Actor actor, RevealInput input, CancellationToken ct)
    {
        var complaint = await db.Complaints.AsNoTracking().FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null) return ComplaintRules.NotFound;
        if (actor.Role == Role.DesignatedOfficer) return ComplaintRules.OfficersDoNotRead;
        if (!(IsIce(actor) || IsCoordinator(actor))) return ComplaintRules.Readers;
        if (string.IsNullOrWhiteSpace(input.Purpose) || input.Purpose.Length > 200)
            return Error.Invalid("complaint.purpose_required", "Say why you read the person's words (at most 200 characters).",
                new Dictionary<string, string[]> { ["purpose"] = ["Say why you read the person's words (at most 200 characters)."] });
        var values = await person.RevealAllAsync(new Dictionary<string, string?>
        {
            ["narrative"] = complaint.NarrativeProtected, ["contact"] = complaint.ContactProtected,
        }, complaint.AgencyId, "complaint", complaint.Id, input.Purpose.Trim(), ct);
        var contact = values["contact"] is { } json ? JsonSerializer.Deserialize<ContactCard>(json) : null;
        return new ComplaintPersonData(values["narrative"], contact?.Name, contact?.Email, contact?.Phone, contact?.Address);
    }

    internal sealed record ContactCard(string? Name, string? Email, string? Phone, string? Address);

    // ---- Intake -------------------------------------------------------------------------------------------------------

    /// <summary>Staff intake: the coordinator takes it for the agency, ICE for ICE; channel, language and when it was received.</summary>
    public async Task<Result<ComplaintView>> TakeAsync(Actor actor, ComplaintInput input, CancellationToken ct)
    {
        if (!(IsIce(actor) || IsCoordinator(actor))) return ComplaintRules.StaffIntake;
        var agencyId = IsCoordinator(actor) ? actor.AgencyId : input.AgencyId;
        var errors = new Dictionary<string, string[]>();
        var agency = agencyId is { } aid ? await db.Agencies.AsNoTracking().FirstOrDefaultAsync(a => a.Id == aid, ct) : null;
        if (agency is null) errors["agencyId"] = ["Choose the agency the complaint is about."];
        var channel = Codes.FromCode<ComplaintChannel>(input.Channel?.Trim());
        if (channel is null or ComplaintChannel.Web or ComplaintChannel.CarriedOver)
            errors["channel"] = ["Choose how it came: phone, mail, in_person, email or referral."];
        var receivedAt = input.ReceivedAt ?? Now;
        if (receivedAt > Now + Slack) errors["receivedAt"] = ["Give a time no later than now."];
        Agreement? agreement = null;
        if (input.AgreementId is { } agreementId)
        {
            agreement = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agreementId, ct);
            if (agreement is null || agreement.AgencyId != agencyId) errors["agreementId"] = ["Choose one of the agency's agreements."];
        }
        var checkedInput = Check(input, errors, staff: true);
        if (errors.Count > 0) return Error.Invalid("complaint.invalid", "The complaint needs correcting.", errors);
        agreement ??= await SoleAgreementAsync(agency!.Id, ct);
        var complaint = Complaint.Receive(agency!.Id, agreement, channel!.Value, IsIce(actor) ? ReceivedBy.Ice : ReceivedBy.Agency, receivedAt, actor.Name,
            checkedInput.Language, checkedInput.Anonymous, checkedInput.Consent, Protect(checkedInput), person.Protect(checkedInput.Narrative)!,
            checkedInput.Categories, input.OccurredOn);
        complaint.SetCaseReference(input.CaseReference);
        if (!string.IsNullOrWhiteSpace(input.EncounterNumber))
        {
            var encounterId = await db.Encounters.AsNoTracking().Where(e => e.Number == input.EncounterNumber.Trim() && e.AgencyId == complaint.AgencyId)
                .Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
            if (encounterId is null)
                return Error.Invalid("complaint.invalid", "The complaint needs correcting.",
                    new Dictionary<string, string[]> { ["encounterNumber"] = ["No encounter of the agency has that number."] });
            complaint.LinkEncounter(encounterId.Value);
        }
        db.Complaints.Add(complaint);
        await OpenIntakeAsync(db, deadlines, notify, complaint, actor.Name, Now, ct);
        change.For("complaint.take", $"{ComplaintTexts.Channel(complaint.Channel)}, {complaint.TrackingNumber}");
        await db.SaveChangesAsync(ct);
        return await ViewAsync(complaint, ct);
    }

    /// <summary>The fields both intakes share, checked once; messages in both languages (the public reads them).</summary>
    internal static CheckedInput Check(ComplaintInput input, Dictionary<string, string[]> errors, bool staff)
    {
        var language = input.Language?.Trim().ToLowerInvariant() ?? "";
        if (language.Length is < 2 or > 8 || !language.All(ch => char.IsAsciiLetterLower(ch) || ch == '-'))
            errors["language"] = ["Choose the language. / Elija el idioma."];
        if (string.IsNullOrWhiteSpace(input.Narrative)) errors["narrative"] = ["Say what happened. / Diga qué pasó."];
        else if (input.Narrative.Length > Complaint.MaxNarrative)
            errors["narrative"] = ["Use at most 10,000 characters. / Use como máximo 10.000 caracteres."];
        if (input.OccurredOn?.Length > 200) errors["occurredOn"] = ["Use at most 200 characters. / Use como máximo 200 caracteres."];
        var categories = new List<AllegationCategory>();
        foreach (var code in input.Categories ?? [])
        {
            if (Codes.FromCode<AllegationCategory>(code?.Trim()) is { } c) categories.Add(c);
            else errors["categories"] = ["Choose from the list. / Elija de la lista."];
        }
        var anonymous = input.Anonymous ?? false;
        string? Field(string? v, string key, int max)
        {
            if (string.IsNullOrWhiteSpace(v)) return null;
            if (v.Length > max) errors[key] = [$"Use at most {max} characters. / Use como máximo {max} caracteres."];
            return v.Trim();
        }
        var name = Field(input.Name, "name", 200);
        var email = Field(input.Email, "email", 200);
        var phone = Field(input.Phone, "phone", 50);
        var address = Field(input.Address, "address", 500);
        if (email is not null && (!email.Contains('@') || email.Contains(' ')))
            errors["email"] = ["Give an e-mail address such as name@example.com. / Escriba un correo como nombre@ejemplo.com."];
        var hasContact = name is not null || email is not null || phone is not null || address is not null;
        if (anonymous && hasContact) errors["anonymous"] = ["An anonymous complaint gives no name or contact: clear them, or untick anonymous. / Una queja anónima no da nombre ni contacto: bórrelos o desmarque anónima."];
        var consent = input.Consent ?? false;
        if (consent && email is null && phone is null && address is null)
            errors["consent"] = ["Give an e-mail, telephone or address to be contacted at. / Dé un correo, teléfono o dirección para contactarle."];
        _ = staff;
        return new CheckedInput(language, input.Narrative?.Trim() ?? "", categories, anonymous, consent, hasContact ? new ContactCard(name, email, phone, address) : null);
    }

    internal sealed record CheckedInput(string Language, string Narrative, IReadOnlyList<AllegationCategory> Categories, bool Anonymous, bool Consent,
        ContactCard? Contact);

    internal string? Protect(CheckedInput input) => input.Contact is null ? null : person.Protect(JsonSerializer.Serialize(input.Contact));

    /// <summary>The agreement a complaint falls under when the agency has exactly one in force; otherwise staff choose it.</summary>
    internal async Task<Agreement?> SoleAgreementAsync(Guid agencyId, CancellationToken ct)
    {
        var inForce = await db.Agreements.AsNoTracking().IgnoreQueryFilters()
            .Where(a => a.AgencyId == agencyId && (a.Status == AgreementStatus.Active || a.Status == AgreementStatus.Suspended)).Take(2).ToListAsync(ct);
        return inForce.Count == 1 ? inForce[0] : null;
    }

    /// <summary>
    /// What receiving a complaint starts: the agency's notice to ICE (when the agency received it) or ICE's report to OPR (when ICE
    /// did), the resolution's 90 days, and a notice to the agency's coordinator and the area's field supervisors.
    /// </summary>
    internal static async Task OpenIntakeAsync(AppDbContext db, DeadlineBook deadlines, Notifier notify, Complaint c, string actor, DateTime now,
        CancellationToken ct)
    {
        var label = $"Complaint {c.TrackingNumber}";
        if (c.ReceivedBy == ReceivedBy.Agency) deadlines.Open(ComplaintRules.NoticeFor(c.Model), c.AgencyId, "complaint", c.Id, label, startUtc: c.ReceivedAt);
        else deadlines.Open(ComplaintRules.OprReportDeadline, c.AgencyId, "complaint", c.Id, label, startUtc: c.ReceivedAt);
        deadlines.Open(ComplaintRules.ResolutionDeadline, c.AgencyId, "complaint", c.Id, label, startUtc: c.ReceivedAt);
        var text = $"A complaint ({c.TrackingNumber}) was received {(c.Channel == ComplaintChannel.Web ? "through the public form" : $"by {ComplaintTexts.Channel(c.Channel).ToLowerInvariant()}")}.";
        var link = $"/staff/complaints/{c.Id}";
        await notify.ToRoleAsync(Role.AgencyCoordinator, c.AgencyId, "complaint.received", text, link, ct);
        await notify.ToRoleAsync(Role.FieldSupervisor, c.AgencyId, "complaint.received", text, link, ct);
        db.ComplaintEvents.Add(ComplaintEvent.Of(c, "received",
            $"Received ({ComplaintTexts.Channel(c.Channel)}, {(c.ReceivedBy == ReceivedBy.Ice ? "by ICE" : "by the agency")}, language {c.Language}{(c.Anonymous ? ", anonymous" : "")}).",
            actor, c.ReceivedAt));
        c.ProcessedIntake(now);
    }

    // ---- Steps --------------------------------------------------------------------------------------------------------

    private async Task<Result<ComplaintView>> StepAsync(Guid id, Actor actor, Func<Complaint, Task<Error?>> step, string action, string reason,
        CancellationToken ct)
    {
        var complaint = await db.Complaints.FirstOrDefaultAsync(c => c.Id == id, ct);
        if (complaint is null) return ComplaintRules.NotFound;
        if (actor.Role == Role.DesignatedOfficer) return ComplaintRules.OfficersDoNotRead;
        if (!(IsIce(actor) || IsCoordinator(actor))) return ComplaintRules.StaffIntake;
        if (await step(complaint) is { } refused) return refused;
        change.For(action, reason);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return await ViewAsync(complaint, ct);
    }

    private static Error? When(DateTime? at, DateTime now, DateTime notBefore, out DateTime when)
    {
        when = at ?? now;
        if (when > now + Slack) return Error.Invalid("complaint.time_invalid", "Give a time no later than now.",
            new Dictionary<string, string[]> { ["at"] = ["Give a time no later than now."] });
        if (when < notBefore) return Error.Invalid("complaint.time_invalid", "Give a time after the complaint was received.",
            new Dictionary<string, string[]> { ["at"] = ["Give a time after the complaint was received."] });
        return null;
    }

    /// <summary>Sets the agreement the complaint falls under, links the encounter, and notes the investigation's case number.</summary>
    public Task<Result<ComplaintView>> LinkAsync(Guid id, Actor actor, LinkInput input, CancellationToken ct) =>
        StepAsync(id, actor, async c =>
        {
            if (c.Status == ComplaintStatus.Closed) return ComplaintRules.Closed;
            var said = new List<string>();
            if (input.AgreementId is { } agreementId)
            {
                var agreement = await db.Agreements.AsNoTracking().FirstOrDefaultAsync(a => a.Id == agreementId, ct);
                if (agreement is null) return ComplaintRules.OtherAgency;
                var before = c.Model;
                if (c.SetAgreement(agreement) is { } refused) return refused;
                if (before != agreement.Model && c.ReceivedBy == ReceivedBy.Agency && c.IceNotifiedAt is null
                    && ComplaintRules.NoticeFor(before).Code != ComplaintRules.NoticeFor(agreement.Model).Code)
                {
                    // The notice rule is the model's: the deadline is restarted under it from the same receipt.
                    await deadlines.CancelAsync(c.Id, [ComplaintRules.NoticeFor(before)], ct);
                    deadlines.Open(ComplaintRules.NoticeFor(agreement.Model), c.AgencyId, "complaint", c.Id, $"Complaint {c.TrackingNumber}",
                        startUtc: c.ReceivedAt);
                }
                said.Add($"under the {agreement.Model.Code().Replace('_', ' ')} agreement");
            }
            if (!string.IsNullOrWhiteSpace(input.EncounterNumber))
            {
                var encounterId = await db.Encounters.AsNoTracking().Where(e => e.Number == input.EncounterNumber.Trim() && e.AgencyId == c.AgencyId)
                    .Select(e => (Guid?)e.Id).FirstOrDefaultAsync(ct);
                if (encounterId is null)
                    return Error.Invalid("complaint.encounter_unknown", "No encounter of the agency has that number.",
                        new Dictionary<string, string[]> { ["encounterNumber"] = ["No encounter of the agency has that number."] });
                c.LinkEncounter(encounterId.Value);
                said.Add($"about encounter {input.EncounterNumber.Trim()}");
            }
            if (!string.IsNullOrWhiteSpace(input.CaseReference))
            {
                if (input.CaseReference.Length > 100)
                    return Error.Invalid("complaint.case_too_long", "Use at most 100 characters.",
                        new Dictionary<string, string[]> { ["caseReference"] = ["Use at most 100 characters."] });
                c.SetCaseReference(input.CaseReference);
                said.Add($"case {c.CaseReference}");
            }
            if (said.Count == 0)
                return Error.Invalid("complaint.link_empty", "Choose an agreement, an encounter or a case number.",
                    new Dictionary<string, string[]> { ["agreementId"] = ["Choose an agreement, an encounter or a case number."] });
            db.ComplaintEvents.Add(ComplaintEvent.Of(c, "linked", $"Recorded: {string.Join("; ", said)}.", actor.Name, Now));
            return null;
        }, "complaint.link", input.CaseReference ?? "", ct);

    /// <summary>Classifies: one allegation against one person (a designated officer of the agency, or personnel described).</summary>
    public Task<Result<ComplaintView>> AllegeAsync(Guid id, Actor actor, AllegationInput input, CancellationToken ct) =>
        StepAsync(id, actor, async c =>
        {
            if (c.Status is ComplaintStatus.Resolved or ComplaintStatus.Closed) return ComplaintRules.Closed;
            var errors = new Dictionary<string, string[]>();
            var category = Codes.FromCode<AllegationCategory>(input.Category?.Trim());
            if (category is null) errors["category"] = [$"Choose one of: {string.Join(", ", Enum.GetValues<AllegationCategory>().Select(v => v.Code()))}."];
            Officer? officer = null;
            if (input.OfficerId is { } officerId)
            {
                officer = await db.Officers.AsNoTracking().FirstOrDefaultAsync(o => o.Id == officerId, ct);
                if (officer is null || officer.AgencyId != c.AgencyId) return ComplaintRules.OtherAgency;
            }
            else if (string.IsNullOrWhiteSpace(input.PersonDescribed))
                errors["personDescribed"] = ["Name the officer, or describe who it is about (rank, unit, role) when they are not a designated officer or not yet identified."];
            if (input.PersonDescribed?.Length > 200) errors["personDescribed"] = ["Use at most 200 characters."];
            if (input.MayLeadToDiscipline is null || input.MayLeadToCriminalInvestigation is null || input.MayLeadToLawsuit is null)
                errors["mayLeadToDiscipline"] = ["Say whether it could lead to discipline, a criminal investigation or a lawsuit (each yes or no)."];
            if (errors.Count > 0) return Error.Invalid("complaint.allegation_invalid", "The allegation is not complete.", errors);
            var allegation = ComplaintAllegation.Record(c, category!.Value, officer, input.PersonDescribed, input.NonDesignated ?? false,
                input.MayLeadToDiscipline!.Value, input.MayLeadToCriminalInvestigation!.Value, input.MayLeadToLawsuit!.Value, actor.Name, Now);
            db.ComplaintAllegations.Add(allegation);
            var who = officer is not null ? $"{officer.FullName} ({officer.BadgeNumber})" : $"{allegation.PersonDescribed}{(allegation.NonDesignated ? ", not designated" : "")}";
            db.ComplaintEvents.Add(ComplaintEvent.Of(c, "allegation", $"Allegation recorded: {ComplaintTexts.Category(allegation.Category)} against {who}" +
                (allegation.IsSerious ? "; it could lead to discipline, a criminal investigation or a lawsuit." : "."), actor.Name, Now));
            if (officer is not null)
                db.OfficerEvents.Add(OfficerEvent.Of(officer.AgencyId, officer.Id, null, "complaint.allegation",
                    $"Named in complaint {c.TrackingNumber}: {ComplaintTexts.Category(allegation.Category)}{(allegation.IsSerious ? " (could lead to discipline, a criminal investigation or a lawsuit)" : "")}.",
                    actor.Name, Now));
            return null;
        }, "complaint.allege", input.Category ?? "", ct);

    /// <summary>The agency told an ICE officer (jail and warrant service: within 48 hours, weekends excluded; task force: in time).</summary>
    public Task<Result<ComplaintView>> NotifyIceAsync(Guid id, Actor actor, StepInput input, CancellationToken ct) =>
        StepAsync(id, actor, async c =>
        {
            if (!IsCoordinator(actor)) return ComplaintRules.AgencyNotifies;
            if (When(input.At, Now, c.ReceivedAt, out var at) is { } bad) return bad;
            if (string.IsNullOrWhiteSpace(input.To) || input.To.Length > 200)
                return Error.Invalid("complaint.notice_to_required", "Name the ICE officer or office told (at most 200 characters).",
                    new Dictionary<string, string[]> { ["to"] = ["Name the ICE officer or office told (at most 200 characters)."] });
            if (c.NotifiedIce(at, input.To.Trim()) is { } refused) return refused;
            await deadlines.CloseAsync(c.Id, [ComplaintRules.NoticeDeadline, ComplaintRules.TaskForceNoticeDeadline], ct);
            deadlines.Open(ComplaintRules.OprReportDeadline, c.AgencyId, "complaint", c.Id, $"Complaint {c.TrackingNumber}", startUtc: at);
            db.ComplaintEvents.Add(ComplaintEvent.Of(c, "ice_notified", $"The agency told ICE ({c.IceNotifiedTo}).", actor.Name, at));
            await notify.ToRoleAsync(Role.FieldSupervisor, c.AgencyId, "complaint.ice_notified",
                $"The agency reported complaint {c.TrackingNumber} to ICE; make sure OPR has it.", $"/staff/complaints/{c.Id}", ct);
            return null;
        }, "complaint.notify_ice", input.To ?? "", ct);

    /// <summary>ICE made sure OPR has it (the Joint Intake Center, ICEOPRIntake), with OPR's case number when given.</summary>
    public Task<Result<ComplaintView>> ReportToOprAsync(Guid id, Actor actor, StepInput input, CancellationToken ct) =>
        StepAsync(id, actor, async c =>
        {
            if (!IsIce(actor)) return ComplaintRules.IceReports;
            if (When(input.At, Now, c.ReceivedAt, out var at) is { } bad) return bad;
            if (c.ReportedToOpr(at) is { } refused) return refused;
            if (input.Reference?.Length > 100) return Error.Invalid("complaint.case_too_long", "Use at most 100 characters.",
                new Dictionary<string, string[]> { ["reference"] = ["Use at most 100 characters."] });
            c.SetCaseReference(input.Reference);
            await deadlines.CloseAsync(c.Id, ComplaintRules.OprReportDeadline, ct);
            db.ComplaintEvents.Add(ComplaintEvent.Of(c, "opr_reported",
                $"Reported to ICE OPR{(string.IsNullOrWhiteSpace(input.To) ? "" : $" ({input.To.Trim()})")}{(c.CaseReference is { } r ? $", case {r}" : "")}.", actor.Name, at));
            return null;
        }, "complaint.report_opr", input.Reference ?? "", ct);

    /// <summary>OPR's jurisdiction decision or a referral, with its date; the first starts the investigation.</summary>
    public Task<Result<ComplaintView>> ReferAsync(Guid id, Actor actor, ReferralInput input, CancellationToken ct) =>
        StepAsync(id, actor, async c =>
        {
            if (!IsIce(actor)) return ComplaintRules.IceReports;
            if (Codes.FromCode<ReferralTo>(input.To?.Trim()) is not { } to)
                return Error.Invalid("complaint.referral_invalid", "Choose where OPR sent it.",
                    new Dictionary<string, string[]> { ["to"] = [$"Choose one of: {string.Join(", ", Enum.GetValues<ReferralTo>().Select(v => v.Code()))}."] });
            if (When(input.At, Now, c.ReceivedAt, out var at) is { } bad) return bad;
            if (input.Note?.Length > 2000 || input.Reference?.Length > 100)
                return Error.Invalid("complaint.referral_invalid", "The note is at most 2,000 characters and the reference 100.",
                    new Dictionary<string, string[]> { ["note"] = ["The note is at most 2,000 characters and the reference 100."] });
            if (c.Referred(at) is { } refused) return refused;
            db.ComplaintReferrals.Add(new ComplaintReferral
            {
                AgencyId = c.AgencyId, ComplaintId = c.Id, To = to, ReferredAt = at, Reference = string.IsNullOrWhiteSpace(input.Reference) ? null : input.Reference.Trim(),
                Note = input.Note?.Trim() ?? "", RecordedBy = actor.Name,
            });
            db.ComplaintEvents.Add(ComplaintEvent.Of(c, "referred", $"{ComplaintTexts.Referral(to)}.", actor.Name, at));
            if (to is ReferralTo.AgencyInternalAffairs or ReferralTo.JointInvestigation)
                await notify.ToRoleAsync(Role.AgencyCoordinator, c.AgencyId, "complaint.referred",
                    $"ICE OPR referred complaint {c.TrackingNumber} to the agency: {ComplaintTexts.Referral(to).ToLowerInvariant()}.", $"/staff/complaints/{c.Id}", ct);
            return null;
        }, "complaint.refer", input.To ?? "", ct);

    private async Task<Error?> InvestigatorAsync(Complaint c, Actor actor, CancellationToken ct)
    {
        var referrals = await db.ComplaintReferrals.AsNoTracking().Where(r => r.ComplaintId == c.Id).Select(r => r.To).ToListAsync(ct);
        if (referrals.Count == 0) return ComplaintRules.OprFirst;
        var agencyMay = referrals.Any(r => r is ReferralTo.AgencyInternalAffairs or ReferralTo.JointInvestigation);
        var iceMay = referrals.Any(r => r != ReferralTo.AgencyInternalAffairs);
        if ((IsCoordinator(actor) && agencyMay) || (IsIce(actor) && iceMay)) return null;
        return ComplaintRules.InvestigatorFinds;
    }

    /// <summary>The finding of one allegation, by the investigating office; a sustained one names the action taken.</summary>
    public async Task<Result<ComplaintView>> FindAsync(Guid allegationId, Actor actor, FindingInput input, CancellationToken ct)
    {
        var allegation = await db.ComplaintAllegations.FirstOrDefaultAsync(a => a.Id == allegationId, ct);
        if (allegation is null) return ComplaintRules.NotFound;
        return await StepAsync(allegation.ComplaintId, actor, async c =>
        {
            if (c.Status != ComplaintStatus.UnderInvestigation) return c.Status == ComplaintStatus.Received ? ComplaintRules.OprFirst : ComplaintRules.Closed;
            if (await InvestigatorAsync(c, actor, ct) is { } role) return role;
            if (Codes.FromCode<Finding>(input.Finding?.Trim()) is not { } finding)
                return Error.Invalid("complaint.finding_invalid", "Choose the finding.",
                    new Dictionary<string, string[]> { ["finding"] = [$"Choose one of: {string.Join(", ", Enum.GetValues<Finding>().Select(v => v.Code()))}."] });
            if (input.ActionsTaken?.Length > 2000)
                return Error.Invalid("complaint.finding_invalid", "Use at most 2,000 characters.",
                    new Dictionary<string, string[]> { ["actionsTaken"] = ["Use at most 2,000 characters."] });
            if (allegation.Find(finding, input.ActionsTaken, actor.Name, Now) is { } refused) return refused;
            db.ComplaintEvents.Add(ComplaintEvent.Of(c, "finding",
                $"Finding on {ComplaintTexts.Category(allegation.Category).ToLowerInvariant()}: {ComplaintTexts.Finding(finding).ToLowerInvariant()}{(allegation.ActionsTaken is { } a ? $"; action: {a}" : "")}.",
                actor.Name, Now));
            if (allegation.OfficerId is { } officerId)
                db.OfficerEvents.Add(OfficerEvent.Of(c.AgencyId, officerId, null, "complaint.finding",
                    $"Complaint {c.TrackingNumber}: {ComplaintTexts.Category(allegation.Category).ToLowerInvariant()} {ComplaintTexts.Finding(finding).ToLowerInvariant()}.",
                    actor.Name, Now));
            return null;
        }, "complaint.finding", input.Finding ?? "", ct);
    }

    /// <summary>Resolves it once every allegation has its finding; the outcome is then due to ICE within 30 days.</summary>
    public Task<Result<ComplaintView>> ResolveAsync(Guid id, Actor actor, ResolveInput input, CancellationToken ct) =>
        StepAsync(id, actor, async c =>
        {
            if (c.Status == ComplaintStatus.UnderInvestigation && await InvestigatorAsync(c, actor, ct) is { } role) return role;
            if (input.Resolution?.Length > 4000)
                return Error.Invalid("complaint.resolution_invalid", "Use at most 4,000 characters.",
                    new Dictionary<string, string[]> { ["resolution"] = ["Use at most 4,000 characters."] });
            var allegations = await db.ComplaintAllegations.AsNoTracking().Where(a => a.ComplaintId == c.Id).ToListAsync(ct);
            if (c.Resolve(allegations, input.Resolution, Now) is { } refused) return refused;
            await deadlines.CloseAsync(c.Id, ComplaintRules.ResolutionDeadline, ct);
            if (c.ReceivedBy == ReceivedBy.Agency)
                deadlines.Open(ComplaintRules.OutcomeReportDeadline, c.AgencyId, "complaint", c.Id, $"Complaint {c.TrackingNumber}", startUtc: Now);
            db.ComplaintEvents.Add(ComplaintEvent.Of(c, "resolved", $"Resolved: {c.Resolution}", actor.Name, Now));
            await notify.ToRoleAsync(Role.AgencyCoordinator, c.AgencyId, "complaint.resolved",
                $"Complaint {c.TrackingNumber} was resolved; report the outcome to ICE and tell the people it concerns.", $"/staff/complaints/{c.Id}", ct);
            return null;
        }, "complaint.resolve", input.Resolution ?? "", ct);

    /// <summary>The agency reported the results and the resolution to an ICE officer.</summary>
    public Task<Result<ComplaintView>> ReportOutcomeAsync(Guid id, Actor actor, StepInput input, CancellationToken ct) =>
        StepAsync(id, actor, async c =>
        {
            if (!IsCoordinator(actor)) return ComplaintRules.AgencyNotifies;
            if (c.ReceivedBy == ReceivedBy.Ice) return ComplaintRules.IceReceivedIt;
            if (When(input.At, Now, c.ReceivedAt, out var at) is { } bad) return bad;
            if (c.OutcomeReported(at) is { } refused) return refused;
            await deadlines.CloseAsync(c.Id, ComplaintRules.OutcomeReportDeadline, ct);
            db.ComplaintEvents.Add(ComplaintEvent.Of(c, "outcome_reported",
                $"The outcome was reported to ICE{(string.IsNullOrWhiteSpace(input.To) ? "" : $" ({input.To.Trim()})")}.", actor.Name, at));
            return null;
        }, "complaint.report_outcome", input.To ?? "", ct);

    /// <summary>The person who complained, or the officers named, were told of the outcome.</summary>
    public Task<Result<ComplaintView>> TellAsync(Guid id, Actor actor, TellInput input, CancellationToken ct) =>
        StepAsync(id, actor, async c =>
        {
            var who = input.Who?.Trim().ToLowerInvariant();
            if (who is not ("complainant" or "subjects"))
                return Error.Invalid("complaint.tell_invalid", "Say who was told: complainant or subjects.",
                    new Dictionary<string, string[]> { ["who"] = ["Say who was told: complainant or subjects."] });
            if (When(input.At, Now, c.ReceivedAt, out var at) is { } bad) return bad;
            if (who == "subjects" && !await db.ComplaintAllegations.AnyAsync(a => a.ComplaintId == c.Id && a.OfficerId != null, ct))
                return Error.Invalid("complaint.no_subjects", "No officer is named in the complaint.",
                    new Dictionary<string, string[]> { ["who"] = ["No officer is named in the complaint."] });
            if (c.Told(who == "complainant", at) is { } refused) return refused;
            db.ComplaintEvents.Add(ComplaintEvent.Of(c, $"told_{who}",
                $"{(who == "complainant" ? "The person who complained" : "The officers named")} were told of the outcome{(string.IsNullOrWhiteSpace(input.How) ? "" : $" ({input.How.Trim()})")}.",
                actor.Name, at));
            await Task.CompletedTask;
            return null;
        }, "complaint.tell", input.Who ?? "", ct);

    public Task<Result<ComplaintView>> CloseAsync(Guid id, Actor actor, CancellationToken ct) =>
        StepAsync(id, actor, async c =>
        {
            var hasSubjects = await db.ComplaintAllegations.AnyAsync(a => a.ComplaintId == c.Id && a.OfficerId != null, ct);
            if (c.Close(hasSubjects, Now) is { } refused) return refused;
            await deadlines.CancelAllAsync(c.Id, ct);
            db.ComplaintEvents.Add(ComplaintEvent.Of(c, "closed", "Closed.", actor.Name, Now));
            return null;
        }, "complaint.close", "", ct);
}
