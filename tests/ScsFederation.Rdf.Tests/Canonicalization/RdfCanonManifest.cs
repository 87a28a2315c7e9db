using System.Text.Json;

namespace ScsFederation.Rdf.Tests.Canonicalization;

/// <summary>One entry of the W3C rdf-canon manifest (tests/conformance/rdf-canon/manifest.jsonld).</summary>
internal sealed record RdfCanonTestEntry(string Id, string Type, string Name, string Action, string? Result, string? HashAlgorithm);

internal static class RdfCanonManifest
{
    private static readonly Lazy<IReadOnlyList<RdfCanonTestEntry>> Loaded = new(Load);

    public static string Folder => RepositoryRoot.Combine("tests", "conformance", "rdf-canon");

    public static IReadOnlyList<RdfCanonTestEntry> Entries => Loaded.Value;

    public static RdfCanonTestEntry Get(string id) => Entries.Single(e => e.Id == id);

    private static IReadOnlyList<RdfCanonTestEntry> Load()
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(System.IO.Path.Combine(Folder, "manifest.jsonld")));
        var list = new List<RdfCanonTestEntry>();
        foreach (var e in doc.RootElement.GetProperty("entries").EnumerateArray())
        {
            list.Add(new RdfCanonTestEntry(
                e.GetProperty("id").GetString()!,
                e.GetProperty("type").GetString()!,
                e.GetProperty("name").GetString()!,
                e.GetProperty("action").GetString()!,
                e.TryGetProperty("result", out var r) ? r.GetString() : null,
                e.TryGetProperty("hashAlgorithm", out var h) ? h.GetString() : null));
        }
        return list;
    }
}
