using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Officers;
using Section287.Features.Training;

namespace Section287.Features.Training.Pages;

/// <summary>
/// One class: who is enrolled (each user sees the officers in their scope), seats, and for ICE the record of each
/// trainee: hours attended, exam scores under the course's rules, completion that issues the certificate.
/// </summary>
public sealed class TrainingClassModel(TrainingWorkflow workflow) : StaffPage
{
    private static readonly string[] FormFields = ["officerId", "hours", "exam", "score", "reason"];

    public ClassView? Class { get; private set; }

    public IReadOnlyList<EnrollCandidate> Candidates { get; private set; } = [];

    public string? Done { get; private set; }

    /// <summary>Which enrollment a refused form was about, so its errors show beside it.</summary>
    public Guid? Failed { get; private set; }

    [BindProperty] public Guid? OfficerId { get; set; }

    [BindProperty] public Guid? EnrollmentId { get; set; }

    [BindProperty] public decimal? Hours { get; set; }

    [BindProperty] public string? Exam { get; set; }

    [BindProperty] public decimal? Score { get; set; }

    [BindProperty] public string? Reason { get; set; }

    public bool IsIce => MyRole is Role.ProgramOffice or Role.FieldSupervisor;

    public bool MayEnroll => IsIce || MyRole == Role.AgencyCoordinator;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    public async Task<IActionResult> OnPostEnrollAsync(Guid id, CancellationToken ct) =>
        await After(id, "enrolled", (await workflow.EnrollAsync(id, Me, new EnrollInput(OfficerId), ct)).Error, ct);

    public async Task<IActionResult> OnPostAttendanceAsync(Guid id, CancellationToken ct) =>
        await After(id, "attendance", (await workflow.RecordAttendanceAsync(EnrollmentId ?? Guid.Empty, Me, new AttendanceInput(Hours), ct)).Error, ct);

    public async Task<IActionResult> OnPostExamAsync(Guid id, CancellationToken ct) =>
        await After(id, "exam", (await workflow.RecordExamAsync(EnrollmentId ?? Guid.Empty, Me, new ExamInput(Exam, Score), ct)).Error, ct);

    public async Task<IActionResult> OnPostCompleteAsync(Guid id, CancellationToken ct) =>
        await After(id, "completed", (await workflow.CompleteAsync(EnrollmentId ?? Guid.Empty, Me, ct)).Error, ct);

    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) =>
        await After(id, "withdrawn", (await workflow.WithdrawAsync(EnrollmentId ?? Guid.Empty, Me, new ReasonInput(Reason), ct)).Error, ct);

    private async Task<IActionResult> After(Guid id, string done, Error? error, CancellationToken ct)
    {
        if (error is null) return Redirect($"/staff/training/classes/{id}?done={done}");
        if (error.Code == TrainingErrors.ClassNotFound.Code) return NotFound();
        Failed = EnrollmentId;
        Show(error, FormFields);
        return await LoadAsync(id, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var result = await workflow.ClassAsync(id, ct);
        if (!result.IsSuccess) return false;
        Class = result.Value;
        if (MayEnroll) Candidates = await workflow.CandidatesAsync(id, ct);
        return true;
    }

    public static string DoneText(string? done) => Common.Texts.S(done switch
    {
        "enrolled" => "The officer is enrolled.",
        "attendance" => "The hours attended were recorded.",
        "exam" => "The score was recorded.",
        "completed" => "The course is complete and the certificate issued.",
        "withdrawn" => "The officer was withdrawn from the class.",
        _ => "",
    });
}
