using System.Security.Cryptography.X509Certificates;
using System.Security.Cryptography.Xml;
using System.Text;
using System.Xml;

namespace ScsFederation.Saml.Tests;

/// <summary>Importing IdP metadata: the samlify-written sample, signed metadata, and refusals.</summary>
public sealed class SamlMetadataReaderTests
{
    private static byte[] Sample => File.ReadAllBytes(TestKeys.IdpMetadataFile);

    /// <summary>Signs metadata the way a federation operator would, with plain SignedXml (independent of the reader).</summary>
    private static byte[] Sign(byte[] metadata, X509Certificate2 signer, Action<XmlDocument>? afterSigning = null)
    {
        var doc = new XmlDocument { PreserveWhitespace = true };
        doc.LoadXml(Encoding.UTF8.GetString(metadata));
        var root = doc.DocumentElement!;
        root.SetAttribute("ID", "_metadata");
        using var key = signer.GetRSAPrivateKey()!;
        var signedXml = new SignedXml(doc) { SigningKey = key };
        signedXml.SignedInfo!.CanonicalizationMethod = SignedXml.XmlDsigExcC14NTransformUrl;
        signedXml.SignedInfo.SignatureMethod = SignedXml.XmlDsigRSASHA256Url;
        var reference = new Reference("#_metadata") { DigestMethod = SignedXml.XmlDsigSHA256Url };
        reference.AddTransform(new XmlDsigEnvelopedSignatureTransform());
        reference.AddTransform(new XmlDsigExcC14NTransform());
        signedXml.AddReference(reference);
        signedXml.ComputeSignature();
        root.PrependChild(doc.ImportNode(signedXml.GetXml(), true));
        afterSigning?.Invoke(doc);
        return Encoding.UTF8.GetBytes(doc.OuterXml);
    }

    [Fact]
    public async Task Reads_the_samlify_written_interop_metadata()
    {
        var metadata = await SamlMetadataReader.ReadFileAsync(TestKeys.IdpMetadataFile, null, CancellationToken.None);

        Assert.Equal(SamlScenario.IdpEntityId, metadata.EntityId);
        Assert.Equal(TestKeys.IdpCertificate.RawData, Assert.Single(metadata.SigningCertificates).RawData);
        Assert.Equal(SamlScenario.IdpSsoUrl, metadata.SingleSignOnRedirectUrl);
        Assert.Equal(SamlScenario.IdpSsoUrl, metadata.SingleSignOnPostUrl);
        Assert.Equal(SamlScenario.IdpSloUrl, metadata.SingleLogoutRedirectUrl);
        Assert.True(metadata.WantAuthnRequestsSigned);
        Assert.False(metadata.SignatureVerified);

        var options = SamlIdentityProviderOptions.FromMetadata(metadata);
        Assert.False(options.AllowUnsolicited);
        Assert.False(options.AllowSha1);
    }

    [Fact]
    public async Task Options_from_metadata_validate_a_samlify_response()
    {
        var metadata = await SamlMetadataReader.ReadFileAsync(TestKeys.IdpMetadataFile, null, CancellationToken.None);
        var job = new System.Text.Json.Nodes.JsonObject
        {
            ["idp"] = SamlifyResponses.Idp(),
            ["responses"] = new System.Text.Json.Nodes.JsonArray(SamlifyResponses.Spec("r", "both")),
        };
        var response = (await SamlifyIdentityProvider.RunAsync(job))["responses"]!["r"]!.GetValue<string>();
        var idp = SamlIdentityProviderOptions.FromMetadata(metadata) with { AllowUnsolicited = true };

        var result = await SamlScenario.Validator().ValidateAsync(response, new SamlResponseExpectations(SamlScenario.ServiceProvider(), idp, SamlScenario.Acs), CancellationToken.None);
        Assert.True(result.Succeeded, result.ToString());
    }

    [Fact]
    public void Signed_metadata_is_verified_with_the_configured_signer()
    {
        var metadata = SamlMetadataReader.Read(Sign(Sample, TestKeys.MetadataSigner.Certificate), new SamlMetadataReadOptions { MetadataSigningCertificate = TestKeys.MetadataSigner.Certificate });
        Assert.True(metadata.SignatureVerified);
        Assert.Equal(SamlScenario.IdpEntityId, metadata.EntityId);
    }

    [Fact]
    public void Unsigned_metadata_is_refused_when_a_signer_is_configured()
    {
        var e = Assert.Throws<SamlRejectionException>(() => SamlMetadataReader.Read(Sample, new SamlMetadataReadOptions { MetadataSigningCertificate = TestKeys.MetadataSigner.Certificate }));
        Assert.Equal(SamlRejectionReason.SignatureMissing, e.Reason);
    }

