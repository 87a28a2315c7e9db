namespace ScsFederation.Storage.Entities;

/// <summary>What the mapping rules of one provider granted one account at its latest login; input to provisioning.</summary>
public sealed class AccountGrant
{
    public string AccountId { get; set; } = "";

    public string ProviderId { get; set; } = "";

    /// <summary>The mapping result (Keystone-shaped JSON plus the Kubernetes part); null when no rule matched.</summary>
    public string? GrantJson { get; set; }

    public DateTimeOffset UpdatedAt { get; set; }
}
