namespace ScsFederation.Testing;

/// <summary>
/// The repository the tests run in (the folder holding ScsFederation.sln), so tests find samples, schemas,
/// conformance data and the npm peers wherever the build put them. Linked into every test project.
/// </summary>
internal static class RepositoryRoot
{
    private static readonly Lazy<string> Root = new(Find);

    public static string Path => Root.Value;

    public static string Combine(params string[] parts) => System.IO.Path.Combine([Path, .. parts]);

    private static string Find()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(System.IO.Path.Combine(dir.FullName, "ScsFederation.sln"))) return dir.FullName;
        }
        throw new InvalidOperationException($"ScsFederation.sln not found above {AppContext.BaseDirectory}; run the tests inside the repository");
    }
}
