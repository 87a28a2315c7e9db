using ScsFederation.Core.Configuration;

namespace ScsFederation.Provisioning.Onboarding;

/// <summary>The keystone.conf settings federation through the hub needs.</summary>
public static class KeystoneFederationConfSnippet
{
    public static string Render(CloudProvider provider, IReadOnlyList<string> trustedDashboards)
    {
        var dashboards = trustedDashboards.Count == 0 ? ["http://127.0.0.1/"] : trustedDashboards;
        return "# keystone.conf additions for provider " + provider.Id + "; written by `scsfed provider onboard`.\n"
            + "[auth]\nmethods = password,token,openid,mapped,application_credential\n\n"
            + "[federation]\n" + string.Concat(dashboards.Select(d => "trusted_dashboard = " + d + "\n"))
            + "sso_callback_template = /etc/keystone/sso_callback_template.html\n\n"
            // mod_auth_openidc puts the issuer in OIDC-iss; Keystone matches it against the identity provider's remote_ids.
            + "[openid]\nremote_id_attribute = OIDC-iss\n";
    }
}
