using System.Text;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Model;

namespace ScsFederation.Credentials.Jwt;

/// <summary>
/// Issues VC-JWTs and VP-JWTs: the payload is the credential JSON exactly as given (no <c>vc</c>/<c>vp</c>
/// claim), the header carries alg, typ, cty, kid and — per <see cref="VcJwtProfile"/> — iss/iat/exp.
/// </summary>
public sealed class VcJwtSigner(JwsKey key, string kid, VcJwtProfile? profile = null)
{
    public VcJwtProfile Profile { get; } = profile ?? VcJwtProfile.Gxdch;

    /// <summary>When the JWT expires if the credential has no validUntil.</summary>
    public TimeSpan DefaultLifetime { get; init; } = TimeSpan.FromDays(90);

    public Func<DateTimeOffset> Clock { get; init; } = () => DateTimeOffset.UtcNow;

    public string Sign(JsonObject credential)
    {
        ArgumentNullException.ThrowIfNull(credential);
        if (!key.CanSign) throw new InvalidOperationException("the key has no private part");
        var vc = new VerifiableCredential(credential);
        var presentation = vc.IsPresentation;
        var header = new JsonObject
        {
            ["typ"] = presentation ? Profile.PresentationTyp : Profile.CredentialTyp,
            ["cty"] = presentation ? Profile.PresentationCty : Profile.CredentialCty,
            ["kid"] = kid,
        };
        if (Profile.ClaimsInHeader)
        {
            var now = Clock();
            var iss = presentation ? vc.Holder ?? vc.Issuer : vc.Issuer;
            var exp = vc.EffectiveValidUntil ?? now + DefaultLifetime;
            if (iss is not null) header["iss"] = iss;
            header["iat"] = Profile.HeaderTimesInMilliseconds ? now.ToUnixTimeMilliseconds() : now.ToUnixTimeSeconds();
            header["exp"] = Profile.HeaderTimesInMilliseconds ? exp.ToUnixTimeMilliseconds() : exp.ToUnixTimeSeconds();
        }
        return CompactJws.Sign(header, Encoding.UTF8.GetBytes(credential.ToJsonString()), key);
    }

    /// <summary>Signs each credential and wraps them as envelopes in <paramref name="presentation"/>'s verifiableCredential, then signs that.</summary>
    public string SignPresentation(JsonObject presentation, IEnumerable<string> credentialJwts, string mediaType = "application/vc+jwt")
    {
        var vp = (JsonObject)presentation.DeepClone();
        vp["verifiableCredential"] = new JsonArray(credentialJwts.Select(j => (JsonNode?)new EnvelopedCredential(mediaType, j).ToEntry()).ToArray());
        return Sign(vp);
    }
}
