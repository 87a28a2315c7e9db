using System.Diagnostics.Metrics;

namespace ScsFederation.Hub.Operations;

/// <summary>
/// The hub's own instruments (meter <see cref="MeterName"/>), besides ASP.NET Core's built-in meters. Tag values are
/// bounded sets — configured upstream, client and provider ids, grant types, stable refusal codes — never user
/// input, so a hostile client cannot blow up the series count.
/// </summary>
public sealed class HubMetrics
{
    public const string MeterName = "ScsFederation.Hub";

    private readonly Counter<long> _logins;
    private readonly Counter<long> _tokens;
    private readonly Counter<long> _mappingEvaluations;
    private readonly Counter<long> _provisioningChanges;
    private readonly Counter<long> _provisioningFailures;
    private readonly Counter<long> _samlRejections;
    private readonly UpstreamHealth _upstreams;
    private readonly HashSet<string> _knownUpstreams;

    public HubMetrics(IMeterFactory meters, UpstreamHealth upstreams, ScsFederation.Core.Configuration.FederationConfig config)
    {
        _upstreams = upstreams;
        _knownUpstreams = new HashSet<string>(config.Upstreams.Select(u => u.Id).Append(ScsFederation.Hub.Login.HomeRealmDiscovery.DemoUpstreamId), StringComparer.Ordinal);
        var meter = meters.Create(MeterName);
        _logins = meter.CreateCounter<long>("scsfed.hub.logins", "{login}", "Upstream logins completed at the hub, by upstream and result (success or the refusal code)");
        _tokens = meter.CreateCounter<long>("scsfed.hub.tokens.issued", "{response}", "Token endpoint responses carrying tokens, by client and grant type");
        _mappingEvaluations = meter.CreateCounter<long>("scsfed.hub.mapping.evaluations", "{evaluation}", "Mapping evaluations of an account against a provider's rules, by provider and result (granted, nothing)");
        _provisioningChanges = meter.CreateCounter<long>("scsfed.hub.provisioning.changes", "{change}", "Changes provisioning made in providers' Keystones and clusters, by provider");
        _provisioningFailures = meter.CreateCounter<long>("scsfed.hub.provisioning.failures", "{run}", "Provisioning runs that did not complete, by provider and status");
        _samlRejections = meter.CreateCounter<long>("scsfed.hub.saml.rejections", "{response}", "SAML responses refused at the ACS, by upstream and reason");
    }

    /// <summary>An id from a URL that names no configured upstream counts as <c>unknown</c>: tags never take request input as it is.</summary>
    public string UpstreamTag(string upstream) => _knownUpstreams.Contains(upstream) ? upstream : "unknown";

    /// <summary><paramref name="result"/> is <c>success</c> or a stable refusal code.</summary>
    public void Login(string upstream, string result)
    {
        var tag = UpstreamTag(upstream);
        _logins.Add(1, new("upstream", tag), new("result", result));
        if (tag != "unknown") _upstreams.Login(tag, result == "success");
    }

    public void TokensIssued(string client, string grantType) => _tokens.Add(1, new("client", client), new("grant_type", grantType));

    public void MappingEvaluated(string provider, bool granted) => _mappingEvaluations.Add(1, new("provider", provider), new("result", granted ? "granted" : "nothing"));

    public void ProvisioningChanged(string provider, int changes)
    {
        if (changes > 0) _provisioningChanges.Add(changes, new KeyValuePair<string, object?>("provider", provider));
    }

    public void ProvisioningFailed(string provider, string status) => _provisioningFailures.Add(1, new("provider", provider), new("status", status));

    public void SamlRejected(string upstream, string reason) => _samlRejections.Add(1, new("upstream", UpstreamTag(upstream)), new("reason", reason));
}
