using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning.Kubernetes;

namespace ScsFederation.Provisioning.Onboarding;

/// <summary>Writes the provider-side configuration onboarding produces into one folder per provider.</summary>
public static class ProviderConfigFiles
{
    public static IReadOnlyList<OnboardingStep> Write(FederationConfig config, CloudProvider provider, string outputFolder)
    {
        var steps = new List<OnboardingStep>();
        var folder = Path.Combine(outputFolder, provider.Id);
        Directory.CreateDirectory(folder);
        if (provider.Keystone is { } ks)
        {
            if (ks.PublicUrl is not null)
            {
                steps.Add(WriteFile(Path.Combine(folder, "apache-keystone.conf"), ApacheKeystoneSite.Render(config, provider)));
            }
            var dashboards = ks.PublicUrl is null ? new List<string>() : [ks.PublicUrl.TrimEnd('/') + "/"];
            steps.Add(WriteFile(Path.Combine(folder, "keystone-federation.conf"), KeystoneFederationConfSnippet.Render(provider, dashboards)));
            steps.Add(WriteFile(Path.Combine(folder, "clouds.yaml"), CloudsYamlEntry.Render(provider)));
        }
        if (provider.Kubernetes is not null)
        {
            steps.Add(WriteFile(Path.Combine(folder, "authentication-config.yaml"), KubernetesAuthenticationConfiguration.Render(config.Hub.CanonicalIssuer, provider)));
        }
        return steps;
    }

    private static OnboardingStep WriteFile(string path, string content)
    {
        var unchanged = File.Exists(path) && File.ReadAllText(path) == content;
        if (!unchanged)
        {
            File.WriteAllText(path, content);
        }
        return new OnboardingStep(path, unchanged ? OnboardingOutcome.Unchanged : OnboardingOutcome.Written);
    }
}
