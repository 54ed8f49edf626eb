using Section287.Features.Shared;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Agreements;
using Section287.Features.Applications;

namespace Section287.Features.Applications.Pages;

/// <summary>
/// The agency's application as a structured form: models with officers, readiness, proposal, comment period and
/// meetings. Works without script: one blank meeting row is always offered, and saving offers another.
/// </summary>
public sealed partial class ApplicationEditModel(ApplicationQueries queries, ApplicationWorkflow workflow) : StaffPage
{
    [BindProperty] public ApplicationForm Form { get; set; } = new();

    public ApplicationView? Application { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var result = await queries.GetAsync(id, ct);
        if (!result.IsSuccess) return NotFound();
        Application = result.Value;
        Form = ApplicationForm.From(result.Value);
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var current = await queries.GetAsync(id, ct);
        if (!current.IsSuccess) return NotFound();
        Application = current.Value;
        if (!ModelState.IsValid)
        {
            // Values the browser could not send as numbers or dates: say so beside each field, and save nothing.
            var unreadable = ModelState.Where(m => m.Value!.Errors.Count > 0).Select(m => m.Key).ToList();
            ModelState.Clear();
            foreach (var key in unreadable) ModelState.AddModelError(FieldOf(key), "Give a number or a date in the form asked for.");
            Response.StatusCode = StatusCodes.Status400BadRequest;
            Form.OfferBlankMeeting();
            return Page();
        }
        var (content, meetingRows) = Form.ToContent();
        var result = await workflow.EditAsync(id, Me, new EditApplicationInput(Form.Version, content), ct);
        if (result.IsSuccess) return Redirect($"/staff/applications/{id}?done=saved");

        var error = result.Error!;
        if (error.Kind == ErrorKind.NotFound) return NotFound();
        Show(error with { Fields = error.Fields.ToDictionary(f => Form.KeyOnPage(f.Key, meetingRows), f => f.Value) });
        Form.OfferBlankMeeting();
        return Page();
    }

    /// <summary>"Form.Models[1].Officers" → "officers-tfm"; "Form.Meetings[0].HeldOn" → "meetings[0].heldOn"; "Form.JailBeds" → "jailBeds".</summary>
    private string FieldOf(string bindingKey)
    {
        var key = bindingKey.StartsWith("Form.", StringComparison.Ordinal) ? bindingKey[5..] : bindingKey;
        var model = ModelRow().Match(key);
        if (model.Success) return "officers-" + Form.Models[int.Parse(model.Groups[1].Value)].Code.ToLowerInvariant();
        return string.Join('.', key.Split('.').Select(p => char.ToLowerInvariant(p[0]) + p[1..]));
    }

    [GeneratedRegex(@"^Models\[(\d+)\]")]
    private static partial Regex ModelRow();
}

public sealed class ModelRow
{
    public string Code { get; set; } = "";

    public bool Wanted { get; set; }

    public int? Officers { get; set; }
}

public sealed class MeetingRow
{
    public DateOnly? HeldOn { get; set; }

    public string? Audience { get; set; }

    public int? Attendance { get; set; }

    public string? Summary { get; set; }

    public bool IsBlank => HeldOn is null && string.IsNullOrWhiteSpace(Audience) && Attendance is null && string.IsNullOrWhiteSpace(Summary);
}

/// <summary>The form's shape of <see cref="ApplicationContent"/>: a row per model, and meeting rows of which blank ones are ignored.</summary>
public sealed class ApplicationForm
{
    public long Version { get; set; }

    public List<ModelRow> Models { get; set; } = AgreementModels.All.Select(m => new ModelRow { Code = m.Code() }).ToList();

    public int? StaffAvailable { get; set; }

    public int? JailBeds { get; set; }

    public int? DailyBookings { get; set; }

    public bool? HasItConnectivity { get; set; }

    public string? EquipmentSite { get; set; }

    public decimal? BudgetDollars { get; set; }

    public string? BudgetNotes { get; set; }

    public bool? LegalReviewDone { get; set; }

    public string? LegalReviewNotes { get; set; }

    public string? Objectives { get; set; }

    public string? Priorities { get; set; }

    public DateOnly? CommentOpensOn { get; set; }

    public DateOnly? CommentClosesOn { get; set; }

    public List<MeetingRow> Meetings { get; set; } = [];

    public static ApplicationForm From(ApplicationView a) => new()
    {
        Version = a.Version,
        Models = AgreementModels.All.Select(m => a.Models.FirstOrDefault(x => x.Model == m.Code()) is { } held
            ? new ModelRow { Code = m.Code(), Wanted = true, Officers = held.Officers }
            : new ModelRow { Code = m.Code() }).ToList(),
        StaffAvailable = a.StaffAvailable, JailBeds = a.JailBeds, DailyBookings = a.DailyBookings, HasItConnectivity = a.HasItConnectivity,
        EquipmentSite = a.EquipmentSite, BudgetDollars = a.BudgetDollars, BudgetNotes = a.BudgetNotes, LegalReviewDone = a.LegalReviewDone,
        LegalReviewNotes = a.LegalReviewNotes, Objectives = a.Objectives, Priorities = a.Priorities,
        CommentOpensOn = a.CommentOpensOn, CommentClosesOn = a.CommentClosesOn,
        Meetings = a.Meetings.Select(m => new MeetingRow { HeldOn = m.HeldOn, Audience = m.Audience, Attendance = m.Attendance, Summary = m.Summary })
            .Append(new MeetingRow()).ToList(),
    };

    /// <summary>Rows keep their places (errors point at them); a blank row is added if none is left.</summary>
    public void OfferBlankMeeting()
    {
        if (!Meetings.Any(m => m.IsBlank)) Meetings.Add(new MeetingRow());
    }

    /// <summary>The content to save, and for each meeting sent the row of the form it came from.</summary>
    public (ApplicationContent Content, IReadOnlyList<int> MeetingRows) ToContent()
    {
        var wanted = Models.Where(m => m.Wanted).ToList();
        var rows = Meetings.Select((m, i) => (m, i)).Where(x => !x.m.IsBlank).ToList();
        return (new ApplicationContent(
            wanted.Select(m => new RequestedModelInput(m.Code, m.Officers)).ToList(),
            StaffAvailable, JailBeds, DailyBookings, HasItConnectivity, EquipmentSite, BudgetDollars, BudgetNotes, LegalReviewDone, LegalReviewNotes,
            Objectives, Priorities, CommentOpensOn, CommentClosesOn,
            rows.Select(x => new MeetingInput(x.m.HeldOn, x.m.Audience, x.m.Attendance, x.m.Summary)).ToList()), rows.Select(x => x.i).ToList());
    }

    /// <summary>An error's field as the API names it, turned into the field on this form: the nth model sent is a row by code, the nth meeting sent is a row by position.</summary>
    public string KeyOnPage(string apiKey, IReadOnlyList<int> meetingRows)
    {
        var wanted = Models.Where(m => m.Wanted).ToList();
        var model = System.Text.RegularExpressions.Regex.Match(apiKey, @"^models\[(\d+)\]");
        if (model.Success && int.Parse(model.Groups[1].Value) is var i && i < wanted.Count) return "officers-" + wanted[i].Code.ToLowerInvariant();
        var meeting = System.Text.RegularExpressions.Regex.Match(apiKey, @"^meetings\[(\d+)\](.*)$");
        if (meeting.Success && int.Parse(meeting.Groups[1].Value) is var j
            && j < meetingRows.Count) return $"meetings[{meetingRows[j]}]{meeting.Groups[2].Value}";
        return apiKey;
    }
}
