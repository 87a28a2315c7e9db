using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.Model;
using ScsFederation.Credentials.Verification;

namespace ScsFederation.Credentials.Jwt;

/// <summary>Options of <see cref="VcJwtVerifier"/>.</summary>
public sealed class VcJwtVerifierOptions
{
    /// <summary>The instant validity is judged at (default: now).</summary>
    public DateTimeOffset? Now { get; init; }

    /// <summary>Tolerated clock difference for every time comparison.</summary>
    public TimeSpan ClockSkew { get; init; } = TimeSpan.FromMinutes(1);

    /// <summary>Algorithms accepted; default all supported (never <c>none</c>).</summary>
    public IReadOnlyCollection<string>? Algorithms { get; init; }
}

/// <summary>
/// Verifies VC-JWTs and VP-JWTs (JOSE compact JWS whose payload is the credential, VC 2.0; VC 1.1
/// payloads are read alike). Order: structure → alg → header profile → key by kid → alg/key fit →
/// signature → issuer binding → validity period → enveloped credentials. Signature comes before the
/// dates so "expired" is only said of a credential the key really signed.
/// </summary>
public sealed class VcJwtVerifier(IVerificationKeySource keys, VcJwtVerifierOptions? options = null)
{
    private readonly VcJwtVerifierOptions _options = options ?? new VcJwtVerifierOptions();
    private readonly VerificationKeyCache _keyCache = new();

    /// <summary>Header parameters we understand when listed in <c>crit</c>.</summary>
    private static readonly HashSet<string> UnderstoodCritical = ["iss", "iat", "exp", "b64"];

    /// <summary>Header times above this are milliseconds (1e11 s is the year 5138; 1e11 ms is 1973).</summary>
    private const double MillisecondsThreshold = 1e11;

    public CredentialVerificationResult Verify(string compact) => Verify(compact, mediaType: null, depth: 0);

    private CredentialVerificationResult Verify(string compact, string? mediaType, int depth)
    {
        CompactJws jws;
        try { jws = CompactJws.Parse(compact); }
        catch (FormatException e) { return Refused(Refusal.Malformed, e.Message, mediaType); }

        var header = jws.Header;
        var alg = Str(header, "alg");
        var kid = Str(header, "kid");
        CredentialVerificationResult Fail(string reason, string detail, string? profile = null) =>
            new() { Reason = reason, Detail = detail, Algorithm = alg, Kid = kid, Header = header, Profile = profile, MediaType = mediaType };

        if (alg is null || alg.Equals("none", StringComparison.OrdinalIgnoreCase))
            return Fail(Refusal.AlgNone, alg is null ? "the header has no alg" : "alg none: an unsecured JWS is never accepted");
        if (!JwsAlgorithms.IsSupported(alg) || (_options.Algorithms is { } allowed && !allowed.Contains(alg)))
            return Fail(Refusal.AlgUnsupported, $"alg {alg} is not accepted");
        if (header["crit"] is { } crit)
        {
            if (crit is not JsonArray names || names.Count == 0) return Fail(Refusal.Malformed, "crit must be a non-empty array");
            foreach (var n in names)
            {
                var name = n is JsonValue v && v.TryGetValue(out string? s) ? s : null;
                if (name is null || !UnderstoodCritical.Contains(name) || !header.ContainsKey(name))
                    return Fail(Refusal.CritUnsupported, $"crit names '{n?.ToJsonString()}', which this verifier does not process");
            }
            if (header["b64"] is JsonValue b && b.TryGetValue(out bool b64) && !b64)
                return Fail(Refusal.Malformed, "b64:false is for detached JSON-LD proofs, not VC-JWT");
        }

        JsonObject payload;
        try
        {
            payload = JsonNode.Parse(jws.Payload, documentOptions: new JsonDocumentOptions { MaxDepth = 256 }) as JsonObject
                ?? throw new FormatException("the payload is not a JSON object");
        }
        catch (Exception e) when (e is JsonException or FormatException) { return Fail(Refusal.Malformed, $"payload: {e.Message}"); }
        var credential = new VerifiableCredential(payload);

        var typ = Str(header, "typ");
        var cty = Str(header, "cty");
        var profile = MatchProfile(typ, cty, credential.IsPresentation, out var profileProblem);
        if (profile is null) return Fail(Refusal.TypNotAccepted, profileProblem!) with { Credential = credential };

        var lookup = keys.Find(kid);
        if (lookup.Key is null) return Fail(lookup.Reason!, lookup.Detail!, profile) with { Credential = credential };
        if (JwsAlgorithms.Mismatch(alg, lookup.Key) is { } mismatch) return Fail(Refusal.AlgKeyMismatch, mismatch, profile) with { Credential = credential };

        bool valid;
        try
        {
            valid = _keyCache.Get(lookup.Key, alg).Verify(jws.SigningInput, jws.Signature);
        }
        catch (JwsKeyMismatchException e) { return Fail(Refusal.KeyUnusable, e.Message, profile) with { Credential = credential }; }
        if (!valid) return Fail(Refusal.BadSignature, $"the signature does not verify with {lookup.KeyId ?? "the key"}", profile) with { Credential = credential };

        var ok = new CredentialVerificationResult { Algorithm = alg, Kid = kid, Header = header, Profile = profile, Credential = credential, MediaType = mediaType };

        if (IssuerProblem(header, payload, credential, kid) is { } issuerProblem) return ok with { Reason = Refusal.IssuerMismatch, Detail = issuerProblem };

        var structure = credential.StructuralProblems();
        if (structure.Count > 0) return ok with { Reason = Refusal.InvalidCredential, Detail = string.Join("; ", structure) };

        var (timeReason, timeDetail, timeClaims) = CheckTimes(header, payload, credential);
        ok = ok with { TimeClaims = timeClaims };
        if (timeReason is not null) return ok with { Reason = timeReason, Detail = timeDetail };

        if (!credential.IsPresentation) return ok;
        return VerifyEnveloped(ok, credential, depth);
    }

