using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Jwt;
using ScsFederation.Credentials.Keys;

namespace ScsFederation.Gxdch.Did;

/// <summary>
/// Verifies a VC-JWT a Gaia-X service answered with: its <c>kid</c> must name the DID the operator
/// configured for that service (checked before anything is fetched, so an answer cannot steer the
/// resolver), the key comes from that DID's document, and the credential must pass every check of
/// <see cref="VcJwtVerifier"/> (signature, issuer binding, validity period). With <paramref name="pinnedKeys"/> the
/// operator pins a service's keys themselves (a JWKS per DID): those are used and the DID is not resolved.
/// </summary>
public sealed class PinnedIssuerCheck(DidWebResolver resolver, VcJwtVerifierOptions? verifierOptions = null, IReadOnlyDictionary<string, IVerificationKeySource>? pinnedKeys = null)
{
    public async Task<GxdchResult> VerifyAsync(string jwt, string pinnedDid, string what, CancellationToken cancellationToken)
    {
        CompactJws jws;
        try { jws = CompactJws.Parse(jwt); }
        catch (FormatException e) { return GxdchResult.Refused(GxdchRefusal.ResponseMalformed, $"{what} is not a compact JWS: {e.Message}"); }
        var kid = jws.Header["kid"] is JsonValue v && v.TryGetValue(out string? s) ? s : null;
        if (kid is null || DidWebAddress.DidOf(kid) != pinnedDid)
            return GxdchResult.Refused(GxdchRefusal.IssuerNotPinned, $"{what} is signed by {kid ?? "(no kid)"}, not by the configured {pinnedDid}");

        IVerificationKeySource keys;
        if (pinnedKeys is not null && pinnedKeys.TryGetValue(pinnedDid, out var pinned)) keys = pinned;
        else
        {
            var resolution = await resolver.ResolveAsync(pinnedDid, cancellationToken);
            if (!resolution.Ok) return GxdchResult.Refused(resolution.Reason!, resolution.Detail!);
            keys = new DidDocumentKeySource(resolution.Document!);
        }
        var verification = new VcJwtVerifier(keys, verifierOptions).Verify(jwt);
        if (!verification.Ok) return GxdchResult.Refused(verification.Reason!, $"{what}: {verification.Detail}", verification);
        if (verification.Credential?.Issuer != pinnedDid)
            return GxdchResult.Refused(GxdchRefusal.IssuerNotPinned, $"{what} names issuer {verification.Credential?.Issuer ?? "(none)"}, not {pinnedDid}", verification);
        return new GxdchResult { Jwt = jwt, Verification = verification };
    }
}
