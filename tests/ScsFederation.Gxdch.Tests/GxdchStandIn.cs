using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;
using ScsFederation.Gxdch;
using ScsFederation.Gxdch.Compliance;
using ScsFederation.Gxdch.Did;
using ScsFederation.Gxdch.Notary;
using ScsFederation.Gxdch.Transport;

namespace ScsFederation.Gxdch.Tests;

/// <summary>
/// The notary + compliance stand-in (tests/interop/gaiax/gxdch-standin.mjs, Node + jose) on a loopback
/// port, and clients configured against it the way an operator would: base URLs and pinned DIDs.
/// </summary>
public sealed class GxdchStandIn : IAsyncLifetime
{
    private NodeProcess? _node;
    public int Port { get; private set; }
    public string NotaryDid => $"did:web:127.0.0.1%3A{Port}:notary";
    public string ComplianceDid => $"did:web:127.0.0.1%3A{Port}:compliance";
    public Uri Base => new($"http://127.0.0.1:{Port}/");
    public HttpClient Http { get; } = new(new SocketsHttpHandler { AllowAutoRedirect = false });
    public OutboundPolicy Policy => new() { AllowHttpLoopback = true, AllowedHosts = [$"127.0.0.1:{Port}"], MaxResponseBytes = 256 * 1024 };

    public async Task InitializeAsync()
    {
        using (var probe = new TcpListener(IPAddress.Loopback, 0))
        {
            probe.Start();
            Port = ((IPEndPoint)probe.LocalEndpoint).Port;
        }
        _node = await NodeProcess.StartServerAsync("gaiax/gxdch-standin.mjs", Port.ToString());
    }

    public NotaryClient Notary(OutboundPolicy? policy = null, string? pinnedDid = null) =>
        new(Http, new GxdchServiceOptions(new Uri(Base, "notary"), pinnedDid ?? NotaryDid), policy ?? Policy, new PinnedIssuerCheck(new DidWebResolver(Http, policy ?? Policy) { CacheFor = TimeSpan.Zero }));

    public ComplianceClient Compliance(OutboundPolicy? policy = null, string? pinnedDid = null) =>
        new(Http, new GxdchServiceOptions(new Uri(Base, "compliance"), pinnedDid ?? ComplianceDid), policy ?? Policy, new PinnedIssuerCheck(new DidWebResolver(Http, policy ?? Policy) { CacheFor = TimeSpan.Zero }));

    /// <summary>Makes the stand-in lie (a mode of its LIES list) until <see cref="Honest"/>.</summary>
    public async Task LieAsync(string? mode)
    {
        var body = new JsonObject { ["mode"] = mode }.ToJsonString();
        using var response = await Http.PostAsync(new Uri(Base, "_lie"), new StringContent(body, Encoding.UTF8, "application/json"));
        response.EnsureSuccessStatusCode();
    }

    public Task Honest() => LieAsync(null);

    /// <summary>What the services received so far, oldest first.</summary>
    public async Task<JsonArray> RequestsAsync() => (JsonNode.Parse(await Http.GetStringAsync(new Uri(Base, "_requests"))) as JsonArray)!;

    public async Task DisposeAsync()
    {
        Http.Dispose();
        if (_node is not null) await _node.DisposeAsync();
    }
}

[CollectionDefinition(Name)]
public sealed class StandInCollection : ICollectionFixture<GxdchStandIn>
{
    public const string Name = "gxdch stand-in";
}
