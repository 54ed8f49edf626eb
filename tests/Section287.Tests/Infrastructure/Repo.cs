namespace Section287.Tests.Infrastructure;

/// <summary>Where the repository and the shared real data are.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string AppContentRoot => Path.Combine(Root, "src", "Section287");

    public static string SharedData => Path.GetFullPath(Path.Combine(Root, "..", "shared", "data"));

    public static string Participating(string date) =>
        Path.Combine(SharedData, "ice-287g", "participating", $"participatingAgencies-{date}.xlsx");

    public static string Pending(string date) =>
        Path.Combine(SharedData, "ice-287g", "pending", $"pendingAgencies-{date}.xlsx");

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Section287.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? throw new InvalidOperationException("Section287.slnx not found above the test binaries.");
    }
}
