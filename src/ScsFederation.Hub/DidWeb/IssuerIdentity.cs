using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.X509;
using ScsFederation.Hub.Keys;

namespace ScsFederation.Hub.DidWeb;

/// <summary>One issuer as the admin API and the log see it: published, or why not (a <see cref="DidPublicationRefusal"/> code).</summary>
public sealed record IssuerStatus(string Did, string DocumentUrl, string State, string? Reason, string? Detail, ImmutableArray<IssuerKeyStatus> Keys);

public sealed record IssuerKeyStatus(string Kid, string Algorithm, string State, DateTimeOffset? PublishedAt, DateTimeOffset? RetiredAt, DateTimeOffset? RemovedAt, string? X5u, string? CertificateSigningRequest);

/// <summary>
/// The hub's credential issuers: generates each issuer's key (sealed with the <see cref="KeyEncryptionKey"/>, like the
/// signing keys), publishes it in the did:web document only after its operator-brought chain passed the strict x5u
/// checks (leaf = key, SAN covers the host, chain links and is valid) and the Gaia-X registry named its root a trust
/// anchor — or, with <c>hub.didWeb.allowSelfSigned</c>, for lab use. A newly published key signs; the keys before it stay
/// in the document <c>credentialLifetimeDays</c> so what they signed still verifies. Documents are rebuilt as a whole and
/// swapped in, so readers never see half an update.
/// </summary>
public sealed class IssuerIdentity(FederationConfig config, IIssuerKeyStore store, KeyEncryptionKey kek, TrustAnchorRegistry registry, TimeProvider clock, ILogger<IssuerIdentity> logger)
{
    private readonly SemaphoreSlim _refresh = new(1, 1);
    // Chains under check: served at their x5u already, because the registry fetches the chain itself.
    private readonly ConcurrentDictionary<(string Did, string KeyId), string> _candidates = new();
    private volatile Snapshot _current = new(ImmutableDictionary<string, Published>.Empty, []);

    private sealed record Published(DidWebIssuer Issuer, DidWebAddress Address, JsonObject Document, ImmutableDictionary<string, string> Chains, IssuerKeyRecord? Active);

    private sealed record Snapshot(ImmutableDictionary<string, Published> ByDid, ImmutableArray<IssuerStatus> Statuses);

    private DidWebSettings Settings => config.Hub.DidWeb;

    public ImmutableArray<IssuerStatus> Statuses => _current.Statuses;

    public static string X5uOf(DidWebAddress address, string keyId) => address.X5uUrl(keyId);

    /// <summary>The DID document served at <paramref name="path"/> for the request's <paramref name="authority"/> (host[:port]), or null.</summary>
    public JsonObject? Document(string authority, string path) =>
        _current.ByDid.Values.FirstOrDefault(p => p.Address.Authority == authority.ToLowerInvariant() && p.Address.DocumentPath == path)?.Document;

    /// <summary>The PEM chain of a key of the DID whose folder is <paramref name="folder"/> (published, or under check).</summary>
    public string? Chain(string authority, string folder, string keyId)
    {
        foreach (var issuer in Settings.Issuers)
        {
            var address = DidWebAddress.Parse(issuer.Did)!;
            if (address.Authority != authority.ToLowerInvariant() || address.Folder != folder) continue;
            if (_candidates.TryGetValue((issuer.Did, keyId), out var candidate)) return candidate;
            if (_current.ByDid.TryGetValue(issuer.Did, out var published) && published.Chains.TryGetValue(keyId, out var chain)) return chain;
        }
        return null;
    }

    /// <summary>The key that signs for <paramref name="did"/> now and its verification method id (the JWS kid); null when nothing is published.</summary>
    public (JwsKey Key, string Kid)? SigningKey(string did)
    {
        if (!_current.ByDid.TryGetValue(did, out var published) || published.Active is not { } active) return null;
        var jwk = JsonWebKey.Parse(Unseal(active));
        return (JwsKey.Create(jwk, active.Algorithm), did + "#" + active.KeyId);
    }

    /// <summary>Generates the issuer's next key (unpublished until a chain for it is configured and passes the checks).</summary>
    public async Task<IssuerKeyRecord> RotateAsync(string did, CancellationToken cancellationToken)
    {
        var issuer = Settings.Issuers.Find(i => i.Did == did) ?? throw new ArgumentException($"{did} is not a configured issuer");
        var keys = await store.ListAsync(did, cancellationToken);
        var pending = keys.Where(k => k.PublishedAt is null).MaxBy(k => k.CreatedAt);
        return pending ?? await GenerateAsync(issuer, cancellationToken);
    }

