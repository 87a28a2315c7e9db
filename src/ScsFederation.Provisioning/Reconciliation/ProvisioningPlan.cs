using ScsFederation.Provisioning.Desired;

namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>The changes that bring one provider's Keystone to the desired state, plus what could not be planned and why.</summary>
public sealed record ProvisioningPlan(string ProviderId, IReadOnlyList<PlannedChange> Changes, IReadOnlyList<DesiredStateProblem> Problems)
{
    public int Count(ChangeAction action) => Changes.Count(c => c.Action == action);

    public bool IsEmpty => Changes.Count == 0;
}
