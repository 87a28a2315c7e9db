namespace ScsFederation.Saml;

/// <summary>A verified LogoutResponse from the IdP.</summary>
public sealed record SamlLogoutResult(string InResponseTo, string StatusCode, string? RelayState)
{
    public bool Succeeded => StatusCode == SamlConstants.StatusSuccess;
}
