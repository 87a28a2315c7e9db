using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.Model;
using ScsFederation.Credentials.Verification;
using ScsFederation.Rdf.Canonicalization;
using ScsFederation.Rdf.JsonLd;

namespace ScsFederation.Credentials.Proofs;

/// <summary>
/// JsonWebSignature2020 proofs on VC 1.1 JSON-LD credentials (Gaia-X Tagus / 22.10): a detached JWS
/// with an unencoded payload (RFC 7797, header <c>{"alg":…,"b64":false,"crit":["b64"]}</c>) over the
/// RDFC-1.0 canonical form. Both flavours sign and verify; verification tries the Gaia-X one first.
/// Contexts come from the offline cache (<c>schemas/contexts/</c>) unless the options say otherwise.
/// </summary>
public sealed class JsonWebSignature2020(JsonLdOptions? jsonLdOptions = null)
{
    public const string ProofType = "JsonWebSignature2020";
    public const string SuiteContext = "https://w3id.org/security/suites/jws-2020/v1";

    private readonly JsonLdOptions _jsonLd = jsonLdOptions ?? new JsonLdOptions();
    private readonly VerificationKeyCache _keyCache = new();

    /// <summary>The instant expirationDate/validUntil are judged at (default: now).</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Returns a copy of <paramref name="document"/> with a JsonWebSignature2020 proof
    /// (any existing proof is replaced; the suite context is appended when missing).</summary>
    public async Task<JsonObject> SignAsync(JsonObject document, JwsKey key, string verificationMethod, Jws2020Flavour flavour = Jws2020Flavour.GaiaX,
        DateTimeOffset? created = null, string proofPurpose = "assertionMethod", CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var signed = (JsonObject)document.DeepClone();
        signed.Remove("proof");
        var contexts = VerifiableCredential.Strings(signed["@context"]);
        if (!contexts.Contains(SuiteContext))
        {
            var array = signed["@context"] switch { JsonArray a => a, JsonNode n => new JsonArray(n.DeepClone()), null => new JsonArray() };
            if (!ReferenceEquals(array, signed["@context"])) signed["@context"] = array;
            array.Add(SuiteContext);
        }
        var proof = new JsonObject
        {
            ["type"] = ProofType,
            ["created"] = (created ?? DateTimeOffset.UtcNow).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["proofPurpose"] = proofPurpose,
            ["verificationMethod"] = verificationMethod,
        };
        var payload = await PayloadAsync(flavour, signed, proof, cancellationToken).ConfigureAwait(false);
        var header = Base64Url.Encode(Encoding.UTF8.GetBytes($"{{\"alg\":\"{key.Algorithm}\",\"b64\":false,\"crit\":[\"b64\"]}}"));
        var signature = key.Sign(SigningInput(header, payload));
        proof["jws"] = header + ".." + Base64Url.Encode(signature);
        signed["proof"] = proof;
        return signed;
    }

