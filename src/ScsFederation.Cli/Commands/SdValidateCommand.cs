using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Model;
using ScsFederation.Rdf.JsonLd;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.NQuads;
using ScsFederation.Rdf.Turtle;
using ScsFederation.Shacl;
using ScsFederation.Shacl.Graph;

namespace ScsFederation.Cli.Commands;

/// <summary>
/// <c>scsfed sd validate --shapes SHAPES FILE</c>: SHACL-validate a credential, presentation or RDF file and print
/// the W3C validation report (JSON-LD, or Turtle with --format turtle). Exit 0 conforms, 1 does not conform,
/// 2 usage or unreadable input (including shapes that are not well-formed SHACL: their error code is printed).
/// FILE may be JSON-LD, a VC-JWT / VP-JWT (the payload is validated, with every enveloped credential of a
/// presentation merged in; signatures are not checked — that is <c>sd verify</c>), N-Quads (.nq) or Turtle.
/// </summary>
internal static class SdValidateCommand
{
    private const int Conforms = 0;
    private const int NotConforming = 1;
    private const int InvalidInput = 2;

    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "JSON-LD, VC-JWT/VP-JWT, N-Quads (.nq) or Turtle; '-' for stdin" };
        var shapes = new Option<string[]>("--shapes") { Description = "Shapes graph: Turtle, JSON-LD (.json/.jsonld) or N-Quads (.nq); repeatable, merged", Required = true };
        var classes = new Option<string[]>("--classes") { Description = "Class hierarchy (rdfs:subClassOf) added to the data graph for sh:class; repeatable" };
        var mapNamespace = new Option<string[]>("--classes-namespace") { Description = "FROM=TO: rewrite a namespace in --classes files (the XFSC 25.11 hierarchy uses https://w3id.org/gaia-x/2511#, the shapes …/development#)" };
        var format = new Option<string>("--format") { Description = "json (default) | turtle", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "turtle");
        var command = new Command("validate", "SHACL-validate a self-description against a shapes graph (W3C validation report)");
        command.Arguments.Add(file);
        command.Options.Add(shapes);
        command.Options.Add(classes);
        command.Options.Add(mapNamespace);
        command.Options.Add(format);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var maps = new List<(string From, string To)>();
            foreach (var m in parse.GetValue(mapNamespace) ?? [])
            {
                var eq = m.IndexOf('=');
                if (eq <= 0) return Fail($"--classes-namespace {m}: expected FROM=TO");
                maps.Add((m[..eq], m[(eq + 1)..]));
            }
            ShapesGraph compiled;
            var extra = new List<RdfDataset>();
            try
            {
                var shapeGraphs = new List<RdfDataset>();
                foreach (var s in parse.GetValue(shapes)!) shapeGraphs.Add(await ReadRdfFileAsync(s, [], cancellationToken));
                compiled = ShapesGraph.Load([.. shapeGraphs]);
                foreach (var c in parse.GetValue(classes) ?? []) extra.Add(await ReadRdfFileAsync(c, maps, cancellationToken));
            }
            catch (ShaclException e) { return Fail($"{e.Code}: {e.Message}"); }
            catch (Exception e) when (IsInputError(e)) { return Fail(e.Message); }

            var bytes = await CommandInput.ReadAllBytesAsync(parse.GetValue(file)!, "sd validate", cancellationToken);
            if (bytes is null) return InvalidInput;
            RdfDataset data;
            try { data = await ReadDataAsync(parse.GetValue(file)!, bytes, cancellationToken); }
            catch (Exception e) when (IsInputError(e)) { return Fail($"{CommandInput.DisplayName(parse.GetValue(file)!)}: {e.Message}"); }

            Shacl.Report.ValidationReport report;
            try { report = compiled.Validate(new DataGraph([data, .. extra]), cancellationToken: cancellationToken); }
            catch (ShaclException e) { return Fail($"{e.Code}: {e.Message}"); }
            Console.Out.WriteLine(parse.GetValue(format) == "turtle" ? report.ToTurtle() : report.ToJson());
            return report.Conforms ? Conforms : NotConforming;
        });
        return command;
    }

    private static bool IsInputError(Exception e) =>
        e is IOException or UnauthorizedAccessException or JsonException or FormatException or JsonLdException or ArgumentException;

    private static int Fail(string message)
    {
        Console.Error.WriteLine($"scsfed sd validate: {message}");
        return InvalidInput;
    }

    private static async Task<RdfDataset> ReadRdfFileAsync(string path, List<(string From, string To)> maps, CancellationToken cancellationToken)
    {
        var text = await File.ReadAllTextAsync(path, cancellationToken);
        foreach (var (from, to) in maps) text = text.Replace(from, to, StringComparison.Ordinal);
        var ext = Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".json" or ".jsonld") return await JsonLdProcessor.ToRdfAsync(Encoding.UTF8.GetBytes(text), cancellationToken: cancellationToken);
        if (ext is ".nq" or ".nt") return NQuadsParser.Parse(text, cancellationToken);
        return new TurtleParser(new Uri(Path.GetFullPath(path)).AbsoluteUri).Parse(text, cancellationToken);
    }

    private static async Task<RdfDataset> ReadDataAsync(string path, byte[] bytes, CancellationToken cancellationToken)
    {
        var text = Encoding.UTF8.GetString(bytes).Trim().TrimStart('\uFEFF');
        if (text.StartsWith('{') || text.StartsWith('['))
        {
            var json = JsonNode.Parse(text) ?? throw new FormatException("empty JSON");
            return await CredentialGraphAsync(json, cancellationToken);
        }
        if (LooksLikeJwt(text)) return await CredentialGraphAsync(JwtPayload(text), cancellationToken);
        var ext = path == "-" ? "" : Path.GetExtension(path).ToLowerInvariant();
        if (ext is ".nq" or ".nt") return NQuadsParser.Parse(text, cancellationToken);
        return new TurtleParser(path == "-" ? null : new Uri(Path.GetFullPath(path)).AbsoluteUri).Parse(text, cancellationToken);
    }

    // A presentation's enveloped credentials are opaque strings in RDF: their payloads are what the shapes are about.
    private static async Task<RdfDataset> CredentialGraphAsync(JsonNode json, CancellationToken cancellationToken)
    {
        var dataset = await JsonLdProcessor.ToRdfAsync(json, cancellationToken: cancellationToken);
        if (json is JsonObject o && o["verifiableCredential"] is JsonNode vcs)
        {
            foreach (var entry in (vcs as JsonArray ?? [vcs.DeepClone()]).OfType<JsonObject>())
            {
                if (EnvelopedCredential.FromEntry(entry) is not { } envelope) continue;
                foreach (var q in (await CredentialGraphAsync(JwtPayload(envelope.Jwt), cancellationToken)).Quads) dataset.Add(q);
            }
        }
        return dataset;
    }

    private static bool LooksLikeJwt(string text) => text.Count(c => c == '.') == 2 && text.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.');

    private static JsonNode JwtPayload(string jwt) => JsonNode.Parse(CompactJws.Parse(jwt).Payload) ?? throw new FormatException("JWT payload is empty");
}
