using System.Security.Cryptography;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using ScsFederation.Core.Configuration;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ScsFederation.Hub.Keys;

/// <summary>
/// OpenIddict reads its signing keys once at start-up; these handlers make it use <see cref="SigningKeyRing"/>
/// instead, so rotation takes effect at run time and each client gets ID tokens in its configured algorithm.
/// </summary>
public static class SigningKeyRingHandlers
{
    public static IEnumerable<OpenIddictServerHandlerDescriptor> All =>
    [
        SelectSigningKey.Descriptor,
        PublishRingKeys.Descriptor,
        TrustRingKeys.Descriptor,
    ];

    /// <summary>Signs with the active key: the client's ID token algorithm for ID tokens, RS256 otherwise.</summary>
    public sealed class SelectSigningKey(SigningKeyRing ring, FederationConfig config) : IOpenIddictServerHandler<GenerateTokenContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<GenerateTokenContext>()
                .UseSingletonHandler<SelectSigningKey>()
                .SetOrder(OpenIddictServerHandlers.Protection.AttachSecurityCredentials.Descriptor.Order + 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(GenerateTokenContext context)
        {
            var alg = SecurityAlgorithms.RsaSha256;
            if (context.TokenType == OpenIddictConstants.TokenTypeIdentifiers.IdentityToken)
            {
                var clientId = context.ClientId ?? context.Request?.ClientId;
                var client = clientId is null ? null : config.Clients.Find(c => c.ClientId == clientId);
                if (client is not null) alg = client.IdTokenAlgorithm;
            }
            context.SigningCredentials = ring.Active(alg).Credentials;
            return default;
        }
    }

    /// <summary>JWKS lists every published key of the ring (public parts only): the next key before it signs, retired keys until their tokens expire.</summary>
    public sealed class PublishRingKeys(SigningKeyRing ring) : IOpenIddictServerHandler<HandleJsonWebKeySetRequestContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<HandleJsonWebKeySetRequestContext>()
                .UseSingletonHandler<PublishRingKeys>()
                .SetOrder(OpenIddictServerHandlers.Discovery.AttachSigningKeys.Descriptor.Order + 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(HandleJsonWebKeySetRequestContext context)
        {
            context.Keys.Clear();
            foreach (var key in ring.Current.Published)
            {
                context.Keys.Add(ToPublicJwk(key));
            }
            return default;
        }

        private static JsonWebKey ToPublicJwk(RingKey key)
        {
            JsonWebKey jwk;
            switch (key.Key)
            {
                case RsaSecurityKey rsa:
                    var p = rsa.Rsa.ExportParameters(includePrivateParameters: false);
                    jwk = new JsonWebKey { Kty = JsonWebAlgorithmsKeyTypes.RSA, N = Base64UrlEncoder.Encode(p.Modulus), E = Base64UrlEncoder.Encode(p.Exponent) };
                    break;
                case ECDsaSecurityKey ec:
                    var q = ec.ECDsa.ExportParameters(includePrivateParameters: false);
                    jwk = new JsonWebKey { Kty = JsonWebAlgorithmsKeyTypes.EllipticCurve, Crv = JsonWebKeyECTypes.P256, X = Base64UrlEncoder.Encode(q.Q.X), Y = Base64UrlEncoder.Encode(q.Q.Y) };
                    break;
                default:
                    throw new CryptographicException("unsupported signing key type " + key.Key.GetType().Name);
            }
            jwk.Kid = key.KeyId;
            jwk.Alg = key.Algorithm;
            jwk.Use = JsonWebKeyUseNames.Sig;
            return jwk;
        }
    }

    /// <summary>The hub's own tokens (codes, refresh and access tokens) validate against every published ring key.</summary>
    public sealed class TrustRingKeys(SigningKeyRing ring) : IOpenIddictServerHandler<ValidateTokenContext>
    {
        public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
            OpenIddictServerHandlerDescriptor.CreateBuilder<ValidateTokenContext>()
                .UseSingletonHandler<TrustRingKeys>()
                .SetOrder(OpenIddictServerHandlers.Protection.ResolveTokenValidationParameters.Descriptor.Order + 1)
                .SetType(OpenIddictServerHandlerType.Custom)
                .Build();

        public ValueTask HandleAsync(ValidateTokenContext context)
        {
            if (context.ValidTokenTypes.Contains(OpenIddictConstants.TokenTypeIdentifiers.Private.ClientAssertion))
            {
                return default;
            }
            var keys = new List<SecurityKey>();
            if (context.TokenValidationParameters.IssuerSigningKeys is { } existing)
            {
                keys.AddRange(existing.Where(k => k is SymmetricSecurityKey));
            }
            foreach (var key in ring.Current.Published)
            {
                keys.Add(key.Key);
            }
            context.TokenValidationParameters.IssuerSigningKeys = keys;
            return default;
        }
    }
}
