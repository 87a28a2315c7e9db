using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Xml;

namespace ScsFederation.Saml;

/// <summary>Adds an enveloped signature (exclusive c14n, one Reference to the element's ID) to an element this SP produced.</summary>
internal static class SamlXmlSigner
{
    /// <param name="insertAfter">The child after which ds:Signature goes (SAML schema: after Issuer); null puts it first.</param>
    public static void SignEnveloped(XmlElement element, X509Certificate2 certificate, string signatureAlgorithm, XmlElement? insertAfter)
    {
        var id = element.GetAttribute("ID");
        using var key = certificate.GetRSAPrivateKey()
            ?? throw new ArgumentException("the SP signing certificate has no RSA private key", nameof(certificate));
        var signedXml = new ElementScopedSignedXml(element, id) { SigningKey = key };
        signedXml.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signedXml.SignedInfo.SignatureMethod = signatureAlgorithm;
        var reference = new Reference("#" + id) { DigestMethod = DigestFor(signatureAlgorithm) };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signedXml.AddReference(reference);
        var keyInfo = new KeyInfo();
        keyInfo.AddClause(new KeyInfoX509Data(certificate));
        signedXml.KeyInfo = keyInfo;
        signedXml.ComputeSignature();
        var signature = signedXml.GetXml();
        var imported = element.OwnerDocument.ImportNode(signature, deep: true);
        if (insertAfter is null) element.PrependChild(imported);
        else element.InsertAfter(imported, insertAfter);
    }

    private static string DigestFor(string signatureAlgorithm) => signatureAlgorithm switch
    {
        SamlConstants.Algorithms.RsaSha512 => SamlConstants.Algorithms.Sha512,
        SamlConstants.Algorithms.RsaSha384 => SamlConstants.Algorithms.Sha384,
        SamlConstants.Algorithms.RsaSha256 => SamlConstants.Algorithms.Sha256,
        _ => throw new CryptographicException($"signature algorithm '{signatureAlgorithm}' is not used by this SP"),
    };
}
