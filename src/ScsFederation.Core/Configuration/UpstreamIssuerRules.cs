using System.Globalization;

namespace ScsFederation.Core.Configuration;

/// <summary>
/// Each upstream speaks with its own issuer: two upstreams (OIDC authority, SAML entityID, the built-in demo
/// upstream's <c>&lt;hub issuer&gt;/demo</c>) may not share one, nor use the hub's own. Accounts are keyed by the
/// upstream id, so a shared issuer no longer merges accounts; refusing it still keeps logs, audit entries and
/// anything keyed by issuer downstream from confusing two upstreams.
/// </summary>
internal static class UpstreamIssuerRules
{
    public static void Check(FederationConfig config, List<ConfigError> errors)
    {
        // Compared without trailing slashes and case-insensitively: refusing near-equal spellings is the safe side.
        var owners = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            [Key(config.Hub.Issuer)] = "the hub's own issuer (/hub/issuer)",
        };
        if (config.Hub.Demo.Enabled)
        {
            owners[Key(config.Hub.DemoIssuer)] = "the issuer of the built-in demo upstream";
        }

        for (var i = 0; i < config.Upstreams.Count; i++)
        {
            var u = config.Upstreams[i];
            var (field, issuer) = u.Type switch
            {
                UpstreamTypes.Oidc => ("authority", u.Authority),
                UpstreamTypes.Saml => ("entityId", u.EntityId),
                _ => ("", null),
            };
            if (string.IsNullOrWhiteSpace(issuer)) continue;
            var at = $"/upstreams/{i.ToString(CultureInfo.InvariantCulture)}/{field}";
            if (owners.TryGetValue(Key(issuer), out var owner))
            {
                errors.Add(new ConfigError(at, $"'{issuer}' is already {owner}: every upstream needs an issuer of its own"));
                continue;
            }
            owners[Key(issuer)] = $"the issuer of upstream '{u.Id}' ({at})";
        }
    }

    private static string Key(string issuer) => issuer.Trim().TrimEnd('/');
}
