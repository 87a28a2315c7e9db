namespace ScsFederation.Provisioning.Onboarding;

public enum OnboardingOutcome
{
    Created,
    Updated,
    Unchanged,
    Deleted,
    /// <summary>Offboarding left it in place (not created by onboarding, or a domain that still holds objects).</summary>
    Retained,
    Written,
    /// <summary>Something only the operator can do (e.g. a client entry the federation file lacks).</summary>
    ActionNeeded,
}

/// <summary>One thing onboarding or offboarding did or checked, for the CLI's report.</summary>
public sealed record OnboardingStep(string Object, OnboardingOutcome Outcome, string? Detail = null)
{
    public override string ToString() => Detail is null ? $"{Outcome.ToString().ToLowerInvariant(),-9} {Object}" : $"{Outcome.ToString().ToLowerInvariant(),-9} {Object} ({Detail})";
}
