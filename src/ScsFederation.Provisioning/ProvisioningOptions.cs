namespace ScsFederation.Provisioning;

public sealed class ProvisioningOptions
{
    /// <summary>Keystone requests in flight at once per provider.</summary>
    public int MaxParallelismPerProvider { get; set; } = 4;

    /// <summary>Project tag that marks a project as created and owned by the hub.</summary>
    public string OwnershipTag { get; set; } = "scsfed-managed";

    /// <summary>Description put on objects the hub creates, so people browsing Keystone know where they come from.</summary>
    public string Description { get; set; } = "managed by the scsfed federation hub";

    /// <summary>How long a run holds its provider's lease without renewing it; a crashed holder frees it after this.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromMinutes(2);
}
