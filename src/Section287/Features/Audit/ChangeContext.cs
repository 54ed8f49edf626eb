namespace Section287.Features.Audit;

/// <summary>
/// Who is making the current change and why: every audit entry written in this scope carries it.
/// Set once per request or command, and given an action and reason by the use case.
/// </summary>
public sealed class ChangeContext
{
    public string ActorId { get; private set; } = "system";

    public string ActorName { get; private set; } = "system";

    public string Action { get; private set; } = "unspecified";

    public string Reason { get; private set; } = "";

    public string CorrelationId { get; set; } = Guid.NewGuid().ToString("N");

    public ChangeContext As(string actorId, string actorName)
    {
        ActorId = actorId;
        ActorName = actorName;
        return this;
    }

    public ChangeContext For(string action, string reason)
    {
        Action = action;
        Reason = reason;
        return this;
    }
}
