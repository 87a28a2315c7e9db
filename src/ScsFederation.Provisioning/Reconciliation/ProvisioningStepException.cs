namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>A plan step that cannot be carried out (a prerequisite object is missing); names the object.</summary>
public sealed class ProvisioningStepException : Exception
{
    public ProvisioningStepException(string keyText, string reason) : base(reason) => KeyText = keyText;

    public string KeyText { get; }
}
