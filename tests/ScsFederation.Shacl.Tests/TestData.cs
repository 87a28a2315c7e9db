using System.Text;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Model;
using ScsFederation.Rdf.JsonLd;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.Turtle;

namespace ScsFederation.Shacl.Tests;

/// <summary>Vendored Gaia-X data (tests/conformance/gaia-x, provenance in its README files), loaded once per test run.</summary>
internal static class TestData
{
    public const string Gx2511 = "https://w3id.org/gaia-x/2511#";
    public const string GxDevelopment = "https://w3id.org/gaia-x/development#";

    public static string GaiaX(params string[] parts) => RepositoryRoot.Combine(["tests", "conformance", "gaia-x", .. parts]);

    public static string Shapes2511Path => GaiaX("shapes", "gx-25.11-development.shacl.ttl");

    public static string ClassHierarchyPath => GaiaX("shapes", "gx-2511-class-hierarchy.ttl");

    public static string TagusShapesPath => GaiaX("contexts", "tagus-22.10-trustframework.jsonld");

    private static readonly Lazy<RdfDataset> Shapes2511Lazy = new(() => new TurtleParser().Parse(File.ReadAllText(Shapes2511Path)));
    private static readonly Lazy<ShapesGraph> Compiled2511Lazy = new(() => ShapesGraph.Load(Shapes2511));
    private static readonly Lazy<RdfDataset> TagusShapesLazy = new(() => JsonLd(File.ReadAllBytes(TagusShapesPath)));
    private static readonly Lazy<ShapesGraph> CompiledTagusLazy = new(() => ShapesGraph.Load(TagusShapes));
    private static readonly Lazy<RdfDataset> ClassesLazy = new(() => new TurtleParser().Parse(File.ReadAllText(ClassHierarchyPath).Replace(Gx2511, GxDevelopment, StringComparison.Ordinal)));

    public static RdfDataset Shapes2511 => Shapes2511Lazy.Value;

    public static ShapesGraph Compiled2511 => Compiled2511Lazy.Value;

    public static RdfDataset TagusShapes => TagusShapesLazy.Value;

    public static ShapesGraph CompiledTagus => CompiledTagusLazy.Value;

    /// <summary>The XFSC 25.11 class hierarchy with its 2511# namespace rewritten to the shapes' development# (README of shapes/).</summary>
    public static RdfDataset ClassHierarchy => ClassesLazy.Value;

    public static RdfDataset JsonLd(byte[] json) => JsonLdProcessor.ToRdfAsync(json).GetAwaiter().GetResult();

    public static RdfDataset JsonLd(JsonNode json) => JsonLd(Encoding.UTF8.GetBytes(json.ToJsonString()));

    public static readonly string[] TagusSamples =
        ["participant-vp.json", "service-offering-vp.json", "service-offering-and-ressources-vp.json", "service-offering-label-level-1.json", "service-offering-sd.json"];

    /// <summary>A Tagus sample as RDF; service-offering-sd.json wraps a VP and a compliance VC in a plain JSON object, both are read.</summary>
    public static RdfDataset Tagus(string file)
    {
        var json = JsonNode.Parse(File.ReadAllBytes(GaiaX("samples", "tagus-22.10", file)))!.AsObject();
        if (json["selfDescriptionCredential"] is not { } sd) return JsonLd(json);
        var merged = JsonLd(sd);
        foreach (var q in JsonLd(json["complianceCredential"]!).Quads) merged.Add(q);
        return merged;
    }

    public static readonly string[] LoireSamples =
    [
        "posedio-go_leicode_deltadao-notary.vc.jwt", "posedio-go_leicode_gxlab-notary-main.vc.jwt", "posedio-go_leicode_tsystems-notary.vc.jwt",
        "posedio-opa_example_offering.json", "posedio-opa_example_participant.json",
        "posedio-opa_vp_label-CD25.10_leicode-aerospace-notary.vp.jwt", "posedio-opa_vp_label-CD25.10_vatid-deltadao-notary.vp.jwt",
    ];

    /// <summary>
    /// A real Loire credential as RDF: the VC-JWT payload, or for a VP-JWT the payloads of all its enveloped
    /// credentials merged (they refer to each other by id, e.g. LegalPerson → Address). Signatures are not checked here.
    /// </summary>
    public static RdfDataset Loire(string file)
    {
        var text = File.ReadAllText(GaiaX("samples", "loire", "real-gxdch", file)).Trim();
        if (text.StartsWith('{')) text = JsonNode.Parse(text)!["input"]!["jwt"]!.GetValue<string>();
        var payload = Payload(text);
        var merged = new RdfDataset();
        if (payload["verifiableCredential"] is JsonArray vcs)
        {
            foreach (var entry in vcs.OfType<JsonObject>())
                if (EnvelopedCredential.FromEntry(entry) is { } envelope)
                    foreach (var q in JsonLd(Payload(envelope.Jwt)).Quads) merged.Add(q);
        }
        else
        {
            foreach (var q in JsonLd(payload).Quads) merged.Add(q);
        }
        return merged;
    }

    private static JsonObject Payload(string jwt) => (JsonObject)JsonNode.Parse(CompactJws.Parse(jwt).Payload)!;
}
