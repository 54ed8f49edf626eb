using System.Globalization;
using System.Text.Json;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Accounts;
using Section287.Features.Audit;
using Section287.Features.IceLists;

namespace Section287;

/// <summary>Admin commands: `dotnet run --project src/Section287 -- NAME ...`.</summary>
public static class Commands
{
    public static readonly HashSet<string> Names = ["import-ice-list", "verify-audit", "create-user", "second-factor-link", "rules", "rotate-person-data-key", "backup", "restore", "generate-demo-load", "import-crime-panel", "evaluate-crime"];

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static async Task<int> RunAsync(WebApplication app, string name, string[] args)
    {
        if (name == "rules")
        {
            // docs/RULES.md is this output; it needs no database.
            Console.Out.Write(Features.Encounters.RuleBook.Markdown());
            return 0;
        }
        await using var scope = app.Services.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<AccessScope>().Become(AccessScope.System());
        services.GetRequiredService<ChangeContext>().As($"cli:{Environment.UserName}", $"command line ({Environment.UserName}@{Environment.MachineName})");
        try
        {
            await DatabaseSchema.ApplyAsync(services.GetRequiredService<AppDbContext>(), app.Logger,
                TimeSpan.FromSeconds(app.Configuration.GetValue("Database:MigrationLockTimeoutSeconds", 120)));
            if (name == "rotate-person-data-key") return await KeyRotation.RunAsync(services, args);
            await services.GetRequiredService<MasterKey>().OpenAsync(services, CancellationToken.None);
            return name switch
            {
                "import-ice-list" => await ImportAsync(services, args),
                "import-crime-panel" => await ImportCrimePanelAsync(services, args),
                "evaluate-crime" => await EvaluateCrimeAsync(services, args),
                "verify-audit" => await VerifyAsync(services),
                "create-user" => await CreateUserAsync(services, args),
                "second-factor-link" => await SecondFactorLinkAsync(services, args),
                "backup" => args.Length == 1 ? await Backup.BackupAsync(services, args[0]) : Usage(),
                "restore" => args.Length == 1 ? await Backup.RestoreAsync(services, args[0]) : Usage(),
                "generate-demo-load" when args.Contains("--help") => Help(Features.Encounters.DemoLoadOptions.Help),
                "generate-demo-load" => await services.GetRequiredService<Features.Encounters.DemoLoad>()
                    .RunAsync(Features.Encounters.DemoLoadOptions.Parse(args), services.GetRequiredService<TimeProvider>(), CancellationToken.None),
                _ => Usage(),
            };
        }
        catch (ArgumentException e)
        {
            Console.Error.WriteLine(e.Message);
            return 2;
        }
        catch (InvalidOperationException e) when (e.Message.Contains("Security:PersonDataKey", StringComparison.Ordinal)
            || e.Message.StartsWith("Refusing to start", StringComparison.Ordinal))
        {
            // The anchors of the audit chain and person data need the master key: the same configuration as the app's. A schema
            // another process holds too long is named the same way.
            Console.Error.WriteLine(e.Message);
            return 2;
        }
    }

    private static int Help(string text)
    {
        Console.Out.WriteLine(text);
        return 0;
    }

    private static int Usage()
    {
        Console.Error.WriteLine("""
            usage:
              import-ice-list FILE [--as-of YYYY-MM-DD] [--confirm-removals REASON] [--json]
                (a list that would remove more than 10% of the agreements is refused unless the removals are confirmed)
              verify-audit
              rules                                   (prints docs/RULES.md: every rule of the use of authority)
              backup FILE                             (the database, its key ring and the audit anchors, in one zip; while the app runs)
              restore FILE                            (stop the app first; what is replaced is kept beside it)
              rotate-person-data-key                  (new key on standard input; the current one in Security:PersonDataKey;
                                                       stop every instance first, start them with the new key after)
              create-user --email EMAIL --name NAME --role ROLE [--agency AGENCY_ID] [--aor CODE]   (password on standard input)
                roles: program-office, field-supervisor, agency-coordinator, designated-officer, oversight, public-affairs, privacy-office
                (prints the one-time link with which the account sets up its second factor)
              second-factor-link --email EMAIL        (a new one-time link; an account that has a second factor loses it)
              import-crime-panel DIRECTORY --source TEXT --version TEXT
                                                      (YYYY.json or YYYY.json.gz per year, keyed by county FIPS; a new version)
              evaluate-crime [--outcome violent|property]   (the evaluation as JSON, on the newest panel)
              generate-demo-load --encounters N [--agencies N] [--officers N] [--seed S] [--years Y]
                                                      (a synthetic national load on a database of its own; --help says what it makes)
            """);
        return 2;
    }

