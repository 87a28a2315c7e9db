using System.Diagnostics;
using System.Text;
using System.Text.Json;
using ScsFederation.Rdf.JsonLd;

namespace ScsFederation.Rdf.Tests.JsonLd;

/// <summary>Hostile or broken input ends in a specific JSON-LD error (or a skipped quad where the spec says so): never a hang, crash or stack overflow.</summary>
public sealed class MalformedInputTests
{
    private static byte[] Utf8(string s) => Encoding.UTF8.GetBytes(s);

    private static JsonLdOptions OptionsWith(params (string Url, string Json)[] documents) => new()
    {
        DocumentLoader = OfflineDocumentLoader.FromDocuments(documents.Select(d => new KeyValuePair<string, byte[]>(d.Url, Utf8(d.Json)))),
    };

    [Theory]
    [InlineData("{\"@id\": \"http://example.org/a\", \"http://example.org/p\": \"x\"")]
    [InlineData("{\"@id\": \"http://example.org/a\", \"http://example.org/p\": [1, 2")]
    [InlineData("{\"@id\": \"http://exa")]
    [InlineData("")]
    [InlineData("{\"a\": 1} trailing")]
    public async Task TruncatedOrInvalidJson_FailsWithLoadingDocumentFailed(string json)
    {
        var e = await Assert.ThrowsAsync<JsonLdException>(() => JsonLdProcessor.ToRdfAsync(Utf8(json)));
        Assert.Equal(JsonLdErrorCode.LoadingDocumentFailed, e.Code);
    }

    [Fact]
    public async Task TenThousandNestedArrays_FailWithDepthErrorNotStackOverflow()
    {
        var json = "{\"http://example.org/p\": " + new string('[', 10_000) + "1" + new string(']', 10_000) + "}";
        var e = await Assert.ThrowsAsync<JsonLdException>(() => JsonLdProcessor.ToRdfAsync(Utf8(json)));
        Assert.Equal(JsonLdErrorCode.LoadingDocumentFailed, e.Code);
        Assert.Contains("depth", e.Message, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task DeepJsonElement_FromLenientParser_IsRejectedByDepthLimit()
    {
        var json = string.Concat(Enumerable.Repeat("{\"http://example.org/p\": ", 5_000)) + "1" + new string('}', 5_000);
        using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 10_000 });
        var e = await Assert.ThrowsAsync<JsonLdException>(() => JsonLdProcessor.ToRdfAsync(doc.RootElement));
        Assert.Equal(JsonLdErrorCode.LoadingDocumentFailed, e.Code);
        Assert.Contains("deeper than", e.Message);
    }

    [Fact]
    public async Task NestingWithinTheLimit_IsProcessed()
    {
        // 400 nested node objects: each level one quad linking to the next.
        var sb = new StringBuilder();
        for (int i = 0; i < 400; i++) sb.Append("{\"@id\": \"http://example.org/n").Append(i).Append("\", \"http://example.org/next\": ");
        sb.Append("\"end\"").Append('}', 400);
        var dataset = await JsonLdProcessor.ToRdfAsync(Utf8(sb.ToString()));
        Assert.Equal(400, dataset.Count);
    }

