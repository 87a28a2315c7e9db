using System.CommandLine;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Jwt;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.Proofs;
using ScsFederation.Credentials.Verification;

namespace ScsFederation.Cli.Commands;

/// <summary>
/// <c>scsfed sd</c>: sign and verify Gaia-X self-descriptions (VC-JWT / VP-JWT, JsonWebSignature2020).
/// JSON on stdout; exit 0 success, 1 a check failed (the JSON says why), 2 usage or unreadable input.
/// </summary>
internal static class SdCommands
{
    private const int Ok = 0;
    private const int CheckFailed = 1;
    private const int InvalidInput = 2;

    public static Command Create()
    {
        var group = new Command("sd", "Gaia-X self-descriptions: build, validate, sign and verify credentials");
        group.Subcommands.Add(CreateSign());
        group.Subcommands.Add(CreateVerify());
        group.Subcommands.Add(SdBuildCommand.Create());
        group.Subcommands.Add(SdValidateCommand.Create());
        group.Subcommands.Add(SdPublishCommands.CreatePublish());
        group.Subcommands.Add(SdPublishCommands.CreateSubmit());
        group.Subcommands.Add(DidCommands.Create());
        return group;
    }

    private static Command CreateSign()
    {
        var file = new Argument<string>("FILE") { Description = "The credential or presentation (JSON), or '-' for stdin" };
        var key = new Option<string>("--key") { Description = "Private JWK file", Required = true };
        var format = new Option<string>("--format") { Description = "vc-jwt (default) | jws2020-gaiax | jws2020-spec", DefaultValueFactory = _ => "vc-jwt" };
        format.AcceptOnlyFromAmong("vc-jwt", "jws2020-gaiax", "jws2020-spec");
        var vm = new Option<string?>("--vm") { Description = "Verification method (DID URL) used as kid; default the JWK's kid" };
        var alg = new Option<string?>("--alg") { Description = "JWS algorithm; default from the key (PS256 for RSA)" };
        var profile = new Option<string>("--profile") { Description = "VC-JWT header profile: gxdch (default) | gxdch-notary | gaia-x-24.07 | vc-jose-cose", DefaultValueFactory = _ => "gxdch" };
        profile.AcceptOnlyFromAmong([.. VcJwtProfile.Known.Select(p => p.Name)]);
        var command = new Command("sign", "Sign a credential or presentation as VC-JWT or with a JsonWebSignature2020 proof");
        command.Arguments.Add(file);
        command.Options.Add(key);
        command.Options.Add(format);
        command.Options.Add(vm);
        command.Options.Add(alg);
        command.Options.Add(profile);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var document = await ReadJsonObjectAsync(parse.GetValue(file)!, cancellationToken);
            var jwk = ReadKey(parse.GetValue(key)!);
            if (document is null || jwk is null) return InvalidInput;
            if (!jwk.HasPrivateKey) return Usage($"{parse.GetValue(key)} holds no private key");
            var kid = parse.GetValue(vm) ?? jwk.Kid;
            if (kid is null) return Usage("no verification method: give --vm DID-URL or a kid in the JWK");
            JwsKey signingKey;
            try { signingKey = JwsKey.Create(jwk, parse.GetValue(alg) ?? JwsAlgorithms.DefaultFor(jwk)); }
            catch (Exception e) when (e is JwsKeyMismatchException or ArgumentException) { return Usage(e.Message); }
            using (signingKey)
            {
                var output = parse.GetValue(format) switch
                {
                    "vc-jwt" => new JsonObject
                    {
                        ["format"] = "vc-jwt", ["profile"] = parse.GetValue(profile), ["alg"] = signingKey.Algorithm, ["kid"] = kid,
                        ["jwt"] = new VcJwtSigner(signingKey, kid, VcJwtProfile.ByName(parse.GetValue(profile)!)).Sign(document),
                    },
                    var f => await SignJws2020Async(document, signingKey, kid, f == "jws2020-spec" ? Jws2020Flavour.Spec : Jws2020Flavour.GaiaX, cancellationToken),
                };
                if (output is null) return InvalidInput;
                Console.Out.WriteLine(output.ToJsonString(Pretty));
                return Ok;
            }
        });
        return command;
    }

    private static async Task<JsonObject?> SignJws2020Async(JsonObject document, JwsKey key, string kid, Jws2020Flavour flavour, CancellationToken cancellationToken)
    {
        try { return await new JsonWebSignature2020().SignAsync(document, key, kid, flavour, cancellationToken: cancellationToken); }
        catch (Exception e) when (e is ScsFederation.Rdf.JsonLd.JsonLdException or ScsFederation.Rdf.Canonicalization.CanonicalizationLimitExceededException)
        {
            Console.Error.WriteLine($"scsfed sd sign: cannot canonicalize the document: {e.Message}");
            return null;
        }
    }

    private static Command CreateVerify()
    {
        var file = new Argument<string>("FILE") { Description = "A VC-JWT / VP-JWT (compact JWS) or a JSON-LD credential with a JsonWebSignature2020 proof; '-' for stdin" };
        var did = new Option<string[]>("--did") { Description = "DID document file (repeatable: one per issuer of a presentation)", AllowMultipleArgumentsPerToken = false };
        var jwks = new Option<string?>("--jwks") { Description = "JWKS, JWK or {publicKeyJwk} file" };
        var cache = new Option<string?>("--offline-did-cache") { Description = "Folder of DID documents (*.json), all used" };
        var now = new Option<string?>("--at") { Description = "Judge validity at this instant (ISO 8601) instead of now" };
        var command = new Command("verify", "Verify a VC-JWT, a VP-JWT with its enveloped credentials, or a JsonWebSignature2020 proof");
        command.Arguments.Add(file);
        command.Options.Add(did);
        command.Options.Add(jwks);
        command.Options.Add(cache);
        command.Options.Add(now);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var sources = new List<IVerificationKeySource>();
            try
            {
                var didFiles = (parse.GetValue(did) ?? []).ToList();
                if (parse.GetValue(cache) is { } folder)
                {
                    if (!Directory.Exists(folder)) return Usage($"{folder}: no such folder");
                    didFiles.AddRange(Directory.GetFiles(folder, "*.json").Order(StringComparer.Ordinal));
                }
                if (didFiles.Count > 0)
                    sources.Add(new DidDocumentKeySource(didFiles.Select(f => JsonNode.Parse(File.ReadAllText(f)) as JsonObject ?? throw new FormatException($"{f}: not a JSON object")).ToArray()));
                if (parse.GetValue(jwks) is { } jwksFile) sources.Add(JwksKeySource.Parse(File.ReadAllText(jwksFile)));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or JsonException or FormatException)
            {
                return Usage($"key material: {e.Message}");
            }
            if (sources.Count == 0) return Usage("give --did, --jwks or --offline-did-cache");
            DateTimeOffset? at = null;
            if (parse.GetValue(now) is { } atText)
            {
                if (!DateTimeOffset.TryParse(atText, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var parsed)) return Usage($"--at {atText} is not a date");
                at = parsed;
            }
            var bytes = await CommandInput.ReadAllBytesAsync(parse.GetValue(file)!, "sd", cancellationToken);
            if (bytes is null) return InvalidInput;
            var text = Encoding.UTF8.GetString(bytes).Trim();
            var keys = sources.Count == 1 ? sources[0] : new CompositeKeySource([.. sources]);
            CredentialVerificationResult result;
            if (text.StartsWith('{'))
            {
                JsonObject? document;
                try { document = JsonNode.Parse(text) as JsonObject; }
                catch (JsonException e) { return Usage($"not JSON: {e.Message}"); }
                result = await new JsonWebSignature2020 { Now = at }.VerifyAsync(document!, keys, cancellationToken);
            }
            else
            {
                result = new VcJwtVerifier(keys, new VcJwtVerifierOptions { Now = at }).Verify(text);
            }
            Console.Out.WriteLine(result.ToJson().ToJsonString(Pretty));
            return result.Ok ? Ok : CheckFailed;
        });
        return command;
    }

    // Readable JSON: '+' in media types and non-ASCII names stay as they are. Shared by every `sd` subcommand.
    internal static readonly JsonSerializerOptions Pretty = new() { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"scsfed sd: {message}");
        return InvalidInput;
    }

    private static JsonWebKey? ReadKey(string path)
    {
        try { return JsonWebKey.Parse(File.ReadAllText(path)); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException)
        {
            Console.Error.WriteLine($"scsfed sd: {path}: {e.Message}");
            return null;
        }
    }

    private static async Task<JsonObject?> ReadJsonObjectAsync(string path, CancellationToken cancellationToken)
    {
        var bytes = await CommandInput.ReadAllBytesAsync(path, "sd", cancellationToken);
        if (bytes is null) return null;
        try
        {
            if (JsonNode.Parse(bytes) is JsonObject o) return o;
            Console.Error.WriteLine($"scsfed sd: {CommandInput.DisplayName(path)}: not a JSON object");
        }
        catch (JsonException e) { Console.Error.WriteLine($"scsfed sd: {CommandInput.DisplayName(path)}: not JSON: {e.Message}"); }
        return null;
    }
}
