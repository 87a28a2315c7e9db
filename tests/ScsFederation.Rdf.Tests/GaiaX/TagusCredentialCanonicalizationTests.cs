using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Rdf.Canonicalization;
using ScsFederation.Rdf.JsonLd;
using ScsFederation.Rdf.Tests.JsonLd;

namespace ScsFederation.Rdf.Tests.GaiaX;

/// <summary>
/// The 22 real signed Gaia-X Tagus (22.10) credentials: JSON-LD → RDF (contexts from the offline cache
/// embedded from schemas/contexts) → RDFC-1.0 must equal, byte for byte, the canonical N-Quads that the
/// signatures were computed over (files named in expected.json).
/// </summary>
public sealed class TagusCredentialCanonicalizationTests
{
    private static string SampleFolder => RepositoryRoot.Combine("tests", "conformance", "gaia-x", "samples", "tagus-22.10");

    public static TheoryData<string, int> Credentials()
    {
        var data = new TheoryData<string, int>();
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SampleFolder, "expected.json")));
        foreach (var e in doc.RootElement.EnumerateArray())
            data.Add(e.GetProperty("file").GetString()!, e.GetProperty("index").GetInt32());
        return data;
    }

    [Fact]
    public void Expected_Lists22Credentials() => Assert.Equal(22, Credentials().Count());

    [Theory]
    [MemberData(nameof(Credentials))]
    public async Task CanonicalNQuads_EqualSignedForm(string file, int index)
    {
        var expectation = FindExpectation(file, index);
        var credential = SignedCredentials(file)[index - 1];
        Assert.Equal(expectation.GetProperty("id").GetString(), credential["id"]!.GetValue<string>());

        // The signature covers the credential without its proof.
        credential.Remove("proof");
        var bytes = Encoding.UTF8.GetBytes(credential.ToJsonString());
        var dataset = await JsonLdProcessor.ToRdfAsync(bytes, new JsonLdOptions(), TestContext.Current);
        Assert.Equal(expectation.GetProperty("quadCount").GetInt32(), dataset.Count);

        var canonical = new RdfCanonicalizer().Canonicalize(dataset, TestContext.Current);
        var expectedBytes = File.ReadAllBytes(Path.Combine(SampleFolder, expectation.GetProperty("canonicalNQuads").GetString()!));
        Assert.Equal(Encoding.UTF8.GetString(expectedBytes), canonical.NQuads);
        Assert.True(expectedBytes.AsSpan().SequenceEqual(canonical.Utf8.Span), "canonical bytes differ");
        Assert.Equal(expectation.GetProperty("sha256HexOfCanonical").GetString(), Convert.ToHexStringLower(SHA256.HashData(canonical.Utf8.Span)));
    }

    private static JsonElement FindExpectation(string file, int index)
    {
        var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(SampleFolder, "expected.json")));
        return doc.RootElement.EnumerateArray().Single(e => e.GetProperty("file").GetString() == file && e.GetProperty("index").GetInt32() == index).Clone();
    }

    /// <summary>Signed credentials of a sample in document order: the VP's verifiableCredential entries, then a compliance credential if present.</summary>
    private static List<JsonObject> SignedCredentials(string file)
    {
        var root = JsonNode.Parse(File.ReadAllBytes(Path.Combine(SampleFolder, file)))!.AsObject();
        var result = new List<JsonObject>();
        var presentation = root["selfDescriptionCredential"]?.AsObject() ?? root;
        foreach (var vc in presentation["verifiableCredential"]!.AsArray()) result.Add(vc!.AsObject());
        if (root["complianceCredential"] is JsonObject compliance) result.Add(compliance);
        return result;
    }
}
