using ScsFederation.Core.Configuration;
using ScsFederation.Mapping;
using YamlDotNet.RepresentationModel;

namespace ScsFederation.Hub.Portal;

/// <summary>
/// The files a person downloads to use their clouds from a terminal, built from the federation file and the
/// person's grants — nothing secret in them (the tools fetch tokens themselves):
/// <list type="bullet">
/// <item><c>clouds.yaml</c> for the <c>openstack</c> CLI: per Keystone provider and granted project, an entry with
/// keystoneauth's <c>v3oidcdeviceauthz</c> (device flow at the hub as the provider's public device client;
/// keystoneauth1 ≥ 5.11) and a <c>…-token</c> entry with <c>v3oidcaccesstoken</c> for older keystoneauth (the
/// token comes from <c>OS_ACCESS_TOKEN</c>).</item>
/// <item>a <c>kubeconfig</c> per cluster whose user runs kubelogin (<c>kubectl oidc-login get-token</c>) against the
/// hub's canonical issuer as the cluster's client, with one context per granted namespace.</item>
/// </list>
/// </summary>
public static class ClientConfigFiles
{
    /// <summary>The provider's public client with the device grant, bound to it: its tokens carry the provider's grant.</summary>
    public static DownstreamClient? DeviceClient(FederationConfig config, CloudProvider provider) =>
        config.Clients.Find(c => c.Provider == provider.Id && c.Type == ClientTypes.Public && c.GrantTypes.Contains("device_code"));

    public static string KeystoneAuthUrl(KeystoneSettings keystone) =>
        keystone.PublicUrl is { } origin ? origin.TrimEnd('/') + "/v3" : keystone.Url.TrimEnd('/');

    public static string CloudsYaml(FederationConfig config, IEnumerable<CloudAccess> clouds)
    {
        var entries = new YamlMappingNode();
        foreach (var cloud in clouds)
        {
            if (cloud.Provider.Keystone is not { } keystone) continue;
            var device = DeviceClient(config, cloud.Provider);
            foreach (var project in cloud.Grant.Projects)
            {
                var name = cloud.Grant.Projects.Count == 1 ? cloud.Provider.Id : $"{cloud.Provider.Id}-{project.Name}";
                var domain = project.Domain?.Name ?? keystone.Domain ?? "Default";
                if (device is not null)
                {
                    entries.Add(name, Cloud("v3oidcdeviceauthz", new YamlMappingNode
                    {
                        { "auth_url", KeystoneAuthUrl(keystone) },
                        { "identity_provider", keystone.IdentityProviderId },
                        { "protocol", keystone.Protocol },
                        { "client_id", device.ClientId },
                        { "discovery_endpoint", config.Hub.CanonicalIssuer.TrimEnd('/') + "/.well-known/openid-configuration" },
                        { "code_challenge_method", "S256" },
                        { "project_name", project.Name },
                        { "project_domain_name", domain },
                    }));
                }
                entries.Add(name + "-token", Cloud("v3oidcaccesstoken", new YamlMappingNode
                {
                    { "auth_url", KeystoneAuthUrl(keystone) },
                    { "identity_provider", keystone.IdentityProviderId },
                    { "protocol", keystone.Protocol },
                    { "project_name", project.Name },
                    { "project_domain_name", domain },
                }));
            }
        }
        return Write(new YamlMappingNode { { "clouds", entries } },
            "# clouds.yaml from the federation hub. Entries ending in -token read the access token from OS_ACCESS_TOKEN.\n");
    }

    private static YamlMappingNode Cloud(string authType, YamlMappingNode auth) => new()
    {
        { "auth_type", authType },
        { "auth", auth },
        { "identity_api_version", new YamlScalarNode("3") { Style = YamlDotNet.Core.ScalarStyle.Plain } },
    };

    /// <summary>The cluster's client is <c>kubernetes.audience</c> (default the provider id) — the audience the apiserver checks.</summary>
    public static string? Kubeconfig(FederationConfig config, CloudAccess cloud)
    {
        if (cloud.Provider.Kubernetes is not { ApiServer: { } server } k) return null;
        var grant = cloud.Grant.Kubernetes.FirstOrDefault(g => g.Cluster == k.Cluster);
        if (grant is null) return null;
        var user = $"{k.Cluster}-hub";
        var contexts = new YamlSequenceNode();
        var names = new List<string>();
        foreach (var ns in grant.Namespaces.DistinctBy(n => n.Name))
        {
            var name = $"{k.Cluster}-{ns.Name}";
            names.Add(name);
            contexts.Add(new YamlMappingNode { { "name", name }, { "context", new YamlMappingNode { { "cluster", k.Cluster }, { "user", user }, { "namespace", ns.Name } } } });
        }
        if (names.Count == 0)
        {
            names.Add(k.Cluster);
            contexts.Add(new YamlMappingNode { { "name", k.Cluster }, { "context", new YamlMappingNode { { "cluster", k.Cluster }, { "user", user } } } });
        }
        var root = new YamlMappingNode
        {
            { "apiVersion", "v1" },
            { "kind", "Config" },
            { "clusters", new YamlSequenceNode(new YamlMappingNode { { "name", k.Cluster }, { "cluster", new YamlMappingNode { { "server", server } } } }) },
            { "users", new YamlSequenceNode(new YamlMappingNode
                {
                    { "name", user },
                    { "user", new YamlMappingNode { { "exec", new YamlMappingNode
                        {
                            { "apiVersion", "client.authentication.k8s.io/v1" },
                            { "command", "kubectl" },
                            { "args", new YamlSequenceNode("oidc-login", "get-token", $"--oidc-issuer-url={config.Hub.CanonicalIssuer}", $"--oidc-client-id={k.Audience ?? cloud.Provider.Id}") },
                            { "interactiveMode", "IfAvailable" },
                            { "provideClusterInfo", new YamlScalarNode("false") { Style = YamlDotNet.Core.ScalarStyle.Plain } },
                        } } } },
                }) },
            { "contexts", contexts },
            { "current-context", names[0] },
        };
        return Write(root, $"# kubeconfig for cluster {k.Cluster} from the federation hub: needs kubectl with the kubelogin plugin (kubectl oidc-login).\n");
    }

    private static string Write(YamlMappingNode root, string header)
    {
        using var writer = new StringWriter();
        writer.Write(header);
        new YamlStream(new YamlDocument(root)).Save(writer, assignAnchors: false);
        var text = writer.ToString();
        // YamlStream ends documents with "...": valid YAML, but a surprise for people opening the file.
        return text.EndsWith("...\n", StringComparison.Ordinal) ? text[..^4] : text;
    }
}
