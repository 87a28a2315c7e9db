namespace ScsFederation.Rdf.Tests.Canonicalization;

/// <summary>Locates the repository (the folder holding ScsFederation.sln) and its conformance data.</summary>
internal static class ConformanceFiles
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepositoryRoot => Root.Value;

    public static string Path(params string[] relative) =>
        System.IO.Path.Combine([RepositoryRoot, .. relative]);

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ScsFederation.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"ScsFederation.sln not found above {AppContext.BaseDirectory}; tests must run inside the repository");
    }
}
