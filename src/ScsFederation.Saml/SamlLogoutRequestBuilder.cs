using System.Xml;

namespace ScsFederation.Saml;

/// <summary>Builds the SP-initiated single-logout LogoutRequest (HTTP-Redirect, signed when the SP has a signing certificate).</summary>
public sealed class SamlLogoutRequestBuilder(TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <param name="nameId">The NameID from the login's assertion.</param>
    /// <param name="nameIdFormat">Its Format, if the assertion had one.</param>
    /// <param name="sessionIndex">The SessionIndex from the login's AuthnStatement, if any.</param>
    public SamlOutgoingMessage CreateRedirect(SamlServiceProviderOptions sp, SamlIdentityProviderOptions idp, string nameId, string? nameIdFormat, string? sessionIndex, string? relayState)
    {
        var destination = idp.SingleLogoutRedirectUrl
            ?? throw new InvalidOperationException($"identity provider '{idp.EntityId}' has no HTTP-Redirect SingleLogoutService");
        var id = SamlMessageId.Create();
        var document = new XmlDocument { PreserveWhitespace = true };
        var request = document.CreateElement("samlp", "LogoutRequest", SamlConstants.ProtocolNamespace);
        request.SetAttribute("xmlns:saml", SamlConstants.AssertionNamespace);
        request.SetAttribute("ID", id);
        request.SetAttribute("Version", "2.0");
        request.SetAttribute("IssueInstant", SamlInstant.Format(_time.GetUtcNow()));
        request.SetAttribute("Destination", destination);
        document.AppendChild(request);
        var issuer = document.CreateElement("saml", "Issuer", SamlConstants.AssertionNamespace);
        issuer.InnerText = sp.EntityId;
        request.AppendChild(issuer);
        var name = document.CreateElement("saml", "NameID", SamlConstants.AssertionNamespace);
        if (nameIdFormat is not null) name.SetAttribute("Format", nameIdFormat);
        name.InnerText = nameId;
        request.AppendChild(name);
        if (sessionIndex is not null)
        {
            var index = document.CreateElement("samlp", "SessionIndex", SamlConstants.ProtocolNamespace);
            index.InnerText = sessionIndex;
            request.AppendChild(index);
        }
        var xml = document.OuterXml;
        var url = SamlRedirectBinding.BuildUrl(destination, "SAMLRequest", xml, relayState, sp.SigningCertificate, sp.SignatureAlgorithm);
        return new SamlOutgoingMessage(id, idp.EntityId, destination, xml, url, null, relayState);
    }
}
