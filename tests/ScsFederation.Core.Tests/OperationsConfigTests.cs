using ScsFederation.Core.Configuration;

namespace ScsFederation.Core.Tests;

/// <summary><c>hub.operations</c>: defaults, and every mistake reported at once with its JSON path.</summary>
public sealed class OperationsConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private FederationConfig Parse(string operations) => FederationFileReader.Parse($"""
        hub:
          issuer: http://127.0.0.1:8085
        {operations}
        """, Path.Combine(_folder, "federation.yaml"), _ => null);

    [Fact]
    public void Without_a_section_logs_are_text_nothing_is_exported_and_no_proxy_is_trusted()
    {
        var operations = Parse("").Hub.Operations;
        Assert.Equal("text", operations.LogFormat);
        Assert.Equal(30, operations.ShutdownSeconds);
        Assert.Null(operations.PrometheusPort);
        Assert.Null(operations.OtlpEndpoint);
        Assert.Empty(operations.TrustedProxies);
    }

    [Fact]
    public void The_scrape_port_on_the_issuers_port_a_bad_proxy_range_and_an_unknown_log_format_are_all_reported()
    {
        var errors = Assert.Throws<FederationConfigException>(() => Parse("""
              operations:
                logFormat: xml
                prometheusPort: 8085
                trustedProxies: [10.0.0.0/8, not-an-address, 192.168.1.7]
            """)).Errors;
        Assert.Contains(errors, e => e.Path.StartsWith("/hub/operations/logFormat", StringComparison.Ordinal));
        // What the schema cannot say, on a file the schema accepts:
        var rules = Assert.Throws<FederationConfigException>(() => Parse("""
              operations:
                prometheusPort: 8085
                trustedProxies: [10.0.0.0/8, not-an-address, 192.168.1.7]
            """)).Errors;
        Assert.Contains(rules, e => e.Path == "/hub/operations/prometheusPort" && e.Message.Contains("issuer", StringComparison.Ordinal));
        Assert.Contains(rules, e => e.Path == "/hub/operations/trustedProxies/1" && e.Message.Contains("not-an-address", StringComparison.Ordinal));
        Assert.DoesNotContain(rules, e => e.Path is "/hub/operations/trustedProxies/0" or "/hub/operations/trustedProxies/2");
    }
}
