using System.Text;
using System.Xml;

namespace ScsFederation.Saml.Tests;

/// <summary>
/// Known SAML response attacks against samlify-signed responses. Each asserts the specific rejection reason of
/// the check that stops it, so removing that check changes the outcome and fails the test.
/// </summary>
[Collection(SamlifyCollection.Name)]
public sealed class SamlAttackTests(SamlifyResponses responses)
{
    private static async Task<SamlValidationResult> Validate(string base64, SamlResponseExpectations? expectations = null, ISamlRequestStore? requests = null, SamlResponseValidatorLimits? limits = null) =>
        await SamlScenario.Validator(requests, limits).ValidateAsync(base64, expectations ?? SamlScenario.Expectations(), CancellationToken.None);

    private static void AssertRejected(SamlValidationResult result, SamlRejectionReason reason)
    {
        Assert.False(result.Succeeded, $"expected {reason}, but the response was accepted for NameID '{result.Assertion?.NameId}'");
        Assert.Null(result.Assertion);
        Assert.True(reason == result.Reason, $"expected {reason}, got {result}");
        Assert.False(string.IsNullOrWhiteSpace(result.Message));
    }

    [Fact]
    public async Task Baselines_are_accepted_so_every_rejection_below_is_caused_by_the_attack()
    {
        foreach (var name in new[] { "valid-both", "valid-response", "valid-assertion" })
            Assert.True((await Validate(responses.Base64(name))).Succeeded, name);
    }

    [Theory]
    [InlineData(1, "valid-response", SamlRejectionReason.SignatureMalformed)]
    [InlineData(2, "valid-response", SamlRejectionReason.SignatureReferenceMismatch)]
    [InlineData(3, "valid-assertion", SamlRejectionReason.AssertionNotUnique)]
    [InlineData(4, "valid-assertion", SamlRejectionReason.AssertionNotUnique)]
    [InlineData(5, "valid-assertion", SamlRejectionReason.AssertionNotUnique)]
    [InlineData(6, "valid-assertion", SamlRejectionReason.AssertionNotUnique)]
    [InlineData(7, "valid-assertion", SamlRejectionReason.DuplicateId)]
    [InlineData(8, "valid-assertion", SamlRejectionReason.DuplicateId)]
    public async Task Signature_wrapping_is_refused(int variant, string baseResponse, SamlRejectionReason reason)
    {
        var attack = ResponseMutations.Xsw(variant, responses.Xml(baseResponse));
        Assert.Contains(SamlifyResponses.EvilNameId, Encoding.UTF8.GetString(Convert.FromBase64String(attack)));

        AssertRejected(await Validate(attack), reason);
    }

    [Fact]
    public async Task Signed_assertion_moved_to_a_new_id_fails_the_reference_check()
    {
        // XSW5 without the extra copy: only the Reference/ID binding can notice.
        var attack = ResponseMutations.Edit(responses.Xml("valid-assertion"), doc =>
            ResponseMutations.Child(doc.DocumentElement!, SamlConstants.AssertionNamespace, "Assertion").SetAttribute("ID", "_evil_assertion"));
        AssertRejected(await Validate(attack), SamlRejectionReason.SignatureReferenceMismatch);
    }

    [Fact]
    public async Task Evil_assertion_with_a_fresh_id_in_extensions_is_refused()
    {
        // XSW7 with a unique ID, so the duplicate-ID check cannot catch it: the single-assertion rule does.
        var attack = ResponseMutations.Edit(responses.Xml("valid-assertion"), doc =>
        {
            var response = doc.DocumentElement!;
            var assertion = ResponseMutations.Child(response, SamlConstants.AssertionNamespace, "Assertion");
            var extensions = doc.CreateElement("samlp", "Extensions", SamlConstants.ProtocolNamespace);
            var evil = (XmlElement)assertion.CloneNode(true);
            evil.SetAttribute("ID", "_evil_assertion");
            extensions.AppendChild(evil);
            response.InsertBefore(extensions, assertion);
        });
        AssertRejected(await Validate(attack), SamlRejectionReason.AssertionNotUnique);
    }

    [Fact]
    public async Task Unsigned_response_is_refused()
    {
        AssertRejected(await Validate(responses.Base64("unsigned")), SamlRejectionReason.SignatureMissing);
        AssertRejected(await Validate(ResponseMutations.RemoveSignatures(responses.Xml("valid-both"))), SamlRejectionReason.SignatureMissing);
    }

