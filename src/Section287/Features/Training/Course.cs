using System.Text.Json;
using Section287.Common;
using Section287.Data;
using Section287.Features.Agreements;

namespace Section287.Features.Training;

public enum CourseKind
{
    /// <summary>The basic course that certifies an officer for a model.</summary>
    Initial,

    /// <summary>The periodic course that keeps a certification current.</summary>
    Refresher,
}

/// <summary>Which exams a make-up (a second attempt) may be used on.</summary>
public enum MakeUpScope
{
    /// <summary>Any exam of the course (jail model: one make-up in the whole course).</summary>
    AnyExam,

    /// <summary>The final exam only (warrant service model: one retake of the final).</summary>
    FinalOnly,
}

/// <summary>
/// A course of ICE's 287(g) training for one model: its hours, topics, exams and the rules that pass or
/// disqualify a trainee, and how long the certificate it gives stays current. The catalog starts with
/// <see cref="CourseCatalog.Defaults"/>; ICE's program office may change any of it.
/// </summary>
public sealed class Course : IVersioned, ITimestamped
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    /// <summary>A short stable code ("JEM-BASIC").</summary>
    public string Code { get; init; } = "";

    public AgreementModel Model { get; init; }

    public CourseKind Kind { get; init; }

    public string Title { get; private set; } = "";

    public decimal Hours { get; private set; }

    /// <summary>The topics, as a JSON array of sentences.</summary>
    public string TopicsJson { get; private set; } = "[]";

    /// <summary>The score needed to pass each exam, in percent (70 by default: the MOAs' "70 percent").</summary>
    public int PassPercent { get; private set; } = 70;

    /// <summary>How many failed exams may be made up in the whole course; one more failure disqualifies.</summary>
    public int MakeUps { get; private set; } = 1;

    public MakeUpScope MakeUpScope { get; private set; }

    /// <summary>How long a certificate from this course stays current before a refresher is due.</summary>
    public int RefresherMonths { get; private set; }

    /// <summary>How many days before the refresher is due the officer and the agency are reminded.</summary>
    public int ReminderDays { get; private set; } = 60;

    public bool Active { get; private set; } = true;

    public List<CourseExam> Exams { get; init; } = [];

    public DateTime CreatedAt { get; set; }

    public DateTime UpdatedAt { get; set; }

    public long Version { get; set; }

    public IReadOnlyList<string> Topics => JsonSerializer.Deserialize<List<string>>(TopicsJson) ?? [];

    public static Course Define(string code, AgreementModel model, CourseKind kind, CourseSettings settings,
        IEnumerable<(string Key, string Title, bool IsFinal)> exams)
    {
        var course = new Course { Code = code, Model = model, Kind = kind };
        if (course.Apply(settings) is { } invalid) throw new ArgumentException($"{code}: {invalid.Message}", nameof(settings));
        var order = 0;
        foreach (var (key, title, isFinal) in exams)
        {
            course.Exams.Add(new CourseExam { CourseId = course.Id, Key = key, Title = title, IsFinal = isFinal, Order = ++order });
        }
        return course;
    }

    /// <summary>Changes the course's settings. Exams already taken keep their results; the new rules apply to what comes next.</summary>
    public Error? Apply(CourseSettings s)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(s.Title)) errors["title"] = ["Give the course a title."];
        if (s.Hours is <= 0 or > 1000) errors["hours"] = ["Give the hours of instruction (more than 0, at most 1000)."];
        if (s.PassPercent is < 1 or > 100) errors["passPercent"] = ["Give the passing score in percent (1 to 100)."];
        if (s.MakeUps is < 0 or > 5) errors["makeUps"] = ["Give how many failed exams may be made up (0 to 5)."];
        if (s.RefresherMonths is < 1 or > 60) errors["refresherMonths"] = ["Give the months a certificate stays current (1 to 60)."];
        if (s.ReminderDays is < 0 or > 365) errors["reminderDays"] = ["Give the days of warning before the refresher is due (0 to 365)."];
        if (errors.Count > 0) return Error.Invalid("course.invalid", "The course settings are not valid.", errors);
        // A course setting never contradicts the MOA: the jail text allows a refresher no more often than every two years.
        if (Model == AgreementModel.Jail && s.RefresherMonths < TrainingRequirement.JailRefresherMonths)
            return TrainingRequirement.TooFrequent.Refuse($"A jail course's refresher comes after {TrainingRequirement.JailRefresherMonths} months or more.")
                with { Fields = new Dictionary<string, string[]> { ["refresherMonths"] = [$"{TrainingRequirement.JailRefresherMonths} months or more for a jail course."] } };
        Title = s.Title!.Trim();
        Hours = s.Hours;
        TopicsJson = JsonSerializer.Serialize((s.Topics ?? []).Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => t.Trim()).ToList());
        PassPercent = s.PassPercent;
        MakeUps = s.MakeUps;
        MakeUpScope = s.MakeUpScope;
        RefresherMonths = s.RefresherMonths;
        ReminderDays = s.ReminderDays;
        Active = s.Active;
        return null;
    }

    public CourseSettings Settings => new(Title, Hours, Topics, PassPercent, MakeUps, MakeUpScope, RefresherMonths, ReminderDays, Active);
}

public sealed record CourseSettings(string? Title, decimal Hours, IReadOnlyList<string>? Topics, int PassPercent, int MakeUps, MakeUpScope MakeUpScope,
    int RefresherMonths, int ReminderDays, bool Active = true);

/// <summary>One exam of a course. A course has exactly one final.</summary>
public sealed class CourseExam
{
    public Guid Id { get; init; } = Guid.CreateVersion7();

    public Guid CourseId { get; init; }

    public string Key { get; init; } = "";

    public string Title { get; init; } = "";

    public bool IsFinal { get; init; }

    public int Order { get; init; }
}

public static class CourseKinds
{


    public static MakeUpScope? ScopeFromCode(string? code) => code?.Trim().ToLowerInvariant() switch
    {
        "any_exam" => MakeUpScope.AnyExam,
        "final_only" => MakeUpScope.FinalOnly,
        _ => null,
    };
}
