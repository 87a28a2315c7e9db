using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Compliance;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.Proofs;
using ScsFederation.Credentials.Verification;

namespace ScsFederation.Credentials.Tests.Conformance;

/// <summary>
/// The real Tagus (22.10) samples (samples/tagus-22.10, EPL-2.0): every JsonWebSignature2020 proof whose
/// key is known offline (expected.json carries the issuer DID's PEM key: 16 of the 22) verifies in the
/// Gaia-X flavour, and fails after one changed character in the credential subject. The other six are
/// signed by Gaia-X Lab services whose keys are not available offline.
/// </summary>
public class TagusJws2020Tests
{
    private static readonly JsonObject[] Expectations =
        JsonNode.Parse(File.ReadAllText(TestData.Tagus("expected.json")))!.AsArray().Select(e => e!.AsObject()).ToArray();

    public static TheoryData<string, int> Checkable()
    {
        var data = new TheoryData<string, int>();
        foreach (var e in Expectations.Where(e => e["publicKeyPemFromDid"] is not null))
            data.Add(e["file"]!.GetValue<string>(), e["index"]!.GetValue<int>());
        return data;
    }

    [Fact]
    public void Sixteen_signatures_are_checkable_offline()
    {
        Assert.Equal(16, Checkable().Count);
        Assert.Equal(22, Expectations.Length);
    }

    private static JsonObject Expectation(string file, int index) =>
        Expectations.Single(e => e["file"]!.GetValue<string>() == file && e["index"]!.GetValue<int>() == index);

    /// <summary>Signed credentials of a sample in document order: the VP's entries, then the compliance credential.</summary>
    internal static List<JsonObject> SignedCredentials(string file)
    {
        var root = TestData.Json(TestData.Tagus(file));
        var presentation = root["selfDescriptionCredential"]?.AsObject() ?? root;
        var result = presentation["verifiableCredential"]!.AsArray().Select(v => v!.AsObject()).ToList();
        if (root["complianceCredential"] is JsonObject compliance) result.Add(compliance);
        return result;
    }

    /// <summary>A DID document built from the PEM key the issuer's DID published (recorded in expected.json).</summary>
    private static DidDocumentKeySource KeysFor(JsonObject expectation)
    {
        using var rsa = RSA.Create();
        rsa.ImportFromPem(expectation["publicKeyPemFromDid"]!.GetValue<string>());
        var vm = expectation["verificationMethod"]!.GetValue<string>();
        var did = new JsonObject
        {
            ["id"] = vm[..vm.IndexOf('#')],
            ["verificationMethod"] = new JsonArray(new JsonObject
            {
                ["id"] = vm, ["type"] = "JsonWebKey2020", ["controller"] = vm[..vm.IndexOf('#')],
                ["publicKeyJwk"] = JsonWebKey.FromRsa(rsa, includePrivate: false).ToJson(),
            }),
        };
        return new DidDocumentKeySource(did);
    }

    private static readonly JsonWebSignature2020 Suite = new() { Now = new DateTimeOffset(2023, 12, 1, 0, 0, 0, TimeSpan.Zero) };

    [Theory]
    [MemberData(nameof(Checkable))]
    public async Task Real_proof_verifies_in_the_gaiax_flavour(string file, int index)
    {
        var expectation = Expectation(file, index);
        var vc = SignedCredentials(file)[index - 1];
        var result = await Suite.VerifyAsync(vc, KeysFor(expectation));
        Assert.True(result.Ok, $"{result.Reason}: {result.Detail}");
        Assert.Equal("JsonWebSignature2020/gaia-x", result.Profile);
        Assert.Equal("PS256", result.Algorithm);
        Assert.Equal(expectation["verificationMethod"]!.GetValue<string>(), result.Kid);
    }

    [Theory]
    [MemberData(nameof(Checkable))]
    public async Task One_changed_character_in_the_subject_breaks_the_proof(string file, int index)
    {
        var vc = (JsonObject)SignedCredentials(file)[index - 1].DeepClone();
        var subject = vc["credentialSubject"] is JsonArray a ? a[0]!.AsObject() : vc["credentialSubject"]!.AsObject();
        // The first string-valued member other than id/type: change its last character.
        var (name, value) = subject.Where(p => p.Key is not ("id" or "type" or "@context") && p.Value is JsonValue v && v.TryGetValue(out string? text) && text.Length > 0)
            .Select(p => (p.Key, p.Value!.GetValue<string>())).FirstOrDefault();
        if (name is null)
        {
            // Only nested values: change a character of the subject's id instead.
            name = "id";
            value = subject["id"]!.GetValue<string>();
        }
        subject[name] = value[..^1] + (value[^1] == 'x' ? 'y' : 'x');
        var result = await Suite.VerifyAsync(vc, KeysFor(Expectation(file, index)));
        Assert.Equal(Refusal.BadSignature, result.Reason);
    }

    [Fact]
    public async Task Canonical_form_hash_equals_the_recorded_one_for_every_sample_credential()
    {
        // Independent of keys: our canonical N-Quads hash equals what jsonld.js + rdf-canonize recorded.
        foreach (var e in Expectations)
        {
            var vc = (JsonObject)SignedCredentials(e["file"]!.GetValue<string>())[e["index"]!.GetValue<int>() - 1].DeepClone();
            vc.Remove("proof");
            var canonical = await Suite.CanonicalAsync(vc);
            Assert.Equal(e["sha256HexOfCanonical"]!.GetValue<string>(), Convert.ToHexStringLower(SHA256.HashData(canonical.Span)));
        }
    }

    [Fact]
    public void Compliance_integrity_hashes_recompute()
    {
        var files = Directory.GetFiles(TestData.Tagus(), "*.json").Where(f => Path.GetFileName(f) != "expected.json" && TestData.Json(f)["complianceCredential"] is not null).ToList();
        Assert.NotEmpty(files);
        var checkedCount = 0;
        foreach (var file in files)
        {
            var root = TestData.Json(file);
            using var doc = JsonDocument.Parse(File.ReadAllText(file));
            var submitted = doc.RootElement.GetProperty("selfDescriptionCredential").GetProperty("verifiableCredential").EnumerateArray().ToList();
            var hashes = submitted.Select(TagusIntegrity.Compute).ToList();
            foreach (var subject in root["complianceCredential"]!["credentialSubject"]!.AsArray())
            {
                var integrity = subject!["integrity"]!.GetValue<string>();
                var at = hashes.IndexOf(integrity);
                Assert.True(at >= 0, $"{Path.GetFileName(file)}: {integrity} is no submitted credential's hash");
                // ... and it is the credential whose subject the compliance entry names.
                var named = submitted[at].GetProperty("credentialSubject");
                var id = (named.ValueKind == JsonValueKind.Array ? named[0] : named).GetProperty("id").GetString();
                Assert.Equal(id, subject["id"]!.GetValue<string>());
                checkedCount++;
            }
        }
        Assert.True(checkedCount >= 4);
    }
}
