namespace ScsFederation.Core.Configuration;

/// <summary>
/// Every Kubernetes provider's kube-apiserver accepts hub tokens for one audience (<c>kubernetes.audience</c>, default
/// the provider id); kubectl's kubelogin plugin asks the hub for them as that client, from a loopback redirect on
/// port 8000 or 18000. Unless the federation file declares that client itself, the hub registers it: public, bound
/// to the provider (so its tokens carry the cluster groups of the mapping), no consent page.
/// </summary>
internal static class KubernetesClientRules
{
    public static readonly string[] KubeloginRedirectUris = ["http://localhost:8000", "http://localhost:18000"];

    public static void Apply(FederationConfig config, List<ConfigError> errors)
    {
        for (var i = 0; i < config.Providers.Count; i++)
        {
            var provider = config.Providers[i];
            if (provider.Kubernetes is not { } k) continue;
            var clientId = k.Audience ?? provider.Id;
            var declared = config.Clients.FindIndex(c => c.ClientId == clientId);
            if (declared >= 0)
            {
                if (config.Clients[declared].Provider != provider.Id)
                {
                    errors.Add(new ConfigError($"/clients/{declared}/provider", $"client '{clientId}' is the audience of provider '{provider.Id}''s cluster: it must say provider: {provider.Id}, or its tokens would carry another provider's groups"));
                }
                continue;
            }
            config.Clients.Add(new DownstreamClient
            {
                ClientId = clientId,
                Type = ClientTypes.Public,
                DisplayName = $"kubectl ({k.Cluster})",
                RedirectUris = [.. KubeloginRedirectUris],
                Consent = "none",
                GrantTypes = ["authorization_code", "refresh_token"],
                Scopes = ["openid", "email", "profile", "groups", "offline_access"],
                Provider = provider.Id,
            });
        }
    }
}
