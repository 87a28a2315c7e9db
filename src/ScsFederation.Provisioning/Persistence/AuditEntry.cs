namespace ScsFederation.Provisioning.Persistence;

/// <summary>One change made to a provider: who triggered it, what changed, when, why (account and grant) and the outcome.</summary>
public sealed record AuditEntry(
    DateTimeOffset At, string RunId, string ProviderId, string Actor, string Trigger,
    string Action, string KeyText, string? AccountId, string Why, string Outcome);
