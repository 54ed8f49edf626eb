using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Section287.Common;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Agreements;
using Section287.Features.Audit;
using Section287.Features.Deadlines;
using Section287.Features.Notifications;
using static Section287.Features.Encounters.RuleBook;

namespace Section287.Features.Oversight;

public enum MeetingKind
{
    /// <summary>The jail text's community outreach: "Steering Committee meetings".</summary>
    SteeringCommittee,

    /// <summary>The initial review meeting, about 12 months from the operational date (jail, warrant service).</summary>
    FirstReview,

    /// <summary>The yearly meeting of the field office director and the agency (jail, warrant service).</summary>
    YearlyMeeting,
}

/// <summary>
/// A steering committee meeting or a review meeting of one agreement: its agenda, who attended for ICE, the agency and the community,
/// the minutes, recommendations as action items with owners and due days (in the deadlines engine), and a public summary that the
/// program office approves before the public sees it. A review meeting records the agreement's milestone in the same save.
/// </summary>
public sealed class Meeting : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid AgreementId { get; init; }

    public MeetingKind Kind { get; init; }

    public DateOnly HeldOn { get; init; }

    public string Agenda { get; init; } = "";

    public string IceAttendees { get; init; } = "";

    public string AgencyAttendees { get; init; } = "";

    /// <summary>Community members or organisations who attended, as they agreed to be named.</summary>
    public string CommunityAttendees { get; init; } = "";

    public string Minutes { get; init; } = "";

    public string RecordedBy { get; init; } = "";

    public string? PublicSummary { get; private set; }

    public DateTime? SummaryApprovedAt { get; private set; }

    public string? SummaryApprovedBy { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    internal void ProposeSummary(string? summary) => PublicSummary = string.IsNullOrWhiteSpace(summary) ? null : summary.Trim();

    internal Error? ApproveSummary(string by, DateTime now)
    {
        if (PublicSummary is null) return MeetingRules.NoSummary;
        if (SummaryApprovedAt is not null) return MeetingRules.AlreadyApproved;
        SummaryApprovedAt = now;
        SummaryApprovedBy = by;
        return null;
    }
}

/// <summary>A recommendation of a meeting and its action item: what, who owns it (ICE or the agency), by when, and when it was done.</summary>
public sealed class MeetingAction : IAgencyOwned, IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid AgencyId { get; init; }

    public Guid MeetingId { get; init; }

    public string Recommendation { get; init; } = "";

    /// <summary>"ice" or "agency".</summary>
    public string Side { get; init; } = "";

    public string Owner { get; init; } = "";

    public DateOnly DueOn { get; init; }

    public DateTime? DoneAt { get; private set; }

    public string? DoneNote { get; private set; }

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    internal Error? Done(string note, DateTime now)
    {
        if (DoneAt is not null) return MeetingRules.ActionDone;
        DoneAt = now;
        DoneNote = note.Trim();
        return null;
    }
}

public static class MeetingRules
{
    public static readonly Rule SteeringNotInModel = new("meeting.steering_not_in_model",
        "Steering committee meetings are a term of the jail agreement; review meetings are the jail and warrant service agreements'.",
        $"{JailMoa}, section V.C: \"The LEA, in coordination with the local ICE Field Office, will engage, as necessary, in Steering Committee meetings to enhance support for the 287(g) mission, and to ensure compliance with the terms of this MOA\"; the warrant service (2025) and task force (2025) texts have no such clause");

    public static readonly Rule IceOrAgencyRecords = new("meeting.ice_or_agency_records",
        "A meeting is recorded by ICE (the program office or a field supervisor of the area) or by the agency's coordinator.",
        $"{JailMoa} and {WarrantServiceMoa}, section V.B: \"The FOD, or the FOD's management representative, and the LEA shall make every effort to meet at least annually\"",
        RuleKind.Role);

