using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace ScsFederation.Saml;

/// <summary>
/// Verifies the enveloped ds:Signature of one SAML element against keys from metadata, refusing every
/// signature shape SAML does not need before SignedXml sees it.
/// </summary>
/// <remarks>
/// Accepted shape: one SignedInfo with exclusive c14n (without comments), one Reference whose URI is
/// <c>#</c> + the ID of the element that carries the Signature as a direct child, transforms only
/// enveloped-signature and exclusive c14n (without comments). Comments are therefore never part of the digest,
/// and <see cref="SamlXmlText"/> ignores them the same way, so the text read is the text that was signed.
/// The with-comments variants are refused: a bare-name "#id" reference drops comments anyway (XML-DSig 4.3.3.3),
/// so accepting them would only add a second, inconsistent reading.
/// </remarks>
internal static class SamlSignatureVerifier
{
    private static readonly string[] s_signatureChildren = ["SignedInfo", "SignatureValue", "KeyInfo"];

    /// <summary>The ds:Signature that is a direct child of <paramref name="element"/>, or null. More than one is refused.</summary>
    public static XmlElement? FindEnvelopedSignature(XmlElement element, string path)
    {
        XmlElement? found = null;
        foreach (var signature in SamlXmlElements.Children(element, SamlConstants.XmlDsigNamespace, "Signature"))
        {
            if (found is not null)
                throw new SamlRejectionException(SamlRejectionReason.SignatureMalformed, $"{path} carries more than one ds:Signature");
            found = signature;
        }
        return found;
    }

    public static void Verify(XmlElement signedElement, XmlElement signature, IReadOnlyList<X509Certificate2> trustedCertificates, bool allowSha1, string path)
    {
        var id = SamlXmlElements.Attribute(signedElement, "ID");
        if (string.IsNullOrEmpty(id))
            throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"{path} is signed but has no ID attribute");
        if (trustedCertificates.Count == 0)
            throw new SamlRejectionException(SamlRejectionReason.NoTrustedSigningKey, "no signing certificate is configured for this identity provider");

        CheckShape(signature, id, allowSha1, path);

        var signedXml = new ElementScopedSignedXml(signedElement, id);
        try
        {
            signedXml.LoadXml(signature);
        }
        catch (CryptographicException e)
        {
            throw new SamlRejectionException(SamlRejectionReason.SignatureMalformed, $"{path}/ds:Signature cannot be loaded: {e.Message}", e);
        }

