namespace ScsFederation.Core.Configuration;

/// <summary>Checks of <c>hub.operations</c> a schema cannot make: the scrape listener must not take the issuer's port, the collector must be a URL.</summary>
internal static class OperationsRules
{
    public static void Check(FederationConfig config, List<ConfigError> errors)
    {
        var operations = config.Hub.Operations;
        if (operations.PrometheusPort is { } port && Uri.TryCreate(config.Hub.Issuer, UriKind.Absolute, out var issuer) && issuer.Port == port)
        {
            errors.Add(new ConfigError("/hub/operations/prometheusPort", $"is the issuer's port {port}: the scrape endpoint gets a listener of its own, so that /metrics is never reachable where people log in"));
        }
        if (operations.OtlpEndpoint is { } otlp && !Uri.TryCreate(otlp, UriKind.Absolute, out _))
        {
            errors.Add(new ConfigError("/hub/operations/otlpEndpoint", "must be an absolute URL (e.g. http://otel-collector:4317)"));
        }
        for (var i = 0; i < operations.TrustedProxies.Count; i++)
        {
            var entry = operations.TrustedProxies[i];
            if (!System.Net.IPAddress.TryParse(entry, out _) && !System.Net.IPNetwork.TryParse(entry, out _))
            {
                errors.Add(new ConfigError($"/hub/operations/trustedProxies/{i}", $"'{entry}' is neither an IP address nor a CIDR range (e.g. 10.0.0.0/8)"));
            }
        }
    }
}
