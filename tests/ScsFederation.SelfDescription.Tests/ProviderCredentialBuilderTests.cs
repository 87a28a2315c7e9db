using System.Text.Json.Nodes;

namespace ScsFederation.SelfDescription.Tests;

public sealed class ProviderCredentialBuilderTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private static ProviderCredentialSet Build() => new ProviderCredentialBuilder(SampleProvider.Issuer).Build(SampleProvider.Entry(), SampleProvider.Inventory, Now);
    private static JsonObject Subject(UnsignedCredential c) => (JsonObject)c.Credential["credentialSubject"]!;

    [Fact]
    public void One_offering_per_public_endpoint_and_per_cluster_with_the_real_urls()
    {
        var set = Build();
        var endpoints = set.Offerings.Select(o => (string?)Subject(o)["gx:endpoint"]!["gx:endpointURL"]!["@value"]).Order().ToList();
        Assert.Equal(new[]
        {
            "https://glance-2.scs-one.example", "https://glance.scs-one.example", "https://k8s.scs-one.example:6443",
            "https://keystone.scs-one.example/v3", "https://nova.scs-one.example/v2.1",
        }, endpoints);
        Assert.DoesNotContain(set.Offerings, o => o.Credential.ToJsonString().Contains("10.0.0.", StringComparison.Ordinal)); // internal/admin URLs never published
        Assert.Contains(set.Notes, n => n.Contains("placement", StringComparison.Ordinal));
    }

    [Fact]
    public void Ids_live_under_the_hub_and_are_stable_across_builds()
    {
        var first = Build();
        var second = new ProviderCredentialBuilder(SampleProvider.Issuer).Build(SampleProvider.Entry(), SampleProvider.Inventory, Now.AddDays(3));
        Assert.Equal(first.Credentials.Select(c => c.Id), second.Credentials.Select(c => c.Id));
        Assert.All(first.Credentials, c => Assert.StartsWith("https://hub.example/gaia-x/providers/scs-one/", c.Id));
        Assert.Equal(first.Credentials.Count, first.Credentials.Select(c => c.Id).Distinct().Count());
        Assert.Contains("https://hub.example/gaia-x/providers/scs-one/services/image-glance-regiontwo", first.Credentials.Select(c => c.Id));
    }

    [Fact]
    public void Participant_credentials_point_at_each_other_and_at_the_notary_subject()
    {
        var set = Build();
        var legal = Subject(set.Credentials.Single(c => c.GxType == "gx:LegalPerson"));
        var address = Subject(set.Credentials.Single(c => c.GxType == "gx:Address"));
        Assert.Equal("SCS One GmbH", (string?)legal["schema:name"]);
        Assert.Equal(set.RegistrationNumber.SubjectId, (string?)legal["gx:registrationNumber"]!["id"]);
        Assert.Equal((string?)address["id"], (string?)legal["gx:headquartersAddress"]!["id"]);
        Assert.Equal(("vat-id", "DE123456789"), (set.RegistrationNumber.Kind, set.RegistrationNumber.Number));
        Assert.All(set.Offerings, o => Assert.Equal((string?)legal["id"], (string?)Subject(o)["gx:providedBy"]!["id"]));
        var issuer = Subject(set.Credentials.Single(c => c.GxType == "gx:Issuer"));
        Assert.Equal("067dcac5efd18c1927deb1ffed3feab6d0ad044c0a9a263e6d5d8bdc43224515", (string?)issuer["gx:gaiaxTermsAndConditions"]);
    }

    [Fact]
    public void Credentials_are_vc_2_0_issued_by_the_provider_did_for_the_validity_period()
    {
        var set = Build();
        Assert.Equal("did:web:hub.example:providers:scs-one", set.IssuerDid);
        foreach (var c in set.Credentials)
        {
            Assert.Equal("https://www.w3.org/ns/credentials/v2", (string?)c.Credential["@context"]![0]);
            Assert.Equal(set.IssuerDid, (string?)c.Credential["issuer"]);
            Assert.Equal("2026-12-02T12:00:00Z", (string?)c.Credential["validFrom"]);
            Assert.Equal("2027-03-02T12:00:00Z", (string?)c.Credential["validUntil"]);
        }
    }

    [Theory]
    [InlineData("http://127.0.0.1:8085/", "did:web:127.0.0.1%3A8085:providers:scs-one")]
    [InlineData("https://hub.example/federation/", "did:web:hub.example:federation:providers:scs-one")]
    public void Default_did_is_served_by_the_hub(string issuer, string did) =>
        Assert.Equal(did, new ProviderCredentialBuilder(issuer).DefaultDid("scs-one"));

    [Fact]
    public void A_configured_did_and_legal_address_are_used()
    {
        var entry = SampleProvider.Entry(g => { g.Did = "did:web:scs-one.example"; g.LegalAddress = new() { CountryCode = "AT", Locality = "Wien" }; });
        var set = new ProviderCredentialBuilder(SampleProvider.Issuer).Build(entry, CloudInventory.Empty, Now);
        Assert.Equal("did:web:scs-one.example", set.IssuerDid);
        var legal = Subject(set.Credentials.Single(c => c.GxType == "gx:LegalPerson"));
        Assert.Equal("AT", (string?)legal["gx:legalAddress"]!["gx:countryCode"]);
        Assert.Empty(set.Offerings);
        Assert.Contains(set.Notes, n => n.Contains("no service offering", StringComparison.Ordinal));
    }

    [Fact]
    public void Two_endpoints_that_would_share_an_id_are_offered_once_with_a_note()
    {
        var inventory = new CloudInventory([new("compute", "nova", [new("public", "r1", "https://a.example"), new("public", "R1", "https://b.example")])], []);
        var set = new ProviderCredentialBuilder(SampleProvider.Issuer).Build(SampleProvider.Entry(), inventory, Now);
        Assert.Single(set.Offerings);
        Assert.Contains(set.Notes, n => n.Contains("same id", StringComparison.Ordinal));
    }
}
