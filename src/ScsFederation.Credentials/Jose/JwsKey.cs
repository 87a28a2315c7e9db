using System.Security.Cryptography;

namespace ScsFederation.Credentials.Jose;

/// <summary>
/// A key bound to one JWS algorithm: signs and verifies JWS signing inputs. RSA and NIST curves use
/// .NET's cryptography, ES256K goes through Nethereum.Signer, Ed25519 through BouncyCastle (.NET 10
/// has no Ed25519; see docs/decisions.md).
/// </summary>
public abstract class JwsKey : IDisposable
{
    protected JwsKey(string alg, JsonWebKey jwk) { Algorithm = alg; Jwk = jwk; }

    public string Algorithm { get; }

    /// <summary>The JWK this key came from (private members included when it signs).</summary>
    public JsonWebKey Jwk { get; }

    public bool CanSign => Jwk.HasPrivateKey;

    public abstract byte[] Sign(ReadOnlySpan<byte> signingInput);

    /// <summary>False for a wrong signature, including one of the wrong length or encoding; never throws for bad input.</summary>
    public abstract bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature);

    public virtual void Dispose() => GC.SuppressFinalize(this);

    /// <summary>Binds <paramref name="jwk"/> to <paramref name="alg"/>; throws <see cref="JwsKeyMismatchException"/> when they do not fit.</summary>
    public static JwsKey Create(JsonWebKey jwk, string alg)
    {
        ArgumentNullException.ThrowIfNull(jwk);
        if (!JwsAlgorithms.IsSupported(alg)) throw new JwsKeyMismatchException($"algorithm '{alg}' is not supported");
        if (JwsAlgorithms.Mismatch(alg, jwk) is { } why) throw new JwsKeyMismatchException(why);
        return alg switch
        {
            JwsAlgorithms.ES256K => new Secp256k1JwsKey(jwk),
            JwsAlgorithms.EdDSA => new Ed25519JwsKey(jwk),
            _ when jwk.Kty == "RSA" => new RsaJwsKey(alg, jwk),
            _ => new EcJwsKey(alg, jwk),
        };
    }

    /// <summary>A new private JWK suitable for <paramref name="alg"/>.</summary>
    public static JsonWebKey Generate(string alg)
    {
        var (kty, crv) = JwsAlgorithms.KeyTypeFor(alg);
        switch (kty, crv)
        {
            case ("RSA", _):
                using (var rsa = RSA.Create(3072)) return JsonWebKey.FromRsa(rsa, includePrivate: true);
            case ("EC", "secp256k1"):
                return Secp256k1JwsKey.GenerateJwk();
            case ("EC", _):
                using (var ec = ECDsa.Create(EcJwsKey.CurveOf(crv!))) return JsonWebKey.FromECDsa(ec, includePrivate: true);
            default:
                return Ed25519JwsKey.GenerateJwk();
        }
    }

    internal static HashAlgorithmName HashOf(string alg) => alg[^3..] switch
    {
        "256" or "56K" => HashAlgorithmName.SHA256,
        "384" => HashAlgorithmName.SHA384,
        "512" => HashAlgorithmName.SHA512,
        _ => throw new ArgumentException(alg),
    };
}

/// <summary>The key cannot be used with the algorithm (wrong kty/crv, alg restriction, too weak, unsupported).</summary>
public sealed class JwsKeyMismatchException(string message) : CryptographicException(message);

internal sealed class RsaJwsKey : JwsKey
{
    /// <summary>RFC 7518 §3.3/§3.5: 2048 bits at least.</summary>
    private const int MinimumBits = 2048;
    private readonly RSA _rsa;
    private readonly RSASignaturePadding _padding;
    private readonly HashAlgorithmName _hash;

