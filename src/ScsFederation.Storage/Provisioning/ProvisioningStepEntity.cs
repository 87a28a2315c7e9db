namespace ScsFederation.Storage.Provisioning;

/// <summary>Row of <c>provisioning_steps</c>: one journaled plan step of a run.</summary>
public sealed class ProvisioningStepEntity
{
    public long Id { get; set; }
    public string RunId { get; set; } = "";
    public string ProviderId { get; set; } = "";
    public int Sequence { get; set; }
    public string Action { get; set; } = "";
    public string KeyText { get; set; } = "";
    public string? AccountId { get; set; }
    public string Why { get; set; } = "";
    public string Status { get; set; } = "";
    public int Attempts { get; set; }
    public string? Error { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
}
