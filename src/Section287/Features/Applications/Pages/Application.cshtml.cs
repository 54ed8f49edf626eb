using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Accounts;
using Section287.Features.Applications;

namespace Section287.Features.Applications.Pages;

/// <summary>
/// One application for both sides: the agency submits, attaches, answers and withdraws here; ICE's program office
/// takes it for review, works the checklist, asks questions, prepares a decision, and a second reviewer approves
/// or returns it. Every button calls the same use case as the API, so the rules and their refusals are the same.
/// </summary>
[RequestSizeLimit(Attachment.MaxBytes + 64 * 1024)]
public sealed class ApplicationModel(ApplicationQueries queries, ApplicationWorkflow workflow, ApplicationAttachments attachments,
    CommentQueries comments) : StaffPage
{
    private static readonly string[] FormFields = ["answer", "reason", "questions", "outcome", "rationale", "item", "satisfied", "note", "file", "description", "checklist"];

    public ApplicationView? Application { get; private set; }

    public Page<CommentView>? Comments { get; private set; }

    public string? Done { get; private set; }

    [BindProperty] public long? Version { get; set; }

    // Each form binds the API's input record under its own prefix (Check.Note, Withdraw.Reason); a refused form is shown back from it.
    [BindProperty] public AnswerInput? Answer { get; set; }

    [BindProperty] public WithdrawInput? Withdraw { get; set; }

    [BindProperty] public QuestionsInput? Ask { get; set; }

    [BindProperty] public PrepareDecisionInput? Decision { get; set; }

    [BindProperty] public CheckInput? Check { get; set; }

    /// <summary>The checklist form: one row per item, sent together.</summary>
    [BindProperty] public List<CheckInput>? Checks { get; set; }

    [BindProperty] public IFormFile? Upload { get; set; }

    [BindProperty] public string? Description { get; set; }

    public bool IsCoordinator => MyRole == Role.AgencyCoordinator;

    public bool IsProgramOffice => MyRole == Role.ProgramOffice;

    public async Task<IActionResult> OnGetAsync(Guid id, string? done, int? commentPage, CancellationToken ct)
    {
        Done = done;
        return await LoadAsync(id, commentPage, ct) ? Page() : NotFound();
    }

    /// <summary>Always a download, never shown inline; the same headers as the API's.</summary>
    public async Task<IActionResult> OnGetAttachmentAsync(Guid id, Guid attachmentId, CancellationToken ct)
    {
        var file = await attachments.GetAsync(id, attachmentId, ct);
        if (!file.IsSuccess) return NotFound();
        Response.Headers.ContentSecurityPolicy = "sandbox; default-src 'none'";
        Response.Headers.XContentTypeOptions = "nosniff";
        return File(file.Value.Bytes, file.Value.ContentType, file.Value.FileName);
    }

    public Task<IActionResult> OnPostSubmitAsync(Guid id, CancellationToken ct) => Act(id, "submitted", () => workflow.SubmitAsync(id, Me, Version, ct), ct);

    public Task<IActionResult> OnPostAnswerAsync(Guid id, CancellationToken ct) => Act(id, "answered",
        () => workflow.AnswerAsync(id, Me, Answer ?? new(null), ct), ct);

    public Task<IActionResult> OnPostWithdrawAsync(Guid id, CancellationToken ct) => Act(id, "withdrawn",
        () => workflow.WithdrawAsync(id, Me, Withdraw ?? new(null), ct), ct);

    public Task<IActionResult> OnPostReviewAsync(Guid id, CancellationToken ct) => Act(id, "review", () => workflow.StartReviewAsync(id, Me, ct), ct);

    public Task<IActionResult> OnPostCheckAsync(Guid id, CancellationToken ct) => Act(id, "checked",
        () => workflow.CheckAsync(id, Me, Check ?? new(null, null, null), ct), ct);

    public Task<IActionResult> OnPostChecklistAsync(Guid id, CancellationToken ct) => Act(id, "checked",
        () => workflow.CheckAllAsync(id, Me, Checks ?? [], ct), ct);

    public Task<IActionResult> OnPostAskAsync(Guid id, CancellationToken ct) => Act(id, "asked",
        () => workflow.RequestInformationAsync(id, Me, Ask ?? new(null), ct), ct);

    public Task<IActionResult> OnPostPrepareAsync(Guid id, CancellationToken ct) => Act(id, "prepared",
        () => workflow.PrepareDecisionAsync(id, Me, Decision ?? new(null, null), ct), ct);

    public Task<IActionResult> OnPostApproveAsync(Guid id, CancellationToken ct) => Act(id, "decided", () => workflow.ApproveDecisionAsync(id, Me, ct), ct);

    public Task<IActionResult> OnPostReturnAsync(Guid id, CancellationToken ct) => Act(id, "returned", () => workflow.ReturnDecisionAsync(id, Me, ct), ct);

    public async Task<IActionResult> OnPostUploadAsync(Guid id, CancellationToken ct)
    {
        if (Upload is null || Upload.Length == 0)
        {
            Show(AttachmentErrors.Empty, FormFields);
            return await LoadAsync(id, null, ct) ? Page() : NotFound();
        }
        await using var stream = Upload.OpenReadStream();
        var result = await attachments.AddAsync(id, Me, Upload.FileName, Description, stream, ct);
        return await After(id, "attached", result.Error, ct);
    }

    private async Task<IActionResult> Act<T>(Guid id, string done, Func<Task<Result<T>>> action, CancellationToken ct) =>
        await After(id, done, (await action()).Error, ct);

    private async Task<IActionResult> After(Guid id, string done, Error? error, CancellationToken ct)
    {
        if (error is null) return Redirect($"/staff/applications/{id}?done={done}");
        if (error.Kind == ErrorKind.NotFound && error.Code == ApplicationErrors.NotFound.Code) return NotFound();
        Show(error, FormFields);
        return await LoadAsync(id, null, ct) ? Page() : NotFound();
    }

    private async Task<bool> LoadAsync(Guid id, int? commentPage, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        if (!result.IsSuccess) return false;
        Application = result.Value;
        var page = await comments.OfApplicationAsync(id, commentPage, null, ct);
        if (page.IsSuccess) Comments = page.Value;
        return true;
    }

    public static string DoneText(string? done) => Common.Texts.S(done switch
    {
        "saved" => "The application was saved.",
        "submitted" => "The application was submitted to ICE. Its public comment period runs on the dates you gave.",
        "answered" => "Your answer was sent; the application is back with its reviewer.",
        "withdrawn" => "The application was withdrawn.",
        "review" => "You took the application for review.",
        "checked" => "The checklist was updated.",
        "asked" => "The questions were sent to the agency.",
        "prepared" => "The decision was prepared. A second reviewer must approve it.",
        "decided" => "The decision was approved and the agency told.",
        "returned" => "The prepared decision was set aside.",
        "attached" => "The file was attached.",
        _ => "",
    });
}
