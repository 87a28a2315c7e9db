namespace ScsFederation.Storage.Provisioning;

/// <summary>Row of <c>provisioning_leases</c>: which run may apply to a provider now, and until when without renewal.</summary>
public sealed class ProvisioningLeaseEntity
{
    public string ProviderId { get; set; } = "";
    public string Holder { get; set; } = "";
    public DateTimeOffset ExpiresAt { get; set; }
}
