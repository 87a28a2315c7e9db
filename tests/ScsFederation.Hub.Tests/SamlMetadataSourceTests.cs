using System.Net;
using Microsoft.Extensions.DependencyInjection;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Saml;
using ScsFederation.Saml;

namespace ScsFederation.Hub.Tests;

/// <summary>IdP metadata from a file or an operator-allowed URL, refused otherwise; signature enforced when a signing certificate is configured.</summary>
public sealed class SamlMetadataSourceTests
{
    private static readonly string MetadataFile = RepositoryRoot.Combine("samples", "interop", "saml-idp-metadata.xml");
    private const string EntityId = "http://127.0.0.1:9380/saml/idp";

    private static IHttpClientFactory Http() => SamlMetadataSource.AddHttpClient(new ServiceCollection()).BuildServiceProvider().GetRequiredService<IHttpClientFactory>();

    [Fact]
    public async Task Metadata_is_read_from_a_file()
    {
        var idp = await SamlMetadataSource.LoadAsync(new UpstreamIdentityProvider { Id = "u", Type = "saml", EntityId = EntityId, Metadata = MetadataFile, AllowUnsolicited = true }, new HubSettings(), null, default);
        Assert.Equal("http://127.0.0.1:9380/saml/idp", idp.EntityId);
        Assert.True(idp.AllowUnsolicited);
        Assert.NotEmpty(idp.SigningCertificates);
    }

    [Fact]
    public async Task Metadata_is_fetched_only_from_allowed_hosts_and_without_following_redirects()
    {
        var port = 9391;
        using var listener = new HttpListener();
        listener.Prefixes.Add($"http://127.0.0.1:{port}/");
        listener.Start();
        var served = Task.Run(async () =>
        {
            for (var i = 0; i < 2; i++)
            {
                var ctx = await listener.GetContextAsync();
                if (ctx.Request.Url!.AbsolutePath == "/redirect")
                {
                    ctx.Response.StatusCode = 302;
                    ctx.Response.RedirectLocation = "http://evil.invalid/metadata.xml";
                }
                else
                {
                    var bytes = await File.ReadAllBytesAsync(MetadataFile);
                    await ctx.Response.OutputStream.WriteAsync(bytes);
                }
                ctx.Response.Close();
            }
        });

        var upstream = new UpstreamIdentityProvider { Id = "u", Type = "saml", EntityId = EntityId, Metadata = $"http://127.0.0.1:{port}/metadata.xml" };
        await Assert.ThrowsAsync<SamlRejectionException>(() => SamlMetadataSource.LoadAsync(upstream, new HubSettings(), Http(), default));

        var allowed = new HubSettings { AllowedFetchHosts = ["127.0.0.1"] };
        var idp = await SamlMetadataSource.LoadAsync(upstream, allowed, Http(), default);
        Assert.Equal("http://127.0.0.1:9380/saml/idp", idp.EntityId);

        upstream.Metadata = $"http://127.0.0.1:{port}/redirect";
        var ex = await Assert.ThrowsAsync<IOException>(() => SamlMetadataSource.LoadAsync(upstream, allowed, Http(), default));
        Assert.Contains("302", ex.Message);
        await served;
    }

    [Fact]
    public async Task Unsigned_metadata_is_refused_when_a_signing_certificate_is_configured()
    {
        var upstream = new UpstreamIdentityProvider
        {
            Id = "u", Type = "saml", EntityId = EntityId, Metadata = MetadataFile,
            MetadataSigningCertificate = RepositoryRoot.Combine("samples", "interop", "saml-idp.crt"),
        };
        await Assert.ThrowsAsync<SamlRejectionException>(() => SamlMetadataSource.LoadAsync(upstream, new HubSettings(), null, default));
    }

    [Fact]
    public void A_metadata_url_on_a_host_that_is_not_allowed_is_a_configuration_error()
    {
        var yaml = "hub:\n  issuer: http://127.0.0.1:8085\nupstreams:\n  - id: s\n    type: saml\n    entityId: https://idp.example.org/idp\n    metadata: https://idp.example.org/metadata\n";
        var ex = Assert.Throws<FederationConfigException>(() => FederationFileReader.Parse(yaml, Path.Combine(Path.GetTempPath(), "f.yaml"), _ => null));
        Assert.Contains(ex.Errors, e => e.Path == "/upstreams/0/metadata" && e.Message.Contains("allowedFetchHosts"));
    }
}
