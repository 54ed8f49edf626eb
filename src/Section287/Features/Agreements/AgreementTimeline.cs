using Section287.Common;

namespace Section287.Features.Agreements;

/// <summary>
/// An agreement's status at any instant, read from its history, so that a question about the past (was this
/// officer's agreement active on 1 March?) gets the answer of that moment, not of today.
/// </summary>
/// <remarks>
/// A change takes effect when it was recorded, unless it was dated later (a termination takes effect at the start
/// of its effective day). An agreement imported from ICE's list is active from the day it was signed, or, when
/// ICE gives no date, from the first list that carried it. A termination whose day has come is in effect even
/// before the hourly job records it.
/// </remarks>
public sealed class AgreementTimeline
{
    private readonly List<(DateTime From, AgreementStatus Status)> _steps;

    private AgreementTimeline(List<(DateTime, AgreementStatus)> steps) => _steps = steps;

    /// <summary>Null before the agreement existed (or, imported, before it was signed).</summary>
    public AgreementStatus? StatusAt(DateTime at)
    {
        AgreementStatus? status = null;
        foreach (var (from, s) in _steps)
        {
            if (from > at) break;
            status = s;
        }
        return status;
    }

    /// <summary>The first instant after <paramref name="at"/> when the status changes, if one is known.</summary>
    public DateTime? NextChangeAfter(DateTime at) => _steps.Where(s => s.From > at).Select(s => (DateTime?)s.From).FirstOrDefault();

    public static AgreementTimeline Of(Agreement agreement, IEnumerable<AgreementChange> history)
    {
        var steps = new List<(DateTime From, AgreementStatus Status)>();
        var ordered = history.OrderBy(h => h.RecordedAt).ThenBy(h => h.Id).ToList();
        if (agreement.Source == AgreementSource.IceList)
        {
            var since = agreement.SignedOn ?? agreement.FirstListedOn;
            steps.Add((since is { } d ? Clock.StartOfDayUtc(d) : DateTime.MinValue, AgreementStatus.Active));
        }
        else if (!ordered.Any(h => h.Kind == AgreementChangeKind.Drafted))
        {
            // A draft's history starts with its Drafted change; an agreement without one was a draft from when it was stored.
            steps.Add((agreement.CreatedAt == default ? DateTime.MinValue : agreement.CreatedAt, AgreementStatus.Draft));
        }
        foreach (var change in ordered)
        {
            var to = change.ReadFields().FirstOrDefault(f => f.Field == "status")?.To;
            if (AgreementStatuses.FromCode(to) is not { } status) continue;
            // A termination, and a suspension that came into effect from its notice, start at the beginning of their day.
            var fromNotice = change.Kind == AgreementChangeKind.Suspended && change.ReadFields().Any(f => f.Field == "noticeOn");
            var effective = change.Kind == AgreementChangeKind.Terminated || fromNotice || change.EffectiveOn > Clock.DayOf(change.RecordedAt)
                ? Clock.StartOfDayUtc(change.EffectiveOn)
                : change.RecordedAt;
            steps.Add((effective, status));
        }
        if (agreement.Status == AgreementStatus.Active && agreement.SuspendedOn is null && agreement.SuspensionEffectiveOn is { } suspends)
        {
            steps.Add((Clock.StartOfDayUtc(suspends), AgreementStatus.Suspended));
        }
        if (agreement.TerminationEffectiveOn is { } end && agreement.Status != AgreementStatus.Terminated)
        {
            steps.Add((Clock.StartOfDayUtc(end), AgreementStatus.Terminated));
        }
        // Stable: changes recorded in order keep their order when they take effect at the same instant.
        return new AgreementTimeline(steps.Select((s, i) => (s, i)).OrderBy(x => x.s.From).ThenBy(x => x.i).Select(x => x.s).ToList());
    }
}
