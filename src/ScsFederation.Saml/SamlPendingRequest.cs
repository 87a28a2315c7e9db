namespace ScsFederation.Saml;

/// <summary>An AuthnRequest this SP sent and is waiting for a response to.</summary>
public sealed record SamlPendingRequest(string RequestId, string IdentityProviderEntityId, DateTimeOffset NotOnOrAfter);
