using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using ScsFederation.Core.Configuration;
using ScsFederation.Core.Identity;

namespace ScsFederation.Hub.Upstreams;

/// <summary>
/// The hub as a relying party of an upstream OpenID Provider: discovery, authorization request with PKCE,
/// code exchange, and ID token validation that fails closed (issuer, audience, signature by a key from the
/// upstream's JWKS with an allowed algorithm, lifetime with a bounded skew, nonce).
/// </summary>
public sealed class OidcUpstreamClient(IHttpClientFactory httpClients, HubSettings hub, TimeProvider clock, Operations.UpstreamHealth health, ILogger<OidcUpstreamClient> logger)
{
    public const string HttpClientName = "upstream-oidc";
    private const int MaxDocumentBytes = 512 * 1024;
    private static readonly TimeSpan MetadataLifetime = TimeSpan.FromHours(1);
    private static readonly TimeSpan MinimumRefreshInterval = TimeSpan.FromSeconds(30);
    private readonly ConcurrentDictionary<string, OidcUpstreamMetadata> _metadata = new(StringComparer.Ordinal);

    public string RedirectUri(UpstreamIdentityProvider upstream) => $"{hub.Issuer}/signin-oidc/{upstream.Id}";

    public async Task<string> BuildAuthorizationUrlAsync(UpstreamIdentityProvider upstream, string state, string nonce, string codeVerifier, string? loginHint, CancellationToken cancellationToken)
    {
        var metadata = await GetMetadataAsync(upstream, forceRefresh: false, cancellationToken);
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(codeVerifier)));
        var query = new Dictionary<string, string?>
        {
            ["response_type"] = "code",
            ["client_id"] = upstream.ClientId,
            ["redirect_uri"] = RedirectUri(upstream),
            ["scope"] = string.Join(' ', upstream.Scopes),
            ["state"] = state,
            ["nonce"] = nonce,
            ["code_challenge"] = challenge,
            ["code_challenge_method"] = "S256",
        };
        if (!string.IsNullOrEmpty(loginHint)) query["login_hint"] = loginHint;
        return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString(metadata.AuthorizationEndpoint, query);
    }

    /// <summary>Redeems the code and returns the validated identity; every failure is an <see cref="UpstreamLoginException"/>.</summary>
    public async Task<ExternalIdentity> CompleteAsync(UpstreamIdentityProvider upstream, string code, string codeVerifier, string expectedNonce, CancellationToken cancellationToken)
    {
        var metadata = await GetMetadataAsync(upstream, forceRefresh: false, cancellationToken);
        using var request = new HttpRequestMessage(HttpMethod.Post, metadata.TokenEndpoint)
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "authorization_code",
                ["code"] = code,
                ["redirect_uri"] = RedirectUri(upstream),
                ["code_verifier"] = codeVerifier,
            }),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(
            Uri.EscapeDataString(upstream.ClientId!) + ":" + Uri.EscapeDataString(upstream.ClientSecret ?? ""))));

        HttpResponseMessage sent;
        try
        {
            sent = await Client().SendAsync(request, cancellationToken);
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamLoginException("upstream_unreachable", $"token endpoint of upstream {upstream.Id} ({metadata.TokenEndpoint}) cannot be reached: {ex.Message}", ex);
        }
        using var response = sent;
        var body = await ReadLimitedAsync(response, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new UpstreamLoginException("code_exchange_failed", $"upstream {upstream.Id} refused the authorization code ({(int)response.StatusCode}): {Truncate(body)}");
        }

        string idToken;
        string? accessToken;
        try
        {
            using var json = JsonDocument.Parse(body);
            idToken = json.RootElement.TryGetProperty("id_token", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString()! : throw new UpstreamLoginException("no_id_token", $"upstream {upstream.Id} returned no id_token");
            accessToken = json.RootElement.TryGetProperty("access_token", out var a) && a.ValueKind == JsonValueKind.String ? a.GetString() : null;
        }
        catch (JsonException ex)
        {
            throw new UpstreamLoginException("bad_token_response", $"upstream {upstream.Id} token response is not JSON", ex);
        }

        var identity = await ValidateIdTokenAsync(upstream, metadata, idToken, expectedNonce, cancellationToken);
        if (accessToken is not null && metadata.UserinfoEndpoint is not null)
        {
            identity = await MergeUserinfoAsync(upstream, metadata, identity, accessToken, cancellationToken);
        }
        return identity;
    }

    public async Task<ExternalIdentity> ValidateIdTokenAsync(UpstreamIdentityProvider upstream, OidcUpstreamMetadata metadata, string idToken, string expectedNonce, CancellationToken cancellationToken)
    {
        var handler = new JsonWebTokenHandler { MaximumTokenSizeInBytes = 64 * 1024 };
        JsonWebToken parsed;
        try
        {
            parsed = handler.ReadJsonWebToken(idToken);
        }
        catch (Exception ex) when (ex is ArgumentException or SecurityTokenException)
        {
            throw new UpstreamLoginException("malformed_id_token", $"upstream {upstream.Id} sent a malformed ID token", ex);
        }

        if (!upstream.AllowedAlgorithms.Contains(parsed.Alg, StringComparer.Ordinal))
        {
            throw new UpstreamLoginException("algorithm_not_allowed", $"upstream {upstream.Id} signed its ID token with '{parsed.Alg}', which is not allowed (allowed: {string.Join(", ", upstream.AllowedAlgorithms)})");
        }

        // A kid we have not seen may mean the upstream rotated keys: refresh JWKS once, rate-limited.
        if (!string.IsNullOrEmpty(parsed.Kid) && !metadata.SigningKeys.Any(k => k.KeyId == parsed.Kid)
            && clock.GetUtcNow() - metadata.FetchedAt > MinimumRefreshInterval)
        {
            metadata = await GetMetadataAsync(upstream, forceRefresh: true, cancellationToken);
        }

        var parameters = new TokenValidationParameters
        {
            ValidIssuer = metadata.Issuer,
            ValidAudience = upstream.ClientId,
            IssuerSigningKeys = metadata.SigningKeys,
            ValidAlgorithms = upstream.AllowedAlgorithms,
            ClockSkew = TimeSpan.FromSeconds(hub.ClockSkewSeconds),
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            TryAllIssuerSigningKeys = false,
            LifetimeValidator = (notBefore, expires, _, p) => ValidateLifetime(notBefore, expires, p),
        };
        var result = await handler.ValidateTokenAsync(idToken, parameters);
        if (!result.IsValid)
        {
            var (code, what) = result.Exception switch
            {
                SecurityTokenInvalidIssuerException => ("wrong_issuer", "was issued by another issuer"),
                SecurityTokenInvalidAudienceException => ("wrong_audience", "is not meant for the hub"),
                SecurityTokenExpiredException => ("expired", "has expired"),
                SecurityTokenNotYetValidException => ("not_yet_valid", "is not valid yet"),
                SecurityTokenInvalidAlgorithmException => ("algorithm_not_allowed", "uses an algorithm that is not allowed"),
                SecurityTokenSignatureKeyNotFoundException => ("unknown_signing_key", "is signed by a key that is not in the upstream's JWKS"),
                SecurityTokenInvalidSignatureException => ("bad_signature", "has an invalid signature"),
                _ => ("invalid_id_token", "is invalid"),
            };
            logger.LogWarning("Refused ID token from upstream {Upstream}: {Code} ({Reason})", upstream.Id, code, result.Exception?.Message);
            throw new UpstreamLoginException(code, $"the ID token from upstream {upstream.Id} {what}", result.Exception);
        }

        var token = (JsonWebToken)result.SecurityToken;
        if (!token.TryGetPayloadValue<string>("nonce", out var nonce) || !Http.SecretComparison.AreEqual(nonce, expectedNonce))
        {
            throw new UpstreamLoginException("wrong_nonce", $"the ID token from upstream {upstream.Id} does not carry the nonce of this login");
        }
        if (token.Audiences.Count() > 1 && (!token.TryGetPayloadValue<string>("azp", out var azp) || azp != upstream.ClientId))
        {
            throw new UpstreamLoginException("wrong_audience", $"the ID token from upstream {upstream.Id} has several audiences and the hub is not its authorized party");
        }
        if (string.IsNullOrEmpty(token.Subject))
        {
            throw new UpstreamLoginException("no_subject", $"the ID token from upstream {upstream.Id} has no sub");
        }

        return new ExternalIdentity(upstream.Id, metadata.Issuer, token.Subject, ClaimsFromJson(token.EncodedPayload, upstream));
    }

    private bool ValidateLifetime(DateTime? notBefore, DateTime? expires, TokenValidationParameters p)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        if (expires is null) throw new SecurityTokenNoExpirationException("the ID token has no exp");
        if (expires.Value.Add(p.ClockSkew) < now) throw new SecurityTokenExpiredException("the ID token has expired") { Expires = expires.Value };
        if (notBefore is not null && notBefore.Value - p.ClockSkew > now) throw new SecurityTokenNotYetValidException("the ID token is not valid yet") { NotBefore = notBefore.Value };
        return true;
    }

    private async Task<ExternalIdentity> MergeUserinfoAsync(UpstreamIdentityProvider upstream, OidcUpstreamMetadata metadata, ExternalIdentity identity, string accessToken, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, metadata.UserinfoEndpoint);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", accessToken);
        using var response = await Client().SendAsync(request, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            logger.LogWarning("Userinfo of upstream {Upstream} answered {Status}; using ID token claims only", upstream.Id, (int)response.StatusCode);
            return identity;
        }
        var body = await ReadLimitedAsync(response, cancellationToken);
        if (response.Content.Headers.ContentType?.MediaType != "application/json")
        {
            // A signed (JWT) userinfo response would need its own validation; the ID token claims stand alone.
            return identity;
        }
        var claims = ClaimsFromJson(Base64UrlEncoder.Encode(body), upstream);
        if (!claims.TryGetValue("sub", out var sub) || sub.Count != 1 || sub[0] != identity.Subject)
        {
            throw new UpstreamLoginException("userinfo_subject_mismatch", $"userinfo of upstream {upstream.Id} describes another subject than the ID token");
        }
        var merged = new Dictionary<string, IReadOnlyList<string>>(identity.Claims, StringComparer.Ordinal);
        foreach (var (k, v) in claims)
        {
            merged.TryAdd(k, v);
        }
        return identity with { Claims = merged };
    }

    private static readonly HashSet<string> ProtocolClaims = ["iss", "aud", "exp", "iat", "nbf", "nonce", "azp", "at_hash", "c_hash", "auth_time", "sid", "jti", "s_hash"];

    private static Dictionary<string, IReadOnlyList<string>> ClaimsFromJson(string base64UrlPayload, UpstreamIdentityProvider upstream)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        using var json = JsonDocument.Parse(Base64UrlEncoder.DecodeBytes(base64UrlPayload));
        foreach (var property in json.RootElement.EnumerateObject())
        {
            if (ProtocolClaims.Contains(property.Name)) continue;
            if (upstream.ClaimsToKeep.Count > 0 && property.Name != "sub" && !upstream.ClaimsToKeep.Contains(property.Name)) continue;
            var values = new List<string>();
            if (property.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in property.Value.EnumerateArray())
                {
                    values.Add(item.ValueKind == JsonValueKind.String ? item.GetString()! : item.GetRawText());
                }
            }
            else
            {
                values.Add(property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()! : property.Value.GetRawText());
            }
            result[property.Name] = values;
        }
        return result;
    }

    public async Task<OidcUpstreamMetadata> GetMetadataAsync(UpstreamIdentityProvider upstream, bool forceRefresh, CancellationToken cancellationToken)
    {
        if (!forceRefresh && _metadata.TryGetValue(upstream.Id, out var cached) && clock.GetUtcNow() - cached.FetchedAt < MetadataLifetime)
        {
            return cached;
        }
        try
        {
            var metadata = await ReadMetadataAsync(upstream, cancellationToken);
            health.MetadataRead(upstream.Id);
            return metadata;
        }
        catch (UpstreamLoginException ex)
        {
            health.MetadataFailed(upstream.Id, ex.Code);
            throw;
        }
    }

    private async Task<OidcUpstreamMetadata> ReadMetadataAsync(UpstreamIdentityProvider upstream, CancellationToken cancellationToken)
    {
        var authority = upstream.Authority!.TrimEnd('/');
        var discoveryUrl = authority + "/.well-known/openid-configuration";
        JsonDocument discovery;
        try
        {
            using var response = await Client().GetAsync(discoveryUrl, cancellationToken);
            if (!response.IsSuccessStatusCode) throw new UpstreamLoginException("discovery_failed", $"discovery of upstream {upstream.Id} at {discoveryUrl} answered {(int)response.StatusCode}");
            discovery = JsonDocument.Parse(await ReadLimitedAsync(response, cancellationToken));
        }
        catch (HttpRequestException ex)
        {
            throw new UpstreamLoginException("upstream_unreachable", $"upstream {upstream.Id} cannot be reached at {discoveryUrl}: {ex.Message}", ex);
        }
        catch (JsonException ex)
        {
            throw new UpstreamLoginException("discovery_failed", $"discovery document of upstream {upstream.Id} is not JSON", ex);
        }

        using (discovery)
        {
            var root = discovery.RootElement;
            string Required(string name) => root.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString()! : throw new UpstreamLoginException("discovery_failed", $"discovery document of upstream {upstream.Id} has no {name}");
            var issuer = Required("issuer");
            if (issuer.TrimEnd('/') != authority)
            {
                throw new UpstreamLoginException("wrong_issuer", $"upstream {upstream.Id} claims issuer {issuer}, but is configured as {authority}");
            }
            // Checked before any of them is called: see UpstreamEndpointPolicy for why the document is not trusted as it is.
            var jwksUri = UpstreamEndpointPolicy.Require(upstream, hub, "jwks_uri", Required("jwks_uri"), calledByHub: true);
            var tokenEndpoint = UpstreamEndpointPolicy.Require(upstream, hub, "token_endpoint", Required("token_endpoint"), calledByHub: true);
            var authorizationEndpoint = UpstreamEndpointPolicy.Require(upstream, hub, "authorization_endpoint", Required("authorization_endpoint"), calledByHub: false);
            string? userinfo = root.TryGetProperty("userinfo_endpoint", out var u) && u.ValueKind == JsonValueKind.String
                ? UpstreamEndpointPolicy.Require(upstream, hub, "userinfo_endpoint", u.GetString()!, calledByHub: true) : null;

            HttpResponseMessage jwksResponse;
            try
            {
                jwksResponse = await Client().GetAsync(jwksUri, cancellationToken);
            }
            catch (HttpRequestException ex)
            {
                throw new UpstreamLoginException("jwks_failed", $"JWKS of upstream {upstream.Id} cannot be fetched from {jwksUri}: {ex.Message}", ex);
            }
            using var _ = jwksResponse;
            if (!jwksResponse.IsSuccessStatusCode) throw new UpstreamLoginException("jwks_failed", $"JWKS of upstream {upstream.Id} answered {(int)jwksResponse.StatusCode}");
            var jwks = new JsonWebKeySet(Encoding.UTF8.GetString(await ReadLimitedAsync(jwksResponse, cancellationToken)));
            var keys = jwks.Keys.Where(k => k.Use is null or "sig").Cast<SecurityKey>().ToList();

            var metadata = new OidcUpstreamMetadata(issuer, authorizationEndpoint, tokenEndpoint, userinfo, jwksUri, keys, clock.GetUtcNow());
            _metadata[upstream.Id] = metadata;
            return metadata;
        }
    }

    private HttpClient Client() => httpClients.CreateClient(HttpClientName);

    private static Task<byte[]> ReadLimitedAsync(HttpResponseMessage response, CancellationToken cancellationToken) =>
        Core.Http.BoundedContent.ReadAsync(response, MaxDocumentBytes, () => new UpstreamLoginException("response_too_large", "an upstream response is larger than allowed"), cancellationToken);

    private static string Truncate(byte[] body) => Encoding.UTF8.GetString(body, 0, Math.Min(body.Length, 300));
}
