using Section287.Common;
using Section287.Features.Accounts;

namespace Section287.Features.Transparency;

/// <summary>The public transparency feature (issue 18): release requests, the publication gate, the published figures.</summary>
public static class TransparencyFeature
{
    public static IServiceCollection AddTransparency(this IServiceCollection services)
    {
        services.AddScoped<PublicFigures>();
        services.AddScoped<ReleaseWorkflow>();
        services.AddScoped<Deadlines.IWatch, FiguresPublicationTick>();
        services.AddScoped<QuarterlyReports>();
        services.AddScoped<Deadlines.IWatch, ReportsPublicationTick>();
        return services;
    }

    public static RouteGroupBuilder MapTransparency(this RouteGroupBuilder api)
    {
        var releases = api.MapGroup("/releases").WithTags("Public releases").RequireAuthorization(Identity.StaffPolicy);
        releases.MapGet("", async (ReleaseWorkflow w, Actor actor, CancellationToken ct) => (await w.ListAsync(actor, ct)).ToHttp());
        releases.MapPost("", async (ReleaseWorkflow w, ReleaseInput input, Actor actor, CancellationToken ct) => (await w.RequestAsync(actor, input, ct)).ToHttp());
        releases.MapPost("/{id:guid}/approval", async (ReleaseWorkflow w, Guid id, Actor actor, CancellationToken ct) => (await w.ApproveAsync(id, actor, ct)).ToHttp());
        releases.MapPost("/{id:guid}/decline", async (ReleaseWorkflow w, Guid id, DeclineInput input, Actor actor, CancellationToken ct) =>
            (await w.DeclineAsync(id, actor, input, ct)).ToHttp());

        // Public: no sign-in. Revalidated by the figures' version (ETag), like the registry.
        var figures = api.MapGroup("/figures").WithTags("Public figures").AllowAnonymous();
        figures.MapGet("", async (PublicFigures f, HttpContext http, Data.AppDbContext db, string? state, string? lang, CancellationToken ct) =>
        {
            if (BadState(state) is { } bad) return bad.ToProblem();
            if (await FiguresCache.RevalidateAsync(http, db, ct) is { } notModified) return notModified;
            return TypedResults.Ok(await f.ReadAsync(state, string.Equals(lang, "es", StringComparison.OrdinalIgnoreCase), ct));
        }).Produces<PublicFiguresView>();
        figures.MapGet("/download.csv", async (PublicFigures f, HttpContext http, Data.AppDbContext db, string? state, CancellationToken ct) =>
        {
            if (BadState(state) is { } bad) return bad.ToProblem();
            if (await FiguresCache.RevalidateAsync(http, db, ct) is { } notModified) return notModified;
            return Results.File(System.Text.Encoding.UTF8.GetBytes(FiguresFile.Table(await f.ReadAsync(state, spanish: false, ct)).ToCsv()),
                "text/csv; charset=utf-8", "section287-public-figures.csv");
        });
        figures.MapGet("/download.xlsx", async (PublicFigures f, HttpContext http, Data.AppDbContext db, string? state, CancellationToken ct) =>
        {
            if (BadState(state) is { } bad) return bad.ToProblem();
            if (await FiguresCache.RevalidateAsync(http, db, ct) is { } notModified) return notModified;
            return Results.File(FiguresFile.Table(await f.ReadAsync(state, spanish: false, ct)).ToXlsx("Figures"),
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "section287-public-figures.xlsx");
        });
        figures.MapGet("/opp-stops.csv", async (PublicFigures f, HttpContext http, Data.AppDbContext db, string? state, CancellationToken ct) =>
        {
            if (BadState(state) is { } bad) return bad.ToProblem();
            if (await FiguresCache.RevalidateAsync(http, db, ct) is { } notModified) return notModified;
            return Results.File(System.Text.Encoding.UTF8.GetBytes(FiguresFile.OppStops(await f.ReadAsync(state, spanish: false, ct)).ToCsv()),
                "text/csv; charset=utf-8", "section287-stops-opp.csv");
        });
        // Quarterly reports: public PDFs from the archive (made on first request when due). A published report never changes.
        var reports = api.MapGroup("/reports").WithTags("Public figures").AllowAnonymous();
        reports.MapGet("", async (QuarterlyReports r, CancellationToken ct) => TypedResults.Ok(await r.ListAsync("nation", ct)));
        reports.MapGet("/nation/{quarter}.pdf", async (QuarterlyReports r, HttpContext http, string quarter, string? lang, CancellationToken ct) =>
            await ReportAsync(r, http, "nation", quarter, lang, ct));
        reports.MapGet("/agencies/{id:guid}/{quarter}.pdf", async (QuarterlyReports r, HttpContext http, Guid id, string quarter, string? lang, CancellationToken ct) =>
            await ReportAsync(r, http, id.ToString(), quarter, lang, ct));
        figures.MapGet("/dictionary.csv", () => Results.File(System.Text.Encoding.UTF8.GetBytes(FiguresFile.Dictionary().ToCsv()), "text/csv; charset=utf-8",
            "section287-public-figures-dictionary.csv"));
        return api;
    }

