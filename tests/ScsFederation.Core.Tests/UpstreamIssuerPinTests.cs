using ScsFederation.Core.Configuration;

namespace ScsFederation.Core.Tests;

/// <summary>
/// Every upstream speaks with an issuer of its own, SAML upstreams pin theirs, and the hub's issuer has one
/// canonical spelling. A SAML IdP that takes on another upstream's issuer is refused when the file is read.
/// </summary>
public sealed class UpstreamIssuerPinTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-issuers-").FullName;

    public UpstreamIssuerPinTests() => File.WriteAllText(Path.Combine(_folder, "idp.xml"), "<md:EntityDescriptor/>");

    private static string File_(string saml, bool demo = false) => $"""
        hub:
          issuer: http://127.0.0.1:8085
        {(demo ? "  demo:\n    enabled: true\n    users:\n      - username: alice\n        password: alice\n" : "")}upstreams:
          - id: uni-a
            type: oidc
            authority: http://127.0.0.1:9311
            clientId: hub-client
          - id: uni-b
            type: saml
            entityId: https://idp.uni-b.example/saml
            metadata: idp.xml
        {saml}
        """;

    private FederationConfig Parse(string yaml) => FederationFileReader.Parse(yaml, Path.Combine(_folder, "federation.yaml"), _ => null);

    private IReadOnlyList<ConfigError> Errors(string yaml) => Assert.Throws<FederationConfigException>(() => Parse(yaml)).Errors;

    private static string Saml(string entityId) => $"""
          - id: hostile
            type: saml
            entityId: {entityId}
            metadata: idp.xml
        """;

    [Fact]
    public void Distinct_issuers_load()
    {
        var config = Parse(File_(Saml("https://idp.hostile.example/saml")));
        Assert.Equal("https://idp.hostile.example/saml", config.Upstreams[2].EntityId);
    }

    [Theory]
    [InlineData("http://127.0.0.1:9311", "uni-a")]                  // an OIDC upstream's authority
    [InlineData("http://127.0.0.1:9311/", "uni-a")]                 // … with the slash its discovery may add
    [InlineData("https://idp.uni-b.example/saml", "uni-b")]         // another SAML IdP's entityID
    [InlineData("HTTPS://IDP.UNI-B.EXAMPLE/saml", "uni-b")]         // … in another case
    [InlineData("http://127.0.0.1:8085", "/hub/issuer")]            // the hub itself
    public void A_saml_upstream_with_another_upstreams_issuer_is_refused(string entityId, string owner)
    {
        var errors = Errors(File_(Saml(entityId)));
        var error = Assert.Single(errors);
        Assert.Equal("/upstreams/2/entityId", error.Path);
        Assert.Contains(owner, error.Message);
    }

    [Fact]
    public void A_saml_upstream_with_the_demo_issuer_is_refused_while_demo_accounts_are_on()
    {
        var hostile = File_(Saml("http://127.0.0.1:8085/demo"), demo: true);
        Assert.Contains(Errors(hostile), e => e.Path == "/upstreams/2/entityId" && e.Message.Contains("demo"));
    }

    [Fact]
    public void Two_oidc_upstreams_with_one_authority_are_refused()
    {
        var twin = """
              - id: uni-a-again
                type: oidc
                authority: http://127.0.0.1:9311/
                clientId: other
            """;
        Assert.Contains(Errors(File_(twin)), e => e.Path == "/upstreams/2/authority" && e.Message.Contains("uni-a"));
    }

    [Fact]
    public void A_saml_upstream_without_a_pinned_entity_id_is_refused()
    {
        var errors = Errors(File_("").Replace("    entityId: https://idp.uni-b.example/saml\n", ""));
        Assert.Contains(errors, e => e.Path == "/upstreams/1" && e.Message.Contains("entityId"));
    }

    [Theory]
    [InlineData("http://127.0.0.1:8085", "http://127.0.0.1:8085", "http://127.0.0.1:8085/")]
    [InlineData("http://127.0.0.1:8085/", "http://127.0.0.1:8085", "http://127.0.0.1:8085/")]
    [InlineData("https://HUB.example.org", "https://HUB.example.org", "https://hub.example.org/")]
    [InlineData("https://hub.example.org/fed/", "https://hub.example.org/fed", "https://hub.example.org/fed")]
    public void The_issuer_is_a_base_for_endpoints_and_has_one_canonical_spelling(string written, string endpointBase, string canonical)
    {
        var config = Parse($"hub:\n  issuer: {written}\n");
        Assert.Equal(endpointBase, config.Hub.Issuer);
        Assert.Equal(canonical, config.Hub.CanonicalIssuer);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
