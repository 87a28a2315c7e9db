using System.Xml;

namespace ScsFederation.Saml;

/// <summary>Builds AuthnRequests for the HTTP-Redirect binding (signature in the query) or HTTP-POST (enveloped signature).</summary>
public sealed class SamlAuthnRequestBuilder(TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    public SamlOutgoingMessage CreateRedirect(SamlServiceProviderOptions sp, SamlIdentityProviderOptions idp, string? relayState, string? assertionConsumerServiceUrl = null, bool forceAuthn = false)
    {
        var destination = idp.SingleSignOnRedirectUrl
            ?? throw new InvalidOperationException($"identity provider '{idp.EntityId}' has no HTTP-Redirect SingleSignOnService");
        var (id, document) = Build(sp, idp, destination, assertionConsumerServiceUrl, forceAuthn);
        var xml = document.OuterXml;
        var url = SamlRedirectBinding.BuildUrl(destination, "SAMLRequest", xml, relayState, sp.SigningCertificate, sp.SignatureAlgorithm);
        return new SamlOutgoingMessage(id, idp.EntityId, destination, xml, url, null, relayState);
    }

    public SamlOutgoingMessage CreatePost(SamlServiceProviderOptions sp, SamlIdentityProviderOptions idp, string? relayState, string? assertionConsumerServiceUrl = null, bool forceAuthn = false)
    {
        var destination = idp.SingleSignOnPostUrl
            ?? throw new InvalidOperationException($"identity provider '{idp.EntityId}' has no HTTP-POST SingleSignOnService");
        var (id, document) = Build(sp, idp, destination, assertionConsumerServiceUrl, forceAuthn);
        var root = document.DocumentElement!;
        if (sp.SigningCertificate is not null)
            SamlXmlSigner.SignEnveloped(root, sp.SigningCertificate, sp.SignatureAlgorithm, SamlXmlElements.FirstChild(root, SamlConstants.AssertionNamespace, "Issuer"));
        var xml = document.OuterXml;
        return new SamlOutgoingMessage(id, idp.EntityId, destination, xml, null, Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(xml)), relayState);
    }

    private (string Id, XmlDocument Document) Build(SamlServiceProviderOptions sp, SamlIdentityProviderOptions idp, string destination, string? acsUrl, bool forceAuthn)
    {
        var acs = acsUrl ?? sp.AssertionConsumerServiceUrls[0];
        var id = SamlMessageId.Create();
        var document = new XmlDocument { PreserveWhitespace = true };
        var request = document.CreateElement("samlp", "AuthnRequest", SamlConstants.ProtocolNamespace);
        request.SetAttribute("xmlns:saml", SamlConstants.AssertionNamespace);
        request.SetAttribute("ID", id);
        request.SetAttribute("Version", "2.0");
        request.SetAttribute("IssueInstant", SamlInstant.Format(_time.GetUtcNow()));
        request.SetAttribute("Destination", destination);
        request.SetAttribute("AssertionConsumerServiceURL", acs);
        request.SetAttribute("ProtocolBinding", SamlConstants.HttpPostBinding);
        if (forceAuthn) request.SetAttribute("ForceAuthn", "true");
        document.AppendChild(request);
        var issuer = document.CreateElement("saml", "Issuer", SamlConstants.AssertionNamespace);
        issuer.InnerText = sp.EntityId;
        request.AppendChild(issuer);
        var policy = document.CreateElement("samlp", "NameIDPolicy", SamlConstants.ProtocolNamespace);
        if (idp.RequestedNameIdFormat is not null) policy.SetAttribute("Format", idp.RequestedNameIdFormat);
        policy.SetAttribute("AllowCreate", "true");
        request.AppendChild(policy);
        return (id, document);
    }
}
