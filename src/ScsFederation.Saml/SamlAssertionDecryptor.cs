using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;

namespace ScsFederation.Saml;

/// <summary>
/// Decrypts a saml:EncryptedAssertion with the SP's private key: RSA-OAEP key transport, then AES-GCM (or AES-CBC
/// where the upstream is allowed it). Every failure is the same reason with the same message
/// (<see cref="GenericMessage"/>), so neither the error page nor the log can serve as a padding or format oracle.
/// Only refusals that depend on what the sender chose in clear (the algorithm, a missing SP key) carry a
/// <see cref="SamlRejectionException.Diagnostic"/> for the operator; nothing derived from the ciphertext does.
/// </summary>
internal static class SamlAssertionDecryptor
{
    public const string GenericMessage = "the encrypted assertion cannot be decrypted";

    public static XmlElement Decrypt(XmlElement encryptedAssertion, X509Certificate2? spCertificate, bool allowCbc, long maxCharacters)
    {
        if (spCertificate is null)
            throw Refused("the response carries an EncryptedAssertion but no SP encryption certificate is configured");
        using var rsa = spCertificate.GetRSAPrivateKey()
            ?? throw Refused("the SP encryption certificate has no RSA private key");

        var encryptedData = SamlXmlElements.FirstChild(encryptedAssertion, SamlConstants.XmlEncNamespace, "EncryptedData")
            ?? throw Failed();
        var dataAlgorithm = Algorithm(encryptedData);
        // The algorithm is read from the message, which need not be signed: decide on it before any key is unwrapped.
        // CBC is unauthenticated (padding-oracle attacks on XML encryption), and a GCM ciphertext relabelled as CBC
        // would be decrypted with the same key, so CBC needs the operator's explicit allowCbcEncryption.
        switch (dataAlgorithm)
        {
            case SamlConstants.Algorithms.Aes128Gcm or SamlConstants.Algorithms.Aes256Gcm:
                break;
            case SamlConstants.Algorithms.Aes128Cbc or SamlConstants.Algorithms.Aes256Cbc when allowCbc:
                break;
            case SamlConstants.Algorithms.Aes128Cbc or SamlConstants.Algorithms.Aes256Cbc:
                throw Refused($"content encryption '{dataAlgorithm}' is AES-CBC, refused unless allowCbcEncryption is set for this upstream");
            default:
                throw Refused($"content encryption '{dataAlgorithm}' is not accepted (AES-GCM only)");
        }
        var cipherText = CipherValue(encryptedData);
        var encryptedKey = FindEncryptedKey(encryptedData, encryptedAssertion) ?? throw Failed();
        var keyAlgorithm = Algorithm(encryptedKey);

        byte[] plain;
        try
        {
            var padding = keyAlgorithm switch
            {
                SamlConstants.Algorithms.RsaOaepMgf1p => RSAEncryptionPadding.OaepSHA1,
                SamlConstants.Algorithms.RsaOaep => OaepPadding(encryptedKey),
                _ => throw Refused($"key transport '{keyAlgorithm}' is not accepted (RSA-OAEP only)"),
            };
            var key = rsa.Decrypt(CipherValue(encryptedKey), padding);
            plain = dataAlgorithm switch
            {
                SamlConstants.Algorithms.Aes128Gcm or SamlConstants.Algorithms.Aes256Gcm => DecryptGcm(key, cipherText, dataAlgorithm),
                SamlConstants.Algorithms.Aes128Cbc or SamlConstants.Algorithms.Aes256Cbc => DecryptCbc(key, cipherText, dataAlgorithm),
                _ => throw Failed(),
            };
        }
        catch (CryptographicException)
        {
            throw Failed();
        }

        var element = ParseInContext(plain, encryptedAssertion, maxCharacters);
        if (element.LocalName != "Assertion" || element.NamespaceURI != SamlConstants.AssertionNamespace)
            throw Failed();
        return element;
    }

    private static RSAEncryptionPadding OaepPadding(XmlElement encryptedKey)
    {
        // xmlenc11 rsa-oaep: DigestMethod (default SHA-1) must match the MGF hash, which .NET ties together.
        var method = SamlXmlElements.FirstChild(encryptedKey, SamlConstants.XmlEncNamespace, "EncryptionMethod")!;
        var digest = SamlXmlElements.FirstChild(method, SamlConstants.XmlDsigNamespace, "DigestMethod") is { } d ? SamlXmlElements.Attribute(d, "Algorithm") : SamlConstants.Algorithms.Sha1;
        var mgf = SamlXmlElements.FirstChild(method, "http://www.w3.org/2009/xmlenc11#", "MGF") is { } m ? SamlXmlElements.Attribute(m, "Algorithm") : "http://www.w3.org/2009/xmlenc11#mgf1sha1";
        return (digest, mgf) switch
        {
            (SamlConstants.Algorithms.Sha1, "http://www.w3.org/2009/xmlenc11#mgf1sha1") => RSAEncryptionPadding.OaepSHA1,
            (SamlConstants.Algorithms.Sha256, "http://www.w3.org/2009/xmlenc11#mgf1sha256") => RSAEncryptionPadding.OaepSHA256,
            _ => throw Refused($"RSA-OAEP with digest '{digest}' and MGF '{mgf}' is not supported"),
        };
    }

