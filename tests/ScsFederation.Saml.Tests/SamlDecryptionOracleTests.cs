using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml;

namespace ScsFederation.Saml.Tests;

/// <summary>
/// Issue #11 finding 11: encrypted assertions are no decryption oracle. Every decryption failure (wrong key, modified
/// GCM ciphertext, CBC padding vs. garbage plaintext, missing pieces) is one reason with one message; CBC is refused
/// unless the upstream allows it, so the cipher named in a (possibly unsigned) message cannot downgrade GCM; and an
/// encrypted assertion counts only inside a signed Response or when the decrypted assertion is signed.
/// Responses come from samlify; the hostile variants are samlify's responses modified, or crafted here.
/// </summary>
[Collection(SamlifyCollection.Name)]
public sealed class SamlDecryptionOracleTests(SamlifyResponses responses)
{
    private const string XmlEnc = SamlConstants.XmlEncNamespace;

    private static SamlResponseExpectations Expectations(bool allowCbc = false, X509Certificate2? encryption = null) =>
        new(SamlScenario.ServiceProvider(encryption ?? TestKeys.ServiceProvider.Certificate),
            SamlScenario.IdentityProvider() with { AllowCbcEncryption = allowCbc }, SamlScenario.Acs);

    private static Task<SamlValidationResult> ValidateAsync(string base64, SamlResponseExpectations expectations) =>
        SamlScenario.Validator().ValidateAsync(base64, expectations, CancellationToken.None);

