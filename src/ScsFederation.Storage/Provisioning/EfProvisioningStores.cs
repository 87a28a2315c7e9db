using Microsoft.EntityFrameworkCore;
using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Kubernetes;
using ScsFederation.Provisioning.Onboarding;
using ScsFederation.Provisioning.Reconciliation;

namespace ScsFederation.Storage.Provisioning;

/// <summary>
/// The provisioning broker on the hub database, wired once for the CLI and the hub alike: grants, journal,
/// ownership, audit log and leases, and the reconciler, onboarding and Kubernetes provisioner built on them.
/// </summary>
public sealed class EfProvisioningStores
{
    public EfProvisioningStores(IDbContextFactory<HubDbContext> contexts, TimeProvider? clock = null)
    {
        Grants = new EfDesiredGrantSource(contexts);
        Journal = new EfProvisioningJournal(contexts);
        Ownership = new EfOwnershipStore(contexts);
        Audit = new EfProvisioningAuditLog(contexts);
        Leases = new EfProvisioningLeases(contexts, clock);
    }

    public EfDesiredGrantSource Grants { get; }

    public EfProvisioningJournal Journal { get; }

    public EfOwnershipStore Ownership { get; }

    public EfProvisioningAuditLog Audit { get; }

    public EfProvisioningLeases Leases { get; }

    /// <summary>Each provider's Keystone with the admin credentials of the federation file.</summary>
    public static KeystoneClient CreateClient(CloudProvider provider) => KeystoneClient.Create(provider.Keystone!);

    /// <summary>A reconciler whose runs hold the provider leases, so hub instances and the CLI never overlap.</summary>
    public ProvisioningReconciler Reconciler(FederationConfig config, ProvisioningOptions options) =>
        new(config, Grants, Journal, Ownership, CreateClient, options, Leases);

    public ProviderOnboarding Onboarding(FederationConfig config) => new(config, Ownership, CreateClient);

    public KubernetesProvisioner Kubernetes() => new(Grants);
}
