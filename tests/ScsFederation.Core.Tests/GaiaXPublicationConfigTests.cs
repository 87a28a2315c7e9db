using ScsFederation.Core.Configuration;

namespace ScsFederation.Core.Tests;

/// <summary><c>hub.gaiaX</c>: defaults, and every host the publication would contact must be allowed — each mistake reported with its JSON path.</summary>
public sealed class GaiaXPublicationConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-gaiax-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private FederationConfig Parse(string gaiaX, string allowed = "[notary.example, compliance.example]") => FederationFileReader.Parse($"""
        hub:
          issuer: https://hub.example.org
          allowedFetchHosts: {allowed}
          gaiaX:
        {gaiaX}
        """, Path.Combine(_folder, "federation.yaml"), _ => null);

    [Fact]
    public void Services_load_and_the_defaults_are_what_gxdch_issues_today()
    {
        var gaiaX = Parse("""
                notary: { url: https://notary.example/main, did: "did:web:notary.example:main" }
                compliance: { url: https://compliance.example/main, did: "did:web:compliance.example:main", level: label-level-1 }
            """).Hub.GaiaX;
        Assert.Equal("https://notary.example/main", gaiaX.Notary!.Url);
        Assert.Equal("label-level-1", gaiaX.Compliance!.Level);
        Assert.True(gaiaX.Compliance.Submit);
        Assert.Equal(("gxdch", 24, 90), (gaiaX.Profile, gaiaX.RepublishHours, gaiaX.ValidityDays));
        Assert.Empty(gaiaX.Shapes);
    }

    [Fact]
    public void Hosts_not_allowed_plain_http_a_bad_did_a_long_validity_and_a_missing_shape_file_are_all_reported()
    {
        var errors = Assert.Throws<FederationConfigException>(() => Parse("""
                notary: { url: http://notary.example/main, did: "did:web:notary.example:main" }
                compliance: { url: https://other.example/x, did: "did:web:unlisted.example" }
                validityDays: 400
                shapes: [missing.ttl]
            """, "[notary.example]")).Errors;
        Assert.Contains(errors, e => e.Path == "/hub/gaiaX/notary/url" && e.Message.Contains("https"));
        Assert.Contains(errors, e => e.Path == "/hub/gaiaX/compliance/url" && e.Message.Contains("allowedFetchHosts"));
        Assert.Contains(errors, e => e.Path == "/hub/gaiaX/compliance/did" && e.Message.Contains("allowedFetchHosts"));
        Assert.DoesNotContain(errors, e => e.Path == "/hub/gaiaX/notary/did");
        Assert.Contains(errors, e => e.Path == "/hub/gaiaX/validityDays");
        Assert.Contains(errors, e => e.Path == "/hub/gaiaX/shapes/0");
    }

    [Fact]
    public void An_unknown_profile_or_level_is_a_schema_error()
    {
        var errors = Assert.Throws<FederationConfigException>(() => Parse("""
                profile: jwt-vc
                compliance: { url: https://compliance.example, did: "did:web:compliance.example", level: gold }
            """)).Errors;
        Assert.Contains(errors, e => e.Path == "/hub/gaiaX/profile");
        Assert.Contains(errors, e => e.Path == "/hub/gaiaX/compliance/level");
    }

    [Fact]
    public void A_service_pinned_by_jwks_needs_no_allowed_did_host_but_the_file_must_exist()
    {
        File.WriteAllText(Path.Combine(_folder, "notary.jwks.json"), "{\"keys\":[]}");
        var gaiaX = Parse("""
                notary: { url: https://notary.example/main, did: "did:web:keys-elsewhere.example", jwks: notary.jwks.json }
            """).Hub.GaiaX;
        Assert.Equal(Path.Combine(_folder, "notary.jwks.json"), gaiaX.Notary!.Jwks);
        var errors = Assert.Throws<FederationConfigException>(() => Parse("""
                compliance: { url: https://compliance.example, did: "did:web:compliance.example", jwks: missing.json }
            """)).Errors;
        Assert.Contains(errors, e => e.Path == "/hub/gaiaX/compliance/jwks");
    }
}
