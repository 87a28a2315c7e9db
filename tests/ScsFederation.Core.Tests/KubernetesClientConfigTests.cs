using ScsFederation.Core.Configuration;

namespace ScsFederation.Core.Tests;

/// <summary>Each Kubernetes provider's kubelogin client: added by the hub unless declared, and a declared one must be bound to that provider.</summary>
public sealed class KubernetesClientConfigTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-config-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private FederationConfig Parse(string clients) => FederationFileReader.Parse($"""
        hub:
          issuer: http://127.0.0.1:8085
        providers:
          - id: cloud-k
            kubernetes: {"{"} cluster: k1, apiServer: "https://127.0.0.1:6443", audience: k1-hub {"}"}
          - id: cloud-other
        {clients}
        """, Path.Combine(_folder, "federation.yaml"), _ => null);

    [Fact]
    public void Undeclared_the_hub_adds_a_public_client_for_the_audience_with_kubelogins_redirect_uris_bound_to_the_provider()
    {
        var client = Assert.Single(Parse("").Clients, c => c.ClientId == "k1-hub");
        Assert.Equal(ClientTypes.Public, client.Type);
        Assert.Equal("cloud-k", client.Provider);
        Assert.Equal(["http://localhost:8000", "http://localhost:18000"], client.RedirectUris);
        Assert.DoesNotContain("client_credentials", client.GrantTypes);
    }

    [Fact]
    public void A_declared_client_of_that_id_bound_to_another_provider_is_refused_with_its_path()
    {
        var errors = Assert.Throws<FederationConfigException>(() => Parse("""
            clients:
              - clientId: k1-hub
                type: public
                provider: cloud-other
                redirectUris: [http://localhost:8000]
            """)).Errors;
        Assert.Contains(errors, e => e.Path == "/clients/0/provider" && e.Message.Contains("cloud-k", StringComparison.Ordinal));
    }

    [Fact]
    public void A_declared_client_bound_to_the_provider_is_kept_as_declared()
    {
        var config = Parse("""
            clients:
              - clientId: k1-hub
                type: public
                provider: cloud-k
                redirectUris: [http://localhost:8000]
            """);
        var client = Assert.Single(config.Clients, c => c.ClientId == "k1-hub");
        Assert.Equal(["http://localhost:8000"], client.RedirectUris);
    }
}
