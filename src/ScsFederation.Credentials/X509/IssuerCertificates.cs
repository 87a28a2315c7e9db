using System.Formats.Asn1;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ScsFederation.Credentials.Jose;

namespace ScsFederation.Credentials.X509;

/// <summary>
/// Certificates for an issuer key of any supported algorithm: a certificate signing request (signed by the
/// key itself) for the operator's CA, and a self-signed lab chain (root → leaf, SAN = the DID host) for lab
/// use. .NET's CertificateRequest handles RSA and the NIST curves itself; Ed25519 and secp256k1 keys are
/// described by their SubjectPublicKeyInfo and signed through <see cref="JwsKey"/> (BouncyCastle / Nethereum).
/// </summary>
public static class IssuerCertificates
{
    /// <summary>A PKCS#10 request for <paramref name="host"/> (CN and DNS SAN), signed by the private JWK.</summary>
    public static string CreateSigningRequestPem(JsonWebKey privateJwk, string alg, string host)
    {
        using var key = JwsKey.Create(privateJwk, alg);
        var request = Request(privateJwk, host);
        return request.CreateSigningRequestPem(new JwsKeySignatureGenerator(key, PublicKeyOf(privateJwk)));
    }

    /// <summary>
    /// A lab chain (PEM, leaf first): a fresh P-256 root, thrown away after signing, and a leaf carrying
    /// <paramref name="publicJwk"/> with SAN <paramref name="host"/>. Trusted by nobody: publishing it needs
    /// the operator's explicit lab setting.
    /// </summary>
    public static string CreateLabChainPem(JsonWebKey publicJwk, string host, DateTimeOffset notBefore, DateTimeOffset notAfter, string? rootName = null)
    {
        using var rootKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var rootRequest = new CertificateRequest(new X500DistinguishedName($"CN={rootName ?? "ScsFederation lab root " + host}"), rootKey, HashAlgorithmName.SHA256);
        rootRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, true, 1, true));
        rootRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        using var root = rootRequest.CreateSelfSigned(notBefore.AddMinutes(-5), notAfter.AddDays(1));
        return IssueLeafPem(publicJwk, host, root, rootKey, notBefore, notAfter) + root.ExportCertificatePem() + "\n";
    }

    /// <summary>A leaf for <paramref name="publicJwk"/> issued by <paramref name="issuer"/> (PEM, no newline issues).</summary>
    public static string IssueLeafPem(JsonWebKey publicJwk, string host, X509Certificate2 issuer, ECDsa issuerKey, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        var leafRequest = Request(publicJwk, host);
        leafRequest.CertificateExtensions.Add(new X509BasicConstraintsExtension(false, false, 0, true));
        leafRequest.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature, true));
        using var leaf = leafRequest.Create(issuer.SubjectName, X509SignatureGenerator.CreateForECDsa(issuerKey), notBefore, notAfter, RandomNumberGenerator.GetBytes(16));
        return leaf.ExportCertificatePem() + "\n";
    }

    private static CertificateRequest Request(JsonWebKey jwk, string host)
    {
        var request = new CertificateRequest(new X500DistinguishedName($"CN={host}"), PublicKeyOf(jwk), HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(host);
        request.CertificateExtensions.Add(san.Build());
        return request;
    }

    /// <summary>The JWK's public key as X.509 SubjectPublicKeyInfo.</summary>
    public static PublicKey PublicKeyOf(JsonWebKey jwk)
    {
        byte[] spki;
        switch (jwk.Kty, jwk.Crv)
        {
            case ("RSA", _):
                using (var rsa = RSA.Create()) { rsa.ImportParameters(new RSAParameters { Modulus = jwk.Bytes("n"), Exponent = jwk.Bytes("e") }); spki = rsa.ExportSubjectPublicKeyInfo(); }
                break;
            case ("EC", "secp256k1"):
                spki = Spki("1.2.840.10045.2.1", "1.3.132.0.10", [0x04, .. jwk.Bytes("x")!, .. jwk.Bytes("y")!]);
                break;
            case ("EC", _):
                using (var ec = ECDsa.Create(new ECParameters { Curve = ECCurve.CreateFromFriendlyName(jwk.Crv switch { "P-256" => "nistP256", "P-384" => "nistP384", _ => "nistP521" }), Q = new ECPoint { X = jwk.Bytes("x"), Y = jwk.Bytes("y") } }))
                    spki = ec.ExportSubjectPublicKeyInfo();
                break;
            default:
                spki = Spki("1.3.101.112", null, jwk.Bytes("x")!);
                break;
        }
        return PublicKey.CreateFromSubjectPublicKeyInfo(spki, out _);
    }

    private static byte[] Spki(string algorithm, string? curve, byte[] key)
    {
        var w = new AsnWriter(AsnEncodingRules.DER);
        using (w.PushSequence())
        {
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(algorithm);
                if (curve is not null) w.WriteObjectIdentifier(curve);
            }
            w.WriteBitString(key);
        }
        return w.Encode();
    }

    /// <summary>Signs certificates and requests with a <see cref="JwsKey"/> (any of the JWS algorithms).</summary>
    private sealed class JwsKeySignatureGenerator(JwsKey key, PublicKey publicKey) : X509SignatureGenerator
    {
        protected override PublicKey BuildPublicKey() => publicKey;

        public override byte[] GetSignatureAlgorithmIdentifier(HashAlgorithmName hashAlgorithm) => key.Algorithm switch
        {
            // Requests are signed PKCS#1 v1.5 SHA-256 whatever the JWS alg: every CA accepts that.
            _ when key.Jwk.Kty == "RSA" => AlgorithmIdentifier("1.2.840.113549.1.1.11", nullParameters: true),
            "ES256" or "ES256K" => AlgorithmIdentifier("1.2.840.10045.4.3.2"),
            "ES384" => AlgorithmIdentifier("1.2.840.10045.4.3.3"),
            "ES512" => AlgorithmIdentifier("1.2.840.10045.4.3.4"),
            _ => AlgorithmIdentifier("1.3.101.112"),
        };

        public override byte[] SignData(byte[] data, HashAlgorithmName hashAlgorithm)
        {
            if (key.Jwk.Kty == "RSA")
            {
                using var rs256 = JwsKey.Create(key.Jwk.With("alg", null), "RS256");
                return rs256.Sign(data);
            }
            var signature = key.Sign(data);
            if (key.Jwk.Kty != "EC") return signature;
            // X.509 wants ECDSA signatures DER-encoded, JWS gives R || S.
            var half = signature.Length / 2;
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                // DER integers are minimal: R or S with leading zero bytes (about 1 in 128 signatures) must lose them.
                w.WriteIntegerUnsigned(Minimal(signature.AsSpan(0, half)));
                w.WriteIntegerUnsigned(Minimal(signature.AsSpan(half)));
            }
            return w.Encode();
        }

        private static ReadOnlySpan<byte> Minimal(ReadOnlySpan<byte> value)
        {
            var i = 0;
            while (i < value.Length - 1 && value[i] == 0) i++;
            return value[i..];
        }

        private static byte[] AlgorithmIdentifier(string oid, bool nullParameters = false)
        {
            var w = new AsnWriter(AsnEncodingRules.DER);
            using (w.PushSequence())
            {
                w.WriteObjectIdentifier(oid);
                if (nullParameters) w.WriteNull();
            }
            return w.Encode();
        }
    }
}
