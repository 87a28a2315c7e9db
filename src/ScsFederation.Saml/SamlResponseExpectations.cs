namespace ScsFederation.Saml;

/// <summary>What a response posted to one ACS endpoint must match.</summary>
/// <param name="ServiceProvider">This SP; its entity id is the required Audience.</param>
/// <param name="IdentityProvider">The upstream the ACS endpoint belongs to: issuer, keys and policy.</param>
/// <param name="AssertionConsumerServiceUrl">The ACS URL the response was posted to; Destination and Recipient must equal it.</param>
public sealed record SamlResponseExpectations(
    SamlServiceProviderOptions ServiceProvider,
    SamlIdentityProviderOptions IdentityProvider,
    string AssertionConsumerServiceUrl);