    private static async Task<int> ImportCrimePanelAsync(IServiceProvider services, string[] args)
    {
        var valued = new[] { "--source", "--version" };
        var directory = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !valued.Contains(args[i - 1]))).FirstOrDefault();
        if (directory is null || Option(args, "--source") is not { } source || Option(args, "--version") is not { } version) return Usage();
        var files = Features.Evaluation.CrimePanels.ReadDirectory(Common.CallerPath.Resolve(directory));
        Common.Result<Features.Evaluation.CrimePanel> imported = files.IsSuccess
            ? await services.GetRequiredService<Features.Evaluation.CrimePanels>().ImportAsync(files.Value, source, version,
                $"cli:{Environment.UserName}", CancellationToken.None)
            : files.Error!;
        if (!imported.IsSuccess)
        {
            Console.Error.WriteLine($"{imported.Error!.Code}: {imported.Error.Message}");
            return 1;
        }
        var p = imported.Value;
        Console.WriteLine($"Imported crime panel {p.Version}: {p.FirstYear}–{p.LastYear}, {p.Counties:N0} counties, {p.Rows:N0} county-years (SHA-256 {p.Sha256}).");
        return 0;
    }

    private static async Task<int> EvaluateCrimeAsync(IServiceProvider services, string[] args)
    {
        if (Features.Evaluation.CrimeOutcomes.FromCode(Option(args, "--outcome")) is not { } outcome)
            throw new ArgumentException("--outcome is violent or property.");
        var report = await services.GetRequiredService<Features.Evaluation.CrimeEvaluation>().RunAsync(outcome, CancellationToken.None);
        if (!report.IsSuccess)
        {
            Console.Error.WriteLine($"{report.Error!.Code}: {report.Error.Message}");
            return 1;
        }
        Console.WriteLine(JsonSerializer.Serialize(Features.Evaluation.EvaluationJson.Of(report.Value), Json));
        return 0;
    }

    private static async Task<int> ImportAsync(IServiceProvider services, string[] args)
    {
        // The file is the argument that is neither an option nor an option's value.
        var valued = new[] { "--as-of", "--confirm-removals" };
        var file = args.Where((a, i) => !a.StartsWith("--", StringComparison.Ordinal) && (i == 0 || !valued.Contains(args[i - 1]))).FirstOrDefault();
        if (file is null) return Usage();
        file = Common.CallerPath.Resolve(file);
        var json = args.Contains("--json");
        DateOnly? asOf = null;
        if (Option(args, "--as-of") is { } asOfText)
        {
            if (!DateOnly.TryParseExact(asOfText, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var d))
                throw new ArgumentException($"--as-of '{asOfText}' is not a date (YYYY-MM-DD).");
            asOf = d;
        }
        if (!File.Exists(file))
        {
            Console.Error.WriteLine($"No such file: {file}");
            return 2;
        }

        await using var stream = File.OpenRead(file);
        var progress = new SyncProgress(p => Console.Error.Write($"\rimporting {Path.GetFileName(file)}: {p.Done}/{p.Total} rows"));
        var result = await services.GetRequiredService<ImportIceList>().HandleAsync(stream, file, asOf, progress, CancellationToken.None,
            Option(args, "--confirm-removals"));
        Console.Error.WriteLine();
        if (!result.IsSuccess)
        {
            if (json) Console.WriteLine(JsonSerializer.Serialize(new { error = result.Error!.Code, message = result.Error.Message }, Json));
            Console.Error.WriteLine($"{result.Error!.Code}: {result.Error.Message}");
            return 1;
        }

        var r = result.Value;
        if (json)
        {
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                asOf = r.AsOf.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), rows = r.Rows, added = r.Added, updated = r.Updated,
                removed = r.Removed, unchanged = r.Unchanged, flagged = r.Flagged, kind = r.Kind, rejected = r.Rejected,
                duplicates = r.Duplicates, blankRows = r.BlankRows, alreadyImported = r.AlreadyImported, flags = r.Flags, unmatched = r.Unmatched,
                unmatchedAgencies = r.UnmatchedAgencies.Select(u => new { u.State, u.Name, u.Missing }),
                addedAgreements = r.AddedAgreements, updatedAgreements = r.UpdatedAgreements, removedAgreements = r.RemovedAgreements,
            }, Json));
            return 0;
        }
        Console.WriteLine(r.AlreadyImported
            ? $"This file was already imported (list of {r.AsOf:yyyy-MM-dd}); nothing changed."
            : $"""
              ICE {r.Kind} list of {r.AsOf:yyyy-MM-dd}: {r.Rows} rows ({r.BlankRows} blank rows skipped)
                added      {r.Added}
                updated    {r.Updated}
                removed    {r.Removed}
                unchanged  {r.Unchanged}
                duplicates {r.Duplicates}
                rejected   {r.Rejected}
                flagged    {r.Flagged} rows
              """);
        foreach (var (code, count) in r.Flags.OrderByDescending(f => f.Value)) Console.WriteLine($"    {code,-26} {count}");
        // Removals matter most to a reader (an agreement leaving the program): each is named; --json names every change.
        foreach (var gone in r.RemovedAgreements) Console.WriteLine($"  removed: {gone.State} {gone.AgencyName} ({gone.Model})");
        if (!r.AlreadyImported)
        {
            Console.WriteLine($"  not matched: {r.Unmatched.Ori} agencies without ORI, {r.Unmatched.County} without county FIPS, {r.Unmatched.Aor} without area of responsibility");
            foreach (var u in r.UnmatchedAgencies) Console.WriteLine($"    {u.State} {u.Name}: no {string.Join(", no ", u.Missing)}");
        }
        return 0;
    }

    private static async Task<int> VerifyAsync(IServiceProvider services)
    {
        var result = await services.GetRequiredService<VerifyAudit>().HandleAsync(CancellationToken.None);
        if (result.Intact)
        {
            Console.WriteLine($"Audit trail intact: {result.Entries} entries, last hash {result.LastHash ?? "(none)"}, anchored through entry "
                + $"{result.AnchoredThrough?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(none)"}.");
            return 0;
        }
        Console.WriteLine($"Audit trail BROKEN ({result.Finding}) at entry {result.FirstBrokenSequence}: {result.Problem}");
        return 1;
    }

    private static async Task<int> CreateUserAsync(IServiceProvider services, string[] args)
    {
        var email = Option(args, "--email") ?? throw new ArgumentException("--email is required.");
        var name = Option(args, "--name") ?? email;
        var role = Roles.FromCode(Option(args, "--role")) ?? throw new ArgumentException("--role must be one of: program-office, field-supervisor, agency-coordinator, designated-officer, oversight, public-affairs, privacy-office.");
        Guid? agencyId = Option(args, "--agency") is { } a ? (Guid.TryParse(a, out var g) ? g : throw new ArgumentException("--agency must be an agency id.")) : null;
        var password = Console.In.ReadLine()?.Trim() ?? "";

        var create = services.GetRequiredService<CreateUser>();
        var result = await create.HandleAsync(new CreateUserInput(email, name, role, agencyId, Option(args, "--aor"), password), CancellationToken.None);
        if (!result.IsSuccess)
        {
            Console.Error.WriteLine($"{result.Error!.Code}: {result.Error.Message}");
            foreach (var (field, messages) in result.Error.Fields) Console.Error.WriteLine($"  {field}: {string.Join(" ", messages)}");
            return 1;
        }
        Console.WriteLine($"Created {role.Code()} {email} ({result.Value}).");
        var user = await services.GetRequiredService<UserManager<AppUser>>().FindByIdAsync(result.Value.ToString());
        return await PrintLinkAsync(services, user!);
    }

    /// <summary>The first program office account has nobody to issue its link: the operator at the command line does, as for any account.</summary>
    private static async Task<int> SecondFactorLinkAsync(IServiceProvider services, string[] args)
    {
        var email = Option(args, "--email") ?? throw new ArgumentException("--email is required.");
        var user = await services.GetRequiredService<UserManager<AppUser>>().FindByEmailAsync(email);
        if (user is null)
        {
            Console.Error.WriteLine($"No account has the address {email}.");
            return 1;
        }
        if (user.DisabledAt is not null)
        {
            Console.Error.WriteLine($"{AccountErrors.LinkForDisabled.Code}: {AccountErrors.LinkForDisabled.Sentence}");
            return 1;
        }
        return await PrintLinkAsync(services, user);
    }

    private static async Task<int> PrintLinkAsync(IServiceProvider services, AppUser user)
    {
        var issued = await services.GetRequiredService<SecondFactorLinks>().IssueAsync(user, $"cli:{Environment.UserName}", CancellationToken.None);
        Console.WriteLine($"Set-up link for two-factor sign-in (works once, until {issued.ExpiresAt:yyyy-MM-dd HH:mm} UTC{(issued.Emailed ? "; also e-mailed" : "")}):");
        Console.WriteLine($"  {issued.Path}   (after the site's address)");
        return 0;
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    /// <summary>Reports on the caller's thread; Progress&lt;T&gt; would post to the thread pool and print out of order.</summary>
    private sealed class SyncProgress(Action<ImportProgress> report) : IProgress<ImportProgress>
    {
        public void Report(ImportProgress value) => report(value);
    }
}
