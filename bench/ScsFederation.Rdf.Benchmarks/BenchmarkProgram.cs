using System.Globalization;
using System.Text;
using System.Text.Json;
using ScsFederation.Rdf.Canonicalization;
using ScsFederation.Rdf.JsonLd;
using ScsFederation.Rdf.NQuads;
using ScsFederation.Rdf.Tests.Interop;
using ScsFederation.Rdf.Turtle;

namespace ScsFederation.Rdf.Benchmarks;

/// <summary>
/// usage: ScsFederation.Rdf.Benchmarks data DIR            write the generated inputs (participant-50.nq, doc-5010.nq)
///        ScsFederation.Rdf.Benchmarks run ROOT DIR SECONDS [JSONLD...]  time the C# side, JSON lines on stdout
///        ScsFederation.Rdf.Benchmarks profile FILE.ttl      parse + canonicalize once with timings
/// </summary>
internal static class BenchmarkProgram
{
    public static int Run(string[] args)
    {
        if (args.Length >= 2 && args[0] == "data") return WriteData(args[1]);
        if (args.Length >= 4 && args[0] == "run") return RunAll(args[1], args[2], double.Parse(args[3], CultureInfo.InvariantCulture), args[4..]);
        if (args.Length >= 2 && args[0] == "profile") return Profile(args[1]);
        if (args.Length >= 3 && args[0] == "loop") return Loop(args[1], int.Parse(args[2], CultureInfo.InvariantCulture));
        Console.Error.WriteLine("usage: data DIR | run ROOT DATA_DIR SECONDS | profile FILE.ttl");
        return 2;
    }

    private static int WriteData(string dir)
    {
        Directory.CreateDirectory(dir);
        // ~50-quad participant and a 5,010-quad catalogue, from the seeded generator (same as the differential test).
        File.WriteAllText(Path.Combine(dir, "participant-50.nq"), NQuadsWriter.Write(new GaiaXLikeDatasetGenerator(50).Generate(50).Quads));
        File.WriteAllText(Path.Combine(dir, "doc-5010.nq"), NQuadsWriter.Write(new GaiaXLikeDatasetGenerator(5010).Generate(5010).Quads));
        return 0;
    }

    private static int RunAll(string root, string dataDir, double seconds, string[] jsonLdFiles)
    {
        var minTime = TimeSpan.FromSeconds(seconds);
        var cases = new List<BenchmarkCase>();
        var canonicalizer = new RdfCanonicalizer();
        foreach (var (name, path) in new[]
                 {
                     ("canon participant", Path.Combine(dataDir, "participant-50.nq")),
                     ("canon Gaia-X credential", Path.Combine(root, "tests/conformance/gaia-x/samples/tagus-22.10/canonical/service-offering-label-level-1.vc6.nq")),
                     ("canon 5,010-quad document", Path.Combine(dataDir, "doc-5010.nq")),
                 })
        {
            string text = File.ReadAllText(path);
            int quads = NQuadsParser.Parse(text).Count;
            // Parse + canonicalize, as rdf-canonize does when handed N-Quads text.
            cases.Add(new BenchmarkCase(name, Path.GetFileName(path), quads, () => canonicalizer.Canonicalize(NQuadsParser.Parse(text))));
        }
        string shapes = File.ReadAllText(Path.Combine(root, "tests/conformance/gaia-x/shapes/gx-25.11-development.shacl.ttl"));
        cases.Add(new BenchmarkCase("Turtle parse 25.11 shapes", "gx-25.11-development.shacl.ttl", 164_702, () => new TurtleParser().Parse(shapes)));
        // JSON-LD → canonical end to end (part B's processor, contexts from the embedded offline cache).
        foreach (var path in jsonLdFiles)
        {
            byte[] json = File.ReadAllBytes(path);
            RdfCanonicalizationResult Once() => canonicalizer.Canonicalize(JsonLdProcessor.ToRdfAsync(json).GetAwaiter().GetResult());
            int quads = Once().NQuads.Count(c => c == '\n');
            cases.Add(new BenchmarkCase("JSON-LD -> canonical", Path.GetFileName(path), quads, () => Once()));
        }

        foreach (var c in cases)
        {
            var m = BenchmarkMeasurement.Measure(c, minTime);
            Console.WriteLine(JsonSerializer.Serialize(new
            {
                name = m.Name, input = m.Input, quads = m.Quads, iterations = m.Iterations,
                mean_ms = Math.Round(m.MeanMs, 4), median_ms = Math.Round(m.MedianMs, 4),
                ops_per_s = Math.Round(m.OpsPerSecond, 1), allocated_bytes_per_op = m.AllocatedBytesPerOp,
            }));
        }
        return 0;
    }

    /// <summary>Repeats one operation (N-Quads: parse + canonicalize; .ttl: parse) for a profiler to sample.</summary>
    private static int Loop(string file, int count)
    {
        string text = File.ReadAllText(file);
        bool turtle = file.EndsWith(".ttl", StringComparison.OrdinalIgnoreCase);
        var canonicalizer = new RdfCanonicalizer();
        var parsed = turtle ? null : NQuadsParser.Parse(text);
        long alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        var sw0 = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; !turtle && i < count; i++) NQuadsParser.Parse(text);
        Console.WriteLine($"parse only: {sw0.Elapsed.TotalMilliseconds * 1000 / count:F1} us/op, {(GC.GetTotalAllocatedBytes(precise: true) - alloc0) / Math.Max(1, count)} B/op");
        alloc0 = GC.GetTotalAllocatedBytes(precise: true);
        sw0.Restart();
        for (int i = 0; !turtle && i < count; i++) canonicalizer.Canonicalize(parsed!);
        Console.WriteLine($"canon only: {sw0.Elapsed.TotalMilliseconds * 1000 / count:F1} us/op, {(GC.GetTotalAllocatedBytes(precise: true) - alloc0) / Math.Max(1, count)} B/op");
        var sw = System.Diagnostics.Stopwatch.StartNew();
        for (int i = 0; i < count; i++)
        {
            if (turtle) new TurtleParser().Parse(text);
            else canonicalizer.Canonicalize(NQuadsParser.Parse(text));
        }
        Console.WriteLine($"{count} in {sw.ElapsedMilliseconds} ms; GCs gen0 {GC.CollectionCount(0)} gen1 {GC.CollectionCount(1)} gen2 {GC.CollectionCount(2)}");
        return 0;
    }

    private static int Profile(string file)
    {
        string text = File.ReadAllText(file);
        for (int round = 0; round < 3; round++)
        {
            var sw = System.Diagnostics.Stopwatch.StartNew();
            var ds = new TurtleParser().Parse(text);
            double parse = sw.Elapsed.TotalMilliseconds;
            sw.Restart();
            var r = new RdfCanonicalizer().Canonicalize(ds);
            Console.WriteLine($"parse {parse:F0} ms, canonicalize {sw.Elapsed.TotalMilliseconds:F0} ms, n-degree calls {r.HashNDegreeQuadsCalls}, blank nodes {r.IssuedIdentifiers.Count}");
        }
        return 0;
    }
}
