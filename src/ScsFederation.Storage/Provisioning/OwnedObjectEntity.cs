namespace ScsFederation.Storage.Provisioning;

/// <summary>Row of <c>provisioning_owned_objects</c>: a Keystone object the hub created and may change or delete.</summary>
public sealed class OwnedObjectEntity
{
    public string ProviderId { get; set; } = "";
    public string Origin { get; set; } = "";
    public string KeyText { get; set; } = "";
    public string KeystoneId { get; set; } = "";
    public string? AccountId { get; set; }
    public string RunId { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
}
