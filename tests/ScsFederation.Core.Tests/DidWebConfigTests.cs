using ScsFederation.Core.Configuration;

namespace ScsFederation.Core.Tests;

/// <summary><c>hub.didWeb</c>: issuers load with their chain files resolved; every mistake is reported at once with its JSON path.</summary>
public sealed class DidWebConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-didweb-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private FederationConfig Parse(string didWeb, string allowed = "[registry.lab.gaia-x.eu]") => FederationFileReader.Parse($"""
        hub:
          issuer: https://hub.example.org
          allowedFetchHosts: {allowed}
          didWeb:
        {didWeb}
        """, Path.Combine(_folder, "federation.yaml"), _ => null);

    [Fact]
    public void Issuers_load_with_the_chain_resolved_against_the_file()
    {
        File.WriteAllText(Path.Combine(_folder, "chain.pem"), "");
        var config = Parse("""
                registry: https://registry.lab.gaia-x.eu/
                issuers:
                  - did: did:web:hub.example.org
                    certificateChain: chain.pem
                  - did: did:web:hub.example.org%3A8443:providers:a
                    algorithm: EdDSA
            """);
        var didWeb = config.Hub.DidWeb;
        Assert.Equal("https://registry.lab.gaia-x.eu", didWeb.Registry);
        Assert.Equal(Path.Combine(_folder, "chain.pem"), didWeb.Issuers[0].CertificateChain);
        Assert.Equal(("PS256", "EdDSA"), (didWeb.Issuers[0].Algorithm, didWeb.Issuers[1].Algorithm));
        Assert.Equal("https://hub.example.org:8443/providers/a/did.json", DidWebAddress.Parse(didWeb.Issuers[1].Did)!.DocumentUrl);
    }

    [Fact]
    public void A_registry_on_a_host_not_allowed_a_bad_did_a_twice_used_did_and_a_missing_chain_are_all_reported()
    {
        var errors = Assert.Throws<FederationConfigException>(() => Parse("""
                registry: https://registry.other.example
                issuers:
                  - did: did:web:hub.example.org
                    certificateChain: missing.pem
                  - did: did:web:hub.example.org
                  - did: did:web:hub.example.org:..:x
            """)).Errors;
        Assert.Contains(errors, e => e.Path == "/hub/didWeb/registry" && e.Message.Contains("allowedFetchHosts"));
        Assert.Contains(errors, e => e.Path == "/hub/didWeb/issuers/0/certificateChain");
        Assert.Contains(errors, e => e.Path == "/hub/didWeb/issuers/1/did" && e.Message.Contains("twice"));
        Assert.Contains(errors, e => e.Path == "/hub/didWeb/issuers/2/did");
    }

    [Fact]
    public void An_algorithm_outside_the_list_is_a_schema_error()
    {
        var errors = Assert.Throws<FederationConfigException>(() => Parse("""
                issuers:
                  - did: did:web:hub.example.org
                    algorithm: RS256
            """)).Errors;
        Assert.Contains(errors, e => e.Path == "/hub/didWeb/issuers/0/algorithm");
    }
}
