namespace Section287.Common;

/// <summary>Something that happened in one feature that another may react to, in the same unit of work.</summary>
public interface IDomainEvent;

/// <summary>
/// A reaction to events of one type. The unit of work (<c>AppDbContext.SaveChangesAsync</c>) calls it after the use case's
/// changes are written and before they commit, with every event of the type raised in that round; what it changes is
/// saved in the same transaction, so a use case still saves once and all of it commits or none.
/// </summary>
public interface IHandles<in TEvent> where TEvent : IDomainEvent
{
    Task HandleAsync(IReadOnlyList<TEvent> events, CancellationToken ct);
}

/// <summary>An entity that raises events; the unit of work takes them when it saves.</summary>
public abstract class RaisesEvents
{
    private readonly List<IDomainEvent> raised = [];

    protected void Raise(IDomainEvent e) => raised.Add(e);

    public bool HasRaised() => raised.Count > 0;

    public IReadOnlyList<IDomainEvent> TakeEvents()
    {
        if (raised.Count == 0) return [];
        var taken = raised.ToArray();
        raised.Clear();
        return taken;
    }
}
