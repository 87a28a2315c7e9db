namespace ScsFederation.Core.Configuration;

/// <summary>
/// A provider's <c>upstreams</c> list names configured upstreams (or <c>demo</c> when demo accounts are on): a typo
/// would otherwise silently accept nobody, or — worse, after a rename — keep accepting an upstream meant to be gone.
/// </summary>
internal static class ProviderUpstreamRules
{
    public static void Check(FederationConfig config, List<ConfigError> errors)
    {
        for (var i = 0; i < config.Providers.Count; i++)
        {
            var list = config.Providers[i].Upstreams;
            if (list is null) continue;
            for (var j = 0; j < list.Count; j++)
            {
                var id = list[j];
                var known = config.FindUpstream(id) is not null || (config.Hub.Demo.Enabled && id == "demo");
                if (!known)
                {
                    errors.Add(new ConfigError($"/providers/{i}/upstreams/{j}", $"unknown upstream '{id}'"));
                }
            }
        }
    }
}
