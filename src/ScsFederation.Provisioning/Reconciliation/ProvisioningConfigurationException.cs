namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>The federation file does not allow the requested run (unknown provider, no keystone section).</summary>
public sealed class ProvisioningConfigurationException : Exception
{
    public ProvisioningConfigurationException(string message) : base(message) { }
}
