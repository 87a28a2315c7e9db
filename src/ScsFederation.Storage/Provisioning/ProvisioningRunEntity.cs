namespace ScsFederation.Storage.Provisioning;

/// <summary>Row of <c>provisioning_runs</c>: one apply of one provider.</summary>
public sealed class ProvisioningRunEntity
{
    public string RunId { get; set; } = "";
    public string ProviderId { get; set; } = "";
    public string Trigger { get; set; } = "";
    public string Actor { get; set; } = "";
    public DateTimeOffset StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
    public string Status { get; set; } = "";
    public string? Error { get; set; }
    public string? ResumedBy { get; set; }
}