    private static readonly Error ReportNotFound = Error.NotFound("report.not_found",
        "There is no such report: quarterly reports are published once ICE's public affairs and privacy offices approve them, for quarters with published figures.");

    private static async Task<IResult> ReportAsync(QuarterlyReports reports, HttpContext http, string scope, string quarter, string? lang, CancellationToken ct)
    {
        if (!System.Text.RegularExpressions.Regex.IsMatch(quarter, "^[0-9]{4}Q[1-4]$"))
            return Error.Invalid("report.quarter_invalid", "Give a quarter such as 2026Q3.",
                new Dictionary<string, string[]> { ["quarter"] = ["Give a quarter such as 2026Q3."] }).ToProblem();
        var language = string.Equals(lang, "es", StringComparison.OrdinalIgnoreCase) ? "es" : "en";
        var report = await reports.GetAsync(scope, quarter, language, ct);
        if (report is null) return ReportNotFound.ToProblem();
        // Archived and never changed: its hash is its ETag, and it may be cached for a day.
        if (Revalidation.NotModified(http, $"\"{report.Sha256}\"") is { } notModified) return notModified;
        http.Response.Headers.CacheControl = "public, max-age=86400";
        return Results.File(report.Content, "application/pdf",
            $"section287-{(scope == "nation" ? "nation" : "agency-" + scope)}-{quarter}-{language}.pdf");
    }

    private static Error? BadState(string? state) => state is { Length: > 0 } s && (s.Trim().Length != 2 || !s.Trim().All(char.IsAsciiLetter))
        ? Error.Invalid("figures.state_invalid", "Give a state as its two-letter code.",
            new Dictionary<string, string[]> { ["state"] = ["Give a state as its two-letter code, such as NC."] })
        : null;
}

/// <summary>The figures' ETag: the <c>figures</c> public version, raised with every publication and release decision.</summary>
public static class FiguresCache
{
    public static async Task<IResult?> RevalidateAsync(HttpContext http, Data.AppDbContext db, CancellationToken ct)
    {
        var version = await Data.PublicVersions.ReadAsync(db, Data.PublicVersions.Figures, ct);
        return Revalidation.NotModified(http, $"\"figures-{version}\"");
    }
}

/// <summary>The open data: one row per published cell, suppressed cells empty with a flag, and its data dictionary.</summary>
public static class FiguresFile
{
    public static TableFile Table(PublicFiguresView view) => new(
        ["kind", "quarter", "published_on", "level", "area", "state", "name", "part", "value", "suppressed"],
        from kind in view.Kinds
        from q in kind.Quarters
        from row in q.Rows
        from cell in row.Parts.Prepend(new KeyValuePair<string, int?>("", row.Value))
        select (IReadOnlyList<object?>)[kind.Code, q.Quarter, q.PublishedOn, row.Level, row.Area, row.State, row.Name, cell.Key, cell.Value, cell.Value is null]);

