using System.Xml;

namespace ScsFederation.Saml;

/// <summary>Answers an IdP-initiated LogoutRequest with a signed HTTP-Redirect LogoutResponse.</summary>
public sealed class SamlLogoutResponseBuilder(TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <param name="statusCode">Usually <see cref="SamlConstants.StatusSuccess"/>; a top-level SAML status code otherwise.</param>
    public SamlOutgoingMessage CreateRedirect(SamlServiceProviderOptions sp, SamlIdentityProviderOptions idp, string inResponseTo, string statusCode, string? relayState)
    {
        var destination = idp.SingleLogoutRedirectUrl
            ?? throw new InvalidOperationException($"identity provider '{idp.EntityId}' has no HTTP-Redirect SingleLogoutService");
        var id = SamlMessageId.Create();
        var document = new XmlDocument { PreserveWhitespace = true };
        var response = document.CreateElement("samlp", "LogoutResponse", SamlConstants.ProtocolNamespace);
        response.SetAttribute("xmlns:saml", SamlConstants.AssertionNamespace);
        response.SetAttribute("ID", id);
        response.SetAttribute("Version", "2.0");
        response.SetAttribute("IssueInstant", SamlInstant.Format(_time.GetUtcNow()));
        response.SetAttribute("Destination", destination);
        response.SetAttribute("InResponseTo", inResponseTo);
        document.AppendChild(response);
        var issuer = document.CreateElement("saml", "Issuer", SamlConstants.AssertionNamespace);
        issuer.InnerText = sp.EntityId;
        response.AppendChild(issuer);
        var status = document.CreateElement("samlp", "Status", SamlConstants.ProtocolNamespace);
        var code = document.CreateElement("samlp", "StatusCode", SamlConstants.ProtocolNamespace);
        code.SetAttribute("Value", statusCode);
        status.AppendChild(code);
        response.AppendChild(status);
        var xml = document.OuterXml;
        var url = SamlRedirectBinding.BuildUrl(destination, "SAMLResponse", xml, relayState, sp.SigningCertificate, sp.SignatureAlgorithm);
        return new SamlOutgoingMessage(id, idp.EntityId, destination, xml, url, null, relayState);
    }
}
