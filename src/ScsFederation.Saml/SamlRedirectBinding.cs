using System.IO.Compression;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace ScsFederation.Saml;

/// <summary>
/// The HTTP-Redirect binding (SAML bindings 3.4): DEFLATE + base64 + URL encoding, and the detached signature
/// over the query string <c>SAMLRequest|SAMLResponse=..&amp;RelayState=..&amp;SigAlg=..</c>.
/// </summary>
public static class SamlRedirectBinding
{
    /// <summary>Largest accepted inflated message, in bytes.</summary>
    public const int MaxInflatedBytes = 256 * 1024;

    /// <summary>Builds the full redirect URL to <paramref name="destination"/>; signs when a certificate is given.</summary>
    public static string BuildUrl(string destination, string parameterName, string messageXml, string? relayState, X509Certificate2? signingCertificate, string signatureAlgorithm)
    {
        var query = new StringBuilder();
        query.Append(parameterName).Append('=').Append(Uri.EscapeDataString(Convert.ToBase64String(Deflate(messageXml))));
        if (relayState is not null) query.Append("&RelayState=").Append(Uri.EscapeDataString(relayState));
        if (signingCertificate is not null)
        {
            using var rsa = signingCertificate.GetRSAPrivateKey()
                ?? throw new ArgumentException("the signing certificate has no RSA private key", nameof(signingCertificate));
            query.Append("&SigAlg=").Append(Uri.EscapeDataString(signatureAlgorithm));
            // The SP never signs with SHA-1, whatever it accepts from IdPs.
            var hash = signatureAlgorithm switch
            {
                SamlConstants.Algorithms.RsaSha256 => HashAlgorithmName.SHA256,
                SamlConstants.Algorithms.RsaSha384 => HashAlgorithmName.SHA384,
                SamlConstants.Algorithms.RsaSha512 => HashAlgorithmName.SHA512,
                _ => throw new ArgumentException($"signature algorithm '{signatureAlgorithm}' is not used by this SP", nameof(signatureAlgorithm)),
            };
            var signature = rsa.SignData(Encoding.UTF8.GetBytes(query.ToString()), hash, RSASignaturePadding.Pkcs1);
            query.Append("&Signature=").Append(Uri.EscapeDataString(Convert.ToBase64String(signature)));
        }
        return destination + (destination.Contains('?') ? '&' : '?') + query;
    }

    /// <summary>
    /// Reads a redirect-binding message from the raw (still URL-encoded) query string and verifies its signature
    /// with the given certificates. The signed octets are taken from the raw query as received, because
    /// re-encoding decoded values need not reproduce what the sender signed.
    /// </summary>
    public static string ReadVerified(string rawQuery, string parameterName, IReadOnlyList<X509Certificate2> trustedCertificates, bool allowSha1, out string? relayState)
    {
        var raw = rawQuery.StartsWith('?') ? rawQuery[1..] : rawQuery;
        string? message = null, relay = null, sigAlg = null, signature = null;
        foreach (var pair in raw.Split('&'))
        {
            var eq = pair.IndexOf('=');
            if (eq <= 0) continue;
            var name = pair[..eq];
            var value = pair[(eq + 1)..];
            if (name == parameterName) message = Once(message, value, name);
            else if (name == "RelayState") relay = Once(relay, value, name);
            else if (name == "SigAlg") sigAlg = Once(sigAlg, value, name);
            else if (name == "Signature") signature = Once(signature, value, name);
        }
        if (message is null)
            throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"the query has no {parameterName}");
        if (sigAlg is null || signature is null)
            throw new SamlRejectionException(SamlRejectionReason.SignatureMissing, "the redirect-binding message is not signed");
        if (trustedCertificates.Count == 0)
            throw new SamlRejectionException(SamlRejectionReason.NoTrustedSigningKey, "no signing certificate is configured for this identity provider");

        var signedOctets = new StringBuilder().Append(parameterName).Append('=').Append(message);
        if (relay is not null) signedOctets.Append("&RelayState=").Append(relay);
        signedOctets.Append("&SigAlg=").Append(sigAlg);
        var hash = HashFor(Uri.UnescapeDataString(sigAlg), allowSha1);
        byte[] signatureBytes;
        try
        {
            signatureBytes = Convert.FromBase64String(Uri.UnescapeDataString(signature));
        }
        catch (FormatException)
        {
            throw new SamlRejectionException(SamlRejectionReason.SignatureMalformed, "Signature is not base64");
        }
        var octets = Encoding.UTF8.GetBytes(signedOctets.ToString());
        var verified = false;
        foreach (var certificate in trustedCertificates)
        {
            using var rsa = certificate.GetRSAPublicKey();
            if (rsa is not null && rsa.VerifyData(octets, signatureBytes, hash, RSASignaturePadding.Pkcs1))
            {
                verified = true;
                break;
            }
        }
        if (!verified)
            throw new SamlRejectionException(SamlRejectionReason.SignatureInvalid, "the redirect-binding signature does not verify with any signing certificate from the metadata");

        relayState = relay is null ? null : Uri.UnescapeDataString(relay);
        return Inflate(Uri.UnescapeDataString(message));
    }

    public static byte[] Deflate(string xml)
    {
        using var output = new MemoryStream();
        using (var deflate = new DeflateStream(output, CompressionLevel.Optimal, leaveOpen: true))
            deflate.Write(Encoding.UTF8.GetBytes(xml));
        return output.ToArray();
    }

    public static string Inflate(string base64)
    {
        byte[] compressed;
        try
        {
            compressed = Convert.FromBase64String(base64);
        }
        catch (FormatException)
        {
            throw new SamlRejectionException(SamlRejectionReason.MalformedEncoding, "the redirect-binding message is not base64");
        }
        try
        {
            using var inflate = new DeflateStream(new MemoryStream(compressed), CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[8192];
            int read;
            // Bounded inflation: a small DEFLATE stream can expand enormously.
            while ((read = inflate.Read(buffer)) > 0)
            {
                if (output.Length + read > MaxInflatedBytes)
                    throw new SamlRejectionException(SamlRejectionReason.MessageTooLarge, $"the inflated message exceeds {MaxInflatedBytes} bytes");
                output.Write(buffer, 0, read);
            }
            return Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
        }
        catch (InvalidDataException)
        {
            throw new SamlRejectionException(SamlRejectionReason.MalformedEncoding, "the redirect-binding message is not valid DEFLATE data");
        }
    }

    internal static HashAlgorithmName HashFor(string algorithm, bool allowSha1) => algorithm switch
    {
        SamlConstants.Algorithms.RsaSha256 => HashAlgorithmName.SHA256,
        SamlConstants.Algorithms.RsaSha384 => HashAlgorithmName.SHA384,
        SamlConstants.Algorithms.RsaSha512 => HashAlgorithmName.SHA512,
        SamlConstants.Algorithms.RsaSha1 when allowSha1 => HashAlgorithmName.SHA1,
        SamlConstants.Algorithms.RsaSha1 => throw new SamlRejectionException(SamlRejectionReason.WeakAlgorithm, "SigAlg is rsa-sha1, which is not allowed"),
        _ => throw new SamlRejectionException(SamlRejectionReason.UnsupportedAlgorithm, $"SigAlg '{algorithm}' is not supported"),
    };

    private static string Once(string? existing, string value, string name) =>
        existing is null ? value : throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"the query repeats {name}");
}