    [Fact]
    public async Task Unsigned_assertion_is_refused_when_the_idp_must_sign_assertions()
    {
        var expectations = SamlScenario.Expectations() with { IdentityProvider = SamlScenario.IdentityProvider() with { RequireSignedAssertion = true } };
        AssertRejected(await Validate(responses.Base64("valid-response"), expectations), SamlRejectionReason.SignatureMissing);
        Assert.True((await Validate(responses.Base64("valid-assertion"), expectations)).Succeeded);
    }

    [Theory]
    [InlineData("valid-both")]
    [InlineData("valid-response")]
    [InlineData("valid-assertion")]
    public async Task Response_modified_after_signing_is_refused(string baseResponse)
    {
        AssertRejected(await Validate(ResponseMutations.Tamper(responses.Xml(baseResponse))), SamlRejectionReason.SignatureInvalid);
    }

    [Fact]
    public async Task Signature_by_a_key_not_in_the_metadata_is_refused_even_with_its_certificate_in_KeyInfo()
    {
        var xml = responses.Xml("wrong-key");
        Assert.Contains(Convert.ToBase64String(TestKeys.Attacker.Certificate.RawData), xml);

        AssertRejected(await Validate(responses.Base64("wrong-key")), SamlRejectionReason.SignatureInvalid);
    }

    [Fact]
    public async Task No_configured_signing_certificate_refuses_everything()
    {
        var expectations = SamlScenario.Expectations() with { IdentityProvider = SamlScenario.IdentityProvider() with { SigningCertificates = [] } };
        AssertRejected(await Validate(responses.Base64("valid-both"), expectations), SamlRejectionReason.NoTrustedSigningKey);
    }

    [Fact]
    public async Task Comment_in_NameID_does_not_truncate_the_identity()
    {
        // The IdP signed "admin@example.org.evil.test"; the attacker inserts a comment after "admin@example.org".
        // Comments are outside the signature (exclusive c14n), so the response still verifies; the reader must
        // still see the whole signed text.
        var signed = SamlifyResponses.CommentInjectedSigned;
        var injected = responses.Xml("comment-injection-base")
            .Replace($">{signed}<", $">{SamlifyResponses.EvilNameId}<!---->{signed[SamlifyResponses.EvilNameId.Length..]}<", StringComparison.Ordinal);
        Assert.Contains("<!---->", injected);

        var result = await Validate(Convert.ToBase64String(Encoding.UTF8.GetBytes(injected)));

        Assert.True(result.Succeeded, result.ToString());
        Assert.NotEqual(SamlifyResponses.EvilNameId, result.Assertion.NameId);
        Assert.Equal(signed, result.Assertion.NameId);
        Assert.Equal([signed], result.Assertion.GetValues("email"));
    }

    [Theory]
    [InlineData("expired-conditions", SamlRejectionReason.Expired)]
    [InlineData("expired-confirmation", SamlRejectionReason.Expired)]
    [InlineData("not-yet-valid", SamlRejectionReason.NotYetValid)]
    [InlineData("not-yet-valid-conditions", SamlRejectionReason.NotYetValid)]
    [InlineData("issued-in-future", SamlRejectionReason.NotYetValid)]
    [InlineData("wrong-audience", SamlRejectionReason.WrongAudience)]
    [InlineData("wrong-destination", SamlRejectionReason.WrongDestination)]
    [InlineData("wrong-destination-response-unsigned", SamlRejectionReason.WrongDestination)]
    [InlineData("wrong-recipient", SamlRejectionReason.WrongRecipient)]
    [InlineData("wrong-issuer", SamlRejectionReason.WrongIssuer)]
    [InlineData("wrong-assertion-issuer", SamlRejectionReason.WrongIssuer)]
    [InlineData("rsa-sha1", SamlRejectionReason.WeakAlgorithm)]
    [InlineData("in-response-to-unknown", SamlRejectionReason.InResponseToMismatch)]
    [InlineData("status-responder", SamlRejectionReason.StatusNotSuccess)]
    public async Task Validly_signed_but_wrong_response_is_refused(string name, SamlRejectionReason reason)
    {
        AssertRejected(await Validate(responses.Base64(name)), reason);
    }

    [Fact]
    public async Task Sha1_is_accepted_only_where_the_idp_is_allowed_to_use_it()
    {
        Assert.True((await Validate(responses.Base64("rsa-sha1"), SamlScenario.Expectations(allowSha1: true))).Succeeded);
    }

