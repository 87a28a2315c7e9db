using ScsFederation.Rdf.JsonLd;

namespace ScsFederation.Rdf.Tests.JsonLd;

/// <summary>
/// Document loader of the W3C test runner: <c>https://w3c.github.io/json-ld-api/tests/</c> maps onto a
/// vendored suite folder; anything else fails like an unreachable URL (the suite relies on that for
/// <c>loading remote context failed</c> tests).
/// </summary>
internal sealed class TestSuiteDocumentLoader : IJsonLdDocumentLoader
{
    public const string SuiteBase = "https://w3c.github.io/json-ld-api/tests/";

    private readonly string _folder;

    public TestSuiteDocumentLoader(string folder) => _folder = Path.TrimEndingDirectorySeparator(Path.GetFullPath(folder)) + Path.DirectorySeparatorChar;

    public int Loads { get; private set; }

    public ValueTask<RemoteDocument> LoadDocumentAsync(string url, CancellationToken cancellationToken)
    {
        Loads++;
        if (!url.StartsWith(SuiteBase, StringComparison.Ordinal))
            throw new JsonLdDocumentLoadException(url, "outside the vendored test suite");
        var relative = url[SuiteBase.Length..];
        int cut = relative.IndexOfAny(['#', '?']);
        if (cut >= 0) relative = relative[..cut];
        var path = Path.GetFullPath(Path.Combine(_folder, relative));
        if (!path.StartsWith(_folder, StringComparison.Ordinal) || !File.Exists(path))
            throw new JsonLdDocumentLoadException(url, "no such file in the vendored test suite");
        return ValueTask.FromResult(new RemoteDocument(url, File.ReadAllBytes(path)));
    }
}
