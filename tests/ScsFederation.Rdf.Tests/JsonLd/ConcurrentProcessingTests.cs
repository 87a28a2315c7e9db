using System.Text;
using ScsFederation.Rdf.Canonicalization;
using ScsFederation.Rdf.JsonLd;

namespace ScsFederation.Rdf.Tests.JsonLd;

/// <summary>Processed contexts are cached and shared between calls: parallel processing must give exactly the sequential results.</summary>
public sealed class ConcurrentProcessingTests
{
    [Fact]
    public async Task ParallelCalls_SharingCachedContexts_GiveSequentialResults()
    {
        var generator = new GaiaXLikeDocumentGenerator(7);
        var documents = Enumerable.Range(0, 16)
            .Select(i => Encoding.UTF8.GetBytes((i % 2 == 0 ? generator.Create(i, 40 + i * 10) : generator.CreateLoire(i, 40 + i * 10)).ToJsonString()))
            .ToArray();
        // A fresh loader gives fresh (empty) caches, so the parallel run also races on filling them.
        var loader = OfflineDocumentLoader.FromDirectory(RepositoryRoot.Combine("schemas", "contexts"));
        var canonicalizer = new RdfCanonicalizer();

        var parallelLoader = OfflineDocumentLoader.FromDirectory(RepositoryRoot.Combine("schemas", "contexts"));
        var parallel = new string[documents.Length * 8];
        await Parallel.ForAsync(0, parallel.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, ct) =>
        {
            var dataset = await JsonLdProcessor.ToRdfAsync(documents[i % documents.Length], new JsonLdOptions { DocumentLoader = parallelLoader }, ct);
            parallel[i] = new RdfCanonicalizer().Canonicalize(dataset, ct).NQuads;
        });

        for (int d = 0; d < documents.Length; d++)
        {
            var dataset = await JsonLdProcessor.ToRdfAsync(documents[d], new JsonLdOptions { DocumentLoader = loader });
            var sequential = canonicalizer.Canonicalize(dataset).NQuads;
            Assert.NotEqual("", sequential);
            for (int r = 0; r < 8; r++) Assert.Equal(sequential, parallel[r * documents.Length + d]);
        }
    }
}
