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

    [BindProperty] public Guid? CourseId { get; set; }

    [BindProperty] public DateOnly? StartsOn { get; set; }

    [BindProperty] public DateOnly? EndsOn { get; set; }

    [BindProperty] public string? Delivery { get; set; }

    [BindProperty] public string? Location { get; set; }

    [BindProperty] public int? Capacity { get; set; }

    [BindProperty] public string? Instructor { get; set; }

    public bool IsProgramOffice => MyRole == Role.ProgramOffice;

    public async Task<IActionResult> OnGetAsync(string? model, CancellationToken ct)
    {
        Model_ = model;
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await workflow.ScheduleAsync(Me, new ClassInput(CourseId, StartsOn, EndsOn, Delivery, Location, Capacity, Instructor), ct);
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