    private XmlDocument Document(string name)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(responses.Xml(name));
        return document;
    }

    private static string Base64(XmlDocument document) => Convert.ToBase64String(Encoding.UTF8.GetBytes(document.OuterXml));

    private static XmlElement EncryptedData(XmlDocument document) => (XmlElement)document.GetElementsByTagName("EncryptedData", XmlEnc)[0]!;

    /// <summary>The content CipherValue (not the EncryptedKey's), modified by <paramref name="change"/>.</summary>
    private static string WithContentCipher(XmlDocument document, Action<byte[]> change)
    {
        var data = EncryptedData(document);
        var cipherValue = data.ChildNodes.OfType<XmlElement>().Single(e => e.LocalName == "CipherData").FirstChild as XmlElement
            ?? data.GetElementsByTagName("CipherValue", XmlEnc).OfType<XmlElement>().Last();
        var bytes = Convert.FromBase64String(cipherValue.InnerText);
        change(bytes);
        cipherValue.InnerText = Convert.ToBase64String(bytes);
        return Base64(document);
    }

    [Fact]
    public async Task Samlify_cbc_is_refused_by_default_and_accepted_when_the_upstream_allows_it()
    {
        var refused = await ValidateAsync(responses.Base64("encrypted-cbc"), Expectations());
        Assert.False(refused.Succeeded);
        Assert.Equal(SamlRejectionReason.DecryptionFailed, refused.Reason);
        Assert.Contains("CBC", refused.Diagnostic); // the operator learns why; the page does not

        var allowed = await ValidateAsync(responses.Base64("encrypted-cbc"), Expectations(allowCbc: true));
        Assert.True(allowed.Succeeded, allowed.ToString());
        Assert.True((await ValidateAsync(responses.Base64("encrypted-gcm"), Expectations())).Succeeded);
    }

    [Fact]
    public async Task Renaming_the_gcm_cipher_to_cbc_in_the_message_is_refused()
    {
        var document = Document("encrypted-gcm");
        ((XmlElement)EncryptedData(document).GetElementsByTagName("EncryptionMethod", XmlEnc)[0]!).SetAttribute("Algorithm", SamlConstants.Algorithms.Aes128Cbc);

        var result = await ValidateAsync(Base64(document), Expectations());

        Assert.Equal(SamlRejectionReason.DecryptionFailed, result.Reason);
    }

    [Fact]
    public async Task Every_decryption_failure_gives_one_reason_and_one_message()
    {
        var failures = new Dictionary<string, SamlValidationResult>
        {
            ["no SP key"] = await SamlScenario.Validator().ValidateAsync(responses.Base64("encrypted-gcm"), SamlScenario.Expectations(), CancellationToken.None),
            ["another SP key"] = await ValidateAsync(responses.Base64("encrypted-gcm"), Expectations(encryption: TestKeys.MetadataSigner.Certificate)),
            ["GCM tag"] = await ValidateAsync(WithContentCipher(Document("encrypted-gcm"), b => b[^1] ^= 1), Expectations()),
            ["GCM body"] = await ValidateAsync(WithContentCipher(Document("encrypted-gcm"), b => b[20] ^= 1), Expectations()),
            // CBC (allowed here): the last byte of the next-to-last block is the padding length → a padding error;
            // the first IV byte turns '<' into something else → plaintext that is not XML. They used to read differently.
            ["CBC padding"] = await ValidateAsync(WithContentCipher(Document("encrypted-cbc"), b => b[^17] ^= 0x7f), Expectations(allowCbc: true)),
            ["CBC plaintext"] = await ValidateAsync(WithContentCipher(Document("encrypted-cbc"), b => b[0] ^= 0x01), Expectations(allowCbc: true)),
            ["CBC not allowed"] = await ValidateAsync(responses.Base64("encrypted-cbc"), Expectations()),
            ["unknown cipher"] = await ValidateAsync(Renamed(Document("encrypted-gcm"), "http://www.w3.org/2001/04/xmlenc#tripledes-cbc"), Expectations()),
            ["no EncryptedKey"] = await ValidateAsync(WithoutEncryptedKey(Document("encrypted-gcm")), Expectations()),
        };

        foreach (var (what, result) in failures)
        {
            Assert.False(result.Succeeded, what);
            Assert.True(SamlRejectionReason.DecryptionFailed == result.Reason, $"{what}: {result}");
        }
        Assert.Single(failures.Values.Select(r => r.Message).Distinct());
    }

    private static string Renamed(XmlDocument document, string algorithm)
    {
        ((XmlElement)EncryptedData(document).GetElementsByTagName("EncryptionMethod", XmlEnc)[0]!).SetAttribute("Algorithm", algorithm);
        return Base64(document);
    }

    private static string WithoutEncryptedKey(XmlDocument document)
    {
        foreach (var key in document.GetElementsByTagName("EncryptedKey", XmlEnc).OfType<XmlElement>().ToList()) key.ParentNode!.RemoveChild(key);
        return Base64(document);
    }

    [Fact]
    public async Task An_encrypted_unsigned_assertion_in_an_unsigned_response_is_refused_and_signed_one_is_accepted()
    {
        // samlify's unsigned response, its assertion encrypted here (AES-GCM, RSA-OAEP) to the SP certificate.
        var unsigned = await ValidateAsync(EncryptAssertion(Document("unsigned")), Expectations());
        Assert.False(unsigned.Succeeded);
        Assert.Equal(SamlRejectionReason.SignatureMissing, unsigned.Reason);

        // The same with samlify's signed assertion (response unsigned): the signature inside the encryption counts.
        var signed = await ValidateAsync(EncryptAssertion(Document("valid-assertion")), Expectations());
        Assert.True(signed.Succeeded, signed.ToString());
        Assert.True(signed.Assertion.AssertionWasEncrypted);
    }

    private static string EncryptAssertion(XmlDocument document)
    {
        var assertion = (XmlElement)document.GetElementsByTagName("Assertion", SamlConstants.AssertionNamespace)[0]!;
        var key = RandomNumberGenerator.GetBytes(16);
        var nonce = RandomNumberGenerator.GetBytes(12);
        var plain = Encoding.UTF8.GetBytes(assertion.OuterXml);
        var sealedBytes = new byte[12 + plain.Length + 16];
        nonce.CopyTo(sealedBytes, 0);
        using (var gcm = new AesGcm(key, 16)) gcm.Encrypt(nonce, plain, sealedBytes.AsSpan(12, plain.Length), sealedBytes.AsSpan(12 + plain.Length));
        using var rsa = TestKeys.ServiceProvider.Certificate.GetRSAPublicKey()!;
        var wrapped = rsa.Encrypt(key, RSAEncryptionPadding.OaepSHA1);
        var xml = $"""
            <saml:EncryptedAssertion xmlns:saml="{SamlConstants.AssertionNamespace}"><xenc:EncryptedData xmlns:xenc="{XmlEnc}" Type="http://www.w3.org/2001/04/xmlenc#Element"><xenc:EncryptionMethod Algorithm="{SamlConstants.Algorithms.Aes128Gcm}"/><ds:KeyInfo xmlns:ds="{SamlConstants.XmlDsigNamespace}"><xenc:EncryptedKey><xenc:EncryptionMethod Algorithm="{SamlConstants.Algorithms.RsaOaepMgf1p}"/><xenc:CipherData><xenc:CipherValue>{Convert.ToBase64String(wrapped)}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedKey></ds:KeyInfo><xenc:CipherData><xenc:CipherValue>{Convert.ToBase64String(sealedBytes)}</xenc:CipherValue></xenc:CipherData></xenc:EncryptedData></saml:EncryptedAssertion>
            """;
        var fragment = document.CreateDocumentFragment();
        fragment.InnerXml = xml.Trim();
        assertion.ParentNode!.ReplaceChild(fragment, assertion);
        return Base64(document);
    }
}
