namespace ScsFederation.Provisioning.Persistence;

public enum ProvisioningRunStatus
{
    /// <summary>Still applying, or the process died while applying (then the next run resumes it).</summary>
    Running,
    Completed,
    CompletedWithErrors,
    /// <summary>Stopped early (Keystone unreachable); its unfinished steps stay in the journal for the next run.</summary>
    Failed,
    /// <summary>An interrupted or failed run whose remaining work a later run took over.</summary>
    Resumed,
    /// <summary>Not run: another run (hub instance or CLI) held the provider's lease; nothing was journaled.</summary>
    Busy,
}