    private static byte[] DecryptGcm(byte[] key, byte[] data, string algorithm)
    {
        RequireKeySize(key, algorithm == SamlConstants.Algorithms.Aes128Gcm ? 16 : 32);
        const int nonceSize = 12, tagSize = 16;
        if (data.Length < nonceSize + tagSize) throw Failed();
        var plain = new byte[data.Length - nonceSize - tagSize];
        using var gcm = new AesGcm(key, tagSize);
        gcm.Decrypt(data.AsSpan(0, nonceSize), data.AsSpan(nonceSize, plain.Length), data.AsSpan(data.Length - tagSize), plain);
        return plain;
    }

    private static byte[] DecryptCbc(byte[] key, byte[] data, string algorithm)
    {
        RequireKeySize(key, algorithm == SamlConstants.Algorithms.Aes128Cbc ? 16 : 32);
        if (data.Length < 32 || data.Length % 16 != 0) throw Failed();
        using var aes = Aes.Create();
        aes.Key = key;
        // XML-Enc pads with arbitrary bytes and a final length byte (ISO 10126), not PKCS#7.
        return aes.DecryptCbc(data.AsSpan(16), data.AsSpan(0, 16), PaddingMode.ISO10126);
    }

    private static void RequireKeySize(byte[] key, int size)
    {
        if (key.Length != size) throw new CryptographicException("content key size does not match the algorithm");
    }

    private static XmlElement? FindEncryptedKey(XmlElement encryptedData, XmlElement encryptedAssertion)
    {
        if (SamlXmlElements.FirstChild(encryptedData, SamlConstants.XmlDsigNamespace, "KeyInfo") is { } keyInfo
            && SamlXmlElements.FirstChild(keyInfo, SamlConstants.XmlEncNamespace, "EncryptedKey") is { } inline)
            return inline;
        return SamlXmlElements.FirstChild(encryptedAssertion, SamlConstants.XmlEncNamespace, "EncryptedKey");
    }

    private static string Algorithm(XmlElement element) =>
        SamlXmlElements.FirstChild(element, SamlConstants.XmlEncNamespace, "EncryptionMethod") is { } method && SamlXmlElements.Attribute(method, "Algorithm") is { } algorithm
            ? algorithm : throw Failed();

    private static byte[] CipherValue(XmlElement element)
    {
        var cipherData = SamlXmlElements.FirstChild(element, SamlConstants.XmlEncNamespace, "CipherData") ?? throw Failed();
        var value = SamlXmlElements.FirstChild(cipherData, SamlConstants.XmlEncNamespace, "CipherValue") ?? throw Failed();
        try
        {
            return Convert.FromBase64String(SamlXmlText.ReadSimpleContent(value, "CipherValue"));
        }
        catch (Exception ex) when (ex is FormatException or SamlRejectionException)
        {
            throw Failed();
        }
    }

    /// <summary>
    /// Parses the plaintext as the root of a new document, declaring the namespaces in scope at the
    /// EncryptedAssertion so prefixes the IdP relied on still resolve (and canonicalize the same way).
    /// </summary>
    private static XmlElement ParseInContext(byte[] plain, XmlElement context, long maxCharacters)
    {
        var inScope = new Dictionary<string, string>(StringComparer.Ordinal);
        for (XmlNode? node = context; node is XmlElement element; node = node.ParentNode)
        {
            foreach (XmlAttribute attribute in element.Attributes)
            {
                if (attribute.NamespaceURI != "http://www.w3.org/2000/xmlns/") continue;
                var prefix = attribute.Prefix == "xmlns" ? attribute.LocalName : string.Empty;
                inScope.TryAdd(prefix, attribute.Value);
            }
        }
        var table = new NameTable();
        var namespaces = new XmlNamespaceManager(table);
        foreach (var (prefix, uri) in inScope) namespaces.AddNamespace(prefix, uri);

        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            ConformanceLevel = ConformanceLevel.Fragment,
            NameTable = table,
        };
        var document = new XmlDocument(table) { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new StringReader(Encoding.UTF8.GetString(plain)), settings, new XmlParserContext(table, namespaces, null, XmlSpace.None));
            reader.MoveToContent();
            document.AppendChild(document.ReadNode(reader)!);
        }
        catch (Exception ex) when (ex is XmlException or InvalidOperationException or ArgumentException)
        {
            // Garbage plaintext may parse as a text node, which a document cannot hold: the same failure, not a crash.
            throw Failed();
        }
        var root = document.DocumentElement ?? throw Failed();
        try
        {
            SamlXmlParser.RequireMaxDepth(document);
        }
        catch (SamlRejectionException)
        {
            throw Failed();
        }
        foreach (var (prefix, uri) in inScope)
        {
            var name = prefix.Length == 0 ? "xmlns" : "xmlns:" + prefix;
            if (!root.HasAttribute(name)) root.SetAttribute(name, uri);
        }
        return root;
    }

    /// <summary>A failure that may depend on the ciphertext: nothing about it is told, not even to the log.</summary>
    private static SamlRejectionException Failed() => new(SamlRejectionReason.DecryptionFailed, GenericMessage);

    /// <summary>A refusal of what the sender chose in clear (or of the SP's own setup): same message, a diagnostic for the operator.</summary>
    private static SamlRejectionException Refused(string diagnostic) =>
        new(SamlRejectionReason.DecryptionFailed, GenericMessage) { Diagnostic = diagnostic };
}
