namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>Progress of a long run, reported per provider (the CLI prints it).</summary>
public sealed record ProvisioningProgress(string ProviderId, string Phase, int Done, int Total, string? Message = null);
