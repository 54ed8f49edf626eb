using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Localization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Section287.Common;
using Section287.Data;
using Section287.Data.Reference;
using Section287.Features.Accounts;
using Section287.Features.Audit;
using Section287.Features.Evaluation;
using Section287.Features.Work;
using Section287.Features.Training;
using Section287.Features.Officers;
using Section287.Features.Notifications;
using Section287.Features.Encounters;
using Section287.Features.Deadlines;
using Section287.Features.Applications;
using Section287.Features.Agreements;
using Section287.Features.Agencies;
using Section287.Features.Complaints;
using Section287.Features.Evidence;
using Section287.Features.Inspections;
using Section287.Features.Oversight;
using Section287.Features.IceLists;
using Section287.Features.Registry;
using Section287.Features.Transparency;
using Section287.Features.Costs;

namespace Section287;

/// <summary>Builds the one deployable: pages, JSON API and admin commands share the same services.</summary>
public static class AppHost
{
    public const string DefaultUrl = "http://127.0.0.1:5287";

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length > 0 && args[0] == Features.Evidence.AnalyzeStopsCommand.Name)
            return Features.Evidence.AnalyzeStopsCommand.Run(args[1..], Console.Out, Console.Error);
        if (args.Length > 0 && Commands.Names.Contains(args[0]))
        {
            var builder = CreateBuilder(args[1..], configure: null);
            // A command's stdout is its output (one JSON object with --json); every log line goes to stderr.
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            await using var app = builder.Build();
            return await Commands.RunAsync(app, args[0], args[1..]);
        }

        var web = Build(args);
        try
        {
            await PrepareAsync(web);
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith("Refusing to start", StringComparison.Ordinal))
        {
            // An unsafe deployment or a wrong master key: one plain line saying why, no stack trace, a failing exit code.
            web.Logger.LogCritical("{Reason}", e.Message);
            await web.DisposeAsync();
            return 1;
        }
        web.Lifetime.ApplicationStarted.Register(() =>
        {
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            web.Logger.LogInformation("Serving {Seconds:0.0} s after the process started", (DateTime.Now - self.StartTime).TotalSeconds);
        });
        await web.RunAsync();
        return 0;
    }

    public static WebApplicationBuilder CreateBuilder(string[] args, Action<WebApplicationBuilder>? configure)
    {
        // Named, so that pages are found in this assembly even when a test host is the entry point.
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(AppHost).Assembly.GetName().Name,
            EnvironmentName = DefaultEnvironment(args),
        });
        configure?.Invoke(builder);
        if (string.IsNullOrEmpty(builder.Configuration["urls"]) && string.IsNullOrEmpty(builder.Configuration["ASPNETCORE_URLS"]))
            builder.WebHost.UseUrls(DefaultUrl);

        var services = builder.Services;
        var contentRoot = builder.Environment.ContentRootPath;
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton(ReferenceData.Bundled);
        services.AddScoped(_ => AccessScope.Anonymous());
        services.AddScoped<ChangeContext>();
        services.AddDbContext<AppDbContext>(o => Database.Configure(o, builder.Configuration, contentRoot));
        services.AddSingleton<ReadReplica>();
        services.AddScoped<ReadDb>();

        // Each feature registers its own services (Features/*/*Feature.cs).
        services.AddAccounts().AddAudit().AddNotifications(builder.Configuration).AddDeadlines();
        services.AddRegistry().AddAgencies().AddApplications().AddAgreements().AddOfficers().AddTraining().AddEncounters().AddComplaints().AddInspections().AddOversight().AddWork().AddIceLists().AddEvidence().AddTransparency().AddEvaluation().AddCosts();
        services.AddSingleton<StartupState>();

        // The key ring lives in the database, its keys sealed with the master key from configuration (Data/KeyRing.cs).
        services.AddSingleton<MasterKey>();
        services.AddDataProtection().SetApplicationName("Section287");
        services.AddSingleton<Microsoft.Extensions.Options.IConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>>(sp =>
            new Microsoft.Extensions.Options.ConfigureOptions<Microsoft.AspNetCore.DataProtection.KeyManagement.KeyManagementOptions>(o =>
            {
                o.XmlRepository = new DatabaseXmlRepository(sp.GetRequiredService<IServiceScopeFactory>(), sp.GetRequiredService<TimeProvider>());
                o.XmlEncryptor = new MasterKeyXmlEncryptor(sp.GetRequiredService<MasterKey>());
            }));

        Identity.AddTo(services, builder.Environment);

        services.ConfigureHttpJsonOptions(o =>
        {
            // An enum that reaches JSON is written as its code (Common/Codes.cs): its name in snake case.
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.SnakeCaseLower));
        });
        services.AddProblemDetails(o => o.CustomizeProblemDetails = ctx =>
        {
            ctx.ProblemDetails.Extensions["correlationId"] = ctx.HttpContext.TraceIdentifier;
            // A rule's refusal is marked for the refusal log (early intervention counts a designated officer's).
            if (ctx.ProblemDetails.Status == 422 && ctx.ProblemDetails.Extensions.TryGetValue("code", out var refused) && refused is string refusedCode)
                ctx.HttpContext.Items[RefusalLog.Mark] = refusedCode;
            // Problems the framework writes (no route, no sign-in, wrong method) get a stable code too.
            if (!ctx.ProblemDetails.Extensions.ContainsKey("code"))
            {
                ctx.ProblemDetails.Extensions["code"] = ctx.ProblemDetails.Status switch
                {
                    400 => "request.invalid",
                    401 => "auth.required",
                    403 => "auth.forbidden",
                    404 => "route.not_found",
                    405 => "method.not_allowed",
                    413 => "request.too_large",
                    415 => "request.unsupported_media_type",
                    _ => "server.error",
                };
            }
        });
        services.AddExceptionHandler<UnhandledErrors>();
        services.AddOpenApi(o => o.AddDocumentTransformer((document, _, _) =>
        {
            // The API's error descriptions come from the rule book, the source of docs/RULES.md, so the two never drift.
            var rules = string.Join("\n", Features.Encounters.RuleBook.Everything
                .Select(r => $"- `{r.Code}` ({r.Kind.ToString().ToLowerInvariant()}, {r.Basis.ToString().ToLowerInvariant()}): {r.Sentence} Source: {r.Source}."));
            document.Info.Description = "Errors are RFC 9457 problems with a stable `code`: 400 invalid input, 403 a role rule, 404 missing or another agency's, "
                + "409 stale edit, 422 a broken rule. The rules of the use of authority (also `GET /api/v1/rules`):\n\n" + rules;
            return Task.CompletedTask;
        }));
        // Every cookie is Secure outside Development: sign-in, the second-factor steps, antiforgery and the language choice.
        var secure = SecurityHeaders.SecureCookies(builder.Configuration, builder.Environment)
            ? Microsoft.AspNetCore.Http.CookieSecurePolicy.Always : Microsoft.AspNetCore.Http.CookieSecurePolicy.SameAsRequest;
        services.AddAntiforgery(o => o.Cookie.SecurePolicy = secure);
        services.ConfigureAll<Microsoft.AspNetCore.Authentication.Cookies.CookieAuthenticationOptions>(o => o.Cookie.SecurePolicy = secure);
        // Behind a reverse proxy that ends TLS: its X-Forwarded-Proto and -For are believed from loopback and from Security:KnownProxies.
        services.Configure<Microsoft.AspNetCore.Builder.ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedFor | Microsoft.AspNetCore.HttpOverrides.ForwardedHeaders.XForwardedProto;
            foreach (var proxy in (builder.Configuration["Security:KnownProxies"] ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
                if (System.Net.IPAddress.TryParse(proxy, out var address)) o.KnownProxies.Add(address);
        });
        services.AddSection287RateLimits(builder.Configuration);
        services.AddLocalization();
        services.AddRazorPages(o => o.RootDirectory = "/Features");
        return builder;
    }

    /// <summary>
    /// A Debug build run from source (`dotnet run`) is Development unless told otherwise; a Release build is
    /// Production. This stands in for launchSettings.json, whose "Using launch settings" line `dotnet run`
    /// prints on stdout (dotnet/sdk#45640) and which would spoil `--json` output.
    /// </summary>
    private static string? DefaultEnvironment(string[] args)
    {
        if (args.Any(a => a.StartsWith("--environment", StringComparison.OrdinalIgnoreCase))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ASPNETCORE_ENVIRONMENT"))
            || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOTNET_ENVIRONMENT")))
        {
            return null;
        }
        return AppContext.GetData("Section287.DefaultEnvironment") as string;
    }

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var app = CreateBuilder(args, configure).Build();

        app.UseForwardedHeaders();
        if (SecurityHeaders.SecureCookies(app.Configuration, app.Environment))
        {
            // Secure cookies and antiforgery need HTTPS: a plain request is sent there (or refused), never failed; /health stays plain for probes.
            app.Use(async (context, next) =>
            {
                if (context.Request.IsHttps || context.Request.Path.StartsWithSegments("/health"))
                {
                    await next();
                    return;
                }
                if (HttpMethods.IsGet(context.Request.Method) || HttpMethods.IsHead(context.Request.Method))
                {
                    context.Response.Redirect($"https://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}",
                        permanent: true, preserveMethod: true);
                    return;
                }
                context.Response.StatusCode = StatusCodes.Status400BadRequest;
                await context.Response.WriteAsJsonAsync(new { type = "https://section287.example/problems/request.https_required",
                    title = "This site is served over HTTPS only.", status = 400, code = "request.https_required" });
            });
        }
        // Machines (the API, /health) get RFC 9457 problems; a person's browser gets the site's error page, in its language.
        app.UseExceptionHandler(new ExceptionHandlerOptions { ExceptionHandlingPath = "/error" });
        app.UseWhen(c => UnhandledErrors.WantsPage(c.Request), b => b.UseStatusCodePagesWithReExecute("/error", "?status={0}"));
        app.UseWhen(c => !UnhandledErrors.WantsPage(c.Request), b => b.UseStatusCodePages());
        app.UseRequestLocalization(new RequestLocalizationOptions
        {
            DefaultRequestCulture = new RequestCulture("en"),
            SupportedCultures = [new("en"), SpanishAsInTheUnitedStates()],
            SupportedUICultures = [new("en"), new("es")],
            RequestCultureProviders =
            [
                new QueryStringRequestCultureProvider { QueryStringKey = "lang", UIQueryStringKey = "lang" },
                new CookieRequestCultureProvider(),
            ],
        });
        app.Use(async (context, next) =>
        {
            // A reader who picked a language keeps it on every page after.
            if (context.Request.Query["lang"].ToString() is "en" or "es")
            {
                context.Response.Cookies.Append(CookieRequestCultureProvider.DefaultCookieName,
                    CookieRequestCultureProvider.MakeCookieValue(new RequestCulture(context.Request.Query["lang"].ToString())),
                    new CookieOptions { HttpOnly = true, SameSite = SameSiteMode.Lax, MaxAge = TimeSpan.FromDays(365), IsEssential = true,
                        Secure = SecurityHeaders.SecureCookies(app.Configuration, app.Environment) });
            }
            SecurityHeaders.Apply(context, app.Environment);
            await next();
        });
        app.UseStaticFiles();
        app.UseRouting();
        app.UseRateLimiter();
        app.UseAuthentication();
        app.UseMiddleware<SessionCheckMiddleware>();
        app.UseMiddleware<PublicGate>();
        app.UseMiddleware<BodyLimits>();
        app.UseMiddleware<ScopeMiddleware>();
        app.UseMiddleware<RefusalLog>();
        app.UseAuthorization();
        app.UseAntiforgery();

        // In Production the API's description is for signed-in staff only.
        var openApi = app.MapOpenApi("/openapi/{documentName}.json");
        if (app.Environment.IsProduction()) openApi.RequireAuthorization(Identity.StaffPolicy);
        app.MapGet("/health", HealthCheck.Handle).ExcludeFromDescription();
        var api = app.MapGroup("/api/v1");
        api.MapRegistry();
        api.MapAccounts().MapAudit().MapAgencies().MapAgreements().MapApplications().MapWork().MapOfficers().MapTraining().MapEncounters().MapComplaints().MapInspections().MapOversight().MapIceLists().MapEvidence().MapTransparency().MapEvaluation().MapCosts();
        app.MapRazorPages();
        return app;
    }

    /// <summary>
    /// Migrates, checks the deployment is safe to serve, loads the bundled ICE list while no list has been imported, and
    /// seeds the demo data in Development. How long it took goes in the log and in <c>/health</c>.
    /// </summary>
    public static async Task PrepareAsync(WebApplication app)
    {
        var watch = System.Diagnostics.Stopwatch.StartNew();
        var laps = new System.Collections.Concurrent.ConcurrentQueue<string>();
        void Lap(string part) => laps.Enqueue($"{part} done at {watch.Elapsed.TotalSeconds:0.0} s");
        var state = app.Services.GetRequiredService<StartupState>();
        await using (var scope = app.Services.CreateAsyncScope())
        {
            var services = scope.ServiceProvider;
            var db = services.GetRequiredService<AppDbContext>();
            await DatabaseSchema.ApplyAsync(db, app.Logger, TimeSpan.FromSeconds(app.Configuration.GetValue("Database:MigrationLockTimeoutSeconds", 120)));
            await StartupChecks.RequireSafeDeploymentAsync(db, app.Environment, app.Configuration);
            _ = services.GetRequiredService<ReadReplica>();
            // A master key that is not this database's stops the start here, before anything is read or written with it.
            await services.GetRequiredService<MasterKey>().OpenAsync(services, CancellationToken.None);
            services.GetRequiredService<AccessScope>().Become(AccessScope.System());
            services.GetRequiredService<ChangeContext>().As("system", "system").For("training.catalog_seed", "Default course catalog");
            await Features.Training.CourseCatalog.SeedAsync(db, CancellationToken.None);
        }
        Lap("schema and checks");
        // The bundled list and the demo data touch nothing of each other's, so they are made side by side: the import's
        // single write and the demo accounts' password hashing overlap (writes still take turns at the audit chain's tail).
        var bundled = Task.Run(async () =>
        {
            if (!app.Configuration.GetValue("Section287:SeedBundledIceList", true)) return;
            await using var scope = app.Services.CreateAsyncScope();
            await BundledIceList.LoadIfNoListImportedAsync(scope.ServiceProvider, app.Logger, state);
            Lap("bundled list");
        });

        var demo = Task.Run(async () =>
        {
            if (!app.Environment.IsDevelopment()) return;
            await using var scope = app.Services.CreateAsyncScope();
            await DemoSeed.EnsureAsync(scope.ServiceProvider);
            Lap("demo data");
        });
        await Task.WhenAll(bundled, demo);
        // The stop file is imported in one long transaction; after the others, so that no two first-start writers meet in SQLite.
        if (app.Configuration.GetValue("Section287:SeedBundledStopData", true))
        {
            await using var scope = app.Services.CreateAsyncScope();
            await Features.Evidence.BundledStopData.LoadIfNoneAsync(scope.ServiceProvider, app.Logger, state);
            Lap("bundled stop data");
        }
        // The county crime panel the evaluation stands on (reference data, 50,000 county-years, one bulk write).
        if (app.Configuration.GetValue("Section287:SeedCrimePanel", true))
        {
            await using var scope = app.Services.CreateAsyncScope();
            await Features.Evaluation.CrimePanels.LoadIfNoneAsync(scope.ServiceProvider, app.Logger, state);
            Lap("crime panel");
        }
        state.PreparedIn = watch.Elapsed;
        app.Logger.LogInformation("Prepared in {Seconds:0.0} s ({Parts})", watch.Elapsed.TotalSeconds, string.Join(", ", laps));
    }

    /// <summary>
    /// Spanish as it is written in the United States and Puerto Rico, where the agencies are: 1,843.5, not Spain's 1.843,5 (the PDFs
    /// already use es-US). The name stays "es", which the address and the cookie carry.
    /// </summary>
    private static System.Globalization.CultureInfo SpanishAsInTheUnitedStates()
    {
        var spanish = (System.Globalization.CultureInfo)System.Globalization.CultureInfo.GetCultureInfo("es").Clone();
        spanish.NumberFormat = (System.Globalization.NumberFormatInfo)System.Globalization.CultureInfo.GetCultureInfo("es-US").NumberFormat.Clone();
        return spanish;
    }
}
