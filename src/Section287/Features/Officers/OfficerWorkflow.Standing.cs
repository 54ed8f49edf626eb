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

/// <summary>Dated conditions of authority (complaint allegations are the complaints feature's).</summary>
public sealed partial class OfficerWorkflow
{
    // ---- Conditions of authority -----------------------------------------------------------------------------------

    /// <summary>
    /// Records a dated fact of the officer's standing: ICE grants or withdraws systems access and the clearance; the agency
    /// assigns the officer to detention duties or elsewhere. Authority follows at once (the watch records any lapse).
    /// </summary>
    public Task<Result<OfficerView>> RecordConditionAsync(Guid officerId, Actor actor, ConditionInput input, CancellationToken ct)
    {
        var kind = OfficerConditions.Find(input.Kind);
        var allowed = kind is null ? IsIce(actor) || actor.Role == Role.AgencyCoordinator : kind.IceRecords ? IsIce(actor) : IsIce(actor)
            || actor.Role == Role.AgencyCoordinator;
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
                    $"{(condition.Held ? "Holds" : "No longer holds")} {kind.Name} from {condition.From:yyyy-MM-dd HH:mm} UTC: {condition.Reason}",
                        actor.Name, now));
                return Task.FromResult<Error?>(null);
            }, ct);
    }
}
