using Section287.Features.Shared;
using Microsoft.AspNetCore.Mvc;
using Section287.Common;
using Section287.Features.Encounters;

namespace Section287.Features.Encounters.Pages;

/// <summary>
/// The measures of the use of authority and of oversight, for the nation, ICE areas, agencies or agreements picked by name,
/// side by side, over a period that defaults to the last 12 months: one labelled figure per row with its definition, charts,
/// and the same table as CSV and XLSX. Every choice is in the address (a GET form), so it works without script and can be shared;
/// with script the subject select becomes a USWDS combo box (typeahead).
/// </summary>
public sealed class MeasuresModel(Measures measures, Complaints.OversightMeasures oversight, MeasureSubjects subjects, TimeProvider clock) : StaffPage
{
    /// <summary>At most this many subjects side by side: wider than four columns does not read on a tablet.</summary>
    public const int MaxCompared = 4;

    public MeasureSheet? Sheet { get; private set; }

    /// <summary>The first subject's oversight figures, for the allegations chart.</summary>
    public Complaints.OversightFigures? Oversight { get; private set; }

    /// <summary>The subjects shown, in order.</summary>
    public IReadOnlyList<MeasureSubject> Compared { get; private set; } = [];

    /// <summary>The subjects the picker offers (narrowed by <see cref="Find"/>).</summary>
    public IReadOnlyList<MeasureSubject> Options { get; private set; } = [];

    /// <summary>The subjects compared, as keys ("agency:{id}"); the first is the main one.</summary>
    [BindProperty(SupportsGet = true)] public List<string> S { get; set; } = [];

    /// <summary>Words the picker's options must contain (the search of the select without script).</summary>
    [BindProperty(SupportsGet = true)] public string? Find { get; set; }

    /// <summary>The subject chosen in the picker, and what to do with it: "show" (instead) or "add" (to the comparison).</summary>
    [BindProperty(SupportsGet = true)] public string? Pick { get; set; }

    [BindProperty(SupportsGet = true)] public string? Do { get; set; }

    // The earlier form's fields, still honoured in addresses people kept.
    [BindProperty(SupportsGet = true)] public string? Level { get; set; }

    [BindProperty(SupportsGet = true)] public string? Subject { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await LoadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Sheet is null) return Page();
        return File(System.Text.Encoding.UTF8.GetBytes(Sheet.ToTable().ToCsv()), "text/csv; charset=utf-8", Sheet.FileName("csv"));
    }

    public async Task<IActionResult> OnGetXlsxAsync(CancellationToken ct)
    {
        if (!await LoadAsync(ct) || Sheet is null) return Page();
        return File(Sheet.ToTable().ToXlsx("Measures"), "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", Sheet.FileName("xlsx"));
    }

    /// <summary>The oversight figures shown, as CSV (kept for addresses people saved; the page's downloads carry them too).</summary>
    public async Task<IActionResult> OnGetOversightCsvAsync(CancellationToken ct)
    {
        if (Me.AgencyId is { } own && string.IsNullOrEmpty(Level)) (Level, Subject) = ("agency", own.ToString());
        var figures = await oversight.FiguresAsync(Me, Level, Subject, From, To, ct);
        if (figures.IsSuccess)
            return File(System.Text.Encoding.UTF8.GetBytes(Complaints.OversightMeasures.Csv(figures.Value)), "text/csv; charset=utf-8", "oversight-measures.csv");
        Show(figures.Error!, "level", "subject", "to");
        return Page();
    }

    /// <summary>This page's address for the same period and the given subjects.</summary>
    public string Address(IEnumerable<string> keys, string? handler = null) =>
        "/staff/measures?" + string.Join("&", (handler is null ? [] : new[] { $"handler={handler}" })
            .Concat(keys.Select(k => "S=" + Uri.EscapeDataString(k)))
            .Append($"From={From:yyyy-MM-dd}").Append($"To={To:yyyy-MM-dd}"));

    private async Task<bool> LoadAsync(CancellationToken ct)
    {
        var today = clock.Today();
        To ??= today;
        From ??= To.Value.AddYears(-1).AddDays(1);
        // The subjects are read once: the picker shows those the search matches, the columns take their names from all of them.
        var all = await subjects.ForAsync(Me, ct);
        Options = MeasureSubjects.Matching(all, Find);
        var keys = S.Where(k => !string.IsNullOrWhiteSpace(k)).Distinct().ToList();
        if (!string.IsNullOrEmpty(Level)) keys = [new MeasureSubject(Level.Trim().ToLowerInvariant(), Subject?.Trim(), "").Key];
        if (!string.IsNullOrWhiteSpace(Pick))
        {
            if (Do == "add") { if (!keys.Contains(Pick)) keys.Add(Pick); }
            else if (Do != "find") keys = [Pick];
        }
        if (keys.Count == 0) keys = [Me.AgencyId is { } own ? $"agency:{own}" : "nation"];
        if (keys.Count > MaxCompared)
        {
            ModelState.AddModelError("pick", $"At most {MaxCompared} side by side; remove one to add another.");
            keys = keys.Take(MaxCompared).ToList();
        }
        S = keys;
        var columns = new List<(MeasureSubject, UseOfAuthorityMeasures, Complaints.OversightFigures?)>();
        foreach (var key in keys)
        {
            var (level, subject) = MeasureSubject.Parse(key);
            var use = await measures.UseOfAuthorityAsync(Me, level, subject, From, To, ct);
            if (!use.IsSuccess)
            {
                Show(Renamed(use.Error!, ("level", "pick"), ("subject", "pick")), "pick", "to");
                continue;
            }
            var figures = await oversight.FiguresAsync(Me, level, subject, From, To, ct);
            var name = all.FirstOrDefault(o => o.Key == key)?.Name ?? key;
            columns.Add((new MeasureSubject(level, subject, name), use.Value, figures.IsSuccess ? figures.Value : null));
        }
        Compared = columns.Select(c => c.Item1).ToList();
        if (columns.Count == 0) return false;
        Sheet = MeasureSheet.Of(From.Value, To.Value, columns);
        Oversight = columns[0].Item3;
        return true;
    }
}
