using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using ScsFederation.Core.Configuration;
using ScsFederation.Credentials.Compliance;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Jwt;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.Model;
using ScsFederation.Credentials.X509;
using ScsFederation.Gxdch.Did;
using ScsFederation.Gxdch.Tests;
using ScsFederation.Hub;
using ScsFederation.Hub.DidWeb;
using ScsFederation.Hub.Keys;
using ScsFederation.Provisioning.Tests.Fixtures;

namespace ScsFederation.Provisioning.Tests;

/// <summary>
/// Gaia-X publication end to end, against two real Keystones (cloud-a, cloud-b), the notary + compliance stand-in
/// (tests/interop/gaiax/gxdch-standin.mjs) and the hub itself: <c>scsfed sd publish --submit</c> builds each provider's
/// set from what its Keystone lists, gets the registration number from the notary, validates the set against the
/// 25.11 shapes, signs it with the provider's issuer key (a lab chain, <c>hub.didWeb.allowSelfSigned</c>), submits the
/// VP and stores the verified label; the hub serves every credential, the VP and the label at their ids — and a
/// verifier outside the hub checks them with the DID documents the hub and the stand-in serve. Then an invalid set, a
/// tampered label and a notary credential signed by a foreign key are each refused by the CLI (exit 1, stable reason)
/// and the previous publication stays served. Last, the hub's republication check republishes cloud-a by itself after a
/// service is added to its Keystone, and leaves cloud-b alone.
/// </summary>
[Collection(KeystoneCollection.Name)]
public sealed class GaiaXPublicationEndToEndTests(TwoKeystonesFixture fx) : IAsyncLifetime
{
    private readonly string _suffix = Guid.NewGuid().ToString("n")[..6];
    private readonly GxdchStandIn _standIn = new();
    private readonly int _hubPort = FreePort();
    private string Issuer => $"http://127.0.0.1:{_hubPort}";
    private string Did(string provider) => $"did:web:127.0.0.1%3A{_hubPort}:providers:{provider}";

    public Task InitializeAsync() => _standIn.InitializeAsync();

