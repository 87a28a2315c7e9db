using System.Globalization;
using System.Text.Json.Nodes;

namespace ScsFederation.Rdf.Tests.JsonLd;

/// <summary>
/// Seeded generator of Gaia-X-like credentials: VCDM 1.1 envelope with the cached W3C, JWS-2020 and
/// Gaia-X Tagus contexts plus an inline context, and a credential subject grown to roughly a target
/// number of quads from nested blank nodes, IRIs, lists, language strings, typed literals, numbers,
/// booleans and @json payloads.
/// </summary>
internal sealed class GaiaXLikeDocumentGenerator(int seed)
{
    private static readonly string[] Properties =
    [
        "gx:providedBy", "gx:termsAndConditions", "gx:policy", "gx:dataAccountExport", "gx:aggregationOf", "gx:dependsOn",
        "gx:dataProtectionRegime", "gx:legalName", "gx:headquarterAddress", "gx:description", "ex:name", "ex:region",
        "ex:capacity", "ex:rating", "ex:enabled", "ex:component", "ex:owner", "ex:contact", "ex:note",
    ];

    private static readonly string[] Types =
    [
        "gx:ServiceOffering", "gx:LegalParticipant", "gx:DataResource", "gx:VirtualResource", "gx:PhysicalResource",
        "gx:SoftwareResource", "gx:InstantiatedVirtualResource", "ex:Flavor", "ex:Endpoint",
    ];

    private static readonly string[] Words = ["cloud", "Straße", "données", "東京", "emoji 😀", "quote \" and \\ backslash", "line\nbreak", "tab\tbed", "plain"];

    private readonly Random _random = new(seed);
    private int _budget;
    private int _nodeCounter;

