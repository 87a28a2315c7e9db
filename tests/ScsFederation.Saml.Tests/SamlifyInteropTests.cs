namespace ScsFederation.Saml.Tests;

/// <summary>samlify-signed responses in every signing mode and NameID format are accepted and read correctly.</summary>
[Collection(SamlifyCollection.Name)]
public sealed class SamlifyInteropTests(SamlifyResponses responses)
{
    [Theory]
    [InlineData("valid-both", true, true)]
    [InlineData("valid-response", true, false)]
    [InlineData("valid-assertion", false, true)]
    public async Task Accepts_samlify_response_signed_on(string name, bool responseSigned, bool assertionSigned)
    {
        var result = await SamlScenario.Validator().ValidateAsync(responses.Base64(name), SamlScenario.Expectations(), CancellationToken.None);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal("alice@example.org", result.Assertion.NameId);
        Assert.Equal(SamlConstants.NameIdFormats.EmailAddress, result.Assertion.NameIdFormat);
        Assert.Equal(SamlScenario.IdpEntityId, result.Assertion.Issuer);
        Assert.Equal("_session-" + name, result.Assertion.SessionIndex);
        Assert.Equal(responseSigned, result.Assertion.ResponseSigned);
        Assert.Equal(assertionSigned, result.Assertion.AssertionSigned);
        Assert.Null(result.Assertion.InResponseTo);
    }

    [Fact]
    public async Task Multi_valued_group_attribute_keeps_every_value_in_order()
    {
        var result = await SamlScenario.Validator().ValidateAsync(responses.Base64("valid-both"), SamlScenario.Expectations(), CancellationToken.None);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(["scs-admins", "k8s-viewers"], result.Assertion.GetValues("groups"));
        Assert.Equal(["alice@example.org"], result.Assertion.GetValues("email"));
        Assert.Equal(["Alice Example"], result.Assertion.GetValues("displayName"));
        Assert.Empty(result.Assertion.GetValues("no-such-attribute"));
    }

    [Fact]
    public async Task Oid_attributes_are_found_by_name_and_by_friendly_name()
    {
        var result = await SamlScenario.Validator().ValidateAsync(responses.Base64("oid-attributes"), SamlScenario.Expectations(), CancellationToken.None);

        Assert.True(result.Succeeded, result.ToString());
        string[] entitlements = ["urn:mace:scs:k8s-viewers", "urn:mace:scs:scs-admins", "urn:mace:scs:project-a"];
        Assert.Equal(entitlements, result.Assertion.GetValues("urn:oid:1.3.6.1.4.1.5923.1.1.1.7"));
        Assert.Equal(entitlements, result.Assertion.GetValues("eduPersonEntitlement"));
        Assert.Equal(["alice@uni.example"], result.Assertion.GetValues("mail"));
        var mail = Assert.Single(result.Assertion.Attributes, a => a.FriendlyName == "mail");
        Assert.Equal("urn:oasis:names:tc:SAML:2.0:attrname-format:uri", mail.NameFormat);
    }

    [Theory]
    [InlineData("persistent", "3f7b9c2e-persistent-id", SamlConstants.NameIdFormats.Persistent)]
    [InlineData("transient", "_transient-4711", SamlConstants.NameIdFormats.Transient)]
    [InlineData("unspecified", "alice", SamlConstants.NameIdFormats.Unspecified)]
    [InlineData("valid-both", "alice@example.org", SamlConstants.NameIdFormats.EmailAddress)]
    public async Task NameId_and_format_are_read(string name, string nameId, string format)
    {
        var result = await SamlScenario.Validator().ValidateAsync(responses.Base64(name), SamlScenario.Expectations(), CancellationToken.None);

        Assert.True(result.Succeeded, result.ToString());
        Assert.Equal(nameId, result.Assertion.NameId);
        Assert.Equal(format, result.Assertion.NameIdFormat);
    }

    [Theory]
    [InlineData("encrypted-cbc", true)] // CBC only where the upstream allows it (see SamlDecryptionOracleTests)
    [InlineData("encrypted-gcm", false)]
    [InlineData("encrypted-response-signed", true)]
    public async Task Encrypted_assertion_is_decrypted_with_the_sp_key(string name, bool allowCbc)
    {
        Assert.Contains("EncryptedAssertion", responses.Xml(name));
        var result = await SamlScenario.Validator().ValidateAsync(
            responses.Base64(name), SamlScenario.Expectations(encryption: TestKeys.ServiceProvider.Certificate, allowCbc: allowCbc), CancellationToken.None);

        Assert.True(result.Succeeded, result.ToString());
        Assert.True(result.Assertion.AssertionWasEncrypted);
        Assert.Equal("alice@example.org", result.Assertion.NameId);
        Assert.Equal(["scs-admins", "k8s-viewers"], result.Assertion.GetValues("groups"));
    }

    [Fact]
    public async Task Encrypted_assertion_without_an_sp_decryption_key_is_refused()
    {
        var result = await SamlScenario.Validator().ValidateAsync(responses.Base64("encrypted-cbc"), SamlScenario.Expectations(), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(SamlRejectionReason.DecryptionFailed, result.Reason);
    }

    [Fact]
    public async Task Encrypted_assertion_for_another_key_is_refused()
    {
        var result = await SamlScenario.Validator().ValidateAsync(
            responses.Base64("encrypted-cbc"), SamlScenario.Expectations(encryption: TestKeys.MetadataSigner.Certificate), CancellationToken.None);

        Assert.False(result.Succeeded);
        Assert.Equal(SamlRejectionReason.DecryptionFailed, result.Reason);
    }

    [Fact]
    public async Task Concurrent_validations_share_nothing_that_changes_outcomes()
    {
        // Keys are pooled per certificate; under parallel use every genuine response still verifies and no forged one does.
        string[] good = ["valid-both", "valid-response", "valid-assertion", "persistent", "transient", "unspecified", "oid-attributes"];
        var work = Enumerable.Range(0, 20).SelectMany(_ => good.Select(name => (name, accept: true)).Append(("wrong-key", false)));
        var outcomes = await Task.WhenAll(work.Select(item => Task.Run(async () =>
        {
            var result = await SamlScenario.Validator().ValidateAsync(responses.Base64(item.Item1), SamlScenario.Expectations(), CancellationToken.None);
            return (item.Item1, item.Item2, result);
        })));
        Assert.All(outcomes, o => Assert.True(o.Item2 == o.result.Succeeded, $"{o.Item1}: {o.result}"));
    }
}
