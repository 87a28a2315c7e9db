using ScsFederation.Provisioning.Reconciliation;

namespace ScsFederation.Provisioning.Persistence;

/// <summary>
/// The apply journal: a run's plan is written before the first Keystone call, each step is marked started before
/// its call and done (together with its ownership record and audit entry, in one transaction) after it, so a run
/// killed at any point leaves enough to resume without duplicates or orphans.
/// </summary>
public interface IProvisioningJournal
{
    Task<string> StartRunAsync(string providerId, string trigger, string actor, IReadOnlyList<PlannedChange> plan, CancellationToken cancellationToken);

    Task<IReadOnlyList<JournalStep>> ListStepsAsync(string runId, CancellationToken cancellationToken);

    /// <summary>Runs of the provider left Running or Failed: the work a new run must take over.</summary>
    Task<IReadOnlyList<ProvisioningRunSummary>> ListUnfinishedRunsAsync(string providerId, CancellationToken cancellationToken);

    Task<IReadOnlyList<ProvisioningRunSummary>> ListRunsAsync(string providerId, int max, CancellationToken cancellationToken);

    Task MarkResumedAsync(string runId, string resumedByRunId, CancellationToken cancellationToken);

    Task MarkStartedAsync(long stepId, CancellationToken cancellationToken);

    /// <summary>Marks the step done and, atomically with it, records or forgets ownership and appends the audit entry.</summary>
    Task CompleteStepAsync(long stepId, OwnedObject? record, string? forgetKeyText, AuditEntry audit, CancellationToken cancellationToken);

    Task FailStepAsync(long stepId, string error, AuditEntry audit, CancellationToken cancellationToken);

    Task FinishRunAsync(string runId, ProvisioningRunStatus status, string? error, CancellationToken cancellationToken);
}
