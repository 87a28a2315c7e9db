using System.Text;
using System.Xml;

namespace ScsFederation.Saml;

/// <summary>
/// Reads the IdP's LogoutResponse to an SP-initiated logout (HTTP-Redirect or HTTP-POST binding): signature by a metadata key,
/// Issuer, Destination, and InResponseTo equal to the LogoutRequest this SP sent.
/// </summary>
public static class SamlLogoutResponseReader
{
    /// <summary>HTTP-Redirect binding: the query-string signature must verify with a metadata key.</summary>
    /// <exception cref="SamlRejectionException">With the specific check that failed.</exception>
    public static SamlLogoutResult ReadRedirect(string rawQuery, SamlServiceProviderOptions sp, SamlIdentityProviderOptions idp, string expectedInResponseTo)
    {
        var xml = SamlRedirectBinding.ReadVerified(rawQuery, "SAMLResponse", idp.SigningCertificates, idp.AllowSha1, out var relayState);
        var document = SamlXmlParser.Parse(Encoding.UTF8.GetBytes(xml), SamlRedirectBinding.MaxInflatedBytes);
        return Check(document.DocumentElement!, sp, idp, expectedInResponseTo, relayState);
    }

    /// <summary>HTTP-POST binding: the LogoutResponse must carry an enveloped signature by a metadata key.</summary>
    /// <exception cref="SamlRejectionException">With the specific check that failed.</exception>
    public static SamlLogoutResult ReadPost(string base64Response, string? relayState, SamlServiceProviderOptions sp, SamlIdentityProviderOptions idp, string expectedInResponseTo)
    {
        if (base64Response.Length > SamlRedirectBinding.MaxInflatedBytes)
            throw new SamlRejectionException(SamlRejectionReason.MessageTooLarge, $"SAMLResponse exceeds {SamlRedirectBinding.MaxInflatedBytes} characters");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64Response);
        }
        catch (FormatException)
        {
            throw new SamlRejectionException(SamlRejectionReason.MalformedEncoding, "SAMLResponse is not valid base64");
        }
        var document = SamlXmlParser.Parse(bytes, SamlRedirectBinding.MaxInflatedBytes);
        var root = document.DocumentElement!;
        SamlIdIndex.RequireUniqueIds(document);
        var signature = SamlSignatureVerifier.FindEnvelopedSignature(root, Path)
            ?? throw new SamlRejectionException(SamlRejectionReason.SignatureMissing, $"{Path} is not signed");
        SamlSignatureVerifier.Verify(root, signature, idp.SigningCertificates, idp.AllowSha1, Path);
        return Check(root, sp, idp, expectedInResponseTo, relayState);
    }

    private const string Path = "samlp:LogoutResponse";

    private static SamlLogoutResult Check(XmlElement root, SamlServiceProviderOptions sp, SamlIdentityProviderOptions idp, string expectedInResponseTo, string? relayState)
    {
        const string path = Path;
        if (root.LocalName != "LogoutResponse" || root.NamespaceURI != SamlConstants.ProtocolNamespace)
            throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"root element is <{root.Name}>, not {path}");
        var issuer = SamlXmlElements.FirstChild(root, SamlConstants.AssertionNamespace, "Issuer");
        var issuerValue = issuer is null ? null : SamlXmlText.ReadSimpleContent(issuer, path + "/saml:Issuer").Trim();
        if (issuerValue != idp.EntityId)
            throw new SamlRejectionException(SamlRejectionReason.WrongIssuer, $"{path}/saml:Issuer is '{issuerValue}', expected '{idp.EntityId}'");
        var destination = SamlXmlElements.Attribute(root, "Destination");
        if (destination is not null && destination != sp.SingleLogoutServiceUrl)
            throw new SamlRejectionException(SamlRejectionReason.WrongDestination, $"{path} Destination is '{destination}', expected '{sp.SingleLogoutServiceUrl}'");
        var inResponseTo = SamlXmlElements.Attribute(root, "InResponseTo");
        if (!string.Equals(inResponseTo, expectedInResponseTo, StringComparison.Ordinal))
            throw new SamlRejectionException(SamlRejectionReason.InResponseToMismatch, $"{path} InResponseTo is '{inResponseTo}', expected '{expectedInResponseTo}'");
        var status = SamlXmlElements.RequiredChild(root, SamlConstants.ProtocolNamespace, "Status", path + "/samlp:Status");
        var code = SamlXmlElements.RequiredChild(status, SamlConstants.ProtocolNamespace, "StatusCode", path + "/samlp:Status/samlp:StatusCode");
        return new SamlLogoutResult(inResponseTo!, SamlXmlElements.Attribute(code, "Value") ?? string.Empty, relayState);
    }
}
