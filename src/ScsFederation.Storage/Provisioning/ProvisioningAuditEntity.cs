namespace ScsFederation.Storage.Provisioning;

/// <summary>Row of <c>provisioning_audit</c>: who changed what on which provider, when, why and with what outcome.</summary>
public sealed class ProvisioningAuditEntity
{
    public long Id { get; set; }
    public DateTimeOffset At { get; set; }
    public string RunId { get; set; } = "";
    public string ProviderId { get; set; } = "";
    public string Actor { get; set; } = "";
    public string Trigger { get; set; } = "";
    public string Action { get; set; } = "";
    public string KeyText { get; set; } = "";
    public string? AccountId { get; set; }
    public string Why { get; set; } = "";
    public string Outcome { get; set; } = "";
}