    /// <summary>The four stop kinds' columns of the OPP export, by kind code.</summary>
    private static readonly (string Column, string Kind)[] OppColumns =
        [("n_stops", "stops"), ("n_search_conducted", "stop-searches"), ("n_contraband_found", "stop-contraband"), ("n_arrest_made", "stop-arrests")];

    /// <summary>
    /// The published stop figures in the Stanford Open Policing Project's vocabulary: one row per quarter, area and <c>subject_race</c>
    /// (OPP's values), with the counts of stops and of those where OPP's <c>search_conducted</c>, <c>contraband_found</c> and
    /// <c>arrest_made</c> are true. <c>NA</c>, as OPP writes a missing value, where a count was suppressed or its kind is not released.
    /// No officer is a level of it: an aggregate never needs an officer's id, hashed or not.
    /// </summary>
    public static TableFile OppStops(PublicFiguresView view)
    {
        var kinds = view.Kinds.ToDictionary(k => k.Code);
        var rows = new List<IReadOnlyList<object?>>();
        if (kinds.TryGetValue("stops", out var stops))
        {
            var cells = OppColumns.ToDictionary(c => c.Kind, c => kinds.TryGetValue(c.Kind, out var k)
                ? k.Quarters.SelectMany(q => q.Rows.Select(r => (q.Quarter, r))).ToDictionary(x => (x.Quarter, x.r.Level, x.r.Area), x => x.r.Parts)
                : []);
            foreach (var q in stops.Quarters.OrderBy(q => q.Quarter, StringComparer.Ordinal))
                foreach (var row in q.Rows)
                    foreach (var (code, opp) in StopSource.Races)
                    {
                        var values = OppColumns.Select(c => cells[c.Kind].TryGetValue((q.Quarter, row.Level, row.Area), out var parts) && parts.GetValueOrDefault(code) is { } v
                            ? (object?)v : "NA");
                        rows.Add([q.Quarter, q.PublishedOn, row.Level, row.Area, row.Level == "nation" ? "" : row.State, row.Level == "agency" ? row.Name : "NA", opp, .. values]);
                    }
        }
        return new TableFile(["quarter", "published_on", "level", "area", "state", "department_name", "subject_race", .. OppColumns.Select(c => c.Column)], rows);
    }

    public static TableFile Dictionary() => new(["field_or_kind", "meaning"],
        new (string, string)[]
        {
            ("kind", "The kind of figure (see the rows below)."),
            ("quarter", "The calendar quarter of the encounters, such as 2026Q3 (days at ICE headquarters)."),
            ("published_on", "The day the quarter was published: 30 days or more after it ended. A published quarter is never changed."),
            ("level", "nation, state or agency."),
            ("area", "nation, the state's two-letter code, or the agency's id in Section287's registry."),
            ("state", "The state of a state or agency row."),
            ("name", "The agency's name (the state's code for a state row)."),
            ("part", "Empty for the figure itself, or one of its parts (for encounters: the agreement's model)."),
            ("value", "The count; empty where suppressed."),
            ("suppressed", "true where the count is from 1 to k - 1 (k = 11 by default), or could be worked out from published totals."),
            ("opp-stops.csv", "The stop kinds in the Stanford Open Policing Project's vocabulary: per quarter, area and subject_race (OPP's values), n_stops and the counts where search_conducted, contraband_found and arrest_made are true; NA where suppressed or not released."),
        }.Concat(FigureKinds.All.Select(k => (k.Code, k.DefinitionEn))).Select(p => (IReadOnlyList<object?>)[p.Item1, p.Item2]));
}
