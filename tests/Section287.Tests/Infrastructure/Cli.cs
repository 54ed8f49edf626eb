using System.Diagnostics;

namespace Section287.Tests.Infrastructure;

/// <summary>Runs the built app's admin commands as a separate process, as an operator would.</summary>
public static class Cli
{
    public sealed record Outcome(int ExitCode, string Stdout, string Stderr);

    public static Task<Outcome> RunAsync(TestDatabase database, string dataDirectory,
        params string[] args) => RunWithInputAsync(database, dataDirectory, null, args, viaDotnetRun: false);

    public static Task<Outcome> RunWithInputAsync(TestDatabase database, string dataDirectory, string input, params string[] args) =>
        RunWithInputAsync(database, dataDirectory, input, args, viaDotnetRun: false);

    /// <summary>Exactly as the README writes it: `dotnet run --project src/Section287 -- ...` (without rebuilding).</summary>
    public static Task<Outcome> DotnetRunAsync(TestDatabase database, string dataDirectory, params string[] args) =>
        RunWithInputAsync(database, dataDirectory, null, ["run", "--no-build", "--project", Repo.AppContentRoot, "--", .. args], viaDotnetRun: true);

    public static async Task<Outcome> RunWithInputAsync(TestDatabase database, string dataDirectory, string? input, string[] args, bool viaDotnetRun = false,
        string? personDataKey = null)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = viaDotnetRun ? Repo.Root : Repo.AppContentRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        if (!viaDotnetRun) start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Section287.dll"));
        foreach (var arg in args) start.ArgumentList.Add(arg);
        start.Environment["DOTNET_ENVIRONMENT"] = "Testing";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Testing";
        foreach (var (key, value) in database.Settings) start.Environment[key.Replace(":", "__")] = value;
        start.Environment["Section287__DataDirectory"] = dataDirectory;
        // The commands run with the app's configuration, its master key included (verify-audit checks the anchors' signatures).
        start.Environment["Security__PersonDataKey"] = personDataKey ?? TestApp.TestPersonDataKey;
        using var process = Process.Start(start)!;
        if (input is not null) await process.StandardInput.WriteLineAsync(input);
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return new Outcome(process.ExitCode, await stdout, await stderr);
    }
}