    private CredentialVerificationResult VerifyEnveloped(CredentialVerificationResult outer, VerifiableCredential presentation, int depth)
    {
        var inner = new List<CredentialVerificationResult>();
        foreach (var entry in presentation.VerifiableCredentials)
        {
            var envelope = EnvelopedCredential.FromEntry(entry);
            if (envelope is null)
            {
                inner.Add(Refused(Refusal.Malformed, $"entry {VerifiableCredential.Text(entry["id"]) ?? "(no id)"} is not an enveloped VC-JWT", null));
                continue;
            }
            // A presentation inside a presentation is refused: it would let the verification recurse.
            inner.Add(depth > 0 ? Refused(Refusal.Malformed, "nested presentations are not accepted", envelope.MediaType)
                : Verify(envelope.Jwt, envelope.MediaType, depth + 1) is var r && r.Credential?.IsPresentation == true
                    ? r with { Reason = Refusal.Malformed, Detail = "an envelope in a presentation must hold a credential" } : r);
        }
        var outerWithInner = outer with { Enveloped = inner };
        var firstBad = inner.Select((r, i) => (r, i)).FirstOrDefault(x => !x.r.Ok);
        return firstBad.r is null ? outerWithInner
            : outerWithInner with { Reason = Refusal.EnvelopedCredentialRefused, Detail = $"verifiableCredential[{firstBad.i}]: {firstBad.r.Reason}: {firstBad.r.Detail}" };
    }

    /// <summary>Matches the header against the accepted profiles (typ case-insensitive, optional "application/").</summary>
    internal static string? MatchProfile(string? typ, string? cty, bool presentation, out string? problem)
    {
        problem = null;
        if (typ is null) { problem = "the header has no typ"; return null; }
        static string Bare(string s) => s.StartsWith("application/", StringComparison.OrdinalIgnoreCase) ? s["application/".Length..] : s;
        var t = Bare(typ);
        var c = cty is null ? null : Bare(cty);
        foreach (var (aTyp, aCty, aPresentation) in VcJwtProfile.Accepted)
        {
            if (!t.Equals(aTyp, StringComparison.OrdinalIgnoreCase)) continue;
            if (c is not null && !c.Equals(aCty, StringComparison.OrdinalIgnoreCase))
            {
                problem = $"cty {cty} does not belong to typ {typ} (expected {aCty ?? "none"})";
                return null;
            }
            if (aPresentation is { } p && p != presentation)
            {
                problem = $"typ {typ} is for a {(p ? "presentation" : "credential")}, the payload is a {(presentation ? "presentation" : "credential")}";
                return null;
            }
            return aCty is null ? aTyp : $"{aTyp}/{aCty}";
        }
        problem = $"typ {typ} is not an accepted VC-JWT profile ({string.Join(", ", VcJwtProfile.Accepted.Select(a => a.Typ))})";
        return null;
    }

