namespace ScsFederation.Storage.Entities;

/// <summary>A person known to the hub, linked to exactly one (configured upstream id, subject) pair.</summary>
public sealed class UserAccount
{
    public string Id { get; set; } = Guid.NewGuid().ToString("n");

    /// <summary>The upstream's id in the federation file; with <see cref="UpstreamSubject"/> the link key.</summary>
    public string UpstreamId { get; set; } = "";

    /// <summary>Issuer as the upstream stated it at the latest login (OIDC iss or the pinned SAML entity id); informational, not a link key.</summary>
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
