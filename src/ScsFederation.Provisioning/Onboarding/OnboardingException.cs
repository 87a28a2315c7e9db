namespace ScsFederation.Provisioning.Onboarding;

/// <summary>Onboarding cannot proceed safely (e.g. a foreign identity provider already uses the hub's id); names the object.</summary>
public sealed class OnboardingException : Exception
{
    public OnboardingException(string providerId, string objectName, string reason)
        : base($"provider '{providerId}': {objectName}: {reason}")
    {
        ProviderId = providerId;
        ObjectName = objectName;
    }

    public string ProviderId { get; }

    public string ObjectName { get; }
}
