// SHACL benchmark harness (bench/shacl.sh): loads the shapes once (Turtle parse + compile, timed apart),
// then per input (N-Quads, the same file the JS side reads) the first validation (cold) and a timed loop (warm).
// usage: ScsFederation.Shacl.Benchmarks SHAPES.ttl CLASSES.ttl SECONDS INPUT.nq...
// Prints one JSON line per input. CPU time is the process's user + system time.
using System.Diagnostics;
using System.Text.Json;
using ScsFederation.Rdf.NQuads;
using ScsFederation.Rdf.Turtle;
using ScsFederation.Shacl;
using ScsFederation.Shacl.Graph;

if (args[0] == "--export")
{
    // --export CREDENTIAL OUT.nq: a VC-JWT / VP-JWT (or {"input":{"jwt":…}}) as N-Quads, enveloped credentials merged.
    File.WriteAllBytes(args[2], NQuadsWriter.WriteUtf8(Export.Credential(File.ReadAllText(args[1]).Trim()).Quads));
    return;
}

var process = Process.GetCurrentProcess();
double Cpu() { process.Refresh(); return process.TotalProcessorTime.TotalMilliseconds; }

var (shapesFile, classesFile, seconds) = (args[0], args[1], double.Parse(args[2], System.Globalization.CultureInfo.InvariantCulture));
var cpu0 = Cpu();
var shapesData = new TurtleParser().Parse(File.ReadAllText(shapesFile));
var classes = new TurtleParser().Parse(File.ReadAllText(classesFile));
var shapes = ShapesGraph.Load(shapesData);
var loadCpu = Cpu() - cpu0;

foreach (var file in args.Skip(3))
{
    var data = NQuadsParser.Parse(File.ReadAllText(file));
    var c0 = Cpu();
    var first = shapes.Validate(new DataGraph(data, classes));
    var coldCpu = Cpu() - c0;
    for (int i = 0; i < 20; i++) shapes.Validate(new DataGraph(data, classes));
    var samples = new List<double>();
    var sw = Stopwatch.StartNew();
    var cpuStart = Cpu();
    while (sw.Elapsed.TotalSeconds < seconds)
    {
        var t = Stopwatch.GetTimestamp();
        shapes.Validate(new DataGraph(data, classes));
        samples.Add(Stopwatch.GetElapsedTime(t).TotalMilliseconds);
    }
    var warmCpu = (Cpu() - cpuStart) / samples.Count;
    samples.Sort();
    Console.WriteLine(JsonSerializer.Serialize(new
    {
        input = Path.GetFileName(file), quads = data.Count, results = first.Results.Count, load_cpu_ms = Math.Round(loadCpu, 1),
        cold_cpu_ms = Math.Round(coldCpu, 2), warm_cpu_ms = Math.Round(warmCpu, 3), warm_median_ms = Math.Round(samples[samples.Count / 2], 3), iterations = samples.Count,
    }));
}

internal static class Export
{
    public static ScsFederation.Rdf.Model.RdfDataset Credential(string text)
    {
        if (text.StartsWith('{')) text = System.Text.Json.Nodes.JsonNode.Parse(text)!["input"]!["jwt"]!.GetValue<string>();
        var payload = Payload(text);
        var merged = new ScsFederation.Rdf.Model.RdfDataset();
        var parts = payload["verifiableCredential"] is System.Text.Json.Nodes.JsonArray vcs
            ? vcs.OfType<System.Text.Json.Nodes.JsonObject>().Select(ScsFederation.Credentials.Model.EnvelopedCredential.FromEntry).Where(e => e is not null).Select(e => Payload(e!.Jwt))
            : [payload];
        foreach (var part in parts)
            foreach (var q in ScsFederation.Rdf.JsonLd.JsonLdProcessor.ToRdfAsync(part).GetAwaiter().GetResult().Quads) merged.Add(q);
        return merged;
    }

    private static System.Text.Json.Nodes.JsonNode Payload(string jwt) =>
        System.Text.Json.Nodes.JsonNode.Parse(ScsFederation.Credentials.Jose.CompactJws.Parse(jwt).Payload)!;
}