    public RsaJwsKey(string alg, JsonWebKey jwk) : base(alg, jwk)
    {
        var p = new RSAParameters { Modulus = TrimLeadingZeros(jwk.Bytes("n")!), Exponent = jwk.Bytes("e") };
        if (p.Modulus.Length * 8 < MinimumBits) throw new JwsKeyMismatchException($"RSA key has {p.Modulus.Length * 8} bits, fewer than {MinimumBits}");
        if (jwk.HasPrivateKey)
        {
            var half = (p.Modulus.Length + 1) / 2;
            p.D = Pad(jwk.Bytes("d")!, p.Modulus.Length); p.P = Pad(jwk.Bytes("p")!, half); p.Q = Pad(jwk.Bytes("q")!, half);
            p.DP = Pad(jwk.Bytes("dp")!, half); p.DQ = Pad(jwk.Bytes("dq")!, half); p.InverseQ = Pad(jwk.Bytes("qi")!, half);
        }
        // The same OpenSSL key, made ~50× cheaper on Linux (OpenSslRsaImport); otherwise, and for whatever it declines, ImportParameters.
        if (OpenSslRsaImport.TryCreate(p) is { } direct) _rsa = direct;
        else
        {
            _rsa = RSA.Create();
            try { _rsa.ImportParameters(p); }
            catch (CryptographicException e) { _rsa.Dispose(); throw new JwsKeyMismatchException($"RSA key does not import: {e.Message}"); }
        }
        _padding = alg.StartsWith("PS", StringComparison.Ordinal) ? RSASignaturePadding.Pss : RSASignaturePadding.Pkcs1;
        _hash = HashOf(alg);
    }

    private static byte[] TrimLeadingZeros(byte[] b) { var i = 0; while (i < b.Length - 1 && b[i] == 0) i++; return b[i..]; }

    private static byte[] Pad(byte[] b, int length)
    {
        b = TrimLeadingZeros(b);
        if (b.Length >= length) return b;
        var r = new byte[length];
        b.CopyTo(r, length - b.Length);
        return r;
    }

    public override byte[] Sign(ReadOnlySpan<byte> signingInput) => _rsa.SignData(signingInput, _hash, _padding);

    public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        try { return _rsa.VerifyData(signingInput, signature, _hash, _padding); }
        catch (CryptographicException) { return false; }
    }

    public override void Dispose() { _rsa.Dispose(); base.Dispose(); }
}

internal sealed class EcJwsKey : JwsKey
{
    private readonly ECDsa _ec;
    private readonly HashAlgorithmName _hash;
    private readonly int _size;

    public EcJwsKey(string alg, JsonWebKey jwk) : base(alg, jwk)
    {
        _size = JsonWebKey.CurveSize(jwk.Crv);
        var p = new ECParameters { Curve = CurveOf(jwk.Crv!), Q = new ECPoint { X = jwk.Bytes("x"), Y = jwk.Bytes("y") }, D = jwk.Bytes("d") };
        try { _ec = ECDsa.Create(p); }
        catch (CryptographicException e) { throw new JwsKeyMismatchException($"EC key does not import (point not on {jwk.Crv}?): {e.Message}"); }
        _hash = HashOf(alg);
    }

    internal static ECCurve CurveOf(string crv) => crv switch
    {
        "P-256" => ECCurve.NamedCurves.nistP256,
        "P-384" => ECCurve.NamedCurves.nistP384,
        "P-521" => ECCurve.NamedCurves.nistP521,
        _ => throw new JwsKeyMismatchException($"curve {crv} is not a NIST curve"),
    };

    // JWS ECDSA signatures are R || S, fixed length (RFC 7518 §3.4) = .NET's IEEE P1363 format.
    public override byte[] Sign(ReadOnlySpan<byte> signingInput) => _ec.SignData(signingInput, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);

    public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature)
    {
        if (signature.Length != 2 * _size) return false;
        try { return _ec.VerifyData(signingInput, signature, _hash, DSASignatureFormat.IeeeP1363FixedFieldConcatenation); }
        catch (CryptographicException) { return false; }
    }

    public override void Dispose() { _ec.Dispose(); base.Dispose(); }
}
