using Section287.Common;

namespace Section287.Features.Encounters;

/// <summary>
/// What an officer records on an encounter, as the API and the page send it: one record for every kind, most fields unused.
/// <see cref="ToAction"/> reads the kind once and keeps only the fields that kind uses.
/// </summary>
public sealed record ActionInput(
    string? Kind, DateTime? At, string? Details, bool? InterpreterUsed, string? Reference, string? Systems, string? Result,
    string? WarrantForm, string? WarrantNumber, DateTime? ScheduledReleaseAt, string? Destination, string? SupervisorName, string? ReasonToBelieve,
        string? LateReason,
    string? Category = null, IReadOnlyList<string>? Checks = null, string? InterpreterName = null, string? LocalCharges = null)
{
    public Result<EncounterAction> ToAction()
    {
        EncounterAction? action = EncounterCodes.ActionFromCode(Kind) switch
        {
            ActionKind.Questioning => new Questioning(InterpreterUsed),
            ActionKind.RecordCheck => new RecordCheck(Systems, Result),
            ActionKind.I213Prepared => new DocumentPrepared(ActionKind.I213Prepared, Reference, Category),
            ActionKind.NtaPrepared => new DocumentPrepared(ActionKind.NtaPrepared, Reference, Category),
            ActionKind.ArrestWithoutWarrant => new ArrestWithoutWarrant(ReasonToBelieve),
            ActionKind.WarrantServed => new WarrantServed(WarrantForm, WarrantNumber, InterpreterUsed, InterpreterName),
            ActionKind.ReleaseScheduled => new ReleaseScheduled(ScheduledReleaseAt),
            ActionKind.CustodyTransferred => new CustodyTransferred(LocalCharges, Details),
            ActionKind.Released => new Released(Details),
            ActionKind.Transported => new Transported(Destination),
            ActionKind.SupervisorContact => new SupervisorContact(SupervisorName),
            ActionKind.DetainerServed => new DetainerServed(),
            ActionKind.PickedUpByIce => new PickedUpByIce(Details),
            ActionKind.Deconflicted => new Deconflicted(Reference, Checks),
            ActionKind.IceNotified => new IceNotified(SupervisorName),
            null => null,
            _ => throw new InvalidOperationException($"No action record for {Kind}."),
        };
        if (action is null)
            return Error.Invalid("action.invalid", "Choose what was done.",
                new Dictionary<string, string[]> { ["kind"] = [$"Choose one of: {string.Join(", ", Enum.GetValues<ActionKind>().Select(k => k.Code()))}."] });
        return action with { At = At, LateReason = LateReason };
    }
}

/// <summary>The closed set of actions on an encounter; <see cref="Encounter.Act"/> has one small handler for each.</summary>
public abstract record EncounterAction
{
    public abstract ActionKind Kind { get; }

    /// <summary>When it happened; now when not given.</summary>
    public DateTime? At { get; init; }

    /// <summary>Why an action is recorded more than a day after it happened.</summary>
    public string? LateReason { get; init; }
}

public sealed record Questioning(bool? InterpreterUsed) : EncounterAction
{
    public override ActionKind Kind => ActionKind.Questioning;
}

public sealed record RecordCheck(string? Systems, string? Result) : EncounterAction
{
    public override ActionKind Kind => ActionKind.RecordCheck;
}

/// <summary>A Form I-213 or a Notice to Appear, prepared for ICE's signature.</summary>
public sealed record DocumentPrepared(ActionKind Form, string? Reference, string? Category) : EncounterAction
{
    public override ActionKind Kind => Form;
}

public sealed record ArrestWithoutWarrant(string? ReasonToBelieve) : EncounterAction
{
    public override ActionKind Kind => ActionKind.ArrestWithoutWarrant;
}

public sealed record WarrantServed(string? WarrantForm, string? WarrantNumber, bool? InterpreterUsed, string? InterpreterName) : EncounterAction
{
    public override ActionKind Kind => ActionKind.WarrantServed;
}

public sealed record ReleaseScheduled(DateTime? ScheduledReleaseAt) : EncounterAction
{
    public override ActionKind Kind => ActionKind.ReleaseScheduled;
}

public sealed record CustodyTransferred(string? LocalCharges, string? Details) : EncounterAction
{
    public override ActionKind Kind => ActionKind.CustodyTransferred;
}

public sealed record Released(string? Details) : EncounterAction
{
    public override ActionKind Kind => ActionKind.Released;
}

public sealed record Transported(string? Destination) : EncounterAction
{
    public override ActionKind Kind => ActionKind.Transported;
}

public sealed record SupervisorContact(string? SupervisorName) : EncounterAction
{
    public override ActionKind Kind => ActionKind.SupervisorContact;
}

public sealed record DetainerServed : EncounterAction
{
    public override ActionKind Kind => ActionKind.DetainerServed;
}

public sealed record PickedUpByIce(string? Details) : EncounterAction
{
    public override ActionKind Kind => ActionKind.PickedUpByIce;
}

public sealed record Deconflicted(string? Reference, IReadOnlyList<string>? Checks) : EncounterAction
{
    public override ActionKind Kind => ActionKind.Deconflicted;
}

public sealed record IceNotified(string? SupervisorName) : EncounterAction
{
    public override ActionKind Kind => ActionKind.IceNotified;
}
