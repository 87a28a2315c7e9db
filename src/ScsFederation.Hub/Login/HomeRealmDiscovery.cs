using ScsFederation.Core.Configuration;

namespace ScsFederation.Hub.Login;

/// <summary>
/// Picks the upstream a person logs in with: an explicit <c>idp</c> hint, then <c>acr_values=idp:&lt;id&gt;</c>,
/// then the domain of an email login hint; null means "let the person choose". Demo logins count as the
/// upstream <c>demo</c> when the demo is enabled.
/// </summary>
public sealed class HomeRealmDiscovery(FederationConfig config)
{
    public const string DemoUpstreamId = "demo";

    public IEnumerable<(string Id, string DisplayName, string Type)> Choices()
    {
        foreach (var u in config.Upstreams)
        {
            yield return (u.Id, u.DisplayName ?? u.Id, u.Type);
        }
        if (config.Hub.Demo.Enabled)
        {
            yield return (DemoUpstreamId, "Demo accounts (local)", "demo");
        }
    }

    public bool Exists(string id) => config.FindUpstream(id) is not null || (config.Hub.Demo.Enabled && id == DemoUpstreamId);

    /// <summary>Returns (upstream id, null) when one is determined, (null, error) for an explicit unknown upstream, (null, null) to show the chooser.</summary>
    public (string? UpstreamId, string? Error) Resolve(string? idpHint, string? acrValues, string? loginHint)
    {
        if (!string.IsNullOrEmpty(idpHint))
        {
            return Exists(idpHint) ? (idpHint, null) : (null, $"unknown identity provider '{idpHint}'");
        }

        if (!string.IsNullOrEmpty(acrValues))
        {
            foreach (var value in acrValues.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (value.StartsWith("idp:", StringComparison.Ordinal))
                {
                    var id = value[4..];
                    return Exists(id) ? (id, null) : (null, $"unknown identity provider '{id}'");
                }
            }
        }

        if (!string.IsNullOrEmpty(loginHint))
        {
            var at = loginHint.LastIndexOf('@');
            if (at > 0 && at < loginHint.Length - 1)
            {
                var domain = loginHint[(at + 1)..];
                var match = config.Upstreams.Find(u => u.EmailDomains.Exists(d => string.Equals(d, domain, StringComparison.OrdinalIgnoreCase)));
                if (match is not null) return (match.Id, null);
            }
        }

        var choices = Choices().ToList();
        return choices.Count == 1 ? (choices[0].Id, null) : (null, null);
    }
}
