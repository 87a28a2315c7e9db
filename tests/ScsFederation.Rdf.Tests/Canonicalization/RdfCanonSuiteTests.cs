using System.Text.Json;
using ScsFederation.Rdf.Canonicalization;
using ScsFederation.Rdf.NQuads;
using Xunit.Abstractions;

namespace ScsFederation.Rdf.Tests.Canonicalization;

/// <summary>The W3C RDF Dataset Canonicalization test suite, one theory case per manifest entry.</summary>
public sealed class RdfCanonSuiteTests(ITestOutputHelper output)
{
    public static TheoryData<string> ManifestIds()
    {
        var data = new TheoryData<string>();
        foreach (var entry in RdfCanonManifest.Entries) data.Add(entry.Id);
        return data;
    }

    [Fact]
    public void Manifest_has_the_86_entries_of_the_suite()
    {
        var entries = RdfCanonManifest.Entries;
        Assert.Equal(86, entries.Count);
        Assert.Equal(64, entries.Count(e => e.Type == "rdfc:RDFC10EvalTest"));
        Assert.Equal(21, entries.Count(e => e.Type == "rdfc:RDFC10MapTest"));
        Assert.Equal(1, entries.Count(e => e.Type == "rdfc:RDFC10NegativeEvalTest"));
    }

    [Theory]
    [MemberData(nameof(ManifestIds))]
    public void Conformance(string id)
    {
        var entry = RdfCanonManifest.Get(id);
        var input = NQuadsParser.Parse(File.ReadAllText(Path.Combine(RdfCanonManifest.Folder, entry.Action)));
        var options = new RdfCanonicalizationOptions
        {
            HashAlgorithm = entry.HashAlgorithm switch
            {
                null => CanonicalizationHashAlgorithm.Sha256,
                "SHA384" => CanonicalizationHashAlgorithm.Sha384,
                var other => throw new InvalidOperationException($"{id}: unknown hashAlgorithm {other}"),
            },
        };
        var canonicalizer = new RdfCanonicalizer(options);

        switch (entry.Type)
        {
            case "rdfc:RDFC10EvalTest":
            {
                var result = canonicalizer.Canonicalize(input);
                output.WriteLine($"Hash N-Degree Quads calls: {result.HashNDegreeQuadsCalls}");
                byte[] expected = File.ReadAllBytes(Path.Combine(RdfCanonManifest.Folder, entry.Result!));
                Assert.Equal(System.Text.Encoding.UTF8.GetString(expected), result.NQuads);
                Assert.True(expected.AsSpan().SequenceEqual(result.Utf8.Span), $"{id}: canonical bytes differ");
                break;
            }
            case "rdfc:RDFC10MapTest":
            {
                var result = canonicalizer.Canonicalize(input);
                var expected = JsonSerializer.Deserialize<Dictionary<string, string>>(
                    File.ReadAllText(Path.Combine(RdfCanonManifest.Folder, entry.Result!)))!;
                Assert.Equal(expected.OrderBy(kv => kv.Key, StringComparer.Ordinal), result.IssuedIdentifiers.OrderBy(kv => kv.Key, StringComparer.Ordinal));
                break;
            }
            case "rdfc:RDFC10NegativeEvalTest":
            {
                var error = Assert.Throws<CanonicalizationLimitExceededException>(() => canonicalizer.Canonicalize(input));
                output.WriteLine(error.Message);
                break;
            }
            default:
                throw new InvalidOperationException($"{id}: unknown test type {entry.Type}");
        }
    }
}
