using System.Net;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.EntityFrameworkCore;
using Section287.Data;
using Section287.Features.Audit;

namespace Section287.Tests.Infrastructure;

/// <summary>
/// The real app on a real loopback socket, on a real database of its own. Tests talk to it over HTTP
/// and may open a scope to look at the database directly.
/// </summary>
public sealed class TestApp : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string _dataDirectory;

    private TestApp(WebApplication app, TestDatabase database, string dataDirectory, Uri baseAddress)
    {
        _app = app;
        Database = database;
        _dataDirectory = dataDirectory;
        BaseAddress = baseAddress;
    }

    public TestDatabase Database { get; }

    public Uri BaseAddress { get; }

    /// <summary>The app's data directory (the audit anchors' file lives there), for commands run beside it.</summary>
    public string DataDirectory => _dataDirectory;

    public IServiceProvider Services => _app.Services;

    public static readonly string TestPersonDataKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static async Task<TestApp> StartAsync(
        bool seedBundledList = false, bool seedCrimePanel = false, string environment = "Testing", IReadOnlyDictionary<string, string?>? settings = null, TimeProvider? clock = null,
        Action<IServiceCollection>? services = null, Func<TestDatabase, IReadOnlyDictionary<string, string?>>? settingsFor = null)
    {
        var database = await TestDatabase.CreateAsync();
        var dataDirectory = Directory.CreateTempSubdirectory("s287-app-").FullName;
        var config = new Dictionary<string, string?>(database.Settings)
        {
            ["Section287:DataDirectory"] = dataDirectory,
            ["Section287:SeedBundledIceList"] = seedBundledList ? "true" : "false",
            ["Section287:SeedBundledStopData"] = seedBundledList ? "true" : "false",
            ["Section287:SeedCrimePanel"] = seedCrimePanel ? "true" : "false",
            ["Security:PersonDataKey"] = TestPersonDataKey,
            // The test server speaks plain HTTP on loopback; HeaderTests prove the default (Secure) outside Development.
            ["Security:SecureCookies"] = "false",
            // Every test signs in from 127.0.0.1, often many times a minute; RateLimitTests prove the defaults.
            ["RateLimits:SignInPerMinute"] = "100000",
            ["RateLimits:AnonymousWritesPerMinute"] = "100000",
        };
        // A test that drives the clock runs the sweep itself; the background sweep's first run at start would race it
        // (DeadlineTests prove the sweep and its races; a test may still turn the timer on in its settings).
        if (clock is not null) config["Section287:SweepMinutes"] = "0";
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>()) config[key] = value;
        foreach (var (key, value) in settingsFor?.Invoke(database) ?? new Dictionary<string, string?>()) config[key] = value;

        var app = AppHost.Build(
            ["--urls", "http://127.0.0.1:0", "--environment", environment, "--contentRoot", Repo.AppContentRoot],
            builder =>
            {
                builder.Configuration.AddInMemoryCollection(config);
                builder.Logging.SetMinimumLevel(LogLevel.Warning);
                if (clock is not null) builder.Services.AddSingleton(clock);
                services?.Invoke(builder.Services);
            });
        await AppHost.PrepareAsync(app);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.First();
        return new TestApp(app, database, dataDirectory, new Uri(address));
    }

    public HttpClient Client(bool followRedirects = false, CookieContainer? cookies = null) =>
        new(new HttpClientHandler { AllowAutoRedirect = followRedirects, CookieContainer = cookies ?? new CookieContainer(), UseCookies = true })
        {
            BaseAddress = BaseAddress,
        };

    /// <summary>A system-scoped unit of work on the app's database, as the admin commands have.</summary>
    public async Task<T> WithDbAsync<T>(Func<AppDbContext, IServiceProvider, Task<T>> work)
    {
        await using var scope = Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<AccessScope>().Become(AccessScope.System());
        scope.ServiceProvider.GetRequiredService<ChangeContext>().As("test", "test");
        return await work(scope.ServiceProvider.GetRequiredService<AppDbContext>(), scope.ServiceProvider);
    }

    public Task WithDbAsync(Func<AppDbContext, IServiceProvider, Task> work) =>
        WithDbAsync<bool>(async (db, sp) => { await work(db, sp); return true; });

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (Database.Provider == DatabaseProvider.Sqlite) Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        await Database.DisposeAsync();
        try { Directory.Delete(_dataDirectory, recursive: true); }
        catch (IOException) { }
    }
}
