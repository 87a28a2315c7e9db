using System.Globalization;

namespace ScsFederation.Core.Configuration;

/// <summary>The checks a JSON schema cannot express: uniqueness, cross references, files, URL shapes; then path resolution.</summary>
internal static class FederationConfigRules
{
    public static void Check(FederationConfig config, string folder, List<ConfigError> errors)
    {
        config.Hub.Issuer = config.Hub.Issuer.TrimEnd('/');
        if (!Uri.TryCreate(config.Hub.Issuer, UriKind.Absolute, out var issuer))
        {
            errors.Add(new ConfigError("/hub/issuer", "must be an absolute URL"));
        }
        else if (issuer.Scheme == Uri.UriSchemeHttp && !issuer.IsLoopback)
        {
            errors.Add(new ConfigError("/hub/issuer", "must use https unless the host is loopback (127.0.0.1, localhost)"));
        }

        config.Hub.DataFolder = Path.GetFullPath(Path.Combine(folder, config.Hub.DataFolder));
        if (config.Hub.Storage.Provider == "postgresql" && string.IsNullOrWhiteSpace(config.Hub.Storage.ConnectionString))
        {
            errors.Add(new ConfigError("/hub/storage/connectionString", "is required when provider is postgresql"));
        }
        if (config.Hub.Demo.Enabled && config.Hub.Demo.Users.Count == 0)
        {
            errors.Add(new ConfigError("/hub/demo/users", "demo is enabled but lists no users"));
        }
        if (config.Hub.Demo.Enabled && issuer is { IsLoopback: false })
        {
            // Demo passwords sit in the federation file in clear and are compared without any lockout: never on a reachable hub.
            errors.Add(new ConfigError("/hub/demo/enabled", $"demo accounts are only for a hub on loopback (127.0.0.1, localhost), not for issuer '{config.Hub.Issuer}'"));
        }

        if (config.Hub.Provisioning.IntervalMinutes is > 0 and < 5)
        {
            errors.Add(new ConfigError("/hub/provisioning/intervalMinutes", "must be 0 (no schedule) or at least 5: closer runs would overlap on large federations"));
        }

        if (config.Hub.Tokens.ReauthenticateUpstreamHours is var reauth && (reauth < 1 || reauth > config.Hub.Tokens.RefreshTokenDays * 24))
        {
            errors.Add(new ConfigError("/hub/tokens/reauthenticateUpstreamHours", $"must be between 1 and refreshTokenDays × 24 ({config.Hub.Tokens.RefreshTokenDays * 24}) hours"));
        }

        CheckUnique(config.Upstreams.Select(u => u.Id), "/upstreams", "id", errors);
        CheckUnique(config.Providers.Select(p => p.Id), "/providers", "id", errors);
        CheckUnique(config.Clients.Select(c => c.ClientId), "/clients", "clientId", errors);
        if (config.Hub.Demo.Enabled && config.Upstreams.Exists(u => u.Id == "demo"))
        {
            errors.Add(new ConfigError("/upstreams", "the id 'demo' is reserved for the built-in demo upstream"));
        }

        if (config.Hub.Administrators.Mapping is { } adminRules)
        {
            config.Hub.Administrators.Mapping = ResolveFile(adminRules, folder, "/hub/administrators/mapping", errors);
        }
        UpstreamIssuerRules.Check(config, errors);
        DidWebRules.Check(config, folder, errors);
        GaiaXPublicationRules.Check(config, folder, errors);
        OperationsRules.Check(config, errors);
        ProviderUpstreamRules.Check(config, errors);

        for (var i = 0; i < config.Upstreams.Count; i++)
        {
            var u = config.Upstreams[i];
            var at = $"/upstreams/{i}";
            if (u.Type == UpstreamTypes.Oidc && u.Authority is not null)
            {
                if (!Uri.TryCreate(u.Authority, UriKind.Absolute, out var authority))
                {
                    errors.Add(new ConfigError(at + "/authority", "must be an absolute URL"));
                }
                else if (!TransportUrls.IsHttpsOrLoopback(authority))
                {
                    errors.Add(new ConfigError(at + "/authority", "must use https unless the host is loopback (the client secret travels to it)"));
                }
                if (u.AllowHttp && authority is not null && !authority.IsLoopback)
                {
                    errors.Add(new ConfigError(at + "/allowHttp", "plain http is only for loopback authorities (test setups on one machine)"));
                }
                if (!u.Scopes.Contains("openid"))
                {
                    errors.Add(new ConfigError(at + "/scopes", "must contain 'openid'"));
                }
            }
            if (u.Type == UpstreamTypes.Saml && u.Metadata is not null && !u.Metadata.StartsWith("https://", StringComparison.OrdinalIgnoreCase) && !u.Metadata.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
            {
                u.Metadata = ResolveFile(u.Metadata, folder, at + "/metadata", errors);
            }
            else if (u.Type == UpstreamTypes.Saml && u.Metadata is not null)
            {
                if (!Uri.TryCreate(u.Metadata, UriKind.Absolute, out var metadataUrl) || (metadataUrl.Scheme != Uri.UriSchemeHttps && !metadataUrl.IsLoopback))
                {
                    errors.Add(new ConfigError(at + "/metadata", "a metadata URL must use https"));
                }
                else if (!config.Hub.AllowedFetchHosts.Contains(metadataUrl.Host, StringComparer.OrdinalIgnoreCase))
                {
                    errors.Add(new ConfigError(at + "/metadata", $"the hub fetches nothing at run time unless allowed: add '{metadataUrl.Host}' to /hub/allowedFetchHosts, or use a file"));
                }
            }
            if (u.MetadataSigningCertificate is not null)
            {
                u.MetadataSigningCertificate = ResolveFile(u.MetadataSigningCertificate, folder, at + "/metadataSigningCertificate", errors);
            }
        }

        for (var i = 0; i < config.Providers.Count; i++)
        {
            var p = config.Providers[i];
            var at = $"/providers/{i}";
            if (p.Mapping is not null)
            {
                p.Mapping = ResolveFile(p.Mapping, folder, at + "/mapping", errors);
            }
            if (p.Keystone?.Admin.Password is null && p.Keystone?.Admin.ApplicationCredentialId is null && p.Keystone is not null)
            {
                // Allowed: plan-only setups; onboarding and apply report the missing credential when they need it.
            }
            if (p.Keystone is not null && !(Uri.TryCreate(p.Keystone.Url, UriKind.Absolute, out var keystoneUrl) && TransportUrls.IsHttpsOrLoopback(keystoneUrl)))
            {
                errors.Add(new ConfigError(at + "/keystone/url", "must use https unless the host is loopback: the admin credential and token travel on it"));
            }
            if (p.Kubernetes?.Kubeconfig is { } kubeconfig)
            {
                p.Kubernetes.Kubeconfig = ResolveFile(kubeconfig, folder, at + "/kubernetes/kubeconfig", errors);
            }
        }

        for (var i = 0; i < config.Clients.Count; i++)
        {
            var c = config.Clients[i];
            var at = $"/clients/{i}";
            if (c.Type == ClientTypes.Confidential && string.IsNullOrEmpty(c.ClientSecret))
            {
                errors.Add(new ConfigError(at + "/clientSecret", "is required for a confidential client"));
            }
            if (c.GrantTypes.Contains("authorization_code") && c.RedirectUris.Count == 0)
            {
                errors.Add(new ConfigError(at + "/redirectUris", "the authorization_code grant needs at least one redirect URI"));
            }
            if (c.Type == ClientTypes.Public && c.GrantTypes.Contains("client_credentials"))
            {
                errors.Add(new ConfigError(at + "/grantTypes", "a public client cannot use client_credentials"));
            }
            for (var r = 0; r < c.RedirectUris.Count; r++)
            {
                CheckRedirect(c.RedirectUris[r], $"{at}/redirectUris/{r}", errors);
            }
            if (c.BackchannelLogoutUri is { } backchannel)
            {
                CheckRedirect(backchannel, at + "/backchannelLogoutUri", errors);
            }
            for (var r = 0; r < c.PostLogoutRedirectUris.Count; r++)
            {
                CheckRedirect(c.PostLogoutRedirectUris[r], $"{at}/postLogoutRedirectUris/{r}", errors);
            }
            if (c.Provider is not null && config.FindProvider(c.Provider) is null)
            {
                errors.Add(new ConfigError(at + "/provider", $"names provider '{c.Provider}', which is not declared under /providers"));
            }
        }
        // After the declared clients are checked: the clients it adds are the hub's own, not the file's.
        KubernetesClientRules.Apply(config, errors);
    }

    private static void CheckRedirect(string value, string at, List<ConfigError> errors)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri))
        {
            errors.Add(new ConfigError(at, "must be an absolute URI"));
        }
        else if (uri.Scheme == Uri.UriSchemeHttp && !uri.IsLoopback)
        {
            errors.Add(new ConfigError(at, "http redirect URIs are allowed only on loopback"));
        }
    }

    internal static string ResolveFile(string value, string folder, string at, List<ConfigError> errors)
    {
        var full = Path.GetFullPath(Path.Combine(folder, value));
        if (!File.Exists(full))
        {
            errors.Add(new ConfigError(at, $"file not found: {full}"));
        }
        return full;
    }

    private static void CheckUnique(IEnumerable<string> values, string at, string field, List<ConfigError> errors)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var i = 0;
        foreach (var v in values)
        {
            if (!seen.Add(v))
            {
                errors.Add(new ConfigError($"{at}/{i.ToString(CultureInfo.InvariantCulture)}/{field}", $"'{v}' is used twice"));
            }
            i++;
        }
    }
}