    public static readonly Rule ProgramOfficeApproves = new("meeting.program_office_approves",
        "Only the program office approves a meeting's public summary.",
        Rule.PolicyReason($"{JailMoa}, section V.D: information about the program is released in coordination with ICE; the public summary is what is released"),
        RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule NoSummary = new("meeting.no_summary", "The meeting has no public summary to approve.",
        Rule.PolicyReason("only a written summary can be approved"), Basis: RuleBasis.Policy);

    public static readonly Rule AlreadyApproved = new("meeting.summary_approved", "The public summary is approved and published as it is.",
        Rule.PolicyReason("what the public read is not changed afterwards"), Basis: RuleBasis.Policy);

    public static readonly Rule ActionDone = new("meeting.action_done", "The action item is already done.",
        Rule.PolicyReason("an action item is closed once, with what was done"), Basis: RuleBasis.Policy);

    public static readonly Rule ActionOwnSide = new("meeting.action_own_side",
        "An action item is marked done by its owner's side: ICE for ICE's, the agency's coordinator for the agency's.",
        Rule.PolicyReason("each side answers for its own commitments"), RuleKind.Role, RuleBasis.Policy);

    public static readonly Rule ActionDue = new("meeting.action_item", "A meeting's action item is done by its due day.",
        Rule.PolicyReason("the due day is the meeting's, in its minutes"), RuleKind.Deadline, RuleBasis.Policy);

    public static readonly DeadlineRule ActionDeadline = DeadlineRule.Keeps(ActionDue, "Complete a meeting's action item", 0, DeadlineUnit.CalendarDays,
        TimeSpan.FromDays(7), Role.AgencyCoordinator);

    public static readonly Error NotFound = Error.NotFound("meeting.not_found", "No such meeting among those you can see.");
}

public sealed record ActionItemInput(string? Recommendation, string? Side, string? Owner, DateOnly? DueOn);

public sealed record MeetingInput(string? Kind, DateOnly? HeldOn, string? Agenda, string? IceAttendees, string? AgencyAttendees, string? CommunityAttendees,
    string? Minutes, string? PublicSummary, IReadOnlyList<ActionItemInput>? Actions);

public sealed record DoneInput(string? Note);

public sealed record ActionView(Guid Id, string Recommendation, string Side, string Owner, DateOnly DueOn, DateTime? DoneAt, string? DoneNote);

public sealed record MeetingView(Guid Id, Guid AgencyId, Guid AgreementId, string Kind, DateOnly HeldOn, string Agenda, string IceAttendees, string AgencyAttendees,
    string CommunityAttendees, string Minutes, string RecordedBy, string? PublicSummary, DateTime? SummaryApprovedAt, IReadOnlyList<ActionView> Actions, long Version);

/// <summary>The public's view: an approved summary, with the meeting's kind and day.</summary>
public sealed record PublicMeeting(string Kind, DateOnly HeldOn, string Summary);

public sealed class MeetingWorkflow(AppDbContext db, ChangeContext change, TimeProvider clock, DeadlineBook deadlines, Notifier notify)
{
    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static bool IsIce(Actor actor) => actor.Role is Role.ProgramOffice or Role.FieldSupervisor;

    public async Task<Result<IReadOnlyList<MeetingView>>> ListAsync(Guid agreementId, CancellationToken ct)
    {
        if (!await db.Agreements.AnyAsync(a => a.Id == agreementId && db.AgenciesInScope.Any(s => s.Id == a.AgencyId), ct)) return AgreementErrors.NotFound;
        var meetings = await db.Meetings.AsNoTracking().Where(m => m.AgreementId == agreementId).OrderByDescending(m => m.HeldOn).ToListAsync(ct);
        var ids = meetings.Select(m => m.Id).ToList();
        var actions = await db.MeetingActions.AsNoTracking().Where(a => ids.Contains(a.MeetingId)).OrderBy(a => a.DueOn).ToListAsync(ct);
        return meetings.Select(m => View(m, actions.Where(a => a.MeetingId == m.Id))).ToList();
    }

    private static MeetingView View(Meeting m, IEnumerable<MeetingAction> actions) => new(m.Id, m.AgencyId, m.AgreementId, m.Kind.Code(), m.HeldOn, m.Agenda,
        m.IceAttendees, m.AgencyAttendees, m.CommunityAttendees, m.Minutes, m.RecordedBy, m.PublicSummary, m.SummaryApprovedAt,
        actions.Select(a => new ActionView(a.Id, a.Recommendation, a.Side, a.Owner, a.DueOn, a.DoneAt, a.DoneNote)).ToList(), m.Version);

