using System.Text;
using System.Xml;

namespace ScsFederation.Saml;

/// <summary>
/// Reads the IdP's LogoutResponse to an SP-initiated logout (HTTP-Redirect binding): signature by a metadata key,
/// Issuer, Destination, and InResponseTo equal to the LogoutRequest this SP sent.
/// </summary>
public static class SamlLogoutResponseReader
{
    /// <exception cref="SamlRejectionException">With the specific check that failed.</exception>
    public static SamlLogoutResult ReadRedirect(string rawQuery, SamlServiceProviderOptions sp, SamlIdentityProviderOptions idp, string expectedInResponseTo)
    {
        var xml = SamlRedirectBinding.ReadVerified(rawQuery, "SAMLResponse", idp.SigningCertificates, idp.AllowSha1, out var relayState);
        var document = SamlXmlParser.Parse(Encoding.UTF8.GetBytes(xml), SamlRedirectBinding.MaxInflatedBytes);
        var root = document.DocumentElement!;
        const string path = "samlp:LogoutResponse";
        if (root.LocalName != "LogoutResponse" || root.NamespaceURI != SamlConstants.ProtocolNamespace)
            throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"root element is <{root.Name}>, not {path}");
        var issuer = SamlXmlText.FirstChild(root, SamlConstants.AssertionNamespace, "Issuer");
        var issuerValue = issuer is null ? null : SamlXmlText.ReadSimpleContent(issuer, path + "/saml:Issuer").Trim();
        if (issuerValue != idp.EntityId)
            throw new SamlRejectionException(SamlRejectionReason.WrongIssuer, $"{path}/saml:Issuer is '{issuerValue}', expected '{idp.EntityId}'");
        var destination = SamlXmlText.Attribute(root, "Destination");
        if (destination is not null && destination != sp.SingleLogoutServiceUrl)
            throw new SamlRejectionException(SamlRejectionReason.WrongDestination, $"{path} Destination is '{destination}', expected '{sp.SingleLogoutServiceUrl}'");
        var inResponseTo = SamlXmlText.Attribute(root, "InResponseTo");
        if (!string.Equals(inResponseTo, expectedInResponseTo, StringComparison.Ordinal))
            throw new SamlRejectionException(SamlRejectionReason.InResponseToMismatch, $"{path} InResponseTo is '{inResponseTo}', expected '{expectedInResponseTo}'");
        var status = SamlXmlText.RequiredChild(root, SamlConstants.ProtocolNamespace, "Status", path + "/samlp:Status");
        var code = SamlXmlText.RequiredChild(status, SamlConstants.ProtocolNamespace, "StatusCode", path + "/samlp:Status/samlp:StatusCode");
        return new SamlLogoutResult(inResponseTo!, SamlXmlText.Attribute(code, "Value") ?? string.Empty, relayState);
    }
}