    /// <summary>Header iss, payload iss and the credential's issuer (a presentation: holder, else issuer)
    /// must agree, and a DID URL kid must belong to that DID.</summary>
    private static string? IssuerProblem(JsonObject header, JsonObject payload, VerifiableCredential credential, string? kid)
    {
        var subject = credential.IsPresentation ? credential.Holder ?? credential.Issuer : credential.Issuer;
        var headerIss = Str(header, "iss");
        var payloadIss = Str(payload, "iss");
        if (headerIss is not null && subject is not null && headerIss != subject) return $"header iss {headerIss} is not the {(credential.IsPresentation ? "holder" : "issuer")} {subject}";
        if (payloadIss is not null && subject is not null && payloadIss != subject) return $"payload iss {payloadIss} is not the {(credential.IsPresentation ? "holder" : "issuer")} {subject}";
        if (headerIss is not null && payloadIss is not null && headerIss != payloadIss) return $"header iss {headerIss} and payload iss {payloadIss} differ";
        var claimed = subject ?? headerIss ?? payloadIss;
        if (kid is not null && claimed is not null && claimed.StartsWith("did:", StringComparison.Ordinal) && kid.StartsWith("did:", StringComparison.Ordinal))
        {
            var kidDid = kid.Contains('#') ? kid[..kid.IndexOf('#')] : kid;
            if (kidDid != claimed) return $"kid {kid} is not a key of {claimed}";
        }
        return null;
    }

    private (string? Reason, string? Detail, string? TimeClaims) CheckTimes(JsonObject header, JsonObject payload, VerifiableCredential credential)
    {
        var now = _options.Now ?? DateTimeOffset.UtcNow;
        var skew = _options.ClockSkew;
        string? claims = null;
        foreach (var (source, obj) in new[] { ("header", header), ("payload", payload) })
        {
            foreach (var name in new[] { "exp", "nbf", "iat" })
            {
                if (obj[name] is null) continue;
                if (obj[name] is not JsonValue v || !v.TryGetValue(out double raw) || double.IsNaN(raw))
                    return (Refusal.Malformed, $"{source} {name} is not a number", claims);
                var ms = raw > MillisecondsThreshold;
                claims ??= $"{source}-{(ms ? "ms" : "s")}";
                DateTimeOffset at;
                try { at = ms ? DateTimeOffset.FromUnixTimeMilliseconds((long)raw) : DateTimeOffset.FromUnixTimeSeconds((long)raw); }
                catch (ArgumentOutOfRangeException) { return (Refusal.Malformed, $"{source} {name} is out of range", claims); }
                if (name == "exp" && at < now - skew) return (Refusal.Expired, $"{source} exp {at:O} is past", claims);
                if (name is "nbf" or "iat" && at > now + skew) return (Refusal.NotYetValid, $"{source} {name} {at:O} is in the future", claims);
            }
        }
        if (credential.EffectiveValidUntil is { } until && until < now - skew)
            return (Refusal.Expired, $"{(credential.ValidUntil is null ? "expirationDate" : "validUntil")} {until:O} is past", claims);
        if (credential.EffectiveValidFrom is { } from && from > now + skew)
            return (Refusal.NotYetValid, $"{(credential.ValidFrom is null ? "issuanceDate" : "validFrom")} {from:O} is in the future", claims);
        return (null, null, claims);
    }

    private static CredentialVerificationResult Refused(string reason, string detail, string? mediaType) =>
        new() { Reason = reason, Detail = detail, MediaType = mediaType };

    internal static string? Str(JsonObject obj, string name) => obj[name] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
}