    /// <summary>Checks every issuer's configured chain and publishes what passes; the statuses say what did not and why.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        await _refresh.WaitAsync(cancellationToken);
        try
        {
            var byDid = ImmutableDictionary.CreateBuilder<string, Published>();
            var statuses = ImmutableArray.CreateBuilder<IssuerStatus>();
            foreach (var issuer in Settings.Issuers)
            {
                var (published, status) = await RefreshOneAsync(issuer, cancellationToken);
                if (published is not null) byDid[issuer.Did] = published;
                statuses.Add(status);
            }
            _current = new Snapshot(byDid.ToImmutable(), statuses.ToImmutable());
        }
        finally { _refresh.Release(); }
    }

    private async Task<(Published?, IssuerStatus)> RefreshOneAsync(DidWebIssuer issuer, CancellationToken cancellationToken)
    {
        var address = DidWebAddress.Parse(issuer.Did)!;
        var keys = (await store.ListAsync(issuer.Did, cancellationToken)).ToList();
        if (keys.Count == 0) keys.Add(await GenerateAsync(issuer, cancellationToken));

        var (reason, detail) = await TryPublishAsync(issuer, address, keys, cancellationToken);
        if (reason is not null)
        {
            logger.LogError("did:web {Did} not published: {Reason}: {Detail}", issuer.Did, reason, detail);
        }
        keys = [.. await store.ListAsync(issuer.Did, cancellationToken)];
        var published = Build(issuer, address, keys);
        var state = reason is null ? "published" : reason == DidPublicationRefusal.CertificateMissing ? "waiting_for_certificate" : "refused";
        return (published, new IssuerStatus(issuer.Did, address.DocumentUrl, state, reason, detail, KeyStatuses(address, keys)));
    }

    /// <summary>Null reason when the configured chain is (now or already) published for one of the issuer's keys.</summary>
    private async Task<(string? Reason, string? Detail)> TryPublishAsync(DidWebIssuer issuer, DidWebAddress address, List<IssuerKeyRecord> keys, CancellationToken cancellationToken)
    {
        if (issuer.CertificateChain is null)
            return (DidPublicationRefusal.CertificateMissing, "no hub.didWeb.issuers[].certificateChain yet: have the key's CSR (GET /admin/did) signed and configure the chain");
        string pem;
        try { pem = await File.ReadAllTextAsync(issuer.CertificateChain, cancellationToken); }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return (DidPublicationRefusal.CertificateUnreadable, $"{issuer.CertificateChain}: {e.Message}"); }

        // The key the chain is for: the one whose public key the leaf carries; otherwise the newest unpublished one,
        // so that the strict check below names the mismatch.
        var leafKey = LeafKeyOf(pem);
        var key = keys.FirstOrDefault(k => leafKey is not null && JsonWebKey.Parse(k.PublicJwk).SamePublicKey(leafKey))
                  ?? keys.Where(k => k.PublishedAt is null).MaxBy(k => k.CreatedAt)
                  ?? keys.MaxBy(k => k.CreatedAt)!;
        var x5u = X5uOf(address, key.KeyId);
        var jwk = VerificationJwk(key, x5u);
        // Structure first (any root accepted here); whether the root is trusted is the registry's to say.
        var check = X5uChainCheck.Check(pem, jwk, issuer.Did, new X5uCheckOptions { AllowSelfSignedRoot = true, Now = clock.GetUtcNow() });
        if (!check.Ok) return (check.Reason, check.Detail);
        if (key.PublishedAt is not null && key.CertificateChainPem == pem) return (null, null);

        _candidates[(issuer.Did, key.KeyId)] = pem;
        TrustAnchorAnswer answer;
        try { answer = await registry.CheckAsync(x5u, cancellationToken); }
        finally { _candidates.TryRemove((issuer.Did, key.KeyId), out _); }
        if (!answer.Trusted)
        {
            if (!Settings.AllowSelfSigned)
                return (DidPublicationRefusal.UntrustedRoot, $"{answer.Detail}; a self-signed lab chain needs hub.didWeb.allowSelfSigned");
            logger.LogWarning("did:web {Did}: publishing {KeyId} with a chain the registry does not trust ({Detail}): hub.didWeb.allowSelfSigned is set (lab use)", issuer.Did, key.KeyId, answer.Detail);
        }
        await store.PublishAsync(issuer.Did, key.KeyId, pem, clock.GetUtcNow(), cancellationToken);
        logger.LogInformation("did:web {Did}: published key {KeyId} ({Algorithm})", issuer.Did, key.KeyId, key.Algorithm);
        return (null, null);
    }

    private static JsonWebKey? LeafKeyOf(string pem)
    {
        try
        {
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(pem);
            return chain.Count == 0 ? null : X5uChainCheck.PublicKeyOf(chain[0]);
        }
        catch (Exception e) when (e is CryptographicException or JwkFormatException) { return null; }
    }

    private static JsonWebKey VerificationJwk(IssuerKeyRecord key, string x5u) =>
        JsonWebKey.Parse(key.PublicJwk).With("kid", null).With("alg", key.Algorithm).With("x5u", x5u);

    /// <summary>Published keys newest first, with when each retired (the next one's publication) and leaves the document.</summary>
    private IEnumerable<(IssuerKeyRecord Key, DateTimeOffset? RetiredAt, DateTimeOffset? RemovedAt)> Timeline(IEnumerable<IssuerKeyRecord> keys)
    {
        var lifetime = TimeSpan.FromDays(Settings.CredentialLifetimeDays);
        DateTimeOffset? next = null;
        foreach (var key in keys.Where(k => k.PublishedAt is not null).OrderByDescending(k => k.PublishedAt).ThenBy(k => k.KeyId, StringComparer.Ordinal))
        {
            yield return (key, next, next + lifetime);
            next = key.PublishedAt;
        }
    }

    private Published? Build(DidWebIssuer issuer, DidWebAddress address, List<IssuerKeyRecord> keys)
    {
        var now = clock.GetUtcNow();
        var live = Timeline(keys).Where(t => t.RemovedAt is null || now < t.RemovedAt).ToList();
        if (live.Count == 0) return null;
        var methods = new JsonArray();
        var assertion = new JsonArray();
        var chains = ImmutableDictionary.CreateBuilder<string, string>();
        foreach (var (key, _, _) in live)
        {
            var id = issuer.Did + "#" + key.KeyId;
            methods.Add(new JsonObject
            {
                ["id"] = id, ["type"] = "JsonWebKey2020", ["controller"] = issuer.Did,
                ["publicKeyJwk"] = VerificationJwk(key, X5uOf(address, key.KeyId)).ToJson(),
            });
            assertion.Add(id);
            chains[key.KeyId] = key.CertificateChainPem!;
        }
        var document = new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/did/v1", "https://w3id.org/security/suites/jws-2020/v1"),
            ["id"] = issuer.Did,
            ["verificationMethod"] = methods,
            ["assertionMethod"] = assertion,
        };
        return new Published(issuer, address, document, chains.ToImmutable(), live[0].Key);
    }

    private ImmutableArray<IssuerKeyStatus> KeyStatuses(DidWebAddress address, List<IssuerKeyRecord> keys)
    {
        var now = clock.GetUtcNow();
        var result = ImmutableArray.CreateBuilder<IssuerKeyStatus>();
        foreach (var pending in keys.Where(k => k.PublishedAt is null).OrderByDescending(k => k.CreatedAt))
        {
            var host = address.Host;
            var csr = IssuerCertificates.CreateSigningRequestPem(JsonWebKey.Parse(Unseal(pending)), pending.Algorithm, host);
            result.Add(new(address.Did + "#" + pending.KeyId, pending.Algorithm, "pending", null, null, null, null, csr));
        }
        foreach (var (key, retired, removed) in Timeline(keys))
        {
            var state = retired is null ? "active" : now < removed ? "retired" : "removed";
            result.Add(new(address.Did + "#" + key.KeyId, key.Algorithm, state, key.PublishedAt, retired, removed, X5uOf(address, key.KeyId), null));
        }
        return result.ToImmutable();
    }

    private async Task<IssuerKeyRecord> GenerateAsync(DidWebIssuer issuer, CancellationToken cancellationToken)
    {
        var jwk = JsonWebKey.Generate(issuer.Algorithm);
        var record = Seal(kek, issuer.Did, jwk, issuer.Algorithm, clock.GetUtcNow());
        await store.AddAsync(record, cancellationToken);
        logger.LogInformation("did:web {Did}: generated {Algorithm} key {KeyId}; it is published once a certificate chain for it passes the checks", issuer.Did, issuer.Algorithm, record.KeyId);
        return record;
    }

    /// <summary>A new key record of <paramref name="did"/>: the public JWK in clear, the private one sealed with the KEK and bound to the DID and key id.</summary>
    public static IssuerKeyRecord Seal(KeyEncryptionKey kek, string did, JsonWebKey jwk, string algorithm, DateTimeOffset at)
    {
        var keyId = jwk.Thumbprint();
        var plain = Encoding.UTF8.GetBytes(jwk.ToString());
        byte[] sealedJwk;
        try { sealedJwk = kek.Encrypt(plain, AssociatedData(did, keyId)); }
        finally { CryptographicOperations.ZeroMemory(plain); }
        return new IssuerKeyRecord(did, keyId, algorithm, jwk.ToPublic().With("alg", null).ToString(), sealedJwk, at);
    }

    private string Unseal(IssuerKeyRecord record) => Unseal(kek, record);

    internal static string Unseal(KeyEncryptionKey kek, IssuerKeyRecord record) =>
        Encoding.UTF8.GetString(kek.Decrypt(record.SealedPrivateJwk, AssociatedData(record.Did, record.KeyId)));

    // Binds the sealed key to its DID and id: a record copied to another issuer does not decrypt.
    private static string AssociatedData(string did, string keyId) => $"issuer-key:{did}#{keyId}";
}
