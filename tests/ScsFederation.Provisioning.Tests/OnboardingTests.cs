using System.Text.Json.Nodes;
using ScsFederation.Provisioning.Onboarding;
using ScsFederation.Provisioning.Persistence;
using ScsFederation.Provisioning.Tests.Fixtures;

namespace ScsFederation.Provisioning.Tests;

[Collection(KeystoneCollection.Name)]
public sealed class OnboardingTests
{
    private readonly TwoKeystonesFixture _fx;

    public OnboardingTests(TwoKeystonesFixture fx) => _fx = fx;

    [Fact]
    public async Task Onboard_creates_idp_mapping_protocol_second_run_changes_nothing_offboard_removes_exactly_those()
    {
        var s = await ProvisioningScenario.CreateAsync(_fx);
        var ks = s.Config.Providers[0].Keystone!;
        var ct = CancellationToken.None;
        using var client = s.Client();
        // Foreign objects that must survive everything below.
        var foreignMapping = "foreign-" + s.Suffix;
        await client.CreateMappingAsync(foreignMapping, JsonNode.Parse("""[{"local":[{"user":{"name":"{0}"}}],"remote":[{"type":"REMOTE_USER"}]}]""")!.AsArray(), ct);

        var first = await s.Onboarding().OnboardAsync("cloud-a", null, ct);
        Assert.Equal(4, first.Steps.Count(st => st.Outcome == OnboardingOutcome.Created)); // domain, idp, mapping, protocol

        var idp = await client.GetIdentityProviderAsync(ks.IdentityProviderId, ct);
        Assert.NotNull(idp);
        Assert.Equal([s.Config.Hub.CanonicalIssuer], idp!.RemoteIds); // one spelling: what the hub puts in iss
        var domain = await client.FindDomainAsync(s.Domain, ct);
        Assert.Equal(domain!.Id, idp.DomainId);
        var mapping = await client.GetMappingAsync(ks.IdentityProviderId + "-mapping", ct);
        // Keystone holds a replay of the rule file (the hub evaluates it): each rule's local part as written, its remote
        // part only "rule i matched at the hub" and the hub's captured values — none of the raw attributes it names.
        var fileRules = JsonNode.Parse(await File.ReadAllTextAsync(s.RulesPath))!["rules"]!.AsArray();
        Assert.Equal(fileRules.Count, mapping!.Rules.Count);
        for (var i = 0; i < fileRules.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(fileRules[i]!["local"], mapping.Rules[i]!["local"]), mapping.Rules.ToJsonString());
            var remote = mapping.Rules[i]!["remote"]!.AsArray();
            Assert.Contains(remote, r => r!["type"]!.GetValue<string>() == "OIDC-scsfed_rules" && r["any_one_of"]![0]!.GetValue<string>() == i.ToString(System.Globalization.CultureInfo.InvariantCulture));
            var fileTypes = fileRules[i]!["remote"]!.AsArray().Select(r => r!["type"]!.GetValue<string>()).ToHashSet();
            Assert.DoesNotContain(remote, r => fileTypes.Contains(r!["type"]!.GetValue<string>()));
        }
        Assert.Equal(ks.IdentityProviderId + "-mapping", (await client.GetProtocolAsync(ks.IdentityProviderId, "openid", ct))!.MappingId);

        var second = await s.Onboarding().OnboardAsync("cloud-a", null, ct);
        Assert.Equal(0, second.KeystoneChanges);
        Assert.All(second.Steps.Where(st => st.Outcome != OnboardingOutcome.ActionNeeded), st => Assert.Equal(OnboardingOutcome.Unchanged, st.Outcome));
        // The federation file of the scenario has no client for Keystone's mod_auth_openidc: onboarding says what to add.
        var clientStep = Assert.Single(second.Steps, st => st.Outcome == OnboardingOutcome.ActionNeeded);
        Assert.Contains($"/v3/auth/OS-FEDERATION/identity_providers/{ks.IdentityProviderId}/protocols/openid/websso/redirect", clientStep.Detail);

