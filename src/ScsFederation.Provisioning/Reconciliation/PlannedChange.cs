namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>One step of a plan: what to do to which object, for which account, and why (the grant or declaration).</summary>
public sealed record PlannedChange(ChangeAction Action, KeystoneObjectKey Key, string? AccountId, string Why)
{
    /// <summary>Ids of the existing object (for deletes and adoption): an object id, or <c>a|b|c</c> for memberships and assignments.</summary>
    public string? KeystoneId { get; init; }

    public string? FederatedUniqueId { get; init; }

    public override string ToString() => $"{Action.ToString().ToLowerInvariant(),-6} {Key.Text}";
}