    [Fact]
    public async Task InResponseTo_of_the_subject_confirmation_must_match_the_response()
    {
        var requests = new InMemorySamlRequestStore();
        await requests.AddAsync(new SamlPendingRequest("_pending_1", SamlScenario.IdpEntityId, DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None);
        AssertRejected(await Validate(responses.Base64("in-response-to-inconsistent"), requests: requests), SamlRejectionReason.InResponseToMismatch);
    }

    [Fact]
    public async Task Response_to_a_request_sent_to_another_idp_is_refused()
    {
        var requests = new InMemorySamlRequestStore();
        await requests.AddAsync(new SamlPendingRequest("_never_sent_by_this_sp", "https://other-idp.example/idp", DateTimeOffset.UtcNow.AddMinutes(5)), CancellationToken.None);
        AssertRejected(await Validate(responses.Base64("in-response-to-unknown"), requests: requests), SamlRejectionReason.InResponseToMismatch);
    }

    [Fact]
    public async Task Unsolicited_response_is_refused_by_a_strict_idp()
    {
        AssertRejected(await Validate(responses.Base64("valid-both"), SamlScenario.Expectations(allowUnsolicited: false)), SamlRejectionReason.UnsolicitedNotAllowed);
    }

    [Fact]
    public async Task Replayed_response_is_refused()
    {
        var validator = SamlScenario.Validator();
        var first = await validator.ValidateAsync(responses.Base64("valid-both"), SamlScenario.Expectations(), CancellationToken.None);
        var second = await validator.ValidateAsync(responses.Base64("valid-both"), SamlScenario.Expectations(), CancellationToken.None);

        Assert.True(first.Succeeded, first.ToString());
        AssertRejected(second, SamlRejectionReason.Replayed);
    }

    [Fact]
    public async Task Replay_cache_is_keyed_per_assertion_not_per_bytes()
    {
        // Same assertion, different Response wrapper bytes (whitespace added outside the signed assertion).
        var validator = SamlScenario.Validator();
        var first = await validator.ValidateAsync(responses.Base64("valid-assertion"), SamlScenario.Expectations(), CancellationToken.None);
        var rewrapped = ResponseMutations.Edit(responses.Xml("valid-assertion"), doc => doc.DocumentElement!.AppendChild(doc.CreateWhitespace("\n")));
        var second = await validator.ValidateAsync(rewrapped, SamlScenario.Expectations(), CancellationToken.None);

        Assert.True(first.Succeeded, first.ToString());
        AssertRejected(second, SamlRejectionReason.Replayed);
    }

    [Fact]
    public async Task Xxe_payload_is_refused_before_any_entity_is_resolved()
    {
        var xml = responses.Xml("valid-both");
        var attack = "<?xml version=\"1.0\"?><!DOCTYPE samlp:Response [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>"
            + xml.Replace(">alice@example.org</saml:NameID>", ">&xxe;</saml:NameID>", StringComparison.Ordinal);
        AssertRejected(await Validate(Convert.ToBase64String(Encoding.UTF8.GetBytes(attack))), SamlRejectionReason.DtdProhibited);
    }

    [Fact]
    public async Task Billion_laughs_payload_is_refused()
    {
        var entities = new StringBuilder("<!ENTITY lol0 \"lol\">");
        for (var i = 1; i <= 9; i++)
            entities.Append($"<!ENTITY lol{i} \"{string.Concat(Enumerable.Repeat($"&lol{i - 1};", 10))}\">");
        var attack = $"<?xml version=\"1.0\"?><!DOCTYPE samlp:Response [{entities}]>"
            + responses.Xml("valid-both").Replace(">alice@example.org</saml:NameID>", ">&lol9;</saml:NameID>", StringComparison.Ordinal);
        AssertRejected(await Validate(Convert.ToBase64String(Encoding.UTF8.GetBytes(attack))), SamlRejectionReason.DtdProhibited);
    }

    [Fact]
    public async Task Oversized_response_is_refused_before_parsing()
    {
        var padded = responses.Xml("valid-both").Replace("</samlp:Response>", new string(' ', 300 * 1024) + "</samlp:Response>", StringComparison.Ordinal);
        AssertRejected(await Validate(Convert.ToBase64String(Encoding.UTF8.GetBytes(padded))), SamlRejectionReason.MessageTooLarge);
    }

    [Fact]
    public async Task Xml_beyond_the_character_limit_is_refused_by_the_parser()
    {
        var limits = new SamlResponseValidatorLimits { MaxXmlCharacters = 2048 };
        AssertRejected(await Validate(responses.Base64("valid-both"), limits: limits), SamlRejectionReason.MalformedXml);
    }

    [Fact]
    public async Task Not_base64_is_refused()
    {
        AssertRejected(await Validate("this is not base64!"), SamlRejectionReason.MalformedEncoding);
    }

    [Theory]
    [InlineData("http://www.w3.org/2001/10/xml-exc-c14n#WithComments")]
    [InlineData("http://www.w3.org/TR/1999/REC-xslt-19991116")]
    [InlineData("http://www.w3.org/TR/2001/REC-xml-c14n-20010315")]
    public async Task Transforms_other_than_enveloped_and_exclusive_c14n_are_refused(string algorithm)
    {
        var attack = ResponseMutations.Edit(responses.Xml("valid-assertion"), doc =>
        {
            var transform = doc.GetElementsByTagName("Transform", SamlConstants.XmlDsigNamespace).Cast<XmlElement>()
                .Single(t => t.GetAttribute("Algorithm") == SamlConstants.Algorithms.ExclusiveC14n);
            transform.SetAttribute("Algorithm", algorithm);
        });
        AssertRejected(await Validate(attack), SamlRejectionReason.DisallowedTransform);
    }

    [Fact]
    public async Task Inclusive_canonicalization_of_SignedInfo_is_refused()
    {
        var attack = ResponseMutations.Edit(responses.Xml("valid-assertion"), doc =>
            ((XmlElement)doc.GetElementsByTagName("CanonicalizationMethod", SamlConstants.XmlDsigNamespace)[0]!)
                .SetAttribute("Algorithm", "http://www.w3.org/TR/2001/REC-xml-c14n-20010315#WithComments"));
        AssertRejected(await Validate(attack), SamlRejectionReason.DisallowedTransform);
    }

    [Fact]
    public async Task Signature_with_two_references_is_refused()
    {
        var attack = ResponseMutations.Edit(responses.Xml("valid-assertion"), doc =>
        {
            var reference = (XmlElement)doc.GetElementsByTagName("Reference", SamlConstants.XmlDsigNamespace)[0]!;
            reference.ParentNode!.AppendChild(reference.CloneNode(true));
        });
        AssertRejected(await Validate(attack), SamlRejectionReason.SignatureMalformed);
    }

    [Fact]
    public async Task Signature_carrying_a_ds_Object_is_refused()
    {
        var attack = ResponseMutations.Edit(responses.Xml("valid-assertion"), doc =>
        {
            var signature = doc.GetElementsByTagName("Signature", SamlConstants.XmlDsigNamespace)[0]!;
            signature.AppendChild(doc.CreateElement("ds", "Object", SamlConstants.XmlDsigNamespace));
        });
        AssertRejected(await Validate(attack), SamlRejectionReason.SignatureMalformed);
    }

    [Fact]
    public async Task Root_that_is_not_a_Response_is_refused()
    {
        AssertRejected(await Validate(Convert.ToBase64String(Encoding.UTF8.GetBytes("<x:Response xmlns:x=\"urn:other\"/>"))), SamlRejectionReason.MalformedMessage);
    }

    [Fact]
    public async Task Deeply_nested_xml_is_refused_before_any_recursive_walk()
    {
        // 30,000 nested elements fit in the size limits; walking them recursively would overflow a
        // thread-pool stack and kill the process, which no catch block can stop.
        const int depth = 30_000;
        var nested = string.Concat(Enumerable.Repeat("<x>", depth)) + string.Concat(Enumerable.Repeat("</x>", depth));
        var attack = responses.Xml("valid-both").Replace("</samlp:Response>", nested + "</samlp:Response>", StringComparison.Ordinal);
        var base64 = Convert.ToBase64String(Encoding.UTF8.GetBytes(attack));
        var limits = new SamlResponseValidatorLimits { MaxEncodedLength = 1024 * 1024, MaxXmlCharacters = 1024 * 1024 };

        var result = await Task.Run(() => Validate(base64, limits: limits));
        AssertRejected(result, SamlRejectionReason.MalformedXml);
        Assert.Contains("deeper", result.Message);
    }
}
