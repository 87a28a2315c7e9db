namespace ScsFederation.Saml.Tests;

/// <summary>NotBefore / NotOnOrAfter are applied with the IdP's clock skew, on both sides of the boundary.</summary>
[Collection(SamlifyCollection.Name)]
public sealed class ClockSkewTests(SamlifyResponses responses)
{
    private static async Task<SamlValidationResult> ValidateAt(string base64, DateTimeOffset now, TimeSpan skew)
    {
        var expectations = SamlScenario.Expectations() with { IdentityProvider = SamlScenario.IdentityProvider() with { ClockSkew = skew } };
        var validator = new SamlResponseValidator(new InMemorySamlReplayCache(), new InMemorySamlRequestStore(), new FixedTimeProvider(now));
        return await validator.ValidateAsync(base64, expectations, CancellationToken.None);
    }

    private DateTimeOffset IssueInstant(string name)
    {
        var doc = ResponseMutations.Load(responses.Xml(name));
        var assertion = ResponseMutations.Child(doc.DocumentElement!, SamlConstants.AssertionNamespace, "Assertion");
        return DateTimeOffset.Parse(assertion.GetAttribute("IssueInstant"), System.Globalization.CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task NotOnOrAfter_is_extended_by_the_skew_and_no_further()
    {
        // samlify response: valid for 300 s after IssueInstant.
        var issued = IssueInstant("valid-both");
        var skew = TimeSpan.FromMinutes(2);

        Assert.True((await ValidateAt(responses.Base64("valid-both"), issued.AddSeconds(300) + skew - TimeSpan.FromSeconds(1), skew)).Succeeded);
        var late = await ValidateAt(responses.Base64("valid-both"), issued.AddSeconds(300) + skew, skew);
        Assert.Equal(SamlRejectionReason.Expired, late.Reason);
        var noSkew = await ValidateAt(responses.Base64("valid-both"), issued.AddSeconds(300), TimeSpan.Zero);
        Assert.Equal(SamlRejectionReason.Expired, noSkew.Reason);
    }

    [Fact]
    public async Task NotBefore_tolerates_a_clock_that_is_behind_by_less_than_the_skew()
    {
        // NotBefore is 30 s before IssueInstant; a clock 100 s behind the IdP is within a 2 minute skew.
        var issued = IssueInstant("valid-both");
        Assert.True((await ValidateAt(responses.Base64("valid-both"), issued.AddSeconds(-100), TimeSpan.FromMinutes(2))).Succeeded);
        var early = await ValidateAt(responses.Base64("valid-both"), issued.AddSeconds(-100), TimeSpan.FromSeconds(10));
        Assert.Equal(SamlRejectionReason.NotYetValid, early.Reason);
    }
}
