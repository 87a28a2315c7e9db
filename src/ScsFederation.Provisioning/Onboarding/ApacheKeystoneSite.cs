using System.Text;
using ScsFederation.Core.Configuration;

namespace ScsFederation.Provisioning.Onboarding;

/// <summary>
/// The Apache site that serves Keystone under mod_wsgi behind mod_auth_openidc with the hub as OpenID Provider,
/// as SCS deploys it. Secrets are not written: Apache expands <c>${VAR}</c> from its environment at start-up.
/// </summary>
public static class ApacheKeystoneSite
{
    public static string Render(FederationConfig config, CloudProvider provider, string? wsgiUser = "www-data")
    {
        var ks = provider.Keystone ?? throw new OnboardingException(provider.Id, "keystone", "the provider has no keystone section");
        var publicUrl = new Uri(ks.PublicUrl ?? throw new OnboardingException(provider.Id, "keystone.publicUrl", "needed for the Apache site (the origin of Keystone behind Apache)"));
        // The one spelling of the hub's issuer (its tokens' iss); discovery lives below it without the trailing slash.
        var issuer = config.Hub.CanonicalIssuer;
        var discovery = issuer.TrimEnd('/') + "/.well-known/openid-configuration";
        // Keystone matches OIDC-iss against the remote ids; demanding the same iss here already refuses, at Apache, a
        // token (ID token or bearer access token) of any other issuer. "Require claim" also requires a login.
        var requireIssuer = "        Require claim \"iss:" + issuer + "\"\n";
        var env = EnvPrefix(provider.Id);
        var group = "keystone-" + provider.Id;
        var idpPath = $"/v3/OS-FEDERATION/identity_providers/{ks.IdentityProviderId}/protocols/{ks.Protocol}/auth";
        var websso = $"/v3/auth/OS-FEDERATION/identity_providers/{ks.IdentityProviderId}/protocols/{ks.Protocol}/websso";
        var sb = new StringBuilder();
        sb.Append("# Keystone for provider ").Append(provider.Id).Append(" behind mod_auth_openidc; written by `scsfed provider onboard`.\n");
        sb.Append("# Start apache2 with OS_KEYSTONE_CONFIG_FILES in its environment (SetEnv does not reach Keystone's config loading),\n");
        sb.Append("# and ").Append(env).Append("_OIDC_CLIENT_SECRET / ").Append(env).Append("_OIDC_CRYPTO_PASSPHRASE set.\n");
        sb.Append("Listen ").Append(publicUrl.Host).Append(':').Append(publicUrl.Port).Append('\n');
        sb.Append("<VirtualHost ").Append(publicUrl.Host).Append(':').Append(publicUrl.Port).Append(">\n");
        sb.Append("    ServerName ").Append(publicUrl.Host).Append('\n');
        // SQLite-backed test Keystones need single-threaded daemons; three processes keep WebSSO responsive.
        sb.Append("    WSGIDaemonProcess ").Append(group).Append(" processes=3 threads=1");
        if (wsgiUser is not null) sb.Append(" user=").Append(wsgiUser).Append(" group=").Append(wsgiUser);
        sb.Append(" display-name=%{GROUP}\n");
        sb.Append("    WSGIProcessGroup ").Append(group).Append('\n');
        sb.Append("    WSGIScriptAlias / /usr/bin/keystone-wsgi-public process-group=").Append(group).Append(" application-group=%{GLOBAL}\n");
        sb.Append("    WSGIApplicationGroup %{GLOBAL}\n");
        sb.Append("    WSGIPassAuthorization On\n\n");
        sb.Append("    OIDCProviderMetadataURL ").Append(discovery).Append('\n');
        sb.Append("    OIDCClientID ").Append(ks.ClientId ?? provider.Id).Append('\n');
        sb.Append("    OIDCClientSecret ${").Append(env).Append("_OIDC_CLIENT_SECRET}\n");
        sb.Append("    OIDCCryptoPassphrase ${").Append(env).Append("_OIDC_CRYPTO_PASSPHRASE}\n");
        sb.Append("    OIDCRedirectURI ").Append(RedirectUri(provider)).Append('\n');
        sb.Append("    OIDCResponseType code\n");
        sb.Append("    OIDCScope \"openid email profile groups\"\n");
        sb.Append("    OIDCPKCEMethod S256\n");
        // Keystone reads claims from the environment and splits multi-valued ones on ';'.
        sb.Append("    OIDCClaimPrefix \"OIDC-\"\n");
        sb.Append("    OIDCClaimDelimiter \";\"\n");
        // Bearer path: mod_auth_openidc accepts only https introspection/JWKS URLs directly, the metadata URL works on loopback.
        sb.Append("    OIDCOAuthServerMetadataURL ").Append(discovery).Append('\n');
        sb.Append("    OIDCOAuthClientID ").Append(ks.ClientId ?? provider.Id).Append('\n');
        sb.Append("    OIDCOAuthClientSecret ${").Append(env).Append("_OIDC_CLIENT_SECRET}\n");
        sb.Append("    OIDCOAuthTokenExpiryClaim exp absolute mandatory\n");
        sb.Append("    OIDCOAuthRemoteUserClaim sub\n\n");
        sb.Append("    <Location \"").Append(websso).Append("\">\n        AuthType openid-connect\n").Append(requireIssuer).Append("    </Location>\n");
        sb.Append("    <Location \"/v3/auth/OS-FEDERATION/websso/").Append(ks.Protocol).Append("\">\n        AuthType openid-connect\n").Append(requireIssuer).Append("    </Location>\n");
        sb.Append("    <Location \"").Append(idpPath).Append("\">\n        AuthType oauth20\n").Append(requireIssuer).Append("    </Location>\n");
        sb.Append("</VirtualHost>\n");
        return sb.ToString();
    }

    /// <summary>The redirect URI the hub must accept for this provider's mod_auth_openidc client.</summary>
    public static string RedirectUri(CloudProvider provider)
    {
        var ks = provider.Keystone!;
        return $"{ks.PublicUrl!.TrimEnd('/')}/v3/auth/OS-FEDERATION/identity_providers/{ks.IdentityProviderId}/protocols/{ks.Protocol}/websso/redirect";
    }

    /// <summary><c>cloud-a</c> → <c>SCSFED_CLOUD_A</c>.</summary>
    public static string EnvPrefix(string providerId)
    {
        var sb = new StringBuilder("SCSFED_");
        foreach (var c in providerId) sb.Append(char.IsAsciiLetterOrDigit(c) ? char.ToUpperInvariant(c) : '_');
        return sb.ToString();
    }
}