    public Task DisposeAsync() => _standIn.DisposeAsync();

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>The federation file, and issuer keys for both providers' DIDs published in the hub's key store with lab chains.</summary>
    private async Task<(string File, string Folder)> FederationAsync()
    {
        var folder = Path.Combine(fx.WorkFolder, "sd-publish-" + _suffix);
        Directory.CreateDirectory(folder);
        var kek = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32));
        var keyEncryptionKey = KeyEncryptionKey.Load(new HubSettings { DataFolder = folder, Signing = new SigningSettings { KeyEncryptionKey = kek } });
        var keys = new FileIssuerKeyStore(folder);
        var now = DateTimeOffset.UtcNow;
        foreach (var provider in new[] { "cloud-a", "cloud-b" })
        {
            var jwk = JsonWebKey.Generate("ES256");
            var record = IssuerIdentity.Seal(keyEncryptionKey, Did(provider), jwk, "ES256", now);
            await keys.AddAsync(record, default);
            var chain = IssuerCertificates.CreateLabChainPem(jwk.ToPublic(), "127.0.0.1", now.AddMinutes(-5), now.AddDays(120));
            await File.WriteAllTextAsync(Path.Combine(folder, provider + "-chain.pem"), chain);
            await keys.PublishAsync(Did(provider), record.KeyId, chain, now, default);
        }
        string Provider(string id, KeystoneInstance ks, string legalName, string vat) =>
            SelfDescriptionBuildTests.GaiaXProviderEntry(id, ks, legalName, vat, "      dataAccountExport: { requestType: API, accessType: digital, formatType: application/json }");
        var yaml = $"""
            hub:
              issuer: {Issuer}
              dataFolder: {folder}
              allowedFetchHosts: ["127.0.0.1"]
              signing: {"{"} keyEncryptionKey: "{kek}" {"}"}
              didWeb:
                allowSelfSigned: true
                issuers:
                  - {"{"} did: "{Did("cloud-a")}", algorithm: ES256, certificateChain: cloud-a-chain.pem {"}"}
                  - {"{"} did: "{Did("cloud-b")}", algorithm: ES256, certificateChain: cloud-b-chain.pem {"}"}
              gaiaX:
                notary: {"{"} url: "{_standIn.Base}notary", did: "{_standIn.NotaryDid}" {"}"}
                compliance: {"{"} url: "{_standIn.Base}compliance", did: "{_standIn.ComplianceDid}", submit: false {"}"}
                republishHours: 0
            providers:
            {Provider("cloud-a", fx.CloudA, "Cloud A GmbH", "DE111111111")}
            {Provider("cloud-b", fx.CloudB, "Cloud B AG", "DE222222222")}
            """;
        var path = Path.Combine(folder, "federation.yaml");
        await File.WriteAllTextAsync(path, yaml);
        return (path, folder);
    }

    private async Task<JsonObject> PublishAsync(string file, string provider, int expectedExit = 0)
    {
        var (code, output) = await ScsfedCli.RunAsync(fx.CloudA.AdminPassword, "sd", "publish", "--config", file, "--provider", provider, "--submit");
        Assert.True(code == expectedExit, $"exit {code}:\n{output}");
        return (JsonNode.Parse(output[..(output.LastIndexOf('}') + 1)]) as JsonObject)!;
    }

    private static JsonObject Payload(string jwt) => (JsonNode.Parse(CompactJws.Parse(jwt).Payload) as JsonObject)!;

    [Fact]
    public async Task Both_providers_publish_their_real_catalogs_signed_labelled_and_served_by_the_hub()
    {
        await ScsfedCli.EnsureBuiltAsync();
        var novaUrl = $"https://nova-{_suffix}.cloud-a.example/v2.1";
        var glanceUrl = $"https://glance-{_suffix}.cloud-b.example";
        await SelfDescriptionBuildTests.RegisterAsync(fx.CloudA, "compute", "nova-" + _suffix, ("public", "RegionOne", novaUrl), ("internal", "RegionOne", $"http://10.1.0.1:8774/{_suffix}"));
        await SelfDescriptionBuildTests.RegisterAsync(fx.CloudB, "image", "glance-" + _suffix, ("public", "Region-" + _suffix, glanceUrl));
        var (file, _) = await FederationAsync();

        var summaries = new Dictionary<string, JsonObject>
        {
            ["cloud-a"] = await PublishAsync(file, "cloud-a"),
            ["cloud-b"] = await PublishAsync(file, "cloud-b"),
        };

        var config = FederationFileReader.Load(file, name => name == "SCSFED_CLOUD_A_PASSWORD" ? fx.CloudA.AdminPassword : Environment.GetEnvironmentVariable(name));
        await using var hub = await HubHost.CreateAsync(config);
        await hub.StartAsync();
        await hub.Services.GetRequiredService<IssuerIdentity>().RefreshAsync(default);
        using var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false });
        var resolver = new DidWebResolver(http, new Gxdch.Transport.OutboundPolicy { AllowHttpLoopback = true, AllowedHosts = ["127.0.0.1"] }) { CacheFor = TimeSpan.Zero };

        foreach (var (provider, ks, own, other) in new[] { ("cloud-a", fx.CloudA, novaUrl, glanceUrl), ("cloud-b", fx.CloudB, glanceUrl, novaUrl) })
        {
            var summary = summaries[provider];
            Assert.True((bool)summary["ok"]!, summary.ToJsonString());
            var baseUrl = $"{Issuer}/gaia-x/providers/{provider}/";

            // The hub serves the VP; an outside verifier checks it and every envelope with the DID documents the hub and the notary serve.
            using var vpResponse = await http.GetAsync(baseUrl + "presentation");
            Assert.Equal(HttpStatusCode.OK, vpResponse.StatusCode);
            Assert.Equal("application/vp+jwt", vpResponse.Content.Headers.ContentType!.MediaType);
            var vp = await vpResponse.Content.ReadAsStringAsync();
            var hubDid = await resolver.ResolveAsync(Did(provider));
            var notaryDid = await resolver.ResolveAsync(_standIn.NotaryDid);
            Assert.True(hubDid.Ok, hubDid.Detail);
            var verified = new VcJwtVerifier(new DidDocumentKeySource(hubDid.Document!, notaryDid.Document!)).Verify(vp);
            Assert.True(verified.Ok, $"{verified.Reason}: {verified.Detail}");
            Assert.Equal("vp+jwt/vp", verified.Profile);

            // Each provider's real catalog is in its offerings: its Keystone's own endpoint and the service the test registered; nothing of the other cloud, no internal endpoint.
            var payloads = verified.Enveloped.Select(e => e.Credential!).ToList();
            var endpoints = payloads.Where(c => c.Types.Contains("gx:ServiceOffering"))
                .Select(c => (string)c.CredentialSubjects[0]["gx:endpoint"]!["gx:endpointURL"]!["@value"]!).ToList();
            Assert.Contains(ks.Url, endpoints);
            Assert.Contains(own, endpoints);
            Assert.DoesNotContain(other, endpoints);
            Assert.DoesNotContain(endpoints, u => u.Contains("10.1.0.1", StringComparison.Ordinal));
            Assert.Contains(payloads, c => c.Types.Contains("gx:LegalPerson"));
            Assert.Contains(payloads, c => c.Types.Contains("gx:Issuer"));
            Assert.Contains(payloads, c => c.Types.Contains("gx:VatID") && c.Issuer == _standIn.NotaryDid);

            // The label: served with its media type and ETag, signed by the compliance DID, and every digest recomputes over the served VP's envelopes.
            using var labelResponse = await http.GetAsync(baseUrl + "compliance");
            Assert.Equal(HttpStatusCode.OK, labelResponse.StatusCode);
            Assert.Equal("application/vc+jwt", labelResponse.Content.Headers.ContentType!.MediaType);
            var label = await labelResponse.Content.ReadAsStringAsync();
            var etag = labelResponse.Headers.ETag!.ToString();
            Assert.Equal("\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(label))) + "\"", etag);
            var labelCheck = await new PinnedIssuerCheck(resolver).VerifyAsync(label, _standIn.ComplianceDid, "label", default);
            Assert.True(labelCheck.Ok, labelCheck.Detail);
            var digests = LabelDigestCheck.Check(labelCheck.Verification!.Credential!,
                VerifiableCredential.Parse(Encoding.UTF8.GetString(CompactJws.Parse(vp).Payload)).VerifiableCredentials.Select(e => EnvelopedCredential.FromEntry(e)!.Jwt));
            Assert.Equal(verified.Enveloped.Count, digests.Count);
            Assert.All(digests, d => Assert.True(d.Matches, d.Id));

            using var conditional = new HttpRequestMessage(HttpMethod.Get, baseUrl + "compliance");
            conditional.Headers.TryAddWithoutValidation("If-None-Match", etag);
            using var notModified = await http.SendAsync(conditional);
            Assert.Equal(HttpStatusCode.NotModified, notModified.StatusCode);

            var listing = JsonNode.Parse(await http.GetStringAsync(baseUrl))!;
            Assert.Equal(baseUrl + "compliance", (string?)listing["label"]);
            Assert.Equal(Did(provider), (string?)listing["issuer"]);
        }

        // An invalid set (a country code the shapes do not list) is refused with its SHACL report; cloud-b's previous publication stays served.
        var vpBefore = await http.GetStringAsync($"{Issuer}/gaia-x/providers/cloud-b/presentation");
        var broken = file.Replace("federation.yaml", "broken.yaml", StringComparison.Ordinal);
        var yaml = await File.ReadAllTextAsync(file);
        var at = yaml.IndexOf("countryCode: DE", yaml.IndexOf("- id: cloud-b", StringComparison.Ordinal), StringComparison.Ordinal);
        await File.WriteAllTextAsync(broken, yaml[..at] + "countryCode: XX" + yaml[(at + "countryCode: DE".Length)..]);
        Assert.Contains("countryCode: XX", await File.ReadAllTextAsync(broken));
        var refused = await PublishAsync(broken, "cloud-b", expectedExit: 1);
        Assert.Equal("shapes_not_conformant", (string?)refused["reason"]);
        Assert.Contains("countryCode", refused["report"]!.ToJsonString());
        Assert.Equal(vpBefore, await http.GetStringAsync($"{Issuer}/gaia-x/providers/cloud-b/presentation"));

        // A tampered label (the compliance stand-in lies about a digest): sd submit refuses it, the served label stays.
        var baseA = $"{Issuer}/gaia-x/providers/cloud-a/";
        var labelBefore = await http.GetStringAsync(baseA + "compliance");
        var vpABefore = await http.GetStringAsync(baseA + "presentation");
        await _standIn.LieAsync("bad-digest");
        try
        {
            var (code, output) = await ScsfedCli.RunAsync(fx.CloudA.AdminPassword, "sd", "submit", "--config", file, "--provider", "cloud-a");
            Assert.True(code == 1, output);
            var answer = JsonNode.Parse(output[..(output.LastIndexOf('}') + 1)])!;
            Assert.Equal(("compliance", "label_digest_mismatch"), ((string?)answer["stage"], (string?)answer["reason"]));
        }
        finally { await _standIn.Honest(); }
        Assert.Equal(labelBefore, await http.GetStringAsync(baseA + "compliance"));

        // A notary credential signed by a key the notary's DID does not list: sd publish refuses it, nothing changes.
        await _standIn.LieAsync("unsigned-key");
        JsonObject forged;
        try { forged = await PublishAsync(file, "cloud-a", expectedExit: 1); }
        finally { await _standIn.Honest(); }
        Assert.Equal(("notary", "bad_signature"), ((string?)forged["stage"], (string?)forged["reason"]));
        Assert.Equal(vpABefore, await http.GetStringAsync(baseA + "presentation"));
        Assert.Equal(labelBefore, await http.GetStringAsync(baseA + "compliance"));

        // The hub republishes by itself when a cloud's catalog changes: a new service in cloud-a's Keystone; cloud-b is left alone.
        var swiftUrl = $"https://swift-{_suffix}.cloud-a.example/v1";
        await SelfDescriptionBuildTests.RegisterAsync(fx.CloudA, "object-store", "swift-" + _suffix, ("public", "RegionOne", swiftUrl));
        var vpBBefore = await http.GetStringAsync($"{Issuer}/gaia-x/providers/cloud-b/presentation");
        var outcomes = await hub.Services.GetRequiredService<Hub.GaiaX.GaiaXRepublisher>().RunOnceAsync(default);
        Assert.Equal([("cloud-a", "published"), ("cloud-b", "current")], outcomes.Select(o => (o.Provider, o.Action)));
        var republished = await http.GetStringAsync(baseA + "presentation");
        Assert.NotEqual(vpABefore, republished);
        Assert.Contains(VerifiableCredential.Parse(Encoding.UTF8.GetString(CompactJws.Parse(republished).Payload)).VerifiableCredentials,
            e => Encoding.UTF8.GetString(CompactJws.Parse(EnvelopedCredential.FromEntry(e)!.Jwt).Payload).Contains(swiftUrl, StringComparison.Ordinal));
        Assert.Equal(vpBBefore, await http.GetStringAsync($"{Issuer}/gaia-x/providers/cloud-b/presentation"));
    }
}
