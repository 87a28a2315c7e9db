using System.Text.Json;
using ScsFederation.Rdf.Canonicalization;
using ScsFederation.Rdf.JsonLd;
using ScsFederation.Rdf.NQuads;

namespace ScsFederation.Rdf.Tests.JsonLd;

/// <summary>Runs one W3C JSON-LD manifest entry against the processor and says whether it passed, and why not.</summary>
internal static class JsonLdSuiteRunner
{
    public static string SuiteFolder(string suite) => RepositoryRoot.Combine("tests", "conformance", "json-ld-" + suite);

    public static IReadOnlyList<JsonLdTestCase> Cases(string suite) =>
        JsonLdTestCase.ReadManifest(suite, SuiteFolder(suite), suite + "-manifest.jsonld");

    /// <summary>Skipped ids with reasons, from json-ld-skips.json next to this file.</summary>
    public static IReadOnlyDictionary<string, string> Skips(string suite)
    {
        var path = RepositoryRoot.Combine("tests", "ScsFederation.Rdf.Tests", "JsonLd", "json-ld-skips.json");
        using var doc = JsonDocument.Parse(File.ReadAllBytes(path));
        var result = new Dictionary<string, string>();
        foreach (var p in doc.RootElement.GetProperty(suite).EnumerateObject()) result[p.Name] = p.Value.GetString()!;
        return result;
    }

    /// <summary>Null when the case passed, else the reason it failed.</summary>
    public static string? Run(JsonLdTestCase test)
    {
        var folder = SuiteFolder(test.Suite);
        var loader = new TestSuiteDocumentLoader(folder);
        var options = test.CreateOptions(loader);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        try
        {
            string? failure = test.Suite == "toRdf" ? RunToRdf(test, folder, options, timeout.Token) : RunExpand(test, folder, options, timeout.Token);
            return failure;
        }
        catch (JsonLdException e)
        {
            if (test.IsNegative)
                return e.Code == test.ExpectErrorCode ? null : $"expected error '{test.ExpectErrorCode}', got '{e.Code}' ({e.Detail})";
            return $"unexpected error {e.Message}";
        }
    }

    private static string? RunToRdf(JsonLdTestCase test, string folder, JsonLdOptions options, CancellationToken cancellationToken)
    {
        var dataset = JsonLdProcessor.ToRdfFromUrlAsync(test.InputUrl, options, cancellationToken).GetAwaiter().GetResult();
        if (test.IsNegative) return $"expected error '{test.ExpectErrorCode}', but processing succeeded with {dataset.Count} quads";
        if (test.IsSyntaxOnly || test.Expect is null) return null;
        var expectedText = File.ReadAllText(Path.Combine(folder, test.Expect));
        if (test.ProduceGeneralizedRdf) return GeneralizedRdfComparison.Compare(expectedText, dataset);
        var expected = NQuadsParser.Parse(expectedText, cancellationToken);
        var canonicalizer = new RdfCanonicalizer(new RdfCanonicalizationOptions { MaxWorkFactor = 10 });
        var actualCanonical = canonicalizer.Canonicalize(dataset, cancellationToken).NQuads;
        var expectedCanonical = canonicalizer.Canonicalize(expected, cancellationToken).NQuads;
        return actualCanonical == expectedCanonical
            ? null
            : $"datasets not isomorphic.\nexpected (canonical):\n{expectedCanonical}\nactual (canonical):\n{actualCanonical}";
    }

    private static string? RunExpand(JsonLdTestCase test, string folder, JsonLdOptions options, CancellationToken cancellationToken)
    {
        var actual = JsonLdProcessor.ExpandFromUrlAsync(test.InputUrl, options, cancellationToken).GetAwaiter().GetResult();
        if (test.IsNegative) return $"expected error '{test.ExpectErrorCode}', but expansion succeeded: {actual.ToJsonString()}";
        if (test.Expect is null) return null;
        var expected = JsonTree.Parse(File.ReadAllBytes(Path.Combine(folder, test.Expect)), 1000, test.Expect);
        var actualTree = JsonTree.Parse(System.Text.Encoding.UTF8.GetBytes(actual.ToJsonString()), 1000, "actual");
        return JsonLdObjectComparison.AreEquivalent(expected, actualTree, listContext: false)
            ? null
            : $"expanded output differs.\nexpected: {File.ReadAllText(Path.Combine(folder, test.Expect))}\nactual:   {actual.ToJsonString()}";
    }
}
