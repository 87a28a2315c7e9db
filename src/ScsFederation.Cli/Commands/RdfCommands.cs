using System.CommandLine;
using System.Text;
using System.Text.Json;
using ScsFederation.Rdf.Canonicalization;
using ScsFederation.Rdf.JsonLd;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.NQuads;
using ScsFederation.Rdf.Turtle;

namespace ScsFederation.Cli.Commands;

/// <summary>
/// <c>scsfed rdf</c>: RDFC-1.0 canonical N-Quads of N-Quads, Turtle or JSON-LD input, and JSON-LD → N-Quads.
/// Exit codes: 0 success, 2 unreadable or invalid input (syntax error with position, JSON-LD error code,
/// canonicalization limit exceeded).
/// </summary>
internal static class RdfCommands
{
    private const int Ok = 0;
    private const int InvalidInput = 2;

    private enum InputFormat { NQuads, Turtle, JsonLd }

    public static Command Create()
    {
        var group = new Command("rdf", "RDF tools: RDFC-1.0 canonicalization, JSON-LD to RDF");
        group.Subcommands.Add(CreateCanon());
        group.Subcommands.Add(CreateToRdf());
        return group;
    }

    private static Argument<string> FileArgument() => new("FILE") { Description = "Input file, or '-' for stdin" };

    private static Option<string?> FormatOption() => new("--format")
    {
        Description = "nquads | turtle | jsonld (default: by extension .nq/.nt/.ttl/.json/.jsonld, else by the first character)",
    };

