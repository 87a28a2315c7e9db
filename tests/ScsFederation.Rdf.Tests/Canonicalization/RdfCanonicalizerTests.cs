using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ScsFederation.Rdf.Canonicalization;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.NQuads;

namespace ScsFederation.Rdf.Tests.Canonicalization;

/// <summary>Behaviour beyond the W3C suite: real Gaia-X credentials, limits, cancellation, stack safety.</summary>
public sealed class RdfCanonicalizerTests
{
    private static string SamplesFolder => RepositoryRoot.Combine("tests", "conformance", "gaia-x", "samples", "tagus-22.10");

    public static TheoryData<string> GaiaXCredentials()
    {
        var data = new TheoryData<string>();
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SamplesFolder, "expected.json")));
        var root = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement : doc.RootElement.GetProperty("entries");
        foreach (var e in root.EnumerateArray()) data.Add(e.GetProperty("canonicalNQuads").GetString()!);
        return data;
    }

    [Theory]
    [MemberData(nameof(GaiaXCredentials))]
    public void Relabelled_and_shuffled_GaiaX_credential_canonicalizes_back_to_the_reference(string canonicalFile)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(SamplesFolder, "expected.json")));
        var root = doc.RootElement.ValueKind == JsonValueKind.Array ? doc.RootElement : doc.RootElement.GetProperty("entries");
        var entry = root.EnumerateArray().Single(e => e.GetProperty("canonicalNQuads").GetString() == canonicalFile);
        byte[] reference = File.ReadAllBytes(Path.Combine(SamplesFolder, canonicalFile));

        // Rename every blank node and shuffle: canonicalization must not depend on either.
        var original = NQuadsParser.Parse(Encoding.UTF8.GetString(reference));
        var random = new Random(canonicalFile.Length);
        var names = new Dictionary<string, BlankNode>();
        RdfTerm Rename(RdfTerm t) => t is BlankNode b
            ? (names.TryGetValue(b.Label, out var n) ? n : names[b.Label] = new BlankNode($"x{random.Next(100000)}_{names.Count}"))
            : t;
        var quads = original.Quads.Select(q => new Quad(Rename(q.Subject), q.Predicate, Rename(q.Object), q.Graph is null ? null : Rename(q.Graph)))
            .OrderBy(_ => random.Next()).ToList();

        var result = new RdfCanonicalizer().Canonicalize(quads);
        Assert.Equal(Encoding.UTF8.GetString(reference), result.NQuads);
        Assert.Equal(entry.GetProperty("quadCount").GetInt32(), original.Count);
        Assert.Equal(entry.GetProperty("sha256HexOfCanonical").GetString(), Convert.ToHexStringLower(SHA256.HashData(result.Utf8.Span)));
        Assert.Equal(entry.GetProperty("blankNodes").GetInt32(), result.IssuedIdentifiers.Count);
    }

    [Fact]
    public void Issued_identifier_map_uses_input_labels_and_issuance_order()
    {
        var ds = NQuadsParser.Parse("_:first <http://e/p> \"b\" .\n_:second <http://e/p> \"a\" .\n");
        var result = new RdfCanonicalizer().Canonicalize(ds);
        Assert.Equal(["first", "second"], result.IssuedIdentifiers.Keys.Order(StringComparer.Ordinal));
        Assert.Equal(["c14n0", "c14n1"], result.IssuedIdentifiers.Values);
        Assert.Equal(0, result.HashNDegreeQuadsCalls);
    }

    [Fact]
    public void Long_chain_of_look_alike_blank_nodes_stops_at_the_call_limit()
    {
        // n0 -> n1 -> ... -> n(k): all inner nodes share one first-degree hash, so Hash N-Degree Quads
        // walks the chain from every one of them: quadratic work, a classic cheap poison input.
        var sb = new StringBuilder();
        for (int i = 0; i < 20_000; i++) sb.Append("_:n").Append(i).Append(" <http://e/next> _:n").Append(i + 1).Append(" .\n");
        var ds = NQuadsParser.Parse(sb.ToString());
        var canonicalizer = new RdfCanonicalizer(new RdfCanonicalizationOptions { MaxHashNDegreeQuadsCalls = 200_000 });
        var error = Assert.Throws<CanonicalizationLimitExceededException>(() => canonicalizer.Canonicalize(ds));
        Assert.Equal("Hash N-Degree Quads calls", error.LimitName);
        Assert.Equal(200_000, error.Limit);
        Assert.Contains("poison", error.Message);
    }

    [Fact]
    public void Deep_recursion_on_a_small_stack_fails_with_a_limit_error_not_a_crash()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 1_900; i++) sb.Append("_:n").Append(i).Append(" <http://e/next> _:n").Append(i + 1).Append(" .\n");
        var ds = NQuadsParser.Parse(sb.ToString());
        Exception? caught = null;
        var thread = new Thread(() =>
        {
            try { new RdfCanonicalizer(new RdfCanonicalizationOptions { MaxWorkFactor = 3 }).Canonicalize(ds); }
            catch (Exception e) { caught = e; }
        }, 192 * 1024);
        thread.Start();
        thread.Join();
        var error = Assert.IsType<CanonicalizationLimitExceededException>(caught);
        Assert.Equal("recursion depth", error.LimitName);
    }

    [Fact]
    public void Work_factor_zero_refuses_any_Hash_N_Degree_Quads_work()
    {
        var ds = NQuadsParser.Parse("_:a <http://e/p> _:b .\n_:b <http://e/p> _:a .\n");
        var error = Assert.Throws<CanonicalizationLimitExceededException>(
            () => new RdfCanonicalizer(new RdfCanonicalizationOptions { MaxWorkFactor = 0 }).Canonicalize(ds));
        Assert.Equal(0, error.Limit);
        Assert.Equal(2, error.NonUniqueBlankNodes);
    }

    [Fact]
    public void Cancellation_stops_a_long_run()
    {
        var sb = new StringBuilder();
        for (int i = 0; i < 3_000; i++) sb.Append("_:n").Append(i).Append(" <http://e/next> _:n").Append(i + 1).Append(" .\n");
        var ds = NQuadsParser.Parse(sb.ToString());
        using var cts = new CancellationTokenSource();
        cts.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => new RdfCanonicalizer().Canonicalize(ds, cts.Token));
    }

    [Fact]
    public void Output_is_sorted_in_code_point_order_not_utf16_order()
    {
        // By code point U+FF61 < U+1F600; in UTF-16 code units the surrogate 0xD83D sorts before 0xFF61.
        // RDFC-1.0 requires code point order.
        var ds = NQuadsParser.Parse("<http://e/s> <http://e/p> \"\U0001F600\" .\n<http://e/s> <http://e/p> \"\uFF61\" .\n");
        var lines = new RdfCanonicalizer().Canonicalize(ds).NQuads.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        Assert.Contains("\uFF61", lines[0]);
        Assert.Contains("\U0001F600", lines[1]);
    }
}
