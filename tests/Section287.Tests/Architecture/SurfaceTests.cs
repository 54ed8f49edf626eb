using System.Text.Json;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;

namespace Section287.Tests.Architecture;

/// <summary>
/// What users and clients reach does not move when the code does (issue 13): the OpenAPI paths with their methods, and
/// every page's route, equal the lists kept beside this test. A deliberate change updates the list in the same commit.
/// </summary>
public sealed class SurfaceTests
{
    private static string Here(string file) => Path.Combine(Repo.Root, "tests", "Section287.Tests", "Architecture", file);

    [Fact]
    public async Task TheOpenApiPaths_AreTheListedOnes()
    {
        await using var app = await TestApp.StartAsync();
        var body = await app.Client().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var paths = JsonDocument.Parse(body).RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(p => p.Value.EnumerateObject().Select(m => $"{m.Name.ToUpperInvariant()} {p.Name}"))
            .Order(StringComparer.Ordinal).ToList();
        paths.ShouldBe(File.ReadAllLines(Here("openapi-paths.txt")).Where(l => l.Length > 0).ToList(),
            "the API's surface changed: if on purpose, write the new list to tests/Section287.Tests/Architecture/openapi-paths.txt");
    }

    [Fact]
    public async Task TheOpenApiDocument_ShowsWhatTheUseCasesAnswer()
    {
        await using var app = await TestApp.StartAsync();
        var body = await app.Client().GetStringAsync("/openapi/v1.json", TestContext.Current.CancellationToken);
        var paths = JsonDocument.Parse(body).RootElement.GetProperty("paths");
        string SchemaOf(string path, string method, string status) =>
            paths.GetProperty(path).GetProperty(method).GetProperty("responses").GetProperty(status)
                .GetProperty("content").GetProperty("application/json").GetProperty("schema").GetRawText();

        SchemaOf("/api/v1/encounters/{id}", "get", "200").ShouldContain("EncounterView");
        SchemaOf("/api/v1/encounters/{id}/actions", "post", "200").ShouldContain("EncounterView");
        SchemaOf("/api/v1/encounters", "post", "201").ShouldContain("EncounterView");
        SchemaOf("/api/v1/officers/{id}", "get", "200").ShouldContain("OfficerView");
    }

    [Fact]
    public async Task EveryPagesRoute_IsTheListedOne()
    {
        await using var app = await TestApp.StartAsync();
        var routes = app.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<PageActionDescriptor>() is not null || e.Metadata.OfType<CompiledPageActionDescriptor>().Any())
            .Select(e => "/" + e.RoutePattern.RawText!.TrimStart('/'))
            .Distinct().Order(StringComparer.Ordinal).ToList();
        routes.ShouldBe(File.ReadAllLines(Here("page-routes.txt")).Where(l => l.Length > 0).ToList(),
            "a page's address changed: if on purpose, write the new list to tests/Section287.Tests/Architecture/page-routes.txt");
    }
}

/// <summary>The shared sweep only calls what features register (issue 13): complaints received without their deadlines first (so they are opened before anything is flagged), authority, custody, early intervention (after the records it counts are current), the public figures' settled quarters, then the audit's anchor.</summary>
public sealed class WatchTests
{
    [Fact]
    public async Task TheSweepRunsTheFeaturesWatches_AuthorityBeforeCustody()
    {
        await using var app = await TestApp.StartAsync();
        var names = await app.WithDbAsync((_, services) => Task.FromResult(services.GetServices<Section287.Features.Deadlines.IWatch>()
            .OrderBy(w => w.Order).Select(w => w.GetType().Name).ToList()));
        names.ShouldBe(["ComplaintIntakeTick", "AuthorityWatchTick", "CustodyWatchTick", "EarlyInterventionTick", "FiguresPublicationTick", "ReportsPublicationTick", "AuditAnchorWatch"]);
        var said = await app.WithDbAsync(async (_, services) =>
        {
            services.GetRequiredService<Section287.Data.AccessScope>().Become(Section287.Data.AccessScope.System());
            services.GetRequiredService<Section287.Features.Audit.ChangeContext>().As("system", "test");
            var results = new List<(Microsoft.Extensions.Logging.LogLevel, string)?>();
            foreach (var w in services.GetServices<Section287.Features.Deadlines.IWatch>().Where(w => w is not Section287.Features.Audit.AuditAnchorWatch))
                results.Add(await w.RunAsync(CancellationToken.None));
            return results;
        });
        said.ShouldAllBe(r => r == null, "nothing lapsed or held in an empty database");
    }
}

/// <summary>A page named in code is a page that exists: moving a page must not leave a redirect pointing nowhere.</summary>
public sealed class PageNameTests
{
    [Fact]
    public void EveryPageNamedInARedirect_Exists()
    {
        var src = Path.Combine(Repo.Root, "src", "Section287");
        var named = Directory.GetFiles(src, "*.cs",
            SearchOption.AllDirectories).Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}"))
            .SelectMany(f => System.Text.RegularExpressions.Regex.Matches(File.ReadAllText(f), @"RedirectToPage\(""(/[^""]+)""").Select(m => m.Groups[1].Value))
            .Distinct().ToList();
        named.ShouldNotBeEmpty();
        named.Where(n => !File.Exists(Path.Combine(src, "Features", n.TrimStart('/') + ".cshtml"))).ShouldBeEmpty("redirects to pages that do not exist");
    }
}

/// <summary>Shared mechanisms are only called, never call back (issue 13): <c>Common</c> knows neither the database nor any feature.</summary>
public sealed class LayeringTests
{
    [Fact]
    public void Common_ReferencesNeitherDataNorFeatures()
    {
        var common = Path.Combine(Repo.Root, "src", "Section287", "Common");
        var offending = Directory.GetFiles(common, "*.cs", SearchOption.AllDirectories)
            .SelectMany(f => File.ReadAllLines(f).Select((line, i) => (File: Path.GetFileName(f), Line: i + 1, Text: line)))
            .Where(l => !l.Text.TrimStart().StartsWith("//", StringComparison.Ordinal))
            .Where(l => System.Text.RegularExpressions.Regex.IsMatch(l.Text, @"\bSection287\.(Data|Features)\b|\bAppDbContext\b|^\s*using\s+(Data|Features)\b"))
            .Select(l => $"{l.File}:{l.Line}: {l.Text.Trim()}")
            .ToList();
        offending.ShouldBeEmpty();

        // What the compiler sees as well: no signature in Common names a type of Data or a feature.
        var types = typeof(Section287.Common.Rule).Assembly.GetTypes().Where(t => t.Namespace == "Section287.Common");
        var named = types.SelectMany(t => t.GetMembers(System.Reflection.BindingFlags.Public | System.Reflection.BindingFlags.NonPublic | System.Reflection.BindingFlags.Instance
                | System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.DeclaredOnly)
            .SelectMany(m => m switch
            {
                System.Reflection.FieldInfo f => [f.FieldType],
                System.Reflection.PropertyInfo p => [p.PropertyType],
                System.Reflection.MethodInfo mi => mi.GetParameters().Select(p => p.ParameterType).Append(mi.ReturnType),
                System.Reflection.ConstructorInfo c => c.GetParameters().Select(p => p.ParameterType),
                _ => [],
            })
            .Select(x => $"{t.Name}: {x.FullName ?? x.Name}"));
        named.Where(n => n.Contains("Section287.Data.") || n.Contains("Section287.Features.")).ShouldBeEmpty();
    }
}
