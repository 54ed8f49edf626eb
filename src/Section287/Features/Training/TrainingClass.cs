using Section287.Common;
using Section287.Data;

namespace Section287.Features.Training;

public enum Delivery
{
    InPerson,
    Online,
}

/// <summary>One offering of a course: dates, delivery, capacity and instructor. ICE schedules it; agencies' officers enroll.</summary>
public sealed class TrainingClass : IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CourseId { get; init; }

    public DateOnly StartsOn { get; private set; }

    public DateOnly EndsOn { get; private set; }

    public Delivery Delivery { get; private set; }

    /// <summary>Where it is held: an address, or the online platform.</summary>
    public string Location { get; private set; } = "";

    public int Capacity { get; private set; }

    public string Instructor { get; private set; } = "";

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public static Result<TrainingClass> Schedule(Guid courseId, ClassSettings s, DateOnly today)
    {
        var c = new TrainingClass { CourseId = courseId };
        if (c.Apply(s, today) is { } invalid) return invalid;
        return c;
    }

    public Error? Apply(ClassSettings s, DateOnly today)
    {
        var errors = new Dictionary<string, string[]>();
        if (s.StartsOn is null) errors["startsOn"] = ["Give the first day (YYYY-MM-DD)."];
        if (s.EndsOn is null) errors["endsOn"] = ["Give the last day (YYYY-MM-DD)."];
        if (s.StartsOn is { } start && s.EndsOn is { } end && end < start) errors["endsOn"] = ["The class cannot end before it starts."];
        if (s.Delivery is null) errors["delivery"] = ["Choose in person or online."];
        if (string.IsNullOrWhiteSpace(s.Location)) errors["location"] = ["Say where it is held (an address, or the online platform)."];
        if (s.Capacity is null or < 1 or > 500) errors["capacity"] = ["Give the number of seats (1 to 500)."];
        if (string.IsNullOrWhiteSpace(s.Instructor)) errors["instructor"] = ["Name the instructor."];
        if (errors.Count > 0) return Error.Invalid("class.invalid", "The class is not complete.", errors);
        StartsOn = s.StartsOn!.Value;
        EndsOn = s.EndsOn!.Value;
        Delivery = s.Delivery!.Value;
        Location = s.Location!.Trim();
        Capacity = s.Capacity!.Value;
        Instructor = s.Instructor!.Trim();
        return null;
    }
}

public sealed record ClassSettings(DateOnly? StartsOn, DateOnly? EndsOn, Delivery? Delivery, string? Location, int? Capacity, string? Instructor);

public static class Deliveries
{

    public static Delivery? FromCode(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "in_person" => Delivery.InPerson,
        "online" => Delivery.Online,
        _ => null,
    };
}
