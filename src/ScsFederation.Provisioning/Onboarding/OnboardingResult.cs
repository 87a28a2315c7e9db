namespace ScsFederation.Provisioning.Onboarding;

public sealed record OnboardingResult(string ProviderId, IReadOnlyList<OnboardingStep> Steps)
{
    /// <summary>Keystone objects created, updated or deleted (files written do not count).</summary>
    public int KeystoneChanges => Steps.Count(s => s.Outcome is OnboardingOutcome.Created or OnboardingOutcome.Updated or OnboardingOutcome.Deleted);
}
