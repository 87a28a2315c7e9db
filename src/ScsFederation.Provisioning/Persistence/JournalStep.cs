using ScsFederation.Provisioning.Reconciliation;

namespace ScsFederation.Provisioning.Persistence;

public enum JournalStepStatus
{
    Pending,
    /// <summary>Sent to Keystone; if the run dies now the object may exist without an ownership record.</summary>
    Started,
    Done,
    Failed,
}

/// <summary>A planned change as written to the journal before apply, with its progress.</summary>
public sealed record JournalStep(long Id, string RunId, string ProviderId, int Sequence, ChangeAction Action, string KeyText, string? AccountId, string Why, JournalStepStatus Status, int Attempts, string? Error);
