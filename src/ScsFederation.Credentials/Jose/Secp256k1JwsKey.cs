using System.Security.Cryptography;
using Nethereum.Signer;
using Nethereum.Signer.Crypto;

namespace ScsFederation.Credentials.Jose;

/// <summary>ES256K (RFC 8812): ECDSA on secp256k1 with SHA-256 through Nethereum.Signer (named on the
/// product card). The JWS signature is R || S, 32 bytes each.</summary>
internal sealed class Secp256k1JwsKey : JwsKey
{
    private readonly EthECKey _key;

    public Secp256k1JwsKey(JsonWebKey jwk) : base(JwsAlgorithms.ES256K, jwk)
    {
        var point = new byte[65];
        point[0] = 0x04;
        jwk.Bytes("x")!.CopyTo(point, 1);
        jwk.Bytes("y")!.CopyTo(point, 33);
        try
        {
            _key = jwk.Bytes("d") is { } d ? new EthECKey(d, true) : new EthECKey(point, false);
            if (!_key.GetPubKey(false).AsSpan().SequenceEqual(point))
                throw new JwsKeyMismatchException("secp256k1 'x'/'y' is not the public key of 'd'");
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            throw new JwsKeyMismatchException($"secp256k1 key does not import (point not on the curve?): {e.Message}");
        }
    }

    public static JsonWebKey GenerateJwk()
    {
        var key = EthECKey.GenerateKey();
        return JsonWebKey.FromSecp256k1(key.GetPubKey(false), key.GetPrivateKeyAsBytes());
    }

    public override byte[] Sign(ReadOnlySpan<byte> signingInput)
    {
        var signature = _key.Sign(SHA256.HashData(signingInput));
        var result = new byte[64];
        Fixed(signature.R).CopyTo(result, 0);
        Fixed(signature.S).CopyTo(result, 32);
        return result;
    }

    public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 64) return false;
        try
        {
            var r = new Org.BouncyCastle.Math.BigInteger(1, signature[..32].ToArray());
            var s = new Org.BouncyCastle.Math.BigInteger(1, signature[32..].ToArray());
            return _key.Verify(SHA256.HashData(signingInput), new EthECDSASignature(r, s, [27]));
        }
        catch (Exception e) when (e is ArgumentException or FormatException or InvalidOperationException)
        {
            return false;
        }
    }

    private static byte[] Fixed(byte[] value)
    {
        var i = 0;
        while (i < value.Length - 32 && value[i] == 0) i++;
        var trimmed = value[i..];
        if (trimmed.Length > 32) throw new CryptographicException("secp256k1 signature component is longer than 32 bytes");
        var result = new byte[32];
        trimmed.CopyTo(result, 32 - trimmed.Length);
        return result;
    }
}
