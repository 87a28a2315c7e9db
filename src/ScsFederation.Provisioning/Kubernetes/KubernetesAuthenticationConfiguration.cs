using System.Text;
using ScsFederation.Core.Configuration;

namespace ScsFederation.Provisioning.Kubernetes;

/// <summary>
/// The kube-apiserver structured authentication config (<c>apiserver.config.k8s.io/v1</c>,
/// <c>--authentication-config</c>) that trusts the hub's tokens: issuer = hub, the cluster's audience, and
/// username/groups claim mappings with the cluster's prefixes (the RBAC manifests use the same group prefix).
/// </summary>
public static class KubernetesAuthenticationConfiguration
{
    /// <param name="hubIssuer">The hub's canonical issuer (<see cref="HubSettings.CanonicalIssuer"/>): kube-apiserver compares a token's <c>iss</c> with <c>issuer.url</c> exactly.</param>
    public static string Render(string hubIssuer, CloudProvider provider)
    {
        var k8s = provider.Kubernetes ?? throw new InvalidOperationException($"provider '{provider.Id}' has no kubernetes section");
        var audience = k8s.Audience ?? provider.Id;
        var sb = new StringBuilder();
        sb.Append("# kube-apiserver --authentication-config for cluster ").Append(k8s.Cluster).Append("; written by `scsfed provider onboard`.\n");
        sb.Append("apiVersion: apiserver.config.k8s.io/v1\n");
        sb.Append("kind: AuthenticationConfiguration\n");
        sb.Append("jwt:\n");
        sb.Append("- issuer:\n");
        sb.Append("    url: ").Append(Q(hubIssuer)).Append('\n');
        sb.Append("    audiences:\n");
        sb.Append("    - ").Append(Q(audience)).Append('\n');
        sb.Append("    audienceMatchPolicy: MatchAny\n");
        sb.Append("  claimValidationRules:\n");
        sb.Append("  - expression: \"has(claims.sub) && claims.sub != ''\"\n");
        sb.Append("    message: the hub's token has no subject\n");
        sb.Append("  claimMappings:\n");
        sb.Append("    username:\n");
        sb.Append("      claim: sub\n");
        sb.Append("      prefix: ").Append(Q(k8s.UsernamePrefix)).Append('\n');
        sb.Append("    groups:\n");
        sb.Append("      claim: groups\n");
        sb.Append("      prefix: ").Append(Q(k8s.GroupPrefix)).Append('\n');
        return sb.ToString();
    }

    private static string Q(string s) => "\"" + s.Replace("\\", "\\\\", StringComparison.Ordinal).Replace("\"", "\\\"", StringComparison.Ordinal) + "\"";
}
