using System.Xml;

namespace ScsFederation.Saml;

/// <summary>Writes the SP's EntityDescriptor, signed with the SP signing certificate when one is configured.</summary>
public sealed class SamlMetadataWriter(TimeProvider? timeProvider = null)
{
    private readonly TimeProvider _time = timeProvider ?? TimeProvider.System;

    /// <param name="validity">How long consumers may cache the metadata (validUntil).</param>
    public string Write(SamlServiceProviderOptions sp, TimeSpan validity)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        var md = SamlConstants.MetadataNamespace;
        var entity = document.CreateElement("md", "EntityDescriptor", md);
        entity.SetAttribute("xmlns:ds", SamlConstants.XmlDsigNamespace);
        entity.SetAttribute("entityID", sp.EntityId);
        entity.SetAttribute("ID", SamlMessageId.Create());
        entity.SetAttribute("validUntil", SamlInstant.Format(_time.GetUtcNow() + validity));
        document.AppendChild(entity);

        var role = document.CreateElement("md", "SPSSODescriptor", md);
        role.SetAttribute("AuthnRequestsSigned", sp.SigningCertificate is null ? "false" : "true");
        role.SetAttribute("WantAssertionsSigned", "true");
        role.SetAttribute("protocolSupportEnumeration", SamlConstants.ProtocolNamespace);
        entity.AppendChild(role);

        if (sp.SigningCertificate is { } signing) role.AppendChild(KeyDescriptor(document, "signing", signing.RawData));
        if (sp.EncryptionCertificate is { } encryption) role.AppendChild(KeyDescriptor(document, "encryption", encryption.RawData));
        if (sp.SingleLogoutServiceUrl is { } slo)
        {
            // One endpoint for both bindings: LogoutResponses arrive as a GET query or a POST form.
            foreach (var binding in (ReadOnlySpan<string>)[SamlConstants.HttpRedirectBinding, SamlConstants.HttpPostBinding])
            {
                var service = document.CreateElement("md", "SingleLogoutService", md);
                service.SetAttribute("Binding", binding);
                service.SetAttribute("Location", slo);
                role.AppendChild(service);
            }
        }
        foreach (var format in sp.NameIdFormats)
        {
            var element = document.CreateElement("md", "NameIDFormat", md);
            element.InnerText = format;
            role.AppendChild(element);
        }
        for (var i = 0; i < sp.AssertionConsumerServiceUrls.Count; i++)
        {
            var acs = document.CreateElement("md", "AssertionConsumerService", md);
            acs.SetAttribute("Binding", SamlConstants.HttpPostBinding);
            acs.SetAttribute("Location", sp.AssertionConsumerServiceUrls[i]);
            acs.SetAttribute("index", i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            if (i == 0) acs.SetAttribute("isDefault", "true");
            role.AppendChild(acs);
        }

        if (sp.SigningCertificate is { } certificate)
            SamlXmlSigner.SignEnveloped(entity, certificate, sp.SignatureAlgorithm, insertAfter: null);
        return document.OuterXml;
    }

    private static XmlElement KeyDescriptor(XmlDocument document, string use, byte[] der)
    {
        var descriptor = document.CreateElement("md", "KeyDescriptor", SamlConstants.MetadataNamespace);
        descriptor.SetAttribute("use", use);
        var keyInfo = document.CreateElement("ds", "KeyInfo", SamlConstants.XmlDsigNamespace);
        var data = document.CreateElement("ds", "X509Data", SamlConstants.XmlDsigNamespace);
        var certificate = document.CreateElement("ds", "X509Certificate", SamlConstants.XmlDsigNamespace);
        certificate.InnerText = Convert.ToBase64String(der);
        data.AppendChild(certificate);
        keyInfo.AppendChild(data);
        descriptor.AppendChild(keyInfo);
        return descriptor;
    }
}
