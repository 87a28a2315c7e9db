namespace ScsFederation.Provisioning.Persistence;

public sealed record ProvisioningRunSummary(
    string RunId, string ProviderId, string Trigger, string Actor, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    ProvisioningRunStatus Status, int Planned, int Done, int Failed, string? Error);
