namespace ScsFederation.Provisioning.Persistence;

/// <summary>
/// A Keystone object the hub created (or adopted after a crash) and may therefore change or delete. Anything
/// without such a record (and, for projects, without the ownership tag) is foreign and never touched.
/// </summary>
public sealed record OwnedObject(string ProviderId, string KeyText, string KeystoneId, string? AccountId, string Origin, string RunId, DateTimeOffset CreatedAt)
{
    public const string ProvisioningOrigin = "provisioning";
    public const string OnboardingOrigin = "onboarding";
}
