using System.Diagnostics;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Tests.Jwt;

namespace ScsFederation.Credentials.Tests;

/// <summary><c>scsfed sd sign|verify</c> end to end: JSON on stdout, exit 0 ok / 1 check failed / 2 usage or input error, '-' = stdin.</summary>
public sealed class SdCliTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scsfed-sd-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    internal static (int Exit, string Stdout, string Stderr) Run(string? stdin, params string[] args)
    {
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = RepositoryRoot.Combine("src", "ScsFederation.Cli", "bin", configuration, "net10.0", "scsfed.dll");
        Assert.True(File.Exists(dll), $"{dll} not found: build src/ScsFederation.Cli ({configuration})");
        var start = new ProcessStartInfo("dotnet", [dll, .. args]) { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (stdin is not null) process.StandardInput.Write(stdin);
        process.StandardInput.Close();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException("scsfed did not finish");
        }
        return (process.ExitCode, stdout.Result, stderr.Result);
    }

    [Theory]
    [InlineData("vc-jwt")]
    [InlineData("jws2020-gaiax")]
    [InlineData("jws2020-spec")]
    public void Sign_then_verify_round_trips_and_a_tampered_copy_fails_with_exit_1(string format)
    {
        var issuer = new Issuer("ES256");
        var key = Write("key.jwk", issuer.PrivateKey.ToString());
        var did = Write("did.json", issuer.DidDocument().ToJsonString());
        JsonObject document = issuer.Credential(validUntil: null);
        if (format != "vc-jwt")
        {
            document = (JsonObject)Conformance.TagusJws2020Tests.SignedCredentials("participant-vp.json")[2].DeepClone();
            document.Remove("proof");
            document["issuer"] = issuer.Did;
        }
        var (exit, stdout, stderr) = Run(document.ToJsonString(), "sd", "sign", "--key", key, "--vm", issuer.Kid, "--format", format, "-");
        Assert.True(exit == 0, stderr);
        var output = JsonNode.Parse(stdout)!.AsObject();
        var signed = format == "vc-jwt" ? output["jwt"]!.GetValue<string>() : output.ToJsonString();
        if (format == "vc-jwt") Assert.Equal("vc+jwt", CompactJws.Parse(signed).Header["typ"]!.GetValue<string>());
        var file = Write("signed.txt", signed);

        (exit, stdout, stderr) = Run(null, "sd", "verify", file, "--did", did);
        Assert.True(exit == 0, stdout + stderr);
        var result = JsonNode.Parse(stdout)!;
        Assert.True(result["ok"]!.GetValue<bool>());
        Assert.Equal(format switch { "vc-jwt" => "vc+jwt/vc", "jws2020-gaiax" => "JsonWebSignature2020/gaia-x", _ => "JsonWebSignature2020/spec" }, result["profile"]!.GetValue<string>());

        var other = new Issuer("ES256", fragment: "other");
        (exit, stdout, _) = Run(signed, "sd", "verify", "-", "--did", Write("other.json", issuer.DidDocument(other.PrivateKey.ToPublic()).ToJsonString()));
        Assert.Equal(1, exit);
        Assert.Equal("bad_signature", JsonNode.Parse(stdout)!["reason"]!.GetValue<string>());
    }

    [Fact]
    public void Verify_reads_the_XFSC_fixtures_with_an_offline_DID_cache_and_judges_at_a_given_instant()
    {
        var cache = Directory.CreateDirectory(Path.Combine(_dir, "dids")).FullName;
        File.Copy(TestData.Loire("keys", "xfsc-fc_did-server_did.json"), Path.Combine(cache, "did-server.json"));
        var (exit, stdout, _) = Run(null, "sd", "verify", TestData.Loire("verifiable-synthetic", "xfsc-cat_participant-vp.loire.signed.jwt"), "--offline-did-cache", cache, "--at", "2026-06-01T00:00:00Z");
        Assert.Equal(0, exit);
        Assert.Equal("vp+jwt/vp", JsonNode.Parse(stdout)!["profile"]!.GetValue<string>());
        (exit, stdout, _) = Run(null, "sd", "verify", TestData.Loire("verifiable-synthetic", "xfsc-cat_participant.loire.signed.jwt"), "--offline-did-cache", cache, "--at", "2028-06-01T00:00:00Z");
        Assert.Equal(1, exit);
        Assert.Equal("expired", JsonNode.Parse(stdout)!["reason"]!.GetValue<string>());
    }

    [Theory]
    [InlineData("sd", "verify", "x.jwt")]                                   // no key source
    [InlineData("sd", "verify", "/nonexistent.jwt", "--jwks", "KEY")]       // unreadable input
    [InlineData("sd", "sign", "--key", "KEY", "DOC")]                       // public key only / no kid
    [InlineData("sd", "sign", "--key", "KEY", "--format", "pdf", "DOC")]    // unknown format
    [InlineData("sd", "verify", "--bogus")]
    public void Usage_and_input_errors_exit_2(params string[] args)
    {
        var key = Write("pub.jwk", JsonWebKey.Generate("ES256").ToPublic().ToString());
        var doc = Write("doc.json", "{}");
        var (exit, _, _) = Run(null, args.Select(a => a == "KEY" ? key : a == "DOC" ? doc : a).ToArray());
        Assert.Equal(2, exit);
    }
}
