using System.Text;

namespace ScsFederation.Saml;

/// <summary>
/// Reads an IdP-initiated LogoutRequest (HTTP-Redirect binding): signature by a metadata key, Issuer, Destination,
/// NotOnOrAfter and IssueInstant within the clock skew. The caller ends the matching session and answers with
/// <see cref="SamlLogoutResponseBuilder"/>.
/// </summary>
public sealed class SamlLogoutRequestReader(TimeProvider? timeProvider = null)
{
    private const string Path = "samlp:LogoutRequest";
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <exception cref="SamlRejectionException">With the specific check that failed.</exception>
    public SamlIncomingLogoutRequest ReadRedirect(string rawQuery, SamlServiceProviderOptions sp, SamlIdentityProviderOptions idp)
    {
        var xml = SamlRedirectBinding.ReadVerified(rawQuery, "SAMLRequest", idp.SigningCertificates, idp.AllowSha1, out var relayState);
        var root = SamlXmlParser.Parse(Encoding.UTF8.GetBytes(xml), SamlRedirectBinding.MaxInflatedBytes).DocumentElement!;
        if (root.LocalName != "LogoutRequest" || root.NamespaceURI != SamlConstants.ProtocolNamespace)
            throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"root element is <{root.Name}>, not {Path}");
        if (SamlXmlElements.Attribute(root, "Version") != "2.0")
            throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"{Path}/@Version is not 2.0");
        var id = SamlXmlElements.Attribute(root, "ID");
        if (string.IsNullOrEmpty(id))
            throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"{Path}/@ID is missing");

        var issuer = SamlXmlElements.FirstChild(root, SamlConstants.AssertionNamespace, "Issuer");
        var issuerValue = issuer is null ? null : SamlXmlText.ReadSimpleContent(issuer, Path + "/saml:Issuer").Trim();
        if (issuerValue != idp.EntityId)
            throw new SamlRejectionException(SamlRejectionReason.WrongIssuer, $"{Path}/saml:Issuer is '{issuerValue}', expected '{idp.EntityId}'");
        var destination = SamlXmlElements.Attribute(root, "Destination");
        if (destination is not null && destination != sp.SingleLogoutServiceUrl)
            throw new SamlRejectionException(SamlRejectionReason.WrongDestination, $"{Path} Destination is '{destination}', expected '{sp.SingleLogoutServiceUrl}'");

        var now = _time.GetUtcNow();
        var issueInstant = SamlXmlElements.Instant(root, "IssueInstant", Path)
            ?? throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"{Path}/@IssueInstant is missing");
        if (issueInstant > now + idp.ClockSkew)
            throw new SamlRejectionException(SamlRejectionReason.NotYetValid, $"{Path} IssueInstant {issueInstant:O} is in the future");
        if (SamlXmlElements.Instant(root, "NotOnOrAfter", Path) is { } end && now - idp.ClockSkew >= end)
            throw new SamlRejectionException(SamlRejectionReason.Expired, $"{Path} NotOnOrAfter {end:O} has passed");

        var nameId = SamlXmlElements.FirstChild(root, SamlConstants.AssertionNamespace, "NameID")
            ?? throw new SamlRejectionException(SamlRejectionReason.MissingNameId, $"{Path} has no NameID (EncryptedID is not supported)");
        var sessions = new List<string>();
        foreach (var index in SamlXmlElements.Children(root, SamlConstants.ProtocolNamespace, "SessionIndex"))
            sessions.Add(SamlXmlText.ReadSimpleContent(index, Path + "/samlp:SessionIndex").Trim());
        return new SamlIncomingLogoutRequest(id, SamlXmlText.ReadSimpleContent(nameId, Path + "/saml:NameID"), SamlXmlElements.Attribute(nameId, "Format"), sessions, relayState);
    }
}
