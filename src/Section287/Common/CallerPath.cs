namespace Section287.Common;

/// <summary>
/// `dotnet run --project src/Section287` starts the app in the project's folder (RunWorkingDirectory), not where the
/// person typed the command; the shell's PWD still says where that was. A relative path given on the command line is
/// read from there, so `dotnet run --project src/Section287 -- analyze-stops data/stops.csv` means the file the person sees.
/// </summary>
public static class CallerPath
{
    /// <summary>An input file: as given when it exists from the current folder, else from the caller's.</summary>
    public static string Resolve(string path)
    {
        if (Path.IsPathRooted(path) || File.Exists(path)) return Path.GetFullPath(path);
        var caller = Environment.GetEnvironmentVariable("PWD");
        if (string.IsNullOrEmpty(caller) || !Directory.Exists(caller)) return Path.GetFullPath(path);
        return Path.GetFullPath(Path.Combine(caller, path));
    }
}
