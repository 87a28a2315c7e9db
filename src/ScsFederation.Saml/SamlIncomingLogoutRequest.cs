namespace ScsFederation.Saml;

/// <summary>A verified IdP-initiated LogoutRequest: end the hub session of this NameID (and these IdP sessions).</summary>
public sealed record SamlIncomingLogoutRequest(string Id, string NameId, string? NameIdFormat, IReadOnlyList<string> SessionIndexes, string? RelayState);