    /// <summary>On a thread with a small stack, nesting the parser accepts must still end in an error, not a crash.</summary>
    [Fact]
    public void DeepNestingOnSmallStack_FailsWithProcessingLimit()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 500; i++) sb.Append("{\"http://example.org/next\": ");
        sb.Append("\"end\"").Append('}', 500);
        var bytes = Utf8(sb.ToString());
        Exception? caught = null;
        var thread = new Thread(() =>
        {
            try
            {
                JsonLdProcessor.ToRdfAsync(bytes).GetAwaiter().GetResult();
            }
            catch (Exception e)
            {
                caught = e;
            }
        }, maxStackSize: 128 * 1024);
        thread.Start();
        thread.Join();
        var jsonLd = Assert.IsType<JsonLdException>(caught);
        Assert.Equal(JsonLdErrorCode.ProcessingLimitExceeded, jsonLd.Code);
    }

    /// <summary>Scoped contexts nested 240 deep (each term's context defines the next term) end in an error or a result, never a crash.</summary>
    [Fact]
    public void DeeplyNestedScopedContexts_DoNotOverflowTheStack()
    {
        const int depth = 240; // two JSON levels per step: within MaxJsonDepth (512)
        var sb = new StringBuilder("{\"@context\": ");
        for (int i = 0; i < depth; i++) sb.Append("{\"t").Append(i).Append("\": {\"@id\": \"http://example.org/t").Append(i).Append("\", \"@context\": ");
        sb.Append("{}");
        for (int i = 0; i < depth; i++) sb.Append("}}");
        sb.Append(", \"t0\": {\"t1\": \"x\"}}");
        var bytes = Utf8(sb.ToString());
        Exception? caught = null;
        int quads = -1;
        var thread = new Thread(() =>
        {
            try
            {
                quads = JsonLdProcessor.ToRdfAsync(bytes).GetAwaiter().GetResult().Count;
            }
            catch (Exception e)
            {
                caught = e;
            }
        }, maxStackSize: 256 * 1024);
        thread.Start();
        thread.Join();
        if (caught is null)
        {
            Assert.Equal(2, quads); // t0 links a blank node holding t1 "x"
        }
        else
        {
            var jsonLd = Assert.IsType<JsonLdException>(caught);
            Assert.Equal(JsonLdErrorCode.ProcessingLimitExceeded, jsonLd.Code);
        }
    }

    [Fact]
    public async Task HugeLiteral_IsProcessedInLinearTime()
    {
        var big = new string('x', 20_000_000);
        var json = "{\"@id\": \"http://example.org/a\", \"http://example.org/p\": \"" + big + "\"}";
        var watch = Stopwatch.StartNew();
        var dataset = await JsonLdProcessor.ToRdfAsync(Utf8(json));
        Assert.Single(dataset.Quads);
        Assert.Equal(big.Length, ((ScsFederation.Rdf.Model.Literal)dataset.Quads[0].Object).Lexical.Length);
        // Generous bound (CI machines are shared): a quadratic step would take minutes here.
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(30), $"20 MB literal took {watch.Elapsed}");
    }

    [Fact]
    public async Task DocumentOverSizeLimit_IsRefusedBeforeParsing()
    {
        var json = "{\"http://example.org/p\": \"" + new string('x', 2_000_000) + "\"}";
        var e = await Assert.ThrowsAsync<JsonLdException>(() => JsonLdProcessor.ToRdfAsync(Utf8(json), new JsonLdOptions { MaxDocumentBytes = 1_000_000 }));
        Assert.Equal(JsonLdErrorCode.LoadingDocumentFailed, e.Code);
        Assert.Contains("limit", e.Message);
    }

    [Fact]
    public async Task InvalidIris_AreDroppedFromRdf_AsTheSpecRequires()
    {
        const string json = """
        [
          {"@id": "http://example.org/with space", "http://example.org/p": "dropped: subject"},
          {"@id": "http://example.org/ok", "http://example.org/bad predicate": "dropped: predicate"},
          {"@id": "http://example.org/ok", "http://example.org/p": {"@id": "relative/object"}},
          {"@id": "http://example.org/ok", "http://example.org/q": "kept"}
        ]
        """;
        var dataset = await JsonLdProcessor.ToRdfAsync(Utf8(json));
        var quad = Assert.Single(dataset.Quads);
        Assert.Equal("http://example.org/q", ((ScsFederation.Rdf.Model.Iri)quad.Predicate).Value);
    }

    [Theory]
    [InlineData("""{"@context": {"@base": 5}, "@id": "a"}""", JsonLdErrorCode.InvalidBaseIri)]
    [InlineData("""{"@context": {"@vocab": 5}}""", JsonLdErrorCode.InvalidVocabMapping)]
    [InlineData("""{"@id": 5, "http://example.org/p": "x"}""", JsonLdErrorCode.InvalidIdValue)]
    [InlineData("""{"http://example.org/p": {"@value": "x", "@type": "not an iri"}}""", JsonLdErrorCode.InvalidTypedValue)]
    [InlineData("""{"@context": {"t": {"@id": "http://example.org/t", "@container": "@bogus"}}}""", JsonLdErrorCode.InvalidContainerMapping)]
    [InlineData("""{"@context": {"a": "b:x", "b": "a:y"}, "a": 1}""", JsonLdErrorCode.CyclicIriMapping)]
    public async Task InvalidContextOrNodeValues_GiveTheSpecErrorCode(string json, string code)
    {
        var e = await Assert.ThrowsAsync<JsonLdException>(() => JsonLdProcessor.ToRdfAsync(Utf8(json)));
        Assert.Equal(code, e.Code);
    }

    [Fact]
    public async Task CyclicImport_IsAnInvalidContextEntry()
    {
        var options = OptionsWith(
            ("https://example.org/a", """{"@context": {"@import": "https://example.org/b", "x": "http://example.org/x"}}"""),
            ("https://example.org/b", """{"@context": {"@import": "https://example.org/a"}}"""));
        var e = await Assert.ThrowsAsync<JsonLdException>(() =>
            JsonLdProcessor.ToRdfAsync(Utf8("""{"@context": {"@import": "https://example.org/a"}, "x": 1}"""), options));
        Assert.Equal(JsonLdErrorCode.InvalidContextEntry, e.Code);
        Assert.Contains("https://example.org/a", e.Message);
    }

    [Fact]
    public async Task CyclicRemoteContexts_AreStoppedAndNamed()
    {
        var options = OptionsWith(
            ("https://example.org/a", """{"@context": ["https://example.org/b", {"x": "http://example.org/x"}]}"""),
            ("https://example.org/b", """{"@context": "https://example.org/a"}"""));
        var e = await Assert.ThrowsAsync<JsonLdException>(() =>
            JsonLdProcessor.ToRdfAsync(Utf8("""{"@context": "https://example.org/a", "x": 1}"""), options));
        Assert.Equal(JsonLdErrorCode.ContextOverflow, e.Code);
        Assert.Contains("https://example.org/a", e.Message);
    }

    [Fact]
    public async Task LongChainOfDistinctRemoteContexts_OverflowsAtTheLimit()
    {
        var docs = Enumerable.Range(0, 100).Select(i => ($"https://example.org/c{i}", $$"""{"@context": "https://example.org/c{{i + 1}}"}""")).ToArray();
        var options = OptionsWith(docs);
        var e = await Assert.ThrowsAsync<JsonLdException>(() => JsonLdProcessor.ToRdfAsync(Utf8("""{"@context": "https://example.org/c0"}"""), options));
        Assert.Equal(JsonLdErrorCode.ContextOverflow, e.Code);
    }

    [Fact]
    public async Task UnknownRemoteContext_FailsNamingTheUrl()
    {
        var e = await Assert.ThrowsAsync<JsonLdException>(() =>
            JsonLdProcessor.ToRdfAsync(Utf8("""{"@context": "https://unknown.example/context.jsonld", "x": 1}""")));
        Assert.Equal(JsonLdErrorCode.LoadingRemoteContextFailed, e.Code);
        Assert.Contains("https://unknown.example/context.jsonld", e.Message);
    }

    [Fact]
    public async Task RemoteContextThatIsNotJson_FailsAsLoadingRemoteContextFailed()
    {
        var options = OptionsWith(("https://example.org/broken", "{\"@context\": {"));
        var e = await Assert.ThrowsAsync<JsonLdException>(() => JsonLdProcessor.ToRdfAsync(Utf8("""{"@context": "https://example.org/broken"}"""), options));
        Assert.Equal(JsonLdErrorCode.LoadingRemoteContextFailed, e.Code);
    }

    [Fact]
    public async Task Cancellation_IsHonoured()
    {
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            JsonLdProcessor.ToRdfAsync(Utf8("""{"@context": {"x": "http://example.org/x"}, "x": 1}"""), null, cts.Token));
    }
}
