using System.Collections.Immutable;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.IdentityModel.Tokens;
using ScsFederation.Core.Configuration;
using ScsFederation.Storage;
using ScsFederation.Storage.Entities;

namespace ScsFederation.Hub.Keys;

/// <summary>
/// Keeps the signing keys in the database: generates the first key of each algorithm, generates the next one
/// <c>prepublishDays</c> before the current one retires (so it is in JWKS before it signs), and keeps retired
/// keys published until every token they signed has expired.
/// </summary>
public sealed class SigningKeyStore(KeyEncryptionKey kek, HubSettings hub, TimeProvider clock, ILogger<SigningKeyStore> logger)
{
    public static readonly string[] Algorithms = [SecurityAlgorithms.RsaSha256, SecurityAlgorithms.EcdsaSha256];

    public async Task<SigningKeyRing.Snapshot> EnsureAndLoadAsync(HubDbContext db, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var keys = await db.SigningKeys.AsNoTracking().ToListAsync(cancellationToken);
        var rotation = TimeSpan.FromDays(hub.Signing.RotationDays);
        var prepublish = TimeSpan.FromDays(Math.Min(hub.Signing.PrepublishDays, Math.Max(0, hub.Signing.RotationDays - 1)));
        // A retired key stays published as long as anything it signed can still be presented.
        var afterlife = TimeSpan.FromDays(hub.Tokens.RefreshTokenDays) + TimeSpan.FromMinutes(Math.Max(hub.Tokens.AccessTokenMinutes, hub.Tokens.IdTokenMinutes));

        var added = false;
        foreach (var alg in Algorithms)
        {
            var ofAlg = keys.Where(k => k.Algorithm == alg).OrderBy(k => k.ActivatesAt).ThenBy(k => k.KeyId, StringComparer.Ordinal).ToList();
            var active = ofAlg.LastOrDefault(k => k.ActivatesAt <= now && now < k.RetiresAt);
            if (active is null)
            {
                active = Generate(alg, now, now, now + rotation, afterlife);
                keys.Add(active);
                db.SigningKeys.Add(active);
                added = true;
                logger.LogInformation("Generated {Algorithm} signing key {KeyId}, active until {RetiresAt:u}", alg, active.KeyId, active.RetiresAt);
            }

            var hasNext = ofAlg.Exists(k => k.ActivatesAt >= active.RetiresAt);
            if (!hasNext && now >= active.RetiresAt - prepublish)
            {
                var next = Generate(alg, now, active.RetiresAt, active.RetiresAt + rotation, afterlife);
                keys.Add(next);
                db.SigningKeys.Add(next);
                added = true;
                logger.LogInformation("Pre-published next {Algorithm} signing key {KeyId}, signs from {ActivatesAt:u}", alg, next.KeyId, next.ActivatesAt);
            }
        }

        if (added)
        {
            await db.SaveChangesAsync(cancellationToken);
        }

        var published = ImmutableArray.CreateBuilder<RingKey>();
        var active2 = ImmutableDictionary.CreateBuilder<string, RingKey>();
        foreach (var record in keys.Where(k => k.CreatedAt <= now && now < k.ExpiresAt).OrderByDescending(k => k.ActivatesAt).ThenBy(k => k.KeyId, StringComparer.Ordinal))
        {
            var ring = ToRingKey(record);
            published.Add(ring);
            if (record.ActivatesAt <= now && now < record.RetiresAt && !active2.ContainsKey(record.Algorithm))
            {
                active2[record.Algorithm] = ring;
            }
        }

        // Several instances may have raced to create a key; the newest active one wins deterministically above.
        return new SigningKeyRing.Snapshot(published.ToImmutable(), active2.ToImmutable());
    }

    private SigningKeyRecord Generate(string alg, DateTimeOffset now, DateTimeOffset activates, DateTimeOffset retires, TimeSpan afterlife)
    {
        byte[] pkcs8;
        if (alg == SecurityAlgorithms.RsaSha256)
        {
            using var rsa = RSA.Create(2048);
            pkcs8 = rsa.ExportPkcs8PrivateKey();
        }
        else
        {
            using var ec = ECDsa.Create(ECCurve.NamedCurves.nistP256);
            pkcs8 = ec.ExportPkcs8PrivateKey();
        }

        var keyId = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(12));
        var record = new SigningKeyRecord
        {
            KeyId = keyId,
            Algorithm = alg,
            CreatedAt = now,
            ActivatesAt = activates,
            RetiresAt = retires,
            ExpiresAt = retires + afterlife,
            EncryptedPrivateKey = kek.Encrypt(pkcs8, "signing-key:" + keyId),
        };
        CryptographicOperations.ZeroMemory(pkcs8);
        return record;
    }

    private RingKey ToRingKey(SigningKeyRecord record)
    {
        var pkcs8 = kek.Decrypt(record.EncryptedPrivateKey, "signing-key:" + record.KeyId);
        try
        {
            AsymmetricSecurityKey key;
            if (record.Algorithm == SecurityAlgorithms.RsaSha256)
            {
                var rsa = RSA.Create();
                rsa.ImportPkcs8PrivateKey(pkcs8, out _);
                key = new RsaSecurityKey(rsa) { KeyId = record.KeyId };
            }
            else
            {
                var ec = ECDsa.Create();
                ec.ImportPkcs8PrivateKey(pkcs8, out _);
                key = new ECDsaSecurityKey(ec) { KeyId = record.KeyId };
            }
            return new RingKey(record.KeyId, record.Algorithm, key, record.ActivatesAt, record.RetiresAt, record.ExpiresAt);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }
}
