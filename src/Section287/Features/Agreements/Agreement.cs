using Section287.Common;
using Section287.Data;
using Section287.Features.Agencies;
using System.Globalization;

namespace Section287.Features.Agreements;

/// <summary>How an agreement came to be known to the system.</summary>
public enum AgreementSource
{
    /// <summary>Read from ICE's published list of participating agencies.</summary>
    IceList,

    /// <summary>Drafted from an approved application in this system.</summary>
    Application,

    /// <summary>
    /// Made by the Development seed for the fictional demo agency: never a row of ICE's list, so no import reconciles or
    /// removes it, and never shown in the public registry. The app refuses to start outside Development while one exists.
    /// </summary>
    Demonstration,
}

public static class AgreementSources
{
}

/// <summary>
/// A 287(g) Memorandum of Agreement between ICE and one agency, for one model. An agency can hold
/// several, one per model. Agreements from ICE's list arrive active with their source recorded.
/// </summary>
public sealed class Agreement : RaisesEvents, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Agency Agency { get; init; } = null!;

    public AgreementModel Model { get; init; }

    public AgreementStatus Status { get; private set; }

    public DateOnly? SignedOn { get; private set; }

    public string? MoaUrl { get; private set; }

    public string? AddendumUrl { get; private set; }

    public AgreementSource Source { get; init; }

    /// <summary>The as-of date of the first ICE list that carried this agreement.</summary>
    public DateOnly? FirstListedOn { get; init; }

    /// <summary>The as-of date of the newest ICE list that carried this agreement.</summary>
    public DateOnly? LastListedOn { get; private set; }

    /// <summary>The as-of date of the ICE list that first no longer carried it.</summary>
    public DateOnly? RemovedOn { get; private set; }

    public DateOnly? SuspendedOn { get; private set; }

    public DateOnly? SuspendedUntil { get; private set; }

    public string? SuspensionReason { get; private set; }

    /// <summary>How the agency may respond to the suspension: to whom, how and by when.</summary>
    public string? SuspensionResponse { get; private set; }

    /// <summary>Said when ICE gives no other way: the agreement's suspension section, in brief.</summary>
    public const string DefaultSuspensionResponse =
        "The agency may respond in writing to the ICE field office director within 30 days, with the facts it disputes and the steps it has taken.";

    /// <summary>The day notice of termination was given, and by whom ("ice" or "agency").</summary>
    public DateOnly? TerminationNoticeOn { get; private set; }

    public string? TerminationBy { get; private set; }

    public DateOnly? TerminationEffectiveOn { get; private set; }

    public string? TerminationReason { get; private set; }

    // The notices' content per model (NoticeRules): who suspends, when a noticed suspension takes effect, who decided it, how
    // ICE's notice was delivered and received, and what ICE's notice of termination carries.
    /// <summary>"ice" or "agency".</summary>
    public string? SuspensionBy { get; private set; }

    public DateOnly? SuspensionNoticeOn { get; private set; }

    /// <summary>When the suspension takes (or took) effect: at once, or 90 days after receipt (warrant service).</summary>
    public DateOnly? SuspensionEffectiveOn { get; private set; }

    public string? SuspensionDecidedBy { get; private set; }

    public string? SuspensionRecommendedBy { get; private set; }

    /// <summary>"personal", "certified_mail" or "registered_mail" (warrant service, ICE's notice).</summary>
    public string? SuspensionDelivery { get; private set; }

    public DateOnly? SuspensionReceivedOn { get; private set; }

    /// <summary>The exigent public-safety circumstances that made a warrant service suspension take effect before 90 days.</summary>
    public string? SuspensionExigency { get; private set; }

    public string? TerminationDecidedBy { get; private set; }

    public string? TerminationDelivery { get; private set; }

    public DateOnly? TerminationReceivedOn { get; private set; }

    public string? TerminationExigency { get; private set; }

    /// <summary>ICE's notice (jail, task force): all available data on the total number of aliens identified under the agreement.</summary>
    public int? TerminationAliensIdentified { get; private set; }

    public string? TerminationExamples { get; private set; }

    /// <summary>The day ICE published its decision to terminate on its website (at least 90 days before the termination).</summary>
    public DateOnly? TerminationPublishedOn { get; private set; }

    public NoticeRules Notices => NoticeRules.Of(Model);

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    /// <summary>The application this agreement was drafted from; none for one read from ICE's list.</summary>
    public Guid? ApplicationId { get; init; }

    /// <summary>The day both parties had signed and operations could start.</summary>
    public DateOnly? ActivatedOn { get; private set; }

    /// <summary>The number of the version now in force; none until the first is signed (or for an unamended imported agreement).</summary>
    public int? CurrentVersion { get; private set; }

    public List<AgreementChange> History { get; init; } = [];

    /// <summary>
    /// Task force only: the categories of people for whom ICE supervisors let the agency's officers issue detainers and prepare
    /// I-213s and Notices to Appear (MOA, task force 2025, section V), one per line. None set: none may be prepared.
    /// </summary>
    public string IceCategories { get; private set; } = "";

    public IReadOnlyList<string> IceCategoryList => IceCategories.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    /// <summary>The product's policies switched off for this agreement, with their reasons (JSON; <see cref="ProductPolicies"/>).</summary>
    public string PoliciesOff { get; private set; } = "[]";

    public IReadOnlyList<PolicySwitch> PolicySwitches => TermsJson.ReadSwitches(PoliciesOff);

    public const int MaxCategories = 30;

    /// <summary>ICE supervisors set the categories for task force detainers and charging documents; they replace the previous list.</summary>
    public Error? SetIceCategories(IReadOnlyList<string>? categories, string byName, DateOnly today, DateTime utcNow)
    {
        if (Model != AgreementModel.TaskForce) return AgreementErrors.CategoriesNotInModel(Model);
        var list = (categories ?? []).Select(c => c?.Trim() ?? "").Where(c => c.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (list.Count > MaxCategories || list.Any(c => c.Length > 300 || c.Contains('\n')))
            return Error.Invalid("agreement.categories_invalid", "Give up to 30 categories, each one line of up to 300 characters.",
                new Dictionary<string, string[]> { ["categories"] = ["Give up to 30 categories, each one line of up to 300 characters."] });
        var before = IceCategories;
        IceCategories = string.Join("\n", list);
        if (before == IceCategories) return null;
        Record(AgreementChangeKind.CategoriesSet, today, utcNow,
            [new("iceCategories", before.Length == 0 ? null : before, IceCategories.Length == 0 ? null : IceCategories), new("by", null, byName)]);
        return null;
    }

    /// <summary>Switches one of the product's policies on or off for this agreement; off needs a reason, kept and published.</summary>
    public Error? SwitchPolicy(string? code, bool on, string? reason, string byName, DateOnly today, DateTime utcNow)
    {
        if (ProductPolicies.Find(code) is not { } policy) return AgreementErrors.UnknownPolicy;
        if (!policy.Models.Contains(Model)) return AgreementErrors.PolicyNotForModel(policy, Model);
        if (!on && string.IsNullOrWhiteSpace(reason)) return AgreementErrors.PolicyReasonRequired;
        var switches = PolicySwitches.Where(s => s.Code != policy.Code).ToList();
        var wasOn = switches.Count == PolicySwitches.Count;
        if (wasOn == on) return null;
        if (!on) switches.Add(new PolicySwitch(policy.Code, reason!.Trim(), byName, today));
        PoliciesOff = TermsJson.Write(switches);
        Record(on ? AgreementChangeKind.PolicyOn : AgreementChangeKind.PolicyOff, today, utcNow,
            [new($"policy.{policy.Code}", wasOn ? "on" : "off", on ? "on" : "off"),
                new("reason", null, string.IsNullOrWhiteSpace(reason) ? null : reason.Trim()), new("by", null, byName)]);
        return null;
    }

    public List<AgreementVersion> Versions { get; init; } = [];

    /// <summary>A draft agreement for one model of an approved application, its text from our template.</summary>
    public static Agreement DraftFrom(Agency agency, AgreementModel model, Guid applicationId, IReadOnlyList<AgreementSection> sections, Guid byId,
        string byName, DateOnly today, DateTime utcNow)
    {
        var agreement = new Agreement
        {
            AgencyId = agency.Id,
            Model = model,
            Status = AgreementStatus.Draft,
            Source = AgreementSource.Application,
            ApplicationId = applicationId,
        };
        agreement.Versions.Add(AgreementVersion.Original(agreement, sections, byId, byName));
        agreement.Record(AgreementChangeKind.Drafted, today, utcNow,
            [new("status", null, AgreementStatus.Draft.Code()), new("applicationId", null, applicationId.ToString())]);
        return agreement;
    }

    /// <summary>A draft for the fictional demo agency, from our template, with no application behind it (Development only).</summary>
    public static Agreement DraftForDemonstration(Agency agency, AgreementModel model, IReadOnlyList<AgreementSection> sections, Guid byId,
        string byName, DateOnly today, DateTime utcNow)
    {
        if (!agency.IsDemo) throw new InvalidOperationException("Only the fictional demo agency holds demonstration agreements.");
        var agreement = new Agreement { AgencyId = agency.Id, Agency = agency, Model = model, Status = AgreementStatus.Draft,
            Source = AgreementSource.Demonstration };
        agreement.Versions.Add(AgreementVersion.Original(agreement, sections, byId, byName));
        agreement.Record(AgreementChangeKind.Drafted, today, utcNow, [new("status", null, AgreementStatus.Draft.Code())]);
        return agreement;
    }

    /// <summary>The version waiting for signatures, if any: the original before activation, or an amendment.</summary>
    public AgreementVersion? PendingVersion => Versions.FirstOrDefault(v => v.Status == VersionStatus.PendingSignature);

    public AgreementVersion? DraftVersion => Versions.FirstOrDefault(v => v.Status == VersionStatus.Draft);

    /// <summary>ICE may change the draft's wording before sending it; a sent or signed text is never edited.</summary>
    public Error? EditDraft(string sectionKey, string? text)
    {
        if (Status != AgreementStatus.Draft || DraftVersion is not { } draft) return AgreementErrors.NotDraft(Status);
        if (string.IsNullOrWhiteSpace(text) || text.Length > MaxSectionLength) return AgreementErrors.SectionTextInvalid;
        var sections = draft.Sections().ToList();
        var index = sections.FindIndex(x => x.Key == sectionKey);
        if (index < 0) return AgreementErrors.UnknownSection(sectionKey);
        sections[index] = sections[index] with { Text = text.Trim() };
        draft.ReplaceDraftSections(sections);
        return null;
    }

    public Error? SendForSignature(DateOnly today, DateTime utcNow)
    {
        if (Status != AgreementStatus.Draft || DraftVersion is not { } draft) return AgreementErrors.CannotMove(Status, AgreementStatus.PendingSignature);
        draft.SendForSignature();
        MoveTo(AgreementStatus.PendingSignature);
        Record(AgreementChangeKind.SentForSignature, today, utcNow, [new("status", AgreementStatus.Draft.Code(), Status.Code())]);
        return null;
    }

    /// <summary>
    /// Records one party's signature on the version waiting for it. When both have signed, the original makes
    /// the agreement active; an amendment replaces the version in force. Returns whether the version came into force.
    /// </summary>
    public Result<bool> Sign(bool forIce, string? signatoryName, string? signatoryTitle, Guid byId, DateOnly today, DateTime utcNow)
    {
        if (PendingVersion is not { } version) return AgreementErrors.NotPendingSignature;
        if (Status is not (AgreementStatus.PendingSignature or AgreementStatus.Active or AgreementStatus.Suspended)) return AgreementErrors.NotPendingSignature;
        if (string.IsNullOrWhiteSpace(signatoryName) || string.IsNullOrWhiteSpace(signatoryTitle) || signatoryName.Length > 200 || signatoryTitle.Length > 200)
            return AgreementErrors.SignatoryRequired;
        if (forIce ? version.IceSignedAt is not null : version.AgencySignedAt is not null) return AgreementErrors.AlreadySigned(forIce);
        if (forIce) version.SignForIce(signatoryName.Trim(), signatoryTitle.Trim(), byId, utcNow);
        else version.SignForAgency(signatoryName.Trim(), signatoryTitle.Trim(), byId, utcNow);
        Record(AgreementChangeKind.Signed, today, utcNow,
            [new("version", null, version.Number.ToString(CultureInfo.InvariantCulture)),
                new(forIce ? "iceSignatory" : "agencySignatory", null, $"{signatoryName.Trim()}, {signatoryTitle.Trim()}")]);
        if (!version.IsFullySigned) return false;

        var previous = CurrentVersion;
        foreach (var old in Versions.Where(v => v.Status == VersionStatus.InForce)) old.Supersede();
        version.ComeIntoForce(today);
        CurrentVersion = version.Number;
        if (Status == AgreementStatus.PendingSignature)
        {
            MoveTo(AgreementStatus.Active);
            ActivatedOn = today;
            SignedOn = today;
            Record(AgreementChangeKind.Activated, today, utcNow, [new("status", AgreementStatus.PendingSignature.Code(), Status.Code())]);
        }
        else
        {
            Record(AgreementChangeKind.Amended, today, utcNow,
                [new("version", previous?.ToString(CultureInfo.InvariantCulture), version.Number.ToString(CultureInfo.InvariantCulture)),
                    new("summary", null, version.Summary)]);
        }
        return true;
    }

    /// <summary>
    /// An amendment: a new version with the changed sections, waiting for both signatures while the version in
    /// force stays in force. One amendment at a time.
    /// </summary>
    public Result<AgreementVersion> DraftAmendment(string? summary, IReadOnlyDictionary<string, string> changedSections, Guid byId, string byName,
        DateOnly today, DateTime utcNow)
    {
        if (Status is not (AgreementStatus.Active or AgreementStatus.Suspended)) return AgreementErrors.NotInForce(Status);
        if (PendingVersion is not null) return AgreementErrors.AmendmentPending;
        if (string.IsNullOrWhiteSpace(summary) || summary.Length > 500) return AgreementErrors.AmendmentSummaryRequired;
        if (changedSections.Count == 0) return AgreementErrors.AmendmentEmpty;
        var current = Versions.FirstOrDefault(v => v.Status == VersionStatus.InForce)?.Sections() ?? [];
        var sections = current.ToList();
        var changes = new List<SectionChange>();
        foreach (var (key, text) in changedSections)
        {
            if (AgreementTemplate.TitleOf(key) is not { } title) return AgreementErrors.UnknownSection(key);
            if (string.IsNullOrWhiteSpace(text) || text.Length > MaxSectionLength) return AgreementErrors.SectionTextInvalid;
            var index = sections.FindIndex(x => x.Key == key);
            var before = index >= 0 ? sections[index].Text : null;
            if (before == text.Trim()) continue;
            changes.Add(new SectionChange(key, title, before, text.Trim()));
            if (index >= 0) sections[index] = sections[index] with { Text = text.Trim() };
            else sections.Add(new AgreementSection(key, title, text.Trim()));
        }
        if (changes.Count == 0) return AgreementErrors.AmendmentEmpty;
        var order = AgreementTemplate.Sections.Select(t => t.Key).ToList();
        sections = sections.OrderBy(x => order.IndexOf(x.Key)).ToList();
        var number = Versions.Count == 0 ? (Source == AgreementSource.IceList ? 2 : 1) : Versions.Max(v => v.Number) + 1;
        var amendment = AgreementVersion.Amendment(this, number, summary.Trim(), sections, changes, byId, byName);
        Versions.Add(amendment);
        Record(AgreementChangeKind.AmendmentDrafted, today, utcNow,
            [new("version", null, number.ToString(CultureInfo.InvariantCulture)), new("summary", null, summary.Trim())]);
        return amendment;
    }

    /// <summary>A review, meeting or installation the agreement's timers wait for, recorded in its history.</summary>
    public Error? RecordMilestone(Milestone milestone, DateOnly heldOn, string? summary, DateOnly today, DateTime utcNow)
    {
        if (Status is not (AgreementStatus.Active or AgreementStatus.Suspended)) return AgreementErrors.NotInForce(Status);
        if (!ReviewTimers.Of(Model).Contains(milestone))
            return ReviewTimers.NotInModel.Refuse($"The {Model.IceName()} records: {string.Join(", ", ReviewTimers.Of(Model).Select(x => x.Code))}.")
                with { Fields = new Dictionary<string, string[]> { ["kind"] = [ReviewTimers.NotInModel.Sentence] } };
        var kind = milestone.Kind;
        if (heldOn > today) return AgreementErrors.MilestoneInFuture;
        if (string.IsNullOrWhiteSpace(summary) || summary.Length > 4000) return AgreementErrors.MilestoneSummaryRequired;
        Record(kind, heldOn, utcNow, [new("summary", null, summary.Trim())]);
        return null;
    }

    public const int MaxSectionLength = 8000;

    public static Agreement FromIceList(Agency agency, AgreementModel model, IceListFields fields, DateOnly asOf, Guid snapshotId, DateTime utcNow)
    {
        var agreement = new Agreement
        {
            AgencyId = agency.Id,
            Agency = agency,
            Model = model,
            Status = AgreementStatus.Active,
            Source = AgreementSource.IceList,
            SignedOn = fields.SignedOn,
            MoaUrl = fields.MoaUrl,
            AddendumUrl = fields.AddendumUrl,
            FirstListedOn = asOf,
            LastListedOn = asOf,
        };
        agreement.History.Add(AgreementChange.Listed(agreement.Id, snapshotId, asOf, utcNow, fields));
        return agreement;
    }

    /// <summary>
    /// Brings an imported agreement in line with a newer ICE list. Returns the fields that changed,
    /// each recorded in the agreement's history; an empty list means the list said nothing new.
    /// </summary>
    public IReadOnlyList<FieldChange> ReconcileWithIceList(IceListFields fields, DateOnly asOf, Guid snapshotId, DateTime utcNow)
    {
        var changes = new List<FieldChange>();
        if (SignedOn != fields.SignedOn) changes.Add(new("signedOn", SignedOn?.ToString("yyyy-MM-dd"), fields.SignedOn?.ToString("yyyy-MM-dd")));
        if (MoaUrl != fields.MoaUrl) changes.Add(new("moaUrl", MoaUrl, fields.MoaUrl));
        if (AddendumUrl != fields.AddendumUrl) changes.Add(new("addendumUrl", AddendumUrl, fields.AddendumUrl));
        var relisted = Status == AgreementStatus.Removed;
        if (relisted) changes.Add(new("status", Status.Code(), AgreementStatus.Active.Code()));

        if (LastListedOn is null || asOf > LastListedOn) LastListedOn = asOf;
        if (changes.Count == 0) return changes;

        SignedOn = fields.SignedOn;
        MoaUrl = fields.MoaUrl;
        AddendumUrl = fields.AddendumUrl;
        if (relisted)
        {
            MoveTo(AgreementStatus.Active);
            RemovedOn = null;
        }

        History.Add(AgreementChange.Changed(Id, snapshotId, asOf, utcNow, relisted ? AgreementChangeKind.Relisted : AgreementChangeKind.Changed, changes));
        return changes;
    }

    /// <summary>
    /// Suspension, by the model's rules (<see cref="NoticeRules"/>). Jail and task force: ICE suspends at once, its notice giving the
    /// reasons, the length, how the agency may respond, and who decided and recommended it. Warrant service: either side, taking
    /// effect 90 days after the notice's receipt (ICE's delivered personally or by certified or registered mail), sooner only for
    /// stated exigent public-safety circumstances; until then the agreement stays active and <see cref="ApplyDueSuspension"/> waits.
    /// </summary>
    public Error? Suspend(DateOnly today, string? reason, DateOnly? until, DateTime utcNow, string? response = null, SuspensionNotice? notice = null)
    {
        notice ??= new SuspensionNotice();
        if (!Status.CanMoveTo(AgreementStatus.Suspended)) return AgreementErrors.CannotMove(Status, AgreementStatus.Suspended);
        if (SuspensionPending(today)) return AgreementErrors.SuspensionAlreadyNoticed(SuspensionEffectiveOn!.Value);
        if (notice.Side is not { } side) return AgreementErrors.SideInvalid;
        if (string.IsNullOrWhiteSpace(reason)) return AgreementErrors.ReasonRequired;
        if (until is { } end && end <= today) return AgreementErrors.SuspensionEndsBeforeItStarts;
        var rules = Notices;
        var byIce = side == "ice";
        if (rules.SuspensionNeedsContent && byIce)
        {
            var missing = new Dictionary<string, string[]>();
            if (until is null) missing["until"] = ["Give the length of the suspension: the day it ends unless extended or vacated."];
            if (string.IsNullOrWhiteSpace(notice.DecidedBy)) missing["decidedBy"] = ["Name the ICE Director who decided the suspension."];
            if (string.IsNullOrWhiteSpace(notice.RecommendedBy)) missing["recommendedBy"] = ["Name the Executive Associate Director for ERO who recommended it."];
            if (missing.Count > 0) return AgreementRules.SuspensionContent.Refuse() with { Fields = missing };
        }
        var effective = today;
        if (rules.SuspensionNoticeDays > 0)
        {
            if (ReceiptOf(byIce, notice.Delivery, notice.ReceivedOn, today) is { } refused) return refused;
            var received = notice.ReceivedOn ?? today;
            effective = string.IsNullOrWhiteSpace(notice.Exigency) ? received.AddDays(rules.SuspensionNoticeDays) : today;
            if (effective < today) effective = today;
            if (until is { } u && u <= effective) return AgreementErrors.SuspensionEndsBeforeItStarts;
        }
        SuspensionBy = side;
        SuspensionNoticeOn = today;
        SuspensionEffectiveOn = effective;
        SuspendedUntil = until;
        SuspensionReason = reason.Trim();
        SuspensionResponse = string.IsNullOrWhiteSpace(response) ? DefaultSuspensionResponse : response.Trim();
        SuspensionDecidedBy = Clean(notice.DecidedBy);
        SuspensionRecommendedBy = Clean(notice.RecommendedBy);
        SuspensionDelivery = rules.DeliveryRecorded ? Clean(notice.Delivery) : null;
        SuspensionReceivedOn = rules.DeliveryRecorded ? notice.ReceivedOn ?? today : null;
        SuspensionExigency = Clean(notice.Exigency);
        IReadOnlyList<FieldChange> content =
        [
            new("suspensionBy", null, side), new("reason", null, SuspensionReason), new("response", null, SuspensionResponse),
            new("until", null, until?.ToString("yyyy-MM-dd")), new("decidedBy", null, SuspensionDecidedBy), new("recommendedBy", null, SuspensionRecommendedBy),
            new("delivery", null, SuspensionDelivery), new("receivedOn", null, SuspensionReceivedOn?.ToString("yyyy-MM-dd")),
                new("exigency", null, SuspensionExigency),
            new("effectiveOn", null, effective.ToString("yyyy-MM-dd")),
        ];
        if (effective > today)
        {
            Record(AgreementChangeKind.SuspensionNotice, today, utcNow, content);
            return null;
        }
        var from = Status;
        MoveTo(AgreementStatus.Suspended);
        SuspendedOn = today;
        Record(AgreementChangeKind.Suspended, today, utcNow, [new("status", from.Code(), Status.Code()), .. content]);
        return null;
    }

    /// <summary>A warrant service suspension noticed but not yet in effect.</summary>
    public bool SuspensionPending(DateOnly today) => Status == AgreementStatus.Active && SuspensionEffectiveOn is { } on && on > today;

    /// <summary>Suspends an agreement whose noticed suspension has come into effect; does nothing before. Safe to run again.</summary>
    public bool ApplyDueSuspension(DateOnly today, DateTime utcNow)
    {
        if (Status != AgreementStatus.Active || SuspensionEffectiveOn is not { } effective || effective > today || SuspendedOn is not null) return false;
        MoveTo(AgreementStatus.Suspended);
        SuspendedOn = effective;
        // "noticeOn" marks a change that took effect at the start of its day, whenever the job recorded it (AgreementTimeline).
        Record(AgreementChangeKind.Suspended, effective, utcNow,
            [new("status", AgreementStatus.Active.Code(), Status.Code()), new("noticeOn", null, SuspensionNoticeOn?.ToString("yyyy-MM-dd"))]);
        return true;
    }

    /// <summary>ICE gives timely notice of a suspension being extended: a later end, with the reason.</summary>
    public Error? ExtendSuspension(DateOnly today, DateOnly? until, string? reason, DateTime utcNow)
    {
        if (Status != AgreementStatus.Suspended) return AgreementErrors.CannotMove(Status, AgreementStatus.Suspended);
        if (string.IsNullOrWhiteSpace(reason)) return AgreementErrors.ReasonRequired;
        if (until is not { } end || end <= today || (SuspendedUntil is { } current && end <= current)) return AgreementErrors.ExtensionNotLater(SuspendedUntil);
        var before = SuspendedUntil;
        SuspendedUntil = end;
        Record(AgreementChangeKind.SuspensionExtended, today, utcNow,
            [new("until", before?.ToString("yyyy-MM-dd"), end.ToString("yyyy-MM-dd")), new("reason", null, reason.Trim())]);
        return null;
    }

    /// <summary>Vacates the suspension (the agreement is active again), or withdraws a noticed suspension not yet in effect.</summary>
    public Error? Reinstate(DateOnly today, DateTime utcNow)
    {
        if (SuspensionPending(today))
        {
            Record(AgreementChangeKind.Reinstated, today, utcNow, [new("suspensionEffectiveOn", SuspensionEffectiveOn!.Value.ToString("yyyy-MM-dd"), null)]);
            ClearSuspension();
            return null;
        }
        if (Status != AgreementStatus.Suspended) return AgreementErrors.CannotMove(Status, AgreementStatus.Active);
        MoveTo(AgreementStatus.Active);
        ClearSuspension();
        Record(AgreementChangeKind.Reinstated, today, utcNow, [new("status", AgreementStatus.Suspended.Code(), Status.Code())]);
        return null;
    }

    private void ClearSuspension()
    {
        (SuspendedOn, SuspendedUntil, SuspensionReason, SuspensionResponse) = (null, null, null, null);
        (SuspensionBy, SuspensionNoticeOn, SuspensionEffectiveOn, SuspensionDecidedBy, SuspensionRecommendedBy) = (null, null, null, null, null);
        (SuspensionDelivery, SuspensionReceivedOn, SuspensionExigency) = (null, null, null);
    }

    /// <summary>
    /// Notice of termination, by the model's rules (<see cref="NoticeRules"/>). ICE: 90 days; under the jail and task force models
    /// only from a suspension, with the reasons, the aliens identified, examples, and its decision published 90 days ahead; under the
    /// warrant service model delivered and counted from receipt. The agency: written notice (warrant service: 90 days from receipt).
    /// The agreement stays in force until the effective date, when <see cref="ApplyDueTermination"/> ends it.
    /// </summary>
    public Error? GiveTerminationNotice(bool byIce, DateOnly today, DateOnly effectiveOn, string? reason, DateTime utcNow, TerminationDetails? details = null)
    {
        details ??= new TerminationDetails();
        if (!Status.CanMoveTo(AgreementStatus.Terminated)) return AgreementErrors.CannotMove(Status, AgreementStatus.Terminated);
        if (TerminationNoticeOn is not null) return AgreementErrors.NoticeAlreadyGiven;
        if (string.IsNullOrWhiteSpace(reason)) return AgreementErrors.ReasonRequired;
        if (effectiveOn < today) return AgreementErrors.EffectiveInThePast;
        var rules = Notices;
        if (byIce && rules.IceTerminatesFromSuspensionOnly && Status != AgreementStatus.Suspended) return AgreementRules.TerminationFromSuspension.Refuse();
        if (byIce && rules.TerminationNeedsContent)
        {
            var missing = new Dictionary<string, string[]>();
            if (details.AliensIdentified is not >= 0) missing["aliensIdentified"] = ["Give all available data on the total number of aliens identified under the agreement."];
            if (string.IsNullOrWhiteSpace(details.Examples)) missing["examples"] = ["Give examples of the people identified under the agreement, as the MOA requires."];
            if (string.IsNullOrWhiteSpace(details.DecidedBy)) missing["decidedBy"] = ["Name who decided the termination for ICE."];
            if (details.PublishedOn is not { } published) missing["publishedOn"] = ["Give the day ICE published its decision on its website."];
            else if (published > effectiveOn.AddDays(-rules.IceTerminationNoticeDays))
                missing["publishedOn"] = [$"ICE's decision is published 90 days before the termination: by {effectiveOn.AddDays(-rules.IceTerminationNoticeDays):yyyy-MM-dd} for a termination on {effectiveOn:yyyy-MM-dd}."];
            if (missing.Count > 0) return AgreementRules.TerminationContent.Refuse() with { Fields = missing };
        }
        var days = byIce ? rules.IceTerminationNoticeDays : rules.AgencyNoticeDays;
        var from = today;
        if (rules.DeliveryRecorded)
        {
            if (ReceiptOf(byIce, details.Delivery, details.ReceivedOn, today) is { } refused) return refused;
            from = details.ReceivedOn ?? today;
            if (!string.IsNullOrWhiteSpace(details.Exigency)) days = 0;
        }
        if (effectiveOn < from.AddDays(days)) return AgreementErrors.NoticeTooShort(from.AddDays(days));
        TerminationNoticeOn = today;
        TerminationBy = byIce ? "ice" : "agency";
        TerminationEffectiveOn = effectiveOn;
        TerminationReason = reason.Trim();
        TerminationDecidedBy = Clean(details.DecidedBy);
        TerminationAliensIdentified = byIce ? details.AliensIdentified : null;
        TerminationExamples = byIce ? Clean(details.Examples) : null;
        TerminationPublishedOn = byIce ? details.PublishedOn : null;
        TerminationDelivery = rules.DeliveryRecorded ? Clean(details.Delivery) : null;
        TerminationReceivedOn = rules.DeliveryRecorded ? details.ReceivedOn ?? today : null;
        TerminationExigency = rules.DeliveryRecorded ? Clean(details.Exigency) : null;
        Record(AgreementChangeKind.TerminationNotice, today, utcNow,
        [
            new("terminationBy", null, TerminationBy), new("terminationEffectiveOn", null, effectiveOn.ToString("yyyy-MM-dd")),
                new("reason", null, TerminationReason),
            new("decidedBy", null, TerminationDecidedBy), new("aliensIdentified", null, TerminationAliensIdentified?.ToString()),
                new("examples", null, TerminationExamples),
            new("publishedOn", null, TerminationPublishedOn?.ToString("yyyy-MM-dd")), new("delivery", null, TerminationDelivery),
            new("receivedOn", null, TerminationReceivedOn?.ToString("yyyy-MM-dd")), new("exigency", null, TerminationExigency),
        ]);
        ApplyDueTermination(today, utcNow);
        return null;
    }

    /// <summary>Warrant service: ICE's notice is delivered personally or by certified or registered mail, and received on a known day.</summary>
    private static Error? ReceiptOf(bool byIce, string? delivery, DateOnly? receivedOn, DateOnly today)
    {
        var missing = new Dictionary<string, string[]>();
        if (byIce && !NoticeRules.Deliveries.Contains(delivery?.Trim().ToLowerInvariant()))
            missing["delivery"] = ["Say how ICE's notice was delivered: personal, certified_mail or registered_mail."];
        if (byIce && receivedOn is null) missing["receivedOn"] = ["Give the day the agency received the notice."];
        if (receivedOn is { } r
            && (r > today
            || r < today.AddDays(-90))) missing["receivedOn"] = ["Give the day the notice was received: not in the future, and within the last 90 days."];
        return missing.Count > 0 ? AgreementRules.NoticeDelivery.Refuse() with { Fields = missing } : null;
    }

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>Ends an agreement whose termination date has come; does nothing before it. Safe to run again.</summary>
    public bool ApplyDueTermination(DateOnly today, DateTime utcNow)
    {
        if (TerminationEffectiveOn is not { } effective || today < effective || !Status.CanMoveTo(AgreementStatus.Terminated)) return false;
        var from = Status;
        MoveTo(AgreementStatus.Terminated);
        Record(AgreementChangeKind.Terminated, effective, utcNow, [new("status", from.Code(), Status.Code())]);
        return true;
    }

    public Error? Expire(DateOnly today, DateTime utcNow)
    {
        if (!Status.CanMoveTo(AgreementStatus.Expired)) return AgreementErrors.CannotMove(Status, AgreementStatus.Expired);
        var from = Status;
        MoveTo(AgreementStatus.Expired);
        Record(AgreementChangeKind.Expired, today, utcNow, [new("status", from.Code(), Status.Code())]);
        return null;
    }


    /// <summary>Every change of status goes through here, so that authority under the agreement follows in the same save.</summary>
    private void MoveTo(AgreementStatus next)
    {
        if (Status == next) return;
        var from = Status;
        Status = next;
        Raise(new AgreementStatusChanged(Id, from, next));
    }

    private void Record(AgreementChangeKind kind, DateOnly effectiveOn, DateTime utcNow, IReadOnlyList<FieldChange> changes) =>
        History.Add(AgreementChange.Changed(Id, snapshotId: null, effectiveOn, utcNow, kind, changes));

    /// <summary>A newer ICE list no longer carries this agreement: it is marked, never deleted.</summary>
    public bool MarkRemovedFromIceList(DateOnly asOf, Guid snapshotId, DateTime utcNow)
    {
        if (Source != AgreementSource.IceList || Status != AgreementStatus.Active) return false;
        MoveTo(AgreementStatus.Removed);
        RemovedOn = asOf;
        History.Add(AgreementChange.Changed(Id, snapshotId, asOf, utcNow, AgreementChangeKind.Removed,
            [new("status", AgreementStatus.Active.Code(), AgreementStatus.Removed.Code())]));
        return true;
    }
}

/// <summary>What ICE's list says about one agreement.</summary>
/// <summary>Who suspends ("ice" or "agency") and the notice's content its model asks for (<see cref="NoticeRules"/>).</summary>
public sealed record SuspensionNotice(string? By = "ice", string? DecidedBy = null, string? RecommendedBy = null, string? Delivery = null,
    DateOnly? ReceivedOn = null, string? Exigency = null)
{
    public string? Side => By?.Trim().ToLowerInvariant() is "ice" or null ? "ice" : By.Trim().ToLowerInvariant() == "agency" ? "agency" : null;
}

/// <summary>What a notice of termination carries beyond its reasons and date (<see cref="NoticeRules"/>).</summary>
public sealed record TerminationDetails(int? AliensIdentified = null, string? Examples = null, DateOnly? PublishedOn = null, string? DecidedBy = null,
    string? Delivery = null, DateOnly? ReceivedOn = null, string? Exigency = null);

public sealed record IceListFields(DateOnly? SignedOn, string? MoaUrl, string? AddendumUrl);

public sealed record FieldChange(string Field, string? From, string? To);
