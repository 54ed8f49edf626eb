using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Features.Accounts;
using Section287.Features.Training;

namespace Section287.Features.Training.Pages;

/// <summary>A course of the catalog; ICE's program office sets its hours, topics, passing score, make-ups and refresher interval.</summary>
public sealed class CourseModel(TrainingWorkflow workflow) : StaffPage
{
    private static readonly string[] FormFields = ["title", "hours", "topics", "passPercent", "makeUps", "makeUpScope", "refresherMonths", "reminderDays"];

    public CourseView? Course { get; private set; }

    public bool Saved { get; private set; }

    /// <summary>The API's own input record, bound without a prefix; the topics are a textarea, one per line, split into its list.</summary>
    [BindProperty] public CourseInput? Input { get; set; }

    [BindProperty] public string? Topics { get; set; }

    public bool IsProgramOffice => MyRole == Role.ProgramOffice;

    public async Task<IActionResult> OnGetAsync(Guid id, bool saved, CancellationToken ct)
    {
        Saved = saved;
        var result = await workflow.CourseAsync(id, ct);
        if (!result.IsSuccess) return NotFound();
        Fill(result.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var topics = (Topics ?? "").Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).ToList();
        // An unticked box sends nothing: the course is then not offered.
        var form = Input ?? new(null, null, null, null, null, null, null, null, null, null);
        var result = await workflow.UpdateCourseAsync(id, Me, form with { Topics = topics, Active = form.Active ?? false }, ct);
        if (result.IsSuccess) return Redirect($"/staff/training/courses/{id}?saved=true");
        if (result.Error!.Code == TrainingErrors.CourseNotFound.Code) return NotFound();
        Show(result.Error, FormFields);
        var current = await workflow.CourseAsync(id, ct);
        if (!current.IsSuccess) return NotFound();
        Course = current.Value;
        return Page();
    }

    private void Fill(CourseView c)
    {
        Course = c;
        Input = new(c.Title, c.Hours, c.Topics, c.PassPercent, c.MakeUps, c.MakeUpScope, c.RefresherMonths, c.ReminderDays, c.Active, c.Version);
        Topics = string.Join("\n", c.Topics);
    }
}
