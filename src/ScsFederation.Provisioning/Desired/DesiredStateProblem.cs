namespace ScsFederation.Provisioning.Desired;

/// <summary>A grant or declaration the reconciler cannot turn into Keystone objects (unknown domain or role, no user name).</summary>
public sealed record DesiredStateProblem(string? AccountId, string Reason)
{
    public override string ToString() => AccountId is null ? Reason : $"account {AccountId}: {Reason}";
}
