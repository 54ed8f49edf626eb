using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Training;

namespace Section287.Features.Training.Pages;

/// <summary>ICE's 287(g) training: the course catalog with its exam rules, the classes (paged, by model), and scheduling a class.</summary>
public sealed class TrainingModel(TrainingWorkflow workflow) : StaffPage
{
    private static readonly string[] FormFields = ["courseId", "startsOn", "endsOn", "delivery", "location", "capacity", "instructor"];

    public IReadOnlyList<CourseView> Courses { get; private set; } = [];

    public Page<ClassSummary>? Classes { get; private set; }

    public string? Model_ { get; set; }

    [BindProperty(SupportsGet = true)] public bool All { get; set; }

    [Microsoft.AspNetCore.Mvc.FromQuery(Name = "page")] public int? PageNumber { get; set; }

    /// <summary>The API's own input record; the form's field names are its members', bound without a prefix.</summary>
    [BindProperty] public ClassInput? Input { get; set; }

    public bool IsProgramOffice => MyRole == Role.ProgramOffice;

    public async Task<IActionResult> OnGetAsync(string? model, CancellationToken ct)
    {
        Model_ = model;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await workflow.ScheduleAsync(Me, Input ?? new(null, null, null, null, null, null, null), ct);
        if (result.IsSuccess) return Redirect($"/staff/training/classes/{result.Value.Class.Id}");
        Show(result.Error!, FormFields);
        await LoadAsync(ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        Courses = await workflow.CoursesAsync(ct);
        var classes = await workflow.ClassesAsync(Model_, !All, PageNumber, 50, ct);
        if (classes.IsSuccess) Classes = classes.Value;
    }

    public string Link(int page) => $"/staff/training?page={page}" + (string.IsNullOrWhiteSpace(Model_) ? "" : $"&model={Model_}") + (All ? "&all=true" : "");
}
