using System.Security.Cryptography;
using ScsFederation.Core.Configuration;
using ScsFederation.Core.Files;

namespace ScsFederation.Hub.Keys;

/// <summary>
/// The hub's master secret: encrypts private signing keys at rest (AES-256-GCM) and derives the symmetric key
/// that encrypts OpenIddict's codes and refresh tokens. Every hub instance of one deployment must share it
/// (set <c>hub.signing.keyEncryptionKey</c>, e.g. <c>${env:SCSFED_KEK}</c>); otherwise it is generated once
/// into the data folder with owner-only permissions.
/// </summary>
public sealed class KeyEncryptionKey
{
    private readonly byte[] _key;

    private KeyEncryptionKey(byte[] key) => _key = key;

    public static KeyEncryptionKey Load(HubSettings hub)
    {
        if (!string.IsNullOrWhiteSpace(hub.Signing.KeyEncryptionKey))
        {
            byte[] bytes;
            try
            {
                bytes = Convert.FromBase64String(hub.Signing.KeyEncryptionKey);
            }
            catch (FormatException)
            {
                throw new FederationConfigException("hub.signing", [new ConfigError("/hub/signing/keyEncryptionKey", "must be base64")]);
            }
            if (bytes.Length != 32)
            {
                throw new FederationConfigException("hub.signing", [new ConfigError("/hub/signing/keyEncryptionKey", "must decode to exactly 32 bytes")]);
            }
            return new KeyEncryptionKey(bytes);
        }

        OwnerOnlyFiles.EnsureFolder(hub.DataFolder);
        var file = Path.Combine(hub.DataFolder, "key-encryption-key.bin");
        OwnerOnlyFiles.TryCreate(file, RandomNumberGenerator.GetBytes(32));
        var key = File.ReadAllBytes(file);
        if (key.Length != 32)
        {
            throw new InvalidOperationException($"{file} is damaged: expected 32 bytes, found {key.Length}");
        }
        return new KeyEncryptionKey(key);
    }

    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, string associatedData)
    {
        var output = new byte[12 + 16 + plaintext.Length];
        var nonce = output.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, 16);
        aes.Encrypt(nonce, plaintext, output.AsSpan(28), output.AsSpan(12, 16), System.Text.Encoding.UTF8.GetBytes(associatedData));
        return output;
    }

    public byte[] Decrypt(ReadOnlySpan<byte> sealedData, string associatedData)
    {
        if (sealedData.Length < 28) throw new CryptographicException("sealed key material is too short");
        var plaintext = new byte[sealedData.Length - 28];
        using var aes = new AesGcm(_key, 16);
        aes.Decrypt(sealedData[..12], sealedData[28..], sealedData.Slice(12, 16), plaintext, System.Text.Encoding.UTF8.GetBytes(associatedData));
        return plaintext;
    }

    /// <summary>A purpose-bound key derived with HKDF, so the master secret itself never leaves this class.</summary>
    public byte[] Derive(string purpose, int length = 32) =>
        HKDF.DeriveKey(HashAlgorithmName.SHA256, _key, length, info: System.Text.Encoding.UTF8.GetBytes(purpose));
}