        var off = await s.Onboarding().OffboardAsync("cloud-a", ct);
        Assert.Equal(4, off.Steps.Count(st => st.Outcome == OnboardingOutcome.Deleted));
        Assert.Null(await client.GetIdentityProviderAsync(ks.IdentityProviderId, ct));
        Assert.Null(await client.GetMappingAsync(ks.IdentityProviderId + "-mapping", ct));
        Assert.Null(await client.FindDomainAsync(s.Domain, ct));
        Assert.NotNull(await client.GetMappingAsync(foreignMapping, ct));
        Assert.Empty(await s.Ownership.ListAsync("cloud-a", OwnedObject.OnboardingOrigin, ct));
        await client.DeleteMappingAsync(foreignMapping, ct);
    }

    [Fact]
    public async Task Offboard_keeps_a_domain_it_did_not_create_and_one_that_still_holds_objects()
    {
        var s = await ProvisioningScenario.CreateAsync(_fx);
        var ct = CancellationToken.None;
        using var client = s.Client();
        var preexisting = (await client.CreateDomainAsync(s.Domain, "created by the operator", ct)).Value;

        await s.Onboarding().OnboardAsync("cloud-a", null, ct);
        var off = await s.Onboarding().OffboardAsync("cloud-a", ct);

        Assert.Equal(3, off.Steps.Count(st => st.Outcome == OnboardingOutcome.Deleted));
        Assert.NotNull(await client.FindDomainAsync(s.Domain, ct));
        await client.DeleteDomainAsync(preexisting.Id, ct);
    }

    [Fact]
    public async Task Onboard_refuses_to_take_over_a_foreign_identity_provider_with_the_hub_id()
    {
        var s = await ProvisioningScenario.CreateAsync(_fx);
        var ks = s.Config.Providers[0].Keystone!;
        var ct = CancellationToken.None;
        using var client = s.Client();
        var domain = (await client.CreateDomainAsync(s.Domain, null, ct)).Value;
        await client.CreateIdentityProviderAsync(ks.IdentityProviderId, ["https://someone-else.example"], domain.Id, "foreign", ct);
        try
        {
            var ex = await Assert.ThrowsAsync<OnboardingException>(() => s.Onboarding().OnboardAsync("cloud-a", null, ct));
            Assert.Contains("identity_provider:" + ks.IdentityProviderId, ex.Message);
            Assert.Equal(["https://someone-else.example"], (await client.GetIdentityProviderAsync(ks.IdentityProviderId, ct))!.RemoteIds);
            Assert.Null(await client.GetMappingAsync(ks.IdentityProviderId + "-mapping", ct));
        }
        finally
        {
            await client.DeleteIdentityProviderAsync(ks.IdentityProviderId, ct);
            await client.DeleteDomainAsync(domain.Id, ct);
        }
    }

    [Fact]
    public async Task Onboard_updates_a_changed_mapping_and_writes_provider_configuration()
    {
        var s = await ProvisioningScenario.CreateAsync(_fx, adjust: p => p.Kubernetes = new Core.Configuration.KubernetesSettings { Cluster = "k1", Audience = "kube-k1", GroupPrefix = "hub:" });
        var ks = s.Config.Providers[0].Keystone!;
        var ct = CancellationToken.None;
        var output = Path.Combine(_fx.WorkFolder, "onboard-out-" + s.Suffix);
        await s.Onboarding().OnboardAsync("cloud-a", output, ct);

        // The operator edits the rule file: the next onboarding updates the mapping and nothing else.
        await File.WriteAllTextAsync(s.RulesPath, ProvisioningScenario.RulesJson(s.Domain).Replace("p-{0}", "proj-{0}", StringComparison.Ordinal));
        var again = await s.Onboarding().OnboardAsync("cloud-a", output, ct);
        var changed = Assert.Single(again.Steps, st => st.Outcome is not (OnboardingOutcome.Unchanged or OnboardingOutcome.ActionNeeded));
        Assert.Equal(OnboardingOutcome.Updated, changed.Outcome);
        Assert.Equal($"mapping:{ks.IdentityProviderId}-mapping", changed.Object);
        using var client = s.Client();
        Assert.Contains("proj-{0}", (await client.GetMappingAsync(ks.IdentityProviderId + "-mapping", ct))!.Rules.ToJsonString());

        var apache = await File.ReadAllTextAsync(Path.Combine(output, "cloud-a", "apache-keystone.conf"));
        Assert.Contains($"OIDCProviderMetadataURL {s.Issuer}/.well-known/openid-configuration", apache);
        Assert.Contains("OIDCClaimDelimiter \";\"", apache);
        Assert.Contains("OIDCPKCEMethod S256", apache);
        Assert.Contains("OIDCOAuthTokenExpiryClaim exp absolute mandatory", apache);
        Assert.Contains($"/v3/OS-FEDERATION/identity_providers/{ks.IdentityProviderId}/protocols/openid/auth", apache);
        Assert.Contains("${SCSFED_CLOUD_A_OIDC_CLIENT_SECRET}", apache);
        Assert.Contains("application-group=%{GLOBAL}", apache);
        var clouds = await File.ReadAllTextAsync(Path.Combine(output, "cloud-a", "clouds.yaml"));
        Assert.Contains("auth_type: v3oidcaccesstoken", clouds);
        Assert.Contains($"identity_provider: \"{ks.IdentityProviderId}\"", clouds);
        var conf = await File.ReadAllTextAsync(Path.Combine(output, "cloud-a", "keystone-federation.conf"));
        Assert.Contains("remote_id_attribute = OIDC-iss", conf);
        var authn = await File.ReadAllTextAsync(Path.Combine(output, "cloud-a", "authentication-config.yaml"));
        Assert.Contains("apiVersion: apiserver.config.k8s.io/v1", authn);
        Assert.Contains($"url: \"{s.Issuer}\"", authn);
        Assert.Contains("- \"kube-k1\"", authn);
        Assert.Contains("prefix: \"hub:\"", authn);
        await s.Onboarding().OffboardAsync("cloud-a", ct);
    }
}
