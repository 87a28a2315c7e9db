namespace ScsFederation.Provisioning.Reconciliation;

/// <summary>Who asked for a run and for what: all providers or one, all accounts or one (just-in-time at login).</summary>
public sealed record ProvisioningRequest(string Trigger, string Actor, string? ProviderId = null, string? AccountId = null)
{
    /// <summary>How long to wait for a provider another run is applying before reporting it busy.</summary>
    public TimeSpan WaitForLease { get; init; }

    public const string CliTrigger = "cli";
    public const string LoginTrigger = "login";
    public const string ScheduleTrigger = "schedule";
    public const string AdminApiTrigger = "admin-api";
}
