using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.IdentityModel.JsonWebTokens;
using ScsFederation.Core.Configuration;
using ScsFederation.Interop.Tests.Infrastructure;
using ScsFederation.Provisioning.Onboarding;

namespace ScsFederation.Interop.Tests;

/// <summary>
/// One issuer string, byte for byte: the <c>iss</c> of a real hub token (openid-client through the running hub) is
/// what discovery says, what onboarding registers as Keystone remote id, what the Apache/mod_auth_openidc site
/// demands and what the Kubernetes AuthenticationConfiguration's <c>issuer.url</c> says — kube-apiserver and
/// Keystone compare exactly, so a trailing slash of difference is a refused login.
/// </summary>
[Collection(BrokerCollection.Name)]
public sealed class IssuerSpellingTests(BrokerFixture fixture)
{
    [Fact]
    public async Task Every_generated_onboarding_file_names_the_iss_of_a_real_hub_token()
    {
        var login = await fixture.RunRelyingPartyAsync();
        Assert.True(login.GetProperty("ok").GetBoolean(), login.ToString());
        var iss = new JsonWebToken(login.GetProperty("idToken").GetString()).Issuer;
        Assert.Equal(iss, new JsonWebToken(login.GetProperty("accessToken").GetString()).Issuer);
        using (var http = new HttpClient())
        {
            var discovery = JsonDocument.Parse(await http.GetStringAsync(fixture.Hub.Issuer + "/.well-known/openid-configuration")).RootElement;
            Assert.Equal(iss, discovery.GetProperty("issuer").GetString());
        }

        // cloud-a of the interop federation, with a Kubernetes cluster as well.
        var config = fixture.Hub.Config;
        var cloudA = config.FindProvider("cloud-a")!;
        var provider = new CloudProvider { Id = cloudA.Id, Mapping = cloudA.Mapping, Keystone = cloudA.Keystone, Kubernetes = new KubernetesSettings { Cluster = "kind-a", Audience = "cloud-a-k8s" } };
        var folder = Directory.CreateTempSubdirectory("scsfed-onboarding-").FullName;
        try
        {
            var written = ProviderConfigFiles.Write(config, provider, folder);
            string Read(string name) => File.ReadAllText(Assert.Single(written, s => s.Object.EndsWith(name, StringComparison.Ordinal)).Object);

            Assert.Equal([iss], ProviderOnboarding.RemoteIds(config.Hub));

            var kubernetes = Read("authentication-config.yaml");
            Assert.Equal(iss, Regex.Match(kubernetes, "^    url: \"(.*)\"$", RegexOptions.Multiline).Groups[1].Value);

            var apache = Read("apache-keystone.conf");
            var required = Regex.Matches(apache, "^\\s*Require claim \"iss:(.*)\"$", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
            Assert.Equal(3, required.Count); // both WebSSO locations and the bearer (openstack CLI) location
            Assert.All(required, value => Assert.Equal(iss, value));
            Assert.DoesNotContain("Require valid-user", apache);
            Assert.Contains("OIDCProviderMetadataURL " + iss.TrimEnd('/') + "/.well-known/openid-configuration\n", apache);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
