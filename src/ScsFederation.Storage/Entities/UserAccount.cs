namespace ScsFederation.Storage.Entities;

/// <summary>A person known to the hub, linked to exactly one (upstream issuer, subject) pair.</summary>
public sealed class UserAccount
{
    public string Id { get; set; } = Guid.NewGuid().ToString("n");

    public string UpstreamId { get; set; } = "";

    /// <summary>Issuer as the upstream states it (OIDC iss or SAML entity id); part of the link key.</summary>
    public string UpstreamIssuer { get; set; } = "";

    public string UpstreamSubject { get; set; } = "";

    public string? Email { get; set; }

    public string? DisplayName { get; set; }

    /// <summary>The upstream claims of the latest login, JSON object of string arrays.</summary>
    public string ClaimsJson { get; set; } = "{}";

    public DateTimeOffset CreatedAt { get; set; }

    public DateTimeOffset LastLoginAt { get; set; }

    public int LoginCount { get; set; }
}