    private static Command CreateCanon()
    {
        var file = FileArgument();
        var algorithm = new Option<string>("--algorithm") { Description = "rdfc10 (SHA-256, default) | rdfc10-sha384", DefaultValueFactory = _ => "rdfc10" };
        algorithm.AcceptOnlyFromAmong("rdfc10", "rdfc10-sha384");
        var format = FormatOption();
        var map = new Option<bool>("--map") { Description = "Print the issued identifiers map (input label → canonical label) as JSON instead of N-Quads" };
        var command = new Command("canon", "Print the RDFC-1.0 canonical N-Quads of an N-Quads, Turtle or JSON-LD document");
        command.Arguments.Add(file);
        command.Options.Add(algorithm);
        command.Options.Add(format);
        command.Options.Add(map);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            var options = new RdfCanonicalizationOptions
            {
                HashAlgorithm = parseResult.GetValue(algorithm) == "rdfc10-sha384" ? CanonicalizationHashAlgorithm.Sha384 : CanonicalizationHashAlgorithm.Sha256,
            };
            string path = parseResult.GetValue(file)!;
            var dataset = await ReadDatasetAsync(path, parseResult.GetValue(format), cancellationToken);
            if (dataset is null) return InvalidInput;
            RdfCanonicalizationResult result;
            try
            {
                result = new RdfCanonicalizer(options).Canonicalize(dataset, cancellationToken);
            }
            catch (CanonicalizationLimitExceededException e)
            {
                Console.Error.WriteLine($"scsfed rdf canon: {CommandInput.DisplayName(path)}: {e.Message}");
                return InvalidInput;
            }
            using var stdout = Console.OpenStandardOutput();
            if (parseResult.GetValue(map))
            {
                await JsonSerializer.SerializeAsync(stdout, result.IssuedIdentifiers, new JsonSerializerOptions { WriteIndented = true }, cancellationToken);
                await stdout.WriteAsync("\n"u8.ToArray(), cancellationToken);
            }
            else
            {
                await stdout.WriteAsync(result.Utf8, cancellationToken);
            }
            return Ok;
        });
        return command;
    }

    private static Command CreateToRdf()
    {
        var file = FileArgument();
        var baseIri = new Option<string?>("--base") { Description = "Base IRI of the document (default: none)" };
        var command = new Command("toRdf", "Convert a JSON-LD document to N-Quads (JSON-LD 1.1 Deserialize JSON-LD to RDF; contexts load offline only)");
        command.Arguments.Add(file);
        command.Options.Add(baseIri);
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            string path = parseResult.GetValue(file)!;
            byte[]? bytes = await CommandInput.ReadAllBytesAsync(path, "rdf", cancellationToken);
            if (bytes is null) return InvalidInput;
            var dataset = await JsonLdToRdfAsync(path, bytes, parseResult.GetValue(baseIri), cancellationToken);
            if (dataset is null) return InvalidInput;
            using var stdout = Console.OpenStandardOutput();
            await NQuadsWriter.WriteAsync(stdout, dataset.Quads, cancellationToken);
            return Ok;
        });
        return command;
    }

    private static async Task<RdfDataset?> ReadDatasetAsync(string path, string? formatName, CancellationToken cancellationToken)
    {
        byte[]? bytes = await CommandInput.ReadAllBytesAsync(path, "rdf", cancellationToken);
        if (bytes is null) return null;
        InputFormat format;
        switch (formatName?.ToLowerInvariant())
        {
            case null: format = Detect(path, bytes); break;
            case "nquads" or "ntriples": format = InputFormat.NQuads; break;
            case "turtle" or "ttl": format = InputFormat.Turtle; break;
            case "jsonld" or "json-ld": format = InputFormat.JsonLd; break;
            default:
                Console.Error.WriteLine($"scsfed rdf: unknown --format '{formatName}' (nquads, turtle, jsonld)");
                return null;
        }
        if (format == InputFormat.JsonLd) return await JsonLdToRdfAsync(path, bytes, null, cancellationToken);
        string text;
        try
        {
            text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            Console.Error.WriteLine($"scsfed rdf: {CommandInput.DisplayName(path)}: not valid UTF-8 at byte {e.Index}");
            return null;
        }
        try
        {
            return format == InputFormat.Turtle ? new TurtleParser().Parse(text, cancellationToken) : NQuadsParser.Parse(text, cancellationToken);
        }
        catch (RdfSyntaxException e)
        {
            Console.Error.WriteLine($"scsfed rdf: {CommandInput.DisplayName(path)}:{e.Line}:{e.Column}: {e.Format} syntax error: {e.Reason}");
            return null;
        }
    }

    private static async Task<RdfDataset?> JsonLdToRdfAsync(string path, byte[] bytes, string? baseIri, CancellationToken cancellationToken)
    {
        try
        {
            return await JsonLdProcessor.ToRdfAsync(bytes, new JsonLdOptions { Base = baseIri }, cancellationToken);
        }
        catch (JsonLdException e)
        {
            Console.Error.WriteLine($"scsfed rdf: {CommandInput.DisplayName(path)}: JSON-LD error '{e.Code}': {e.Message}");
        }
        catch (JsonLdDocumentLoadException e)
        {
            Console.Error.WriteLine($"scsfed rdf: {CommandInput.DisplayName(path)}: cannot load '{e.Url}': {e.Reason}");
        }
        catch (JsonException e)
        {
            Console.Error.WriteLine($"scsfed rdf: {CommandInput.DisplayName(path)}: invalid JSON: {e.Message}");
        }
        return null;
    }

    private static InputFormat Detect(string path, byte[] bytes)
    {
        string ext = path == "-" ? "" : Path.GetExtension(path).ToLowerInvariant();
        switch (ext)
        {
            case ".nq" or ".nt" or ".nquads": return InputFormat.NQuads;
            case ".ttl": return InputFormat.Turtle;
            case ".json" or ".jsonld": return InputFormat.JsonLd;
        }
        foreach (byte b in bytes)
        {
            if (b is (byte)' ' or (byte)'\t' or (byte)'\r' or (byte)'\n' or 0xEF or 0xBB or 0xBF) continue;
            if (b is (byte)'{' or (byte)'[') return InputFormat.JsonLd;
            if (b is (byte)'@') return InputFormat.Turtle;
            break;
        }
        return InputFormat.NQuads;
    }
}