    /// <summary>Verifies the document's (first) JsonWebSignature2020 proof with a key from <paramref name="keys"/>.</summary>
    public async Task<CredentialVerificationResult> VerifyAsync(JsonObject document, IVerificationKeySource keys, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(document);
        var credential = new VerifiableCredential(document);
        var proof = document["proof"] switch { JsonObject o => o, JsonArray a => a.OfType<JsonObject>().FirstOrDefault(), _ => null };
        if (proof is null) return CredentialVerificationResult.Refused(Refusal.ProofMissing, "the document has no proof") with { Credential = credential };
        var type = VerifiableCredential.Text(proof["type"]);
        if (type != ProofType) return CredentialVerificationResult.Refused(Refusal.ProofUnsupported, $"proof type {type ?? "(none)"} is not {ProofType}") with { Credential = credential };
        var vm = VerifiableCredential.IdOf(proof["verificationMethod"]);
        var jws = VerifiableCredential.Text(proof["jws"]);
        CredentialVerificationResult Fail(string reason, string detail, string? alg = null) =>
            new() { Reason = reason, Detail = detail, Kid = vm, Algorithm = alg, Credential = credential, Profile = ProofType };

        if (jws is null) return Fail(Refusal.Malformed, "proof.jws is missing");
        var parts = jws.Split('.');
        if (parts.Length != 3 || parts[1].Length != 0) return Fail(Refusal.Malformed, "proof.jws is not a detached compact JWS (header..signature)");
        JsonObject header;
        byte[] signature;
        try
        {
            header = JsonNode.Parse(Base64Url.Decode(parts[0])) as JsonObject ?? throw new FormatException("the JWS header is not an object");
            signature = Base64Url.Decode(parts[2]);
        }
        catch (Exception e) when (e is FormatException or System.Text.Json.JsonException) { return Fail(Refusal.Malformed, $"proof.jws: {e.Message}"); }
        var alg = VerifiableCredential.Text(header["alg"]);
        if (alg is null || alg.Equals("none", StringComparison.OrdinalIgnoreCase)) return Fail(Refusal.AlgNone, "the proof's JWS has alg none or no alg");
        if (!JwsAlgorithms.IsSupported(alg)) return Fail(Refusal.AlgUnsupported, $"alg {alg} is not accepted", alg);
        var crit = VerifiableCredential.Strings(header["crit"]);
        if (header["b64"] is not JsonValue b64 || !b64.TryGetValue(out bool b64Value) || b64Value || !crit.Contains("b64"))
            return Fail(Refusal.Malformed, "the proof's JWS header must have b64:false and crit [\"b64\"]", alg);
        if (crit.Any(c => c != "b64")) return Fail(Refusal.CritUnsupported, $"crit names {string.Join(", ", crit)}", alg);

        var lookup = keys.Find(vm);
        if (lookup.Key is null) return Fail(lookup.Reason!, lookup.Detail!, alg);
        if (JwsAlgorithms.Mismatch(alg, lookup.Key) is { } mismatch) return Fail(Refusal.AlgKeyMismatch, mismatch, alg);

        var subject = credential.IsPresentation ? credential.Holder : credential.Issuer;
        if (vm is not null && subject is not null && subject.StartsWith("did:", StringComparison.Ordinal) && vm.StartsWith("did:", StringComparison.Ordinal)
            && (vm.Contains('#') ? vm[..vm.IndexOf('#')] : vm) != subject)
            return Fail(Refusal.IssuerMismatch, $"verificationMethod {vm} is not a key of {subject}", alg);

        Jws2020Flavour? matched = null;
        try
        {
            var key = _keyCache.Get(lookup.Key, alg);
            var proofOptions = (JsonObject)proof.DeepClone();
            proofOptions.Remove("jws");
            // The document's canonical hash is shared by both flavours: computed once.
            var documentHash = await DocumentHashAsync(document, cancellationToken).ConfigureAwait(false);
            foreach (var flavour in new[] { Jws2020Flavour.GaiaX, Jws2020Flavour.Spec })
            {
                var payload = await PayloadAsync(flavour, documentHash, document, proofOptions, cancellationToken).ConfigureAwait(false);
                if (key.Verify(SigningInput(parts[0], payload), signature)) { matched = flavour; break; }
            }
        }
        catch (JwsKeyMismatchException e) { return Fail(Refusal.KeyUnusable, e.Message, alg); }
        catch (Exception e) when (e is JsonLdException or CanonicalizationLimitExceededException) { return Fail(Refusal.CanonicalizationFailed, e.Message, alg); }
        if (matched is null) return Fail(Refusal.BadSignature, $"the proof does not verify with {vm} in either flavour (Gaia-X, specification)", alg);

        var ok = new CredentialVerificationResult
        {
            Algorithm = alg, Kid = vm, Header = header, Credential = credential,
            Profile = matched == Jws2020Flavour.GaiaX ? "JsonWebSignature2020/gaia-x" : "JsonWebSignature2020/spec",
        };
        var now = Now ?? DateTimeOffset.UtcNow;
        if (credential.EffectiveValidUntil is { } until && until < now) return ok with { Reason = Refusal.Expired, Detail = $"expirationDate {until:O} is past" };
        if (credential.EffectiveValidFrom is { } from && from > now + TimeSpan.FromMinutes(1)) return ok with { Reason = Refusal.NotYetValid, Detail = $"issuanceDate {from:O} is in the future" };
        return ok;
    }

    /// <summary>The bytes the detached JWS covers in <paramref name="flavour"/>.</summary>
    public async Task<byte[]> PayloadAsync(Jws2020Flavour flavour, JsonObject document, JsonObject proofOptions, CancellationToken cancellationToken = default) =>
        await PayloadAsync(flavour, await DocumentHashAsync(document, cancellationToken).ConfigureAwait(false), document, proofOptions, cancellationToken).ConfigureAwait(false);

    /// <summary>SHA-256 of the canonical N-Quads of the document without its proof.</summary>
    private async Task<byte[]> DocumentHashAsync(JsonObject document, CancellationToken cancellationToken)
    {
        var withoutProof = (JsonObject)document.DeepClone();
        withoutProof.Remove("proof");
        return SHA256.HashData((await CanonicalAsync(withoutProof, cancellationToken).ConfigureAwait(false)).Span);
    }

    private async Task<byte[]> PayloadAsync(Jws2020Flavour flavour, byte[] documentHash, JsonObject document, JsonObject proofOptions, CancellationToken cancellationToken)
    {
        if (flavour == Jws2020Flavour.GaiaX) return Encoding.ASCII.GetBytes(Convert.ToHexStringLower(documentHash));
        var options = new JsonObject { ["@context"] = document["@context"]?.DeepClone() };
        foreach (var (name, value) in proofOptions)
            if (name is not ("jws" or "@context" or "signatureValue" or "proofValue")) options[name] = value?.DeepClone();
        var optionsHash = SHA256.HashData((await CanonicalAsync(options, cancellationToken).ConfigureAwait(false)).Span);
        return [.. optionsHash, .. documentHash];
    }

    /// <summary>RDFC-1.0 canonical N-Quads (UTF-8) of a JSON-LD document.</summary>
    public async Task<ReadOnlyMemory<byte>> CanonicalAsync(JsonObject document, CancellationToken cancellationToken = default)
    {
        var dataset = await JsonLdProcessor.ToRdfAsync(document, _jsonLd, cancellationToken).ConfigureAwait(false);
        return new RdfCanonicalizer().Canonicalize(dataset, cancellationToken).Utf8;
    }

    private static byte[] SigningInput(string encodedHeader, byte[] payload) => [.. Encoding.ASCII.GetBytes(encodedHeader + "."), .. payload];
}
