using Section287;

return await AppHost.RunAsync(args);

/// <summary>Visible to the tests, which start the real app on a real socket.</summary>
public partial class Program;
