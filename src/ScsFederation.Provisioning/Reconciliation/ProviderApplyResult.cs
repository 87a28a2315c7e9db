using ScsFederation.Provisioning.Persistence;

namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>What one provider's apply did.</summary>
public sealed record ProviderApplyResult(
    string ProviderId, string RunId, ProvisioningRunStatus Status, ProvisioningPlan Plan,
    int Applied, IReadOnlyList<string> StepErrors, string? Error, long KeystoneRequests, TimeSpan Elapsed)
{
    /// <summary>Changes that altered Keystone (everything but bookkeeping adoption and forgetting).</summary>
    public int Changes => Plan.Changes.Count(c => c.Action is ChangeAction.Create or ChangeAction.Update or ChangeAction.Delete);
}
