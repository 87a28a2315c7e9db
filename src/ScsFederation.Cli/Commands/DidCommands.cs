using System.CommandLine;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.X509;

namespace ScsFederation.Cli.Commands;

/// <summary>
/// <c>scsfed sd did init</c>: an issuer identity outside the hub — a fresh key (file 0600), a certificate signing
/// request for the operator's CA or, with <c>--lab</c>, a self-signed lab chain (root → leaf, SAN = the DID host), and
/// the did:web document whose JsonWebKey2020 method carries <c>alg</c> and <c>x5u</c>. The same document shape, x5u
/// URLs and key ids as the hub's (<c>hub.didWeb</c>). Exit 0 done, 1 the lab chain failed its own x5u check, 2 usage
/// or input error (including an existing key file: keys are never overwritten).
/// </summary>
internal static class DidCommands
{
    private static readonly string[] Algorithms = ["PS256", "ES256", "ES384", "EdDSA", "ES256K"];

    public static Command Create()
    {
        var group = new Command("did", "did:web issuer identities");
        group.Subcommands.Add(CreateInit());
        return group;
    }

    private static Command CreateInit()
    {
        var did = new Option<string>("--did") { Description = "did:web:host[%3Aport][:path...]", Required = true };
        var output = new Option<string>("--out") { Description = "Folder for issuer.jwk, issuer.csr.pem or chain.pem, and did.json", Required = true };
        var alg = new Option<string>("--alg") { Description = "PS256 (default) | ES256 | ES384 | EdDSA | ES256K", DefaultValueFactory = _ => "PS256" };
        alg.AcceptOnlyFromAmong(Algorithms);
        var lab = new Option<bool>("--lab") { Description = "Write a self-signed lab chain instead of a CSR (publishing it needs hub.didWeb.allowSelfSigned)" };
        var days = new Option<int>("--days") { Description = "Lab chain validity in days", DefaultValueFactory = _ => 365 };
        var command = new Command("init", "Generate an issuer key, a CSR or lab chain, and the did:web document");
        command.Options.Add(did);
        command.Options.Add(output);
        command.Options.Add(alg);
        command.Options.Add(lab);
        command.Options.Add(days);
        command.SetAction(parse =>
        {
            var didText = parse.GetValue(did)!;
            if (DidWebAddress.Parse(didText) is not { } address) return Usage($"{didText} is not a did:web DID (did:web:host[%3Aport][:path...])");
            var folder = parse.GetValue(output)!;
            var keyFile = Path.Combine(folder, "issuer.jwk");
            if (File.Exists(keyFile)) return Usage($"{keyFile} exists: refusing to overwrite an issuer key");
            var algorithm = parse.GetValue(alg)!;
            var jwk = JsonWebKey.Generate(algorithm);
            var keyId = jwk.Thumbprint();
            var kid = didText + "#" + keyId;
            var x5u = address.X5uUrl(keyId);
            var method = jwk.ToPublic().With("alg", algorithm).With("x5u", x5u);
            try
            {
                Directory.CreateDirectory(folder);
                WriteOwnerOnly(keyFile, jwk.With("kid", kid).ToString());
                var files = new JsonObject { ["key"] = keyFile };
                X5uCheckResult? check = null;
                if (parse.GetValue(lab))
                {
                    var now = DateTimeOffset.UtcNow;
                    var chain = IssuerCertificates.CreateLabChainPem(jwk.ToPublic(), address.Host, now.AddMinutes(-5), now.AddDays(parse.GetValue(days)));
                    files["chain"] = Write(Path.Combine(folder, "chain.pem"), chain);
                    check = X5uChainCheck.Check(chain, method, didText, new X5uCheckOptions { AllowSelfSignedRoot = true });
                }
                else
                {
                    files["csr"] = Write(Path.Combine(folder, "issuer.csr.pem"), IssuerCertificates.CreateSigningRequestPem(jwk, algorithm, address.Host));
                }
                var document = new JsonObject
                {
                    ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"),
                    ["id"] = didText,
                    ["verificationMethod"] = new JsonArray(new JsonObject { ["id"] = kid, ["type"] = "JsonWebKey2020", ["controller"] = didText, ["publicKeyJwk"] = method.ToJson() }),
                    ["assertionMethod"] = new JsonArray(kid),
                };
                files["didDocument"] = Write(Path.Combine(folder, "did.json"), document.ToJsonString(SdCommands.Pretty));
                var result = new JsonObject
                {
                    ["did"] = didText, ["alg"] = algorithm, ["kid"] = kid, ["documentUrl"] = address.DocumentUrl, ["x5u"] = x5u,
                    ["lab"] = parse.GetValue(lab), ["files"] = files,
                    ["next"] = parse.GetValue(lab)
                        ? $"serve did.json at {address.DocumentUrl} and chain.pem at {x5u}"
                        : $"have issuer.csr.pem signed (SAN {address.Host}), serve the chain leaf → root at {x5u} and did.json at {address.DocumentUrl}",
                };
                if (check is { Ok: false }) result["refused"] = new JsonObject { ["reason"] = check.Reason, ["detail"] = check.Detail };
                Console.Out.WriteLine(result.ToJsonString(SdCommands.Pretty));
                return check is { Ok: false } ? 1 : 0;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                return Usage(e.Message);
            }
        });
        return command;
    }

    private static string Write(string path, string content)
    {
        File.WriteAllText(path, content);
        return path;
    }

    /// <summary>Created 0600 from the start (never world-readable for an instant) and never over an existing file.</summary>
    private static void WriteOwnerOnly(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows()) options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        using var writer = new StreamWriter(path, new System.Text.UTF8Encoding(false), options);
        writer.Write(content);
    }

    private static int Usage(string message)
    {
        Console.Error.WriteLine($"scsfed sd did: {message}");
        return 2;
    }
}
