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

    private (DateTimeOffset IssueInstant, DateTimeOffset NotBefore, DateTimeOffset NotOnOrAfter) Times(string name)
    {
        var doc = ResponseMutations.Load(responses.Xml(name));
        var assertion = ResponseMutations.Child(doc.DocumentElement!, SamlConstants.AssertionNamespace, "Assertion");
        var conditions = ResponseMutations.Child(assertion, SamlConstants.AssertionNamespace, "Conditions");
        static DateTimeOffset At(string value) => DateTimeOffset.Parse(value, System.Globalization.CultureInfo.InvariantCulture);
        return (At(assertion.GetAttribute("IssueInstant")), At(conditions.GetAttribute("NotBefore")), At(conditions.GetAttribute("NotOnOrAfter")));
    }

    [Fact]
    public async Task NotOnOrAfter_is_extended_by_the_skew_and_no_further()
    {
        // Conditions and SubjectConfirmationData share one NotOnOrAfter in these responses.
        var end = Times("valid-both").NotOnOrAfter;
        var skew = TimeSpan.FromMinutes(2);

        Assert.True((await ValidateAt(responses.Base64("valid-both"), end + skew - TimeSpan.FromSeconds(1), skew)).Succeeded);
        var late = await ValidateAt(responses.Base64("valid-both"), end + skew, skew);
        Assert.Equal(SamlRejectionReason.Expired, late.Reason);
        var noSkew = await ValidateAt(responses.Base64("valid-both"), end, TimeSpan.Zero);
        Assert.Equal(SamlRejectionReason.Expired, noSkew.Reason);
    }

    [Fact]
    public async Task NotBefore_tolerates_a_clock_that_is_behind_by_less_than_the_skew()
    {
        // NotBefore is 30 s before IssueInstant; a clock 100 s behind the IdP is within a 2 minute skew.
        var (issued, notBefore, _) = Times("valid-both");
        Assert.Equal(issued.AddSeconds(-30), notBefore);
        Assert.True((await ValidateAt(responses.Base64("valid-both"), issued.AddSeconds(-100), TimeSpan.FromMinutes(2))).Succeeded);
        var early = await ValidateAt(responses.Base64("valid-both"), issued.AddSeconds(-100), TimeSpan.FromSeconds(10));
        Assert.Equal(SamlRejectionReason.NotYetValid, early.Reason);
    }
}