    /// <summary>
    /// Records a meeting with its action items (each opens its deadline); a first review or yearly meeting also records the agreement's
    /// milestone, so its timer is met and the next one starts, in the same save.
    /// </summary>
    public async Task<Result<MeetingView>> RecordAsync(Guid agreementId, Actor actor, MeetingInput input, CancellationToken ct)
    {
        var agreement = await db.Agreements.FirstOrDefaultAsync(a => a.Id == agreementId && db.AgenciesInScope.Any(s => s.Id == a.AgencyId), ct);
        if (agreement is null) return AgreementErrors.NotFound;
        if (!(IsIce(actor) || actor.Role == Role.AgencyCoordinator)) return MeetingRules.IceOrAgencyRecords;
        var errors = new Dictionary<string, string[]>();
        var kind = Codes.FromCode<MeetingKind>(input.Kind?.Trim());
        if (kind is null) errors["kind"] = ["Choose steering_committee, first_review or yearly_meeting."];
        if (input.HeldOn is not { } heldOn || heldOn > clock.Today()) errors["heldOn"] = ["Give the day it was held, no later than today."];
        string Text(string? value, string key, int max, bool required)
        {
            if (required && string.IsNullOrWhiteSpace(value)) errors[key] = ["Fill this in."];
            else if (value?.Length > max) errors[key] = [$"Use at most {max:N0} characters."];
            return value?.Trim() ?? "";
        }
        var agenda = Text(input.Agenda, "agenda", 4000, true);
        var ice = Text(input.IceAttendees, "iceAttendees", 1000, true);
        var lea = Text(input.AgencyAttendees, "agencyAttendees", 1000, true);
        var community = Text(input.CommunityAttendees, "communityAttendees", 1000, false);
        var minutes = Text(input.Minutes, "minutes", 20000, true);
        Text(input.PublicSummary, "publicSummary", 4000, false);
        var actions = input.Actions ?? [];
        for (var i = 0; i < actions.Count; i++)
        {
            var a = actions[i];
            if (string.IsNullOrWhiteSpace(a.Recommendation) || a.Recommendation.Length > 2000 || a.Side is not ("ice" or "agency")
                || string.IsNullOrWhiteSpace(a.Owner) || a.Owner.Length > 200 || a.DueOn is null || a.DueOn < clock.Today())
                errors[$"actions[{i}]"] = ["Each action item needs the recommendation, the side (ice or agency), an owner and a due day from today."];
        }
        if (errors.Count > 0) return Error.Invalid("meeting.invalid", "The meeting is not complete.", errors);
        if (kind == MeetingKind.SteeringCommittee && agreement.Model != AgreementModel.Jail) return MeetingRules.SteeringNotInModel;
        if (kind is MeetingKind.FirstReview or MeetingKind.YearlyMeeting)
        {
            var milestone = kind == MeetingKind.FirstReview ? ReviewTimers.FirstReview : ReviewTimers.YearlyMeeting;
            if (agreement.RecordMilestone(milestone, input.HeldOn!.Value, agenda, clock.Today(), Now) is { } refused) return refused;
            if (milestone.Meets is { } meets) await deadlines.CloseAsync(agreement.Id, meets, ct);
            var name = await db.Agencies.Where(g => g.Id == agreement.AgencyId).Select(g => g.Name).SingleAsync(ct);
            if (milestone.Next is { } next)
                deadlines.Open(next, agreement.AgencyId, "agreement", agreement.Id, $"{name} — {agreement.Model.IceName()} agreement",
                    startUtc: Clock.EndOfDayUtc(input.HeldOn!.Value));
        }
        var meeting = new Meeting
        {
            AgencyId = agreement.AgencyId, AgreementId = agreement.Id, Kind = kind!.Value, HeldOn = input.HeldOn!.Value, Agenda = agenda, IceAttendees = ice,
            AgencyAttendees = lea, CommunityAttendees = community, Minutes = minutes, RecordedBy = actor.Name,
        };
        meeting.ProposeSummary(input.PublicSummary);
        db.Meetings.Add(meeting);
        var items = new List<MeetingAction>();
        foreach (var a in actions)
        {
            var item = new MeetingAction
            {
                AgencyId = agreement.AgencyId, MeetingId = meeting.Id, Recommendation = a.Recommendation!.Trim(), Side = a.Side!, Owner = a.Owner!.Trim(),
                DueOn = a.DueOn!.Value,
            };
            items.Add(item);
            db.MeetingActions.Add(item);
            deadlines.OpenUntil(MeetingRules.ActionDeadline with { WaitsOn = a.Side == "ice" ? Role.FieldSupervisor : Role.AgencyCoordinator },
                agreement.AgencyId, "meeting_action", item.Id, $"Action item: {item.Recommendation}", Clock.EndOfDayUtc(item.DueOn));
        }
        if (meeting.PublicSummary is not null)
            await notify.ToRoleAsync(Role.ProgramOffice, agreement.AgencyId, "meeting.summary", "A meeting's public summary waits for approval.",
                $"/staff/agreements/{agreement.Id}/meetings", ct);
        change.For($"meeting.{kind.Value.Code()}", agenda);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return View(meeting, items);
    }

