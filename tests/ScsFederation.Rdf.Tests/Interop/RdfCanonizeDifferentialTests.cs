using System.Text;
using System.Text.Json;
using ScsFederation.Rdf.Canonicalization;
using ScsFederation.Rdf.NQuads;
using ScsFederation.Rdf.Tests.Canonicalization;
using ScsFederation.Rdf.Turtle;
using Xunit.Abstractions;

namespace ScsFederation.Rdf.Tests.Interop;

/// <summary>
/// Differential tests against rdf-canonize 5 and n3 (npm): the same inputs must give byte-identical
/// canonical N-Quads on both sides.
/// </summary>
public sealed class RdfCanonizeDifferentialTests(ITestOutputHelper output)
{
    private const int DocumentCount = 200;

    [Fact]
    public void Generated_GaiaX_like_documents_canonicalize_identically()
    {
        var generator = new GaiaXLikeDatasetGenerator(seed: 20251124);
        var sizeRandom = new Random(7);
        var requests = new StringBuilder();
        var mine = new Dictionary<string, string>();
        long totalQuads = 0, nDegreeDocs = 0;
        int smallest = int.MaxValue, largest = 0;
        var canonicalizer = new RdfCanonicalizer();
        for (int d = 0; d < DocumentCount; d++)
        {
            // 5 and 5,000 quads once each, the rest log-uniform in between.
            int target = d switch { 0 => 5, 1 => 5000, _ => (int)Math.Round(Math.Exp(Math.Log(5) + sizeRandom.NextDouble() * (Math.Log(5000) - Math.Log(5)))) };
            var dataset = generator.Generate(target);
            string nquads = NQuadsWriter.Write(dataset.Quads);
            // Read back what node reads, so both sides start from the same text.
            var reparsed = NQuadsParser.Parse(nquads);
            Assert.Equal(dataset.Count, reparsed.Count);
            var result = canonicalizer.Canonicalize(reparsed);
            string id = $"doc{d:D3}";
            mine[id] = result.NQuads;
            totalQuads += dataset.Count;
            smallest = Math.Min(smallest, dataset.Count);
            largest = Math.Max(largest, dataset.Count);
            if (result.HashNDegreeQuadsCalls > 0) nDegreeDocs++;
            requests.Append(JsonSerializer.Serialize(new { id, nquads })).Append('\n');
        }
        output.WriteLine($"{DocumentCount} documents, {totalQuads} quads, sizes {smallest}..{largest}, {nDegreeDocs} needed Hash N-Degree Quads");
        Assert.Equal(5, smallest);
        Assert.Equal(5000, largest);
        Assert.True(nDegreeDocs >= 5, $"only {nDegreeDocs} documents exercised Hash N-Degree Quads");

        var (stdout, _) = NodePeer.Run("canon-batch.mjs", [], requests.ToString(), TimeSpan.FromMinutes(5));
        var mismatches = new List<string>();
        int answered = 0;
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            string id = json.RootElement.GetProperty("id").GetString()!;
            answered++;
            if (json.RootElement.TryGetProperty("error", out var error))
            {
                mismatches.Add($"{id}: rdf-canonize failed: {error.GetString()}");
                continue;
            }
            string theirs = json.RootElement.GetProperty("canonical").GetString()!;
            if (theirs != mine[id]) mismatches.Add($"{id}: {FirstDifference(mine[id], theirs)}");
        }
        Assert.Equal(DocumentCount, answered);
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} documents differ:\n" + string.Join("\n", mismatches.Take(10)));
    }

    [Fact]
    public void Random_symmetric_blank_node_graphs_canonicalize_identically()
    {
        // Small graphs made of look-alike blank nodes (rings, stars, cliques, random edges over two
        // predicates and a few shared literals): the cases where Hash N-Degree Quads, permutations and
        // issuer copying decide the result.
        var random = new Random(424242);
        var requests = new StringBuilder();
        var mine = new Dictionary<string, string?>();
        int nDegree = 0;
        for (int d = 0; d < 150; d++)
        {
            int n = random.Next(3, 11);
            var lines = new List<string>();
            string Node(int i) => $"_:r{d}n{i}";
            switch (d % 4)
            {
                case 0: for (int i = 0; i < n; i++) lines.Add($"{Node(i)} <http://e/next> {Node((i + 1) % n)} ."); break;
                case 1: for (int i = 1; i < n; i++) lines.Add($"{Node(0)} <http://e/has> {Node(i)} ."); break;
                case 2:
                    int k = Math.Min(n, 5);
                    for (int i = 0; i < k; i++) for (int j = 0; j < k; j++) if (i != j) lines.Add($"{Node(i)} <http://e/link> {Node(j)} .");
                    break;
                default:
                    for (int e = 0; e < n * 2; e++)
                        lines.Add($"{Node(random.Next(n))} <http://e/{(random.Next(2) == 0 ? "p" : "q")}> {Node(random.Next(n))} .");
                    break;
            }
            for (int i = 0; i < n; i++)
                if (random.Next(3) == 0) lines.Add($"{Node(i)} <http://e/v> \"{random.Next(2)}\" .");
            if (random.Next(4) == 0) lines.Add($"{Node(0)} <http://e/in> {Node(1)} {Node(2)} .");
            string nquads = string.Join("\n", lines.Distinct().OrderBy(_ => random.Next())) + "\n";
            string id = $"sym{d:D3}";
            try
            {
                var result = new RdfCanonicalizer().Canonicalize(NQuadsParser.Parse(nquads));
                mine[id] = result.NQuads;
                if (result.HashNDegreeQuadsCalls > 0) nDegree++;
            }
            catch (CanonicalizationLimitExceededException)
            {
                mine[id] = null; // rdf-canonize with the same work factor must give up too
            }
            requests.Append(JsonSerializer.Serialize(new { id, nquads })).Append('\n');
        }
        output.WriteLine($"150 graphs, {nDegree} needed Hash N-Degree Quads, {mine.Count(kv => kv.Value is null)} over the work limit");
        Assert.True(nDegree >= 80, $"only {nDegree} graphs exercised Hash N-Degree Quads");

        var (stdout, _) = NodePeer.Run("canon-batch.mjs", ["--max-work-factor", "3"], requests.ToString(), TimeSpan.FromMinutes(5));
        var mismatches = new List<string>();
        foreach (var line in stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            using var json = JsonDocument.Parse(line);
            string id = json.RootElement.GetProperty("id").GetString()!;
            string? theirs = json.RootElement.TryGetProperty("canonical", out var c) ? c.GetString() : null;
            if (theirs != mine[id])
                mismatches.Add($"{id}: {(theirs is null ? "rdf-canonize aborted" : mine[id] is null ? "C# aborted" : FirstDifference(mine[id]!, theirs))}");
        }
        Assert.True(mismatches.Count == 0, $"{mismatches.Count} graphs differ:\n" + string.Join("\n", mismatches.Take(10)));
    }

    [Fact]
    public void Turtle_shapes_file_parses_to_the_same_dataset_as_n3()
    {
        string path = RepositoryRoot.Combine("tests", "conformance", "gaia-x", "shapes", "gx-25.11-development.shacl.ttl");
        var (theirs, stderr) = NodePeer.Run("turtle-canon.mjs", [path], null, TimeSpan.FromMinutes(5));
        output.WriteLine($"n3 + rdf-canonize: {stderr.Trim()}");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        var dataset = new TurtleParser().Parse(File.ReadAllText(path));
        var mine = new RdfCanonicalizer().Canonicalize(dataset).NQuads;
        output.WriteLine($"C#: parse + canonicalize {sw.ElapsedMilliseconds} ms");
        Assert.Equal(164_702, dataset.Count);
        Assert.True(mine == theirs, FirstDifference(mine, theirs));
    }

    private static string FirstDifference(string mine, string theirs)
    {
        var a = mine.Split('\n');
        var b = theirs.Split('\n');
        for (int i = 0; i < Math.Max(a.Length, b.Length); i++)
        {
            string x = i < a.Length ? a[i] : "<end>";
            string y = i < b.Length ? b[i] : "<end>";
            if (x != y) return $"line {i + 1}: C# «{x}» vs JS «{y}»";
        }
        return "identical";
    }
}
