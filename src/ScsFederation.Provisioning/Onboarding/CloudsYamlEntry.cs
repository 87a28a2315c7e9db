using System.Text;
using ScsFederation.Core.Configuration;

namespace ScsFederation.Provisioning.Onboarding;

/// <summary>
/// A clouds.yaml entry for the provider: federated login with an access token from the hub (what
/// <c>openstack --os-auth-type v3oidcaccesstoken</c> uses); the token itself comes from the environment.
/// </summary>
public static class CloudsYamlEntry
{
    public static string Render(CloudProvider provider, string? projectName = null, string? projectDomain = null)
    {
        var ks = provider.Keystone ?? throw new OnboardingException(provider.Id, "keystone", "the provider has no keystone section");
        var authUrl = ks.PublicUrl is null ? ks.Url : ks.PublicUrl.TrimEnd('/') + "/v3";
        var sb = new StringBuilder();
        sb.Append("# clouds.yaml entry for provider ").Append(provider.Id).Append("; written by `scsfed provider onboard`.\n");
        sb.Append("# export OS_ACCESS_TOKEN=<access token from the hub>; openstack --os-cloud ").Append(provider.Id).Append(" token issue\n");
        sb.Append("clouds:\n");
        sb.Append("  ").Append(Q(provider.Id)).Append(":\n");
        sb.Append("    auth_type: v3oidcaccesstoken\n");
        sb.Append("    identity_api_version: 3\n");
        sb.Append("    auth:\n");
        sb.Append("      auth_url: ").Append(Q(authUrl)).Append('\n');
        sb.Append("      identity_provider: ").Append(Q(ks.IdentityProviderId)).Append('\n');
        sb.Append("      protocol: ").Append(Q(ks.Protocol)).Append('\n');
        if (projectName is not null)
        {
            sb.Append("      project_name: ").Append(Q(projectName)).Append('\n');
            sb.Append("      project_domain_name: ").Append(Q(projectDomain ?? ks.Domain ?? "Default")).Append('\n');
        }
        return sb.ToString();
    }

    // YAML double-quoted scalar: escape backslash and quote so any name stays one scalar.
    private static string Q(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