        foreach (var certificate in trustedCertificates)
        {
            // Keys come from configuration only; KeyInfo in the message is never consulted.
            var key = RsaPublicKeyPool.Rent(certificate);
            if (key is null) continue;
            try
            {
                if (signedXml.CheckSignature(key)) return;
            }
            catch (CryptographicException e)
            {
                throw new SamlRejectionException(SamlRejectionReason.SignatureInvalid, $"{path}/ds:Signature cannot be checked: {e.Message}", e);
            }
            finally
            {
                RsaPublicKeyPool.Return(certificate, key);
            }
        }
        throw new SamlRejectionException(SamlRejectionReason.SignatureInvalid,
            $"the signature of {path} does not verify with any signing certificate from the IdP metadata (modified after signing, or signed by another key; KeyInfo is ignored)");
    }

    private static void CheckShape(XmlElement signature, string id, bool allowSha1, string path)
    {
        var sigPath = path + "/ds:Signature";
        for (var node = signature.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is not XmlElement child) continue;
            if (child.NamespaceURI != SamlConstants.XmlDsigNamespace || Array.IndexOf(s_signatureChildren, child.LocalName) < 0)
                throw new SamlRejectionException(SamlRejectionReason.SignatureMalformed, $"{sigPath} contains <{child.Name}>; only SignedInfo, SignatureValue and KeyInfo are accepted");
        }
        var signedInfo = RequiredDsig(signature, "SignedInfo", sigPath);
        RequiredDsig(signature, "SignatureValue", sigPath);

        var c14n = SamlXmlElements.Attribute(RequiredDsig(signedInfo, "CanonicalizationMethod", sigPath + "/SignedInfo"), "Algorithm");
        if (c14n != SamlConstants.Algorithms.ExclusiveC14n)
            throw new SamlRejectionException(SamlRejectionReason.DisallowedTransform, $"{sigPath} uses canonicalization '{c14n}'; only exclusive c14n without comments is accepted");

        var signatureMethod = SamlXmlElements.Attribute(RequiredDsig(signedInfo, "SignatureMethod", sigPath + "/SignedInfo"), "Algorithm");
        CheckAlgorithm(signatureMethod, SamlConstants.Algorithms.RsaSha1,
            [SamlConstants.Algorithms.RsaSha256, SamlConstants.Algorithms.RsaSha384, SamlConstants.Algorithms.RsaSha512], allowSha1, sigPath + " SignatureMethod");

        XmlElement? reference = null;
        foreach (var r in SamlXmlElements.Children(signedInfo, SamlConstants.XmlDsigNamespace, "Reference"))
        {
            if (reference is not null)
                throw new SamlRejectionException(SamlRejectionReason.SignatureMalformed, $"{sigPath} has more than one Reference; exactly one is accepted");
            reference = r;
        }
        if (reference is null)
            throw new SamlRejectionException(SamlRejectionReason.SignatureMalformed, $"{sigPath} has no Reference");

        var uri = SamlXmlElements.Attribute(reference, "URI");
        if (uri is null || uri.Length != id.Length + 1 || uri[0] != '#' || !uri.AsSpan(1).SequenceEqual(id))
            throw new SamlRejectionException(SamlRejectionReason.SignatureReferenceMismatch,
                $"{sigPath} references '{uri}' but is carried by the element with ID '{id}'");

        var transforms = SamlXmlElements.FirstChild(reference, SamlConstants.XmlDsigNamespace, "Transforms");
        if (transforms is not null)
        {
            bool enveloped = false, exclusive = false;
            for (var node = transforms.FirstChild; node is not null; node = node.NextSibling)
            {
                if (node is not XmlElement transform) continue;
                var algorithm = transform.LocalName == "Transform" && transform.NamespaceURI == SamlConstants.XmlDsigNamespace
                    ? SamlXmlElements.Attribute(transform, "Algorithm") : null;
                if (algorithm == SamlConstants.Algorithms.EnvelopedSignature && !enveloped) enveloped = true;
                else if (algorithm == SamlConstants.Algorithms.ExclusiveC14n && !exclusive) exclusive = true;
                else
                    throw new SamlRejectionException(SamlRejectionReason.DisallowedTransform,
                        $"{sigPath} Reference uses transform '{algorithm ?? transform.Name}'; only enveloped-signature and exclusive c14n (once each) are accepted");
            }
        }

        var digestMethod = SamlXmlElements.Attribute(RequiredDsig(reference, "DigestMethod", sigPath + "/Reference"), "Algorithm");
        CheckAlgorithm(digestMethod, SamlConstants.Algorithms.Sha1,
            [SamlConstants.Algorithms.Sha256, SamlConstants.Algorithms.Sha384, SamlConstants.Algorithms.Sha512], allowSha1, sigPath + " DigestMethod");
    }

    private static void CheckAlgorithm(string? algorithm, string sha1, string[] strong, bool allowSha1, string what)
    {
        if (algorithm is not null && Array.IndexOf(strong, algorithm) >= 0) return;
        if (algorithm == sha1)
        {
            if (allowSha1) return;
            throw new SamlRejectionException(SamlRejectionReason.WeakAlgorithm, $"{what} is '{algorithm}'; SHA-1 is not allowed for this identity provider");
        }
        throw new SamlRejectionException(SamlRejectionReason.UnsupportedAlgorithm, $"{what} '{algorithm}' is not supported");
    }

    private static XmlElement RequiredDsig(XmlElement parent, string localName, string path)
    {
        XmlElement? found = null;
        foreach (var child in SamlXmlElements.Children(parent, SamlConstants.XmlDsigNamespace, localName))
        {
            if (found is not null)
                throw new SamlRejectionException(SamlRejectionReason.SignatureMalformed, $"{path}/{localName} appears more than once");
            found = child;
        }
        return found ?? throw new SamlRejectionException(SamlRejectionReason.SignatureMalformed, $"{path}/{localName} is missing");
    }
}
