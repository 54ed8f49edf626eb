using Section287.Common;
using Section287.Features.Agreements;

namespace Section287.Features.Applications;

public sealed record RequestedModelInput(string? Model, int? Officers);

public sealed record MeetingInput(DateOnly? HeldOn, string? Audience, int? Attendance, string? Summary);

/// <summary>The agency's part of an application, as the API and the form send it. Missing answers are allowed in a draft; wrong ones are not.</summary>
public sealed record ApplicationContent(
    IReadOnlyList<RequestedModelInput>? Models,
    int? StaffAvailable,
    int? JailBeds,
    int? DailyBookings,
    bool? HasItConnectivity,
    string? EquipmentSite,
    decimal? BudgetDollars,
    string? BudgetNotes,
    bool? LegalReviewDone,
    string? LegalReviewNotes,
    string? Objectives,
    string? Priorities,
    DateOnly? CommentOpensOn,
    DateOnly? CommentClosesOn,
    IReadOnlyList<MeetingInput>? Meetings)
{
    public const int MaxMeetings = 50;

    public static Error? Validate(ApplicationContent c)
    {
        var fields = new Dictionary<string, string[]>();
        var models = c.Models ?? [];
        for (var i = 0; i < models.Count; i++)
        {
            if (AgreementModels.FromCode(models[i].Model) is null) fields[$"models[{i}].model"] = ["Choose JEM, TFM or WSO."];
            if (models[i].Officers is not (>= 1 and <= 1000)) fields[$"models[{i}].officers"] = ["Give a number of officers from 1 to 1,000."];
        }
        if (models.Select(m => AgreementModels.FromCode(m.Model)).Where(m => m is not null).GroupBy(m => m).Any(g => g.Count() > 1))
            fields["models"] = ["Each model can be asked for once."];
        NonNegative(c.StaffAvailable, "staffAvailable", 100_000);
        NonNegative(c.JailBeds, "jailBeds", 100_000);
        NonNegative(c.DailyBookings, "dailyBookings", 100_000);
        if (c.BudgetDollars is < 0 or > 1_000_000_000) fields["budgetDollars"] = ["Give an amount from 0 to 1,000,000,000 dollars."];
        Text(c.EquipmentSite, "equipmentSite", 500);
        Text(c.BudgetNotes, "budgetNotes", Application.MaxTextLength);
        Text(c.LegalReviewNotes, "legalReviewNotes", Application.MaxTextLength);
        Text(c.Objectives, "objectives", Application.MaxTextLength);
        Text(c.Priorities, "priorities", Application.MaxTextLength);
        if (c.CommentOpensOn is { } opens && c.CommentClosesOn is { } closes && closes < opens)
            fields["commentPeriod"] = ["The comment period cannot close before it opens."];
        var meetings = c.Meetings ?? [];
        if (meetings.Count > MaxMeetings) fields["meetings"] = [$"Record at most {MaxMeetings} meetings."];
        for (var i = 0; i < Math.Min(meetings.Count, MaxMeetings); i++)
        {
            var m = meetings[i];
            if (m.HeldOn is null) fields[$"meetings[{i}].heldOn"] = ["Give the date of the meeting."];
            if (string.IsNullOrWhiteSpace(m.Audience)
                || m.Audience.Length > 300) fields[$"meetings[{i}].audience"] = ["Say who the meeting was with (up to 300 characters)."];
            if (m.Attendance is not (>= 0 and <= 1_000_000)) fields[$"meetings[{i}].attendance"] = ["Give how many people attended."];
            if (string.IsNullOrWhiteSpace(m.Summary)
                || m.Summary.Length > Application.MaxTextLength) fields[$"meetings[{i}].summary"] = ["Summarise what was said (up to 4,000 characters)."];
        }
        return fields.Count == 0 ? null : Error.Invalid("application.invalid", "Some answers need correcting.", fields);

        void NonNegative(int? value, string field, int max)
        {
            if (value is < 0 || value > max) fields[field] = [$"Give a number from 0 to {max:N0}."];
        }

        void Text(string? value, string field, int max)
        {
            if (value?.Length > max) fields[field] = [$"Use at most {max:N0} characters."];
        }
    }
}