    [Fact]
    public void Metadata_signed_by_another_key_is_refused()
    {
        var e = Assert.Throws<SamlRejectionException>(() => SamlMetadataReader.Read(Sign(Sample, TestKeys.Attacker.Certificate), new SamlMetadataReadOptions { MetadataSigningCertificate = TestKeys.MetadataSigner.Certificate }));
        Assert.Equal(SamlRejectionReason.SignatureInvalid, e.Reason);
    }

    [Fact]
    public void Metadata_with_a_swapped_certificate_after_signing_is_refused()
    {
        var signed = Sign(Sample, TestKeys.MetadataSigner.Certificate, doc =>
        {
            var certificate = (XmlElement)doc.GetElementsByTagName("X509Certificate", SamlConstants.XmlDsigNamespace).Cast<XmlElement>()
                .Last(e => e.ParentNode!.ParentNode!.ParentNode!.LocalName == "KeyDescriptor");
            certificate.InnerText = Convert.ToBase64String(TestKeys.Attacker.Certificate.RawData);
        });
        var e = Assert.Throws<SamlRejectionException>(() => SamlMetadataReader.Read(signed, new SamlMetadataReadOptions { MetadataSigningCertificate = TestKeys.MetadataSigner.Certificate }));
        Assert.Equal(SamlRejectionReason.SignatureInvalid, e.Reason);
    }

    [Fact]
    public void Expired_metadata_is_refused()
    {
        var expired = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(Sample).Replace("entityID=", "validUntil=\"2020-01-01T00:00:00Z\" entityID=", StringComparison.Ordinal));
        Assert.Equal(SamlRejectionReason.Expired, Assert.Throws<SamlRejectionException>(() => SamlMetadataReader.Read(expired)).Reason);
    }

    [Fact]
    public void One_entity_is_taken_from_an_aggregate()
    {
        var entity = Encoding.UTF8.GetString(Sample).Trim();
        var other = entity.Replace(SamlScenario.IdpEntityId, "https://other-idp.example/idp", StringComparison.Ordinal);
        var aggregate = Encoding.UTF8.GetBytes($"<EntitiesDescriptor xmlns=\"{SamlConstants.MetadataNamespace}\">{other}{entity}</EntitiesDescriptor>");

        Assert.Equal(SamlScenario.IdpEntityId, SamlMetadataReader.Read(aggregate, new SamlMetadataReadOptions { EntityId = SamlScenario.IdpEntityId }).EntityId);
        Assert.Equal(SamlRejectionReason.MalformedMessage, Assert.Throws<SamlRejectionException>(() => SamlMetadataReader.Read(aggregate)).Reason);
        Assert.Equal(SamlRejectionReason.MalformedMessage,
            Assert.Throws<SamlRejectionException>(() => SamlMetadataReader.Read(aggregate, new SamlMetadataReadOptions { EntityId = "https://missing.example" })).Reason);
    }

    [Fact]
    public void Metadata_with_a_DOCTYPE_is_refused()
    {
        var xxe = Encoding.UTF8.GetBytes("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/hostname\">]>" + Encoding.UTF8.GetString(Sample));
        Assert.Equal(SamlRejectionReason.DtdProhibited, Assert.Throws<SamlRejectionException>(() => SamlMetadataReader.Read(xxe)).Reason);
    }

    [Fact]
    public void Metadata_without_an_idp_role_or_key_is_refused()
    {
        var sp = Encoding.UTF8.GetBytes(new SamlMetadataWriter().Write(SamlScenario.ServiceProvider(), TimeSpan.FromDays(1)));
        Assert.Equal(SamlRejectionReason.MalformedMessage, Assert.Throws<SamlRejectionException>(() => SamlMetadataReader.Read(sp)).Reason);

        var noKey = System.Text.RegularExpressions.Regex.Replace(Encoding.UTF8.GetString(Sample), "<KeyDescriptor.*?</KeyDescriptor>", "");
        Assert.Equal(SamlRejectionReason.NoTrustedSigningKey, Assert.Throws<SamlRejectionException>(() => SamlMetadataReader.Read(Encoding.UTF8.GetBytes(noKey))).Reason);
    }

    [Fact]
    public void Deeply_nested_metadata_is_refused()
    {
        const int depth = 100_000;
        var nested = string.Concat(Enumerable.Repeat("<x>", depth)) + string.Concat(Enumerable.Repeat("</x>", depth));
        var deep = Encoding.UTF8.GetString(Sample).Replace("</IDPSSODescriptor>", nested + "</IDPSSODescriptor>", StringComparison.Ordinal);
        var e = Assert.Throws<SamlRejectionException>(() => SamlMetadataReader.Read(Encoding.UTF8.GetBytes(deep)));
        Assert.Equal(SamlRejectionReason.MalformedXml, e.Reason);
    }
}
