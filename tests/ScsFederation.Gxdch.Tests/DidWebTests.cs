using ScsFederation.Core.Configuration;
using ScsFederation.Gxdch.Did;
using ScsFederation.Gxdch.Transport;

namespace ScsFederation.Gxdch.Tests;

/// <summary>did:web addressing (examples of the did:web method specification) and the resolver's refusals.</summary>
[Collection(StandInCollection.Name)]
public sealed class DidWebTests(GxdchStandIn standIn)
{
    [Theory]
    [InlineData("did:web:w3c-ccg.github.io", "https://w3c-ccg.github.io/.well-known/did.json")]
    [InlineData("did:web:w3c-ccg.github.io:user:alice", "https://w3c-ccg.github.io/user/alice/did.json")]
    [InlineData("did:web:example.com%3A3000:user:alice", "https://example.com:3000/user/alice/did.json")]
    [InlineData("did:web:example.com#key-1", "https://example.com/.well-known/did.json")]
    public void Did_maps_to_its_document_url(string did, string url)
    {
        Assert.Equal(url, DidWebAddress.Parse(DidWebAddress.DidOf(did))!.DocumentUrl);
    }

    [Theory]
    [InlineData("did:key:z6Mk")]
    [InlineData("did:web:")]
    [InlineData("did:web:example.com::x")]
    [InlineData("did:web:example.com:..:x")]
    [InlineData("did:web:example.com:a%2Fb")]
    [InlineData("did:web:user%40evil.example")]
    [InlineData("did:web:example.com%3A0")]
    [InlineData("did:web:example.com%3Ahttp")]
    [InlineData("did:web:exa%20mple.com")]
    public void Dids_that_would_leave_their_host_are_refused(string did)
    {
        Assert.Null(DidWebAddress.Parse(did));
    }

    [Fact]
    public async Task A_loopback_did_is_fetched_over_http_only_when_the_policy_allows_it()
    {
        Assert.Equal("http", new Uri(DidWebAddress.Parse("did:web:127.0.0.1%3A9000")!.DocumentUrl).Scheme);
        Assert.Equal("https", new Uri(DidWebAddress.Parse("did:web:example.com")!.DocumentUrl).Scheme);
        var strict = new OutboundPolicy { AllowedHosts = [$"127.0.0.1:{standIn.Port}"] };
        Assert.Equal(GxdchRefusal.HostNotAllowed, (await new DidWebResolver(standIn.Http, strict).ResolveAsync(standIn.NotaryDid)).Reason);
        Assert.True((await new DidWebResolver(standIn.Http, standIn.Policy).ResolveAsync(standIn.NotaryDid)).Ok);
    }

    [Fact]
    public async Task A_host_answering_for_another_did_is_refused()
    {
        var resolution = await new DidWebResolver(standIn.Http, standIn.Policy).ResolveAsync($"did:web:127.0.0.1%3A{standIn.Port}:mismatch");
        Assert.Equal(GxdchRefusal.DidDocumentMismatch, resolution.Reason);
    }

    [Fact]
    public async Task A_did_on_a_host_the_operator_did_not_allow_is_not_fetched()
    {
        var policy = new OutboundPolicy { AllowHttpLoopback = true }; // no allowed hosts
        var before = (await standIn.RequestsAsync()).Count;
        var resolution = await new DidWebResolver(standIn.Http, policy).ResolveAsync(standIn.NotaryDid);
        Assert.Equal(GxdchRefusal.HostNotAllowed, resolution.Reason);
        Assert.Contains("allowedFetchHosts", resolution.Detail);
        Assert.Equal(before, (await standIn.RequestsAsync()).Count);
    }

    [Theory]
    [InlineData("http://example.com/x")]
    [InlineData("ftp://127.0.0.1/x")]
    [InlineData("https://user:pw@example.com/x")]
    public void Outbound_policy_refuses_insecure_urls_even_when_configured(string url)
    {
        Assert.NotNull(new OutboundPolicy { AllowHttpLoopback = true, AllowedHosts = ["example.com"] }.Problem(new Uri(url), configuredByOperator: true));
    }

    [Fact]
    public void Outbound_policy_allows_listed_hosts_only()
    {
        var policy = new OutboundPolicy { AllowedHosts = ["registry.lab.gaia-x.eu", "notary.example:8443"] };
        Assert.Null(policy.Problem(new Uri("https://registry.lab.gaia-x.eu/v2/x"), false));
        Assert.Null(policy.Problem(new Uri("https://notary.example:8443/did.json"), false));
        Assert.NotNull(policy.Problem(new Uri("https://notary.example/did.json"), false));
        Assert.NotNull(policy.Problem(new Uri("https://evil.example/did.json"), false));
    }
}
