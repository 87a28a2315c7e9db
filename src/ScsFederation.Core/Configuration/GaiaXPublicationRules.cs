namespace ScsFederation.Core.Configuration;

/// <summary>Checks of <c>hub.gaiaX</c> a schema cannot make: URL schemes, every host the publication contacts allowed, files, lifetimes.</summary>
internal static class GaiaXPublicationRules
{
    public static void Check(FederationConfig config, string folder, List<ConfigError> errors)
    {
        var gaiaX = config.Hub.GaiaX;
        CheckService(config, gaiaX.Notary, "/hub/gaiaX/notary", folder, errors);
        CheckService(config, gaiaX.Compliance, "/hub/gaiaX/compliance", folder, errors);
        if (gaiaX.ValidityDays > config.Hub.DidWeb.CredentialLifetimeDays)
        {
            errors.Add(new ConfigError("/hub/gaiaX/validityDays", $"must not exceed /hub/didWeb/credentialLifetimeDays ({config.Hub.DidWeb.CredentialLifetimeDays}): a retired key would leave the DID document while credentials it signed are still valid"));
        }
        for (var i = 0; i < gaiaX.Shapes.Count; i++) gaiaX.Shapes[i] = FederationConfigRules.ResolveFile(gaiaX.Shapes[i], folder, $"/hub/gaiaX/shapes/{i}", errors);
        for (var i = 0; i < gaiaX.ClassHierarchy.Count; i++) gaiaX.ClassHierarchy[i] = FederationConfigRules.ResolveFile(gaiaX.ClassHierarchy[i], folder, $"/hub/gaiaX/classHierarchy/{i}", errors);
    }

    private static void CheckService(FederationConfig config, GxdchServiceSettings? service, string at, string folder, List<ConfigError> errors)
    {
        if (service is null) return;
        if (service.Jwks is not null) service.Jwks = FederationConfigRules.ResolveFile(service.Jwks, folder, at + "/jwks", errors);
        if (!Uri.TryCreate(service.Url, UriKind.Absolute, out var url) || !TransportUrls.IsHttpsOrLoopback(url) || !string.IsNullOrEmpty(url.UserInfo) || url.Query.Length > 0)
        {
            errors.Add(new ConfigError(at + "/url", "must be an absolute https URL without credentials or query (http only on loopback)"));
        }
        else if (!Allowed(config, url.Host, url.IsDefaultPort ? null : url.Port))
        {
            errors.Add(new ConfigError(at + "/url", $"the hub contacts nothing at run time unless allowed: add '{url.Host}' to /hub/allowedFetchHosts"));
        }
        if (DidWebAddress.Parse(service.Did) is not { } did)
        {
            errors.Add(new ConfigError(at + "/did", "must be did:web:<host>[%3A<port>][:<path>...]"));
        }
        else if (service.Jwks is null && !Allowed(config, did.Host, null) && !config.Hub.AllowedFetchHosts.Contains(did.Authority, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add(new ConfigError(at + "/did", $"the DID document is fetched to check the service's signatures: add '{did.Host}' to /hub/allowedFetchHosts (or pin its keys with jwks)"));
        }
    }

    private static bool Allowed(FederationConfig config, string host, int? port) =>
        config.Hub.AllowedFetchHosts.Any(h => string.Equals(h, host, StringComparison.OrdinalIgnoreCase) || (port is { } p && string.Equals(h, $"{host}:{p}", StringComparison.OrdinalIgnoreCase)));
}
