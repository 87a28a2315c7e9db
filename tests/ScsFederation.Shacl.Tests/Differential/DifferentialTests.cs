using ScsFederation.Rdf.Model;
using ScsFederation.Shacl.Graph;
using ScsFederation.Shacl.Report;
using Xunit.Abstractions;

namespace ScsFederation.Shacl.Tests.Differential;

/// <summary>
/// Acceptance (issue 12, SHACL): the same conforms verdict and the same set of (focus node, path, constraint
/// component) as rdf-validate-shacl, on the real samples and on at least 20 invalid variants of each.
/// </summary>
public sealed class DifferentialTests(ITestOutputHelper output)
{
    private const int MinInvalid = 20;

    [Fact]
    public async Task Tagus_samples_and_variants_match_rdf_validate_shacl()
    {
        var cases = new List<(string Name, RdfDataset Data)>();
        foreach (var sample in TestData.TagusSamples)
        {
            var data = TestData.Tagus(sample);
            cases.Add((sample, data));
            cases.AddRange(Variants.Of(sample, data, 6, TargetClasses(TestData.TagusShapes)));
        }
        await CompareAsync(TestData.TagusShapes, TestData.CompiledTagus, cases, [], TestData.TagusSamples);
    }

    [Fact]
    public async Task Loire_25_11_credentials_and_variants_match_rdf_validate_shacl()
    {
        var cases = new List<(string Name, RdfDataset Data)>();
        foreach (var sample in TestData.LoireSamples)
        {
            var data = TestData.Loire(sample);
            cases.Add((sample, data));
            cases.AddRange(Variants.Of(sample, data, 1, TargetClasses(TestData.Shapes2511)));
        }
        await CompareAsync(TestData.Shapes2511, TestData.Compiled2511, cases, [TestData.ClassHierarchy], TestData.LoireSamples);
    }

    /// <summary>Both engines get data ∪ extra (the class hierarchy for 25.11: sh:class reads rdfs:subClassOf from the data graph).</summary>
    private async Task CompareAsync(RdfDataset shapes, ShapesGraph compiled, List<(string Name, RdfDataset Data)> cases, RdfDataset[] extra, string[] samples)
    {
        var withExtra = cases.Select(c => (c.Name, Merge([c.Data, .. extra]))).ToList();
        var (peer, _) = await ShaclPeer.ValidateAsync(shapes, withExtra);
        Assert.Equal(cases.Count, peer.Count);
        var mismatches = new List<string>();
        int results = 0;
        for (int i = 0; i < cases.Count; i++)
        {
            var report = compiled.Validate(new DataGraph([cases[i].Data, .. extra]));
            var ours = Keys(report);
            var theirs = peer[i].Results;
            results += theirs.Count;
            if (report.Conforms != peer[i].Conforms) mismatches.Add($"{cases[i].Name}: conforms {report.Conforms} vs rdf-validate-shacl {peer[i].Conforms}");
            foreach (var k in ours.Except(theirs)) mismatches.Add($"{cases[i].Name}: only ours: {k}");
            foreach (var k in theirs.Except(ours)) mismatches.Add($"{cases[i].Name}: only rdf-validate-shacl: {k}");
        }
        output.WriteLine($"{cases.Count} cases, {results} results from rdf-validate-shacl, {mismatches.Count} mismatches");
        foreach (var m in mismatches.Take(60)) output.WriteLine(m);
        Assert.True(mismatches.Count == 0, string.Join("\n", mismatches.Take(60)));
        int total = 0;
        foreach (var sample in samples)
        {
            int invalid = peer.Count(v => v.Name.StartsWith(sample + "#", StringComparison.Ordinal) && !v.Conforms);
            output.WriteLine($"{sample}: {invalid} invalid variants");
            total += invalid;
        }
        // The issue asks for at least 20 invalid variants of each (Tagus samples; 25.11 credentials); every sample contributes.
        Assert.True(total >= MinInvalid, $"only {total} variants are invalid according to rdf-validate-shacl");
        Assert.All(samples, s => Assert.Contains(peer, v => v.Name.StartsWith(s + "#", StringComparison.Ordinal) && !v.Conforms));
    }

    internal static HashSet<ResultKey> Keys(ValidationReport report) =>
        report.Results.Select(r => new ResultKey(TermText.Format(r.FocusNode), r.ResultPath is null ? null : TermText.Format(r.ResultPath.Node), TermText.Format(r.SourceConstraintComponent))).ToHashSet();

    private static HashSet<RdfTerm> TargetClasses(RdfDataset shapes) =>
        shapes.Quads.Where(q => q.Predicate.Equals(Sh.TargetClass)).Select(q => q.Object).ToHashSet();

    private static RdfDataset Merge(RdfDataset[] parts)
    {
        var d = new RdfDataset();
        foreach (var p in parts) foreach (var q in p.Quads) d.Add(q);
        return d;
    }
}
