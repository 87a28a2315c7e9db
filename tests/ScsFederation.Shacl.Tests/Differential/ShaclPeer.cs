using System.Text.Json.Nodes;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.NQuads;

namespace ScsFederation.Shacl.Tests.Differential;

/// <summary>One result as both engines are compared on it: (focus node, path, constraint component), terms in N-Triples spelling.</summary>
internal readonly record struct ResultKey(string Focus, string? Path, string Component)
{
    public override string ToString() => $"{Focus} {Path ?? "-"} {Component}";
}

internal sealed record PeerVerdict(string Name, bool Conforms, IReadOnlySet<ResultKey> Results);

/// <summary>
/// tests/interop/shacl/shacl-peer.mjs (rdf-validate-shacl 0.6.5 on n3). Shapes and data go over as N-Quads
/// written by the hub's RDF core, so both engines see identical triples and blank-node labels.
/// </summary>
internal static class ShaclPeer
{
    public static async Task<(IReadOnlyList<PeerVerdict> Verdicts, long CpuMicros)> ValidateAsync(RdfDataset shapes, IReadOnlyList<(string Name, RdfDataset Data)> cases)
    {
        var dir = Directory.CreateTempSubdirectory("scsfed-shacl-");
        try
        {
            var shapesFile = Path.Combine(dir.FullName, "shapes.nq");
            await File.WriteAllBytesAsync(shapesFile, NQuadsWriter.WriteUtf8(shapes.Quads));
            var jobCases = new JsonArray();
            for (int i = 0; i < cases.Count; i++)
            {
                var f = Path.Combine(dir.FullName, $"data-{i}.nq");
                await File.WriteAllBytesAsync(f, NQuadsWriter.WriteUtf8(cases[i].Data.Quads));
                jobCases.Add(new JsonObject { ["name"] = cases[i].Name, ["data"] = f });
            }
            var job = new JsonObject { ["shapes"] = shapesFile, ["cases"] = jobCases };
            var output = await NodeProcess.RunJobAsync("shacl/shacl-peer.mjs", job, TimeSpan.FromMinutes(10));
            var verdicts = output["results"]!.AsArray().Select(r => new PeerVerdict(
                r!["name"]!.GetValue<string>(),
                r["conforms"]!.GetValue<bool>(),
                r["results"]!.AsArray().Select(x => new ResultKey(x!["focusNode"]!.GetValue<string>(), x["path"]?.GetValue<string>(), x["component"]!.GetValue<string>())).ToHashSet())).ToList();
            return (verdicts, output["cpuMicros"]!.GetValue<long>());
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }
}