    /// <summary>
    /// A Loire-style credential: VCDM 2.0 context plus the Gaia-X 25.11 context, subject types and
    /// properties taken from that context's own terms (IRI-typed, datatype-coerced and scoped-context terms).
    /// </summary>
    public JsonObject CreateLoire(int index, int targetQuads)
    {
        var terms = Gx2511Terms.Value;
        _budget = Math.Max(1, targetQuads - 5);
        var subject = new JsonObject { ["type"] = Pick(terms.Classes), ["id"] = $"https://provider.example/subjects/{index}" };
        while (_budget > 0) FillLoireNode(subject, 0, terms);
        return new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["id"] = $"https://provider.example/credentials/{index}",
            ["issuer"] = "did:web:provider.example",
            ["validFrom"] = "2026-02-0" + (1 + index % 9) + "T00:00:00Z",
            ["credentialSubject"] = subject,
        };
    }

    private void FillLoireNode(JsonObject node, int depth, Gx2511TermCatalogue terms)
    {
        int properties = 1 + _random.Next(depth == 0 ? 6 : 4);
        for (int i = 0; i < properties && _budget > 0; i++)
        {
            var (term, kind) = Pick(terms.Properties);
            JsonNode value;
            switch (kind)
            {
                case "@id" when depth < 6 && _random.Next(3) == 0 && _budget > 3:
                case "plain" when depth < 6 && _random.Next(4) == 0 && _budget > 3:
                    var child = new JsonObject { ["type"] = Pick(terms.Classes) };
                    if (_random.Next(4) == 0) child["id"] = $"https://provider.example/nodes/{_nodeCounter++}";
                    _budget -= 2;
                    FillLoireNode(child, depth + 1, terms);
                    value = child;
                    break;
                case "@id":
                    _budget--;
                    value = JsonValue.Create($"https://provider.example/things/{_random.Next(40)}");
                    break;
                case "scoped":
                    _budget -= 4;
                    value = new JsonObject
                    {
                        ["text"] = Pick(Words),
                        ["description"] = "described " + _random.Next(100).ToString(CultureInfo.InvariantCulture),
                        ["meaning"] = $"https://vocab.example/codes/{_random.Next(30)}",
                    };
                    break;
                case "xsd:boolean":
                    _budget--;
                    value = JsonValue.Create(_random.Next(2) == 0);
                    break;
                case "xsd:integer":
                case "xsd:float":
                case "qudt:floatPercentage":
                    _budget--;
                    value = JsonValue.Create(kind == "xsd:integer" ? _random.Next(1, 100000) : Math.Round(_random.NextDouble() * 1000, 3));
                    break;
                case "plain":
                    _budget--;
                    value = Scalar();
                    break;
                default:
                    _budget--;
                    value = JsonValue.Create(kind.EndsWith("date", StringComparison.Ordinal) ? "2026-03-14" : "value-" + _random.Next(1000).ToString(CultureInfo.InvariantCulture));
                    break;
            }

            if (!node.TryGetPropertyValue(term, out var existing) || existing is null) node[term] = value;
            else if (existing is JsonArray array) array.Add(value);
            else node[term] = new JsonArray(existing.DeepClone(), value);
        }
    }

    private static readonly Lazy<Gx2511TermCatalogue> Gx2511Terms = new(Gx2511TermCatalogue.Load);

    public JsonObject Create(int index, int targetQuads)
    {
        _budget = Math.Max(1, targetQuads - 6);
        var subject = new JsonObject { ["type"] = Pick(Types) };
        if (_random.Next(2) == 0) subject["id"] = $"https://provider.example/subjects/{index}";
        FillNode(subject, 0);
        while (_budget > 0) FillNode(subject, 0);

        return new JsonObject
        {
            ["@context"] = new JsonArray(
                "https://www.w3.org/2018/credentials/v1",
                "https://w3id.org/security/suites/jws-2020/v1",
                "https://registry.lab.gaia-x.eu/development/api/trusted-shape-registry/v1/shapes/jsonld/trustframework#",
                new JsonObject
                {
                    ["ex"] = "https://example.org/vocab#",
                    ["ex:component"] = new JsonObject { ["@container"] = "@list" },
                    ["payload"] = new JsonObject { ["@id"] = "ex:payload", ["@type"] = "@json" },
                    ["homepage"] = new JsonObject { ["@id"] = "ex:homepage", ["@type"] = "@id" },
                }),
            ["type"] = new JsonArray("VerifiableCredential"),
            ["id"] = $"https://provider.example/credentials/{index}",
            ["issuer"] = "did:web:provider.example",
            ["issuanceDate"] = "2026-01-0" + (1 + index % 9) + "T00:00:00Z",
            ["credentialSubject"] = subject,
        };
    }

    private void FillNode(JsonObject node, int depth)
    {
        int properties = 1 + _random.Next(depth == 0 ? 6 : 4);
        for (int i = 0; i < properties && _budget > 0; i++)
        {
            var property = Pick(Properties);
            var value = Value(property, depth);
            if (!node.TryGetPropertyValue(property, out var existing) || existing is null)
            {
                node[property] = value;
                continue;
            }
            if (property == "ex:component") continue; // one list per node
            // Repeated property: values accumulate in an array (so large documents stay finite in width per node).
            var array = existing as JsonArray;
            if (array is null)
            {
                array = new JsonArray(existing.DeepClone());
                node[property] = array;
            }
            if (value is JsonArray more)
                foreach (var item in more) array.Add(item?.DeepClone());
            else
                array.Add(value);
        }
    }

    private JsonNode Value(string property, int depth)
    {
        if (property == "ex:component")
        {
            var list = new JsonArray();
            int n = 1 + _random.Next(4);
            for (int i = 0; i < n && _budget > 0; i++) list.Add(Scalar());
            _budget -= list.Count; // rdf:first/rest pairs plus the link
            return list;
        }

        int kind = _random.Next(depth > 6 ? 6 : 10);
        if (kind >= 6 && _budget > 3)
        {
            // A nested node: usually blank, sometimes named; sometimes several.
            int count = kind == 9 ? 2 + _random.Next(3) : 1;
            var nodes = new JsonArray();
            for (int i = 0; i < count && _budget > 0; i++)
            {
                var child = new JsonObject { ["type"] = Pick(Types) };
                if (_random.Next(5) == 0) child["id"] = $"https://provider.example/nodes/{_nodeCounter++}";
                _budget -= 2;
                FillNode(child, depth + 1);
                nodes.Add(child);
            }
            return nodes.Count == 1 ? nodes[0]!.DeepClone() : nodes;
        }
        _budget--;
        return Scalar();
    }

    private JsonNode Scalar()
    {
        switch (_random.Next(9))
        {
            case 0: return JsonValue.Create(_random.Next(-1000, 100000));
            case 1: return JsonValue.Create(Math.Round(_random.NextDouble() * 1e6, _random.Next(0, 6)) + 0.5);
            case 2: return JsonValue.Create(_random.Next(2) == 0);
            case 3: return new JsonObject { ["@value"] = Pick(Words), ["@language"] = Pick(["en", "de", "fr-BE", "ja"]) };
            case 4: return new JsonObject { ["@value"] = _random.Next(1, 500).ToString(CultureInfo.InvariantCulture), ["@type"] = "xsd:integer" };
            case 5: return new JsonObject { ["@id"] = $"https://provider.example/things/{_random.Next(50)}" };
            case 6:
                return new JsonObject
                {
                    // Varied payloads: jsonld.js keeps duplicate @json literals as duplicate quads, RDF datasets do not.
                    ["@value"] = new JsonObject
                    {
                        ["b"] = _random.NextDouble() * Math.Pow(10, _random.Next(-12, 25)),
                        ["a"] = new JsonArray(_random.Next(100), Pick(Words), null, _random.Next(2) == 0),
                        ["é"] = "ü",
                        ["n"] = _nodeCounter++,
                    },
                    ["@type"] = "@json",
                };
            default: return JsonValue.Create(Pick(Words) + " " + _random.Next(1000).ToString(CultureInfo.InvariantCulture));
        }
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}
