using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Xml;

namespace ScsFederation.Saml;

/// <summary>
/// Imports an identity provider's SAML metadata (an EntityDescriptor, or one entity of an EntitiesDescriptor).
/// Fetching from a URL is the caller's job: this class does no network I/O.
/// </summary>
public static class SamlMetadataReader
{
    public static async Task<SamlIdentityProviderMetadata> ReadFileAsync(string path, SamlMetadataReadOptions? options, CancellationToken cancellationToken)
    {
        var bytes = await File.ReadAllBytesAsync(path, cancellationToken).ConfigureAwait(false);
        try
        {
            return Read(bytes, options);
        }
        catch (SamlRejectionException e)
        {
            throw new SamlRejectionException(e.Reason, $"{path}: {e.Detail}", e);
        }
    }

    public static async Task<SamlIdentityProviderMetadata> ReadAsync(Stream stream, SamlMetadataReadOptions? options, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        await stream.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        return Read(buffer.ToArray(), options);
    }

    /// <exception cref="SamlRejectionException">The metadata is malformed, unsigned when a signature is required, badly signed, expired, or has no IdP role.</exception>
    public static SamlIdentityProviderMetadata Read(byte[] xml, SamlMetadataReadOptions? options = null)
    {
        options ??= new SamlMetadataReadOptions();
        var document = SamlXmlParser.Parse(xml, options.MaxCharacters);
        var root = document.DocumentElement!;
        if (root.NamespaceURI != SamlConstants.MetadataNamespace || root.LocalName is not ("EntityDescriptor" or "EntitiesDescriptor"))
            throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"root element is <{root.Name}>, not md:EntityDescriptor or md:EntitiesDescriptor");
        SamlIdIndex.RequireUniqueIds(document);

        var verified = false;
        if (options.MetadataSigningCertificate is { } signer)
        {
            // Only the root's enveloped signature counts: it covers everything that is read below.
            var signature = SamlSignatureVerifier.FindEnvelopedSignature(root, "md:" + root.LocalName)
                ?? throw new SamlRejectionException(SamlRejectionReason.SignatureMissing, "the metadata is not signed, but a metadata signing certificate is configured");
            SamlSignatureVerifier.Verify(root, signature, [signer], allowSha1: false, "md:" + root.LocalName);
            verified = true;
        }

        var now = options.TimeProvider.GetUtcNow();
        var entity = root.LocalName == "EntityDescriptor" ? root : SelectEntity(root, options.EntityId, now);
        var entityId = SamlXmlElements.Attribute(entity, "entityID");
        if (string.IsNullOrEmpty(entityId))
            throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, "md:EntityDescriptor has no entityID");
        if (options.EntityId is not null && options.EntityId != entityId)
            throw new SamlRejectionException(SamlRejectionReason.WrongIssuer, $"the metadata describes '{entityId}', expected '{options.EntityId}'");
        var validUntil = CheckValidUntil(root, now);
        if (entity != root && CheckValidUntil(entity, now) is { } entityUntil && (validUntil is null || entityUntil < validUntil)) validUntil = entityUntil;

        var idp = SamlXmlElements.FirstChild(entity, SamlConstants.MetadataNamespace, "IDPSSODescriptor")
            ?? throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"'{entityId}' has no md:IDPSSODescriptor");

        var signing = new List<X509Certificate2>();
        var encryption = new List<X509Certificate2>();
        foreach (var keyDescriptor in SamlXmlElements.Children(idp, SamlConstants.MetadataNamespace, "KeyDescriptor"))
        {
            var use = SamlXmlElements.Attribute(keyDescriptor, "use");
            foreach (var certificate in Certificates(keyDescriptor))
            {
                if (use is null or "signing") signing.Add(certificate);
                if (use is null or "encryption") encryption.Add(certificate);
            }
        }
        if (signing.Count == 0)
            throw new SamlRejectionException(SamlRejectionReason.NoTrustedSigningKey, $"'{entityId}' declares no signing certificate");

        var formats = new List<string>();
        foreach (var format in SamlXmlElements.Children(idp, SamlConstants.MetadataNamespace, "NameIDFormat"))
            formats.Add(SamlXmlText.ReadSimpleContent(format, "md:NameIDFormat").Trim());

        return new SamlIdentityProviderMetadata
        {
            EntityId = entityId,
            SigningCertificates = signing,
            EncryptionCertificates = encryption,
            SingleSignOnRedirectUrl = Endpoint(idp, "SingleSignOnService", SamlConstants.HttpRedirectBinding),
            SingleSignOnPostUrl = Endpoint(idp, "SingleSignOnService", SamlConstants.HttpPostBinding),
            SingleLogoutRedirectUrl = Endpoint(idp, "SingleLogoutService", SamlConstants.HttpRedirectBinding),
            SingleLogoutPostUrl = Endpoint(idp, "SingleLogoutService", SamlConstants.HttpPostBinding),
            NameIdFormats = formats,
            WantAuthnRequestsSigned = SamlXmlElements.Attribute(idp, "WantAuthnRequestsSigned") is "true" or "1",
            ValidUntil = validUntil,
            SignatureVerified = verified,
        };
    }

    private static XmlElement SelectEntity(XmlElement entities, string? entityId, DateTimeOffset now)
    {
        if (entityId is null)
            throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, "the metadata is an md:EntitiesDescriptor; name the entity id to import");
        foreach (XmlElement entity in entities.GetElementsByTagName("EntityDescriptor", SamlConstants.MetadataNamespace))
        {
            if (SamlXmlElements.Attribute(entity, "entityID") == entityId) return entity;
        }
        throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"the metadata has no entity '{entityId}'");
    }

    private static DateTimeOffset? CheckValidUntil(XmlElement element, DateTimeOffset now)
    {
        var validUntil = SamlXmlElements.Instant(element, "validUntil", "md:" + element.LocalName);
        if (validUntil is { } until && until <= now)
            throw new SamlRejectionException(SamlRejectionReason.Expired, $"the metadata expired at {until:O} (validUntil)");
        return validUntil;
    }

    private static IEnumerable<X509Certificate2> Certificates(XmlElement keyDescriptor)
    {
        foreach (XmlElement element in keyDescriptor.GetElementsByTagName("X509Certificate", SamlConstants.XmlDsigNamespace))
        {
            X509Certificate2 certificate;
            try
            {
                var der = Convert.FromBase64String(SamlXmlText.ReadSimpleContent(element, "ds:X509Certificate"));
                certificate = X509CertificateLoader.LoadCertificate(der);
            }
            catch (Exception e) when (e is FormatException or CryptographicException)
            {
                throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"md:KeyDescriptor holds an unreadable certificate: {e.Message}", e);
            }
            yield return certificate;
        }
    }

    private static string? Endpoint(XmlElement role, string service, string binding)
    {
        foreach (var endpoint in SamlXmlElements.Children(role, SamlConstants.MetadataNamespace, service))
        {
            if (SamlXmlElements.Attribute(endpoint, "Binding") == binding) return SamlXmlElements.Attribute(endpoint, "Location");
        }
        return null;
    }
}
