using System.Text;
using System.Text.Json;
using ScsFederation.Rdf.JsonLd;
using ScsFederation.Rdf.Model;

namespace ScsFederation.Rdf.Tests.JsonLd;

/// <summary>The offline context cache (schemas/contexts, embedded) and the guarded network loader.</summary>
public sealed class DocumentLoaderTests
{
    private static string ContextFolder => RepositoryRoot.Combine("schemas", "contexts");

    public static TheoryData<string> IndexedUrls()
    {
        var data = new TheoryData<string>();
        using var doc = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ContextFolder, "index.json")));
        foreach (var p in doc.RootElement.EnumerateObject()) data.Add(p.Name);
        return data;
    }

    /// <summary>Every indexed context is embedded, identical to the file, and usable as a JSON-LD context.</summary>
    [Theory]
    [MemberData(nameof(IndexedUrls))]
    public async Task DefaultLoader_ServesEveryIndexedContext(string url)
    {
        var embedded = await OfflineDocumentLoader.Default.LoadDocumentAsync(url, CancellationToken.None);
        using var index = JsonDocument.Parse(File.ReadAllBytes(Path.Combine(ContextFolder, "index.json")));
        var file = index.RootElement.GetProperty(url).GetString()!;
        Assert.True(File.ReadAllBytes(Path.Combine(ContextFolder, file)).AsSpan().SequenceEqual(embedded.Content.Span), $"embedded copy of {file} differs from the file");
        Assert.Equal(url, embedded.DocumentUrl);

        // Processing the context must succeed (no term errors, no further unknown remote contexts).
        var doc = Encoding.UTF8.GetBytes("{\"@context\": \"" + url + "\", \"@id\": \"urn:x\"}");
        await JsonLdProcessor.ExpandAsync(doc);
    }

    [Fact]
    public async Task UnknownUrl_IsAnErrorNamingIt()
    {
        var e = await Assert.ThrowsAsync<JsonLdDocumentLoadException>(async () =>
            await OfflineDocumentLoader.Default.LoadDocumentAsync("https://example.invalid/ctx", CancellationToken.None));
        Assert.Equal("https://example.invalid/ctx", e.Url);
        Assert.Contains("https://example.invalid/ctx", e.Message);
    }

    [Fact]
    public async Task FragmentOfAContextUrl_IsIgnoredForLookup()
    {
        var withFragment = await OfflineDocumentLoader.Default.LoadDocumentAsync("https://w3id.org/gaia-x/development#", CancellationToken.None);
        Assert.Equal("https://w3id.org/gaia-x/development", withFragment.DocumentUrl);
    }

    [Fact]
    public async Task FromDirectory_ServesTheSameDocuments()
    {
        var loader = OfflineDocumentLoader.FromDirectory(ContextFolder);
        var a = await loader.LoadDocumentAsync("https://www.w3.org/2018/credentials/v1", CancellationToken.None);
        var b = await OfflineDocumentLoader.Default.LoadDocumentAsync("https://www.w3.org/2018/credentials/v1", CancellationToken.None);
        Assert.True(a.Content.Span.SequenceEqual(b.Content.Span));
    }

    [Fact]
    public void FromDirectory_RefusesIndexEntriesOutsideTheFolder()
    {
        var root = Directory.CreateTempSubdirectory("scsfed-ctx-");
        try
        {
            var cache = Directory.CreateDirectory(Path.Combine(root.FullName, "ctx"));
            Directory.CreateDirectory(Path.Combine(root.FullName, "ctx2"));
            File.WriteAllText(Path.Combine(root.FullName, "ctx2", "x.jsonld"), "{\"@context\": {}}");
            File.WriteAllText(Path.Combine(cache.FullName, "index.json"), "{\"https://example.org/x\": \"../ctx2/x.jsonld\"}");
            var e = Assert.Throws<InvalidDataException>(() => OfflineDocumentLoader.FromDirectory(cache.FullName));
            Assert.Contains("outside the cache directory", e.Message);
        }
        finally
        {
            root.Delete(recursive: true);
        }
    }

    /// <summary>A Gaia-X 25.11 (Loire-style, VC 2.0) document expands through the cached contexts to the gx development namespace.</summary>
    [Fact]
    public async Task Gx2511Credential_ExpandsWithCachedContexts()
    {
        const string json = """
        {
          "@context": ["https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"],
          "type": ["VerifiableCredential"],
          "id": "https://provider.example/credentials/1",
          "issuer": "did:web:provider.example",
          "validFrom": "2026-01-01T00:00:00Z",
          "credentialSubject": {"id": "https://provider.example/participant", "type": "gx:LegalPerson", "gx:legalName": "Example Cloud"}
        }
        """;
        var dataset = await JsonLdProcessor.ToRdfAsync(Encoding.UTF8.GetBytes(json));
        var participant = new Iri("https://provider.example/participant");
        Assert.Contains(new Quad(participant, RdfVocabulary.RdfType, new Iri("https://w3id.org/gaia-x/development#LegalPerson")), dataset.Quads);
        Assert.Contains(dataset.Quads, q => q.Subject == participant && q.Predicate == new Iri("https://w3id.org/gaia-x/development#legalName"));
        Assert.Contains(new Quad(new Iri("https://provider.example/credentials/1"), RdfVocabulary.RdfType, new Iri("https://www.w3.org/2018/credentials#VerifiableCredential")), dataset.Quads);
    }

    [Theory]
    [InlineData("https://not-allowed.example/context")]
    [InlineData("http://allowed.example/context")]
    [InlineData("file:///etc/passwd")]
    public async Task HttpLoader_RefusesHostsAndSchemesNotAllowed_WithoutSendingARequest(string url)
    {
        using var client = new HttpClient(new RefusingHandler());
        var loader = new HttpDocumentLoader(client, ["allowed.example"]);
        var e = await Assert.ThrowsAsync<JsonLdDocumentLoadException>(async () => await loader.LoadDocumentAsync(url, CancellationToken.None));
        Assert.Equal(url, e.Url);
    }

    [Fact]
    public async Task OfflineLoader_WithHttpFallback_StillServesCachedContextsOffline()
    {
        using var client = new HttpClient(new RefusingHandler());
        var loader = OfflineDocumentLoader.WithFallback(new HttpDocumentLoader(client, ["allowed.example"]));
        var doc = await loader.LoadDocumentAsync("https://www.w3.org/ns/credentials/v2", CancellationToken.None);
        Assert.Equal("https://www.w3.org/ns/credentials/v2", doc.DocumentUrl);
        await Assert.ThrowsAsync<JsonLdDocumentLoadException>(async () => await loader.LoadDocumentAsync("https://elsewhere.example/x", CancellationToken.None));
    }

    /// <summary>Trips the test if the loader ever reaches the network.</summary>
    private sealed class RefusingHandler : HttpMessageHandler
    {
        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken) =>
            throw new InvalidOperationException("the loader sent a request it should have refused: " + request.RequestUri);
    }
}