    public async Task<Result<MeetingView>> ApproveSummaryAsync(Guid meetingId, Actor actor, CancellationToken ct)
    {
        var meeting = await db.Meetings.FirstOrDefaultAsync(m => m.Id == meetingId, ct);
        if (meeting is null) return MeetingRules.NotFound;
        if (actor.Role != Role.ProgramOffice) return MeetingRules.ProgramOfficeApproves;
        if (meeting.ApproveSummary(actor.Name, Now) is { } refused) return refused;
        change.For("meeting.approve_summary", meeting.PublicSummary ?? "");
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        return View(meeting, await db.MeetingActions.AsNoTracking().Where(a => a.MeetingId == meeting.Id).ToListAsync(ct));
    }

    public async Task<Result<MeetingView>> DoneAsync(Guid actionId, Actor actor, DoneInput input, CancellationToken ct)
    {
        var action = await db.MeetingActions.FirstOrDefaultAsync(a => a.Id == actionId, ct);
        if (action is null) return MeetingRules.NotFound;
        if (!(action.Side == "ice" ? IsIce(actor) : actor.Role == Role.AgencyCoordinator)) return MeetingRules.ActionOwnSide;
        if (string.IsNullOrWhiteSpace(input.Note) || input.Note.Length > 2000)
            return Error.Invalid("meeting.done_invalid", "Say what was done (at most 2,000 characters).",
                new Dictionary<string, string[]> { ["note"] = ["Say what was done (at most 2,000 characters)."] });
        if (action.Done(input.Note, Now) is { } refused) return refused;
        await deadlines.CloseAsync(action.Id, MeetingRules.ActionDeadline, ct);
        change.For("meeting.action_done", input.Note);
        if (await db.SaveOrStaleAsync(ct) is { } stale) return stale;
        var meeting = await db.Meetings.AsNoTracking().FirstAsync(m => m.Id == action.MeetingId, ct);
        return View(meeting, await db.MeetingActions.AsNoTracking().Where(a => a.MeetingId == meeting.Id).ToListAsync(ct));
    }

    /// <summary>What the public reads of an agency's meetings: approved summaries only, newest first.</summary>
    public async Task<IReadOnlyList<PublicMeeting>> PublicAsync(Guid agencyId, CancellationToken ct) =>
        (await db.Meetings.IgnoreQueryFilters().AsNoTracking().Where(m => m.AgencyId == agencyId && m.SummaryApprovedAt != null && m.PublicSummary != null)
            .OrderByDescending(m => m.HeldOn).Take(50).Select(m => new { m.Kind, m.HeldOn, m.PublicSummary }).ToListAsync(ct))
        .Select(m => new PublicMeeting(m.Kind.Code(), m.HeldOn, m.PublicSummary!)).ToList();
}

internal sealed class MeetingConfiguration : IEntityTypeConfiguration<Meeting>
{
    public void Configure(EntityTypeBuilder<Meeting> b)
    {
        b.Property(m => m.Version).IsConcurrencyToken();
        b.HasIndex(m => new { m.AgreementId, m.HeldOn });
        b.HasIndex(m => new { m.AgencyId, m.SummaryApprovedAt });
        b.HasOne<Agreement>().WithMany().HasForeignKey(m => m.AgreementId).OnDelete(DeleteBehavior.Restrict);
    }
}

internal sealed class MeetingActionConfiguration : IEntityTypeConfiguration<MeetingAction>
{
    public void Configure(EntityTypeBuilder<MeetingAction> b)
    {
        b.Property(a => a.Version).IsConcurrencyToken();
        b.HasIndex(a => a.MeetingId);
        b.HasOne<Meeting>().WithMany().HasForeignKey(a => a.MeetingId).OnDelete(DeleteBehavior.Restrict);
    }
}
