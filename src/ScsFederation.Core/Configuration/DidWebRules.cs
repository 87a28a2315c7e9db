namespace ScsFederation.Core.Configuration;

/// <summary>Checks of <c>hub.didWeb</c> a schema cannot make: DID syntax, uniqueness, chain files, the registry host allowed.</summary>
internal static class DidWebRules
{
    public static void Check(FederationConfig config, string folder, List<ConfigError> errors)
    {
        var didWeb = config.Hub.DidWeb;
        if (didWeb.Registry is { } registry)
        {
            if (!Uri.TryCreate(registry, UriKind.Absolute, out var url) || (url.Scheme != Uri.UriSchemeHttps && !(url.Scheme == Uri.UriSchemeHttp && url.IsLoopback)))
            {
                errors.Add(new ConfigError("/hub/didWeb/registry", "must be an absolute https URL (http only on loopback)"));
            }
            else if (!config.Hub.AllowedFetchHosts.Contains(url.Host, StringComparer.OrdinalIgnoreCase))
            {
                errors.Add(new ConfigError("/hub/didWeb/registry", $"the hub contacts nothing at run time unless allowed: add '{url.Host}' to /hub/allowedFetchHosts"));
            }
            didWeb.Registry = registry.TrimEnd('/');
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < didWeb.Issuers.Count; i++)
        {
            var issuer = didWeb.Issuers[i];
            var at = $"/hub/didWeb/issuers/{i}";
            if (DidWebAddress.Parse(issuer.Did) is null)
            {
                errors.Add(new ConfigError(at + "/did", "must be did:web:<host>[%3A<port>][:<path>...] with a DNS name or IP address as host"));
            }
            else if (!seen.Add(issuer.Did))
            {
                errors.Add(new ConfigError(at + "/did", $"'{issuer.Did}' is used twice"));
            }
            if (issuer.CertificateChain is not null)
            {
                issuer.CertificateChain = FederationConfigRules.ResolveFile(issuer.CertificateChain, folder, at + "/certificateChain", errors);
            }
        }
    }
}
