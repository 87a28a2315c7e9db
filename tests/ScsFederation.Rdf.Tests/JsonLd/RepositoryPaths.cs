namespace ScsFederation.Rdf.Tests.JsonLd;

/// <summary>Finds the repository root (the folder holding ScsFederation.sln) so tests read the vendored conformance data.</summary>
internal static class RepositoryPaths
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepositoryRoot => Root.Value;

    public static string Combine(params string[] relative) => Path.Combine([RepositoryRoot, .. relative]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "ScsFederation.sln"))) return dir.FullName;
        throw new InvalidOperationException($"ScsFederation.sln not found above {AppContext.BaseDirectory}; run the tests inside the repository");
    }
}
