using System.Text.Json.Nodes;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Tests.Fixtures;

namespace ScsFederation.Provisioning.Tests;

/// <summary>
/// <c>scsfed sd build</c> against two real Keystones: each provider's service offerings are the public
/// endpoints its Keystone catalog really lists — services the test registers through Keystone's own API,
/// the way an operator's deployment does — and nothing of another provider's cloud or of internal endpoints.
/// </summary>
[Collection(KeystoneCollection.Name)]
public sealed class SelfDescriptionBuildTests(TwoKeystonesFixture fx)
{
    private readonly string _suffix = Guid.NewGuid().ToString("n")[..6];

    /// <summary>Registers a service with endpoints in a real Keystone (POST /v3/services, /v3/regions, /v3/endpoints).</summary>
    internal static async Task RegisterAsync(KeystoneInstance keystone, string type, string name, params (string Interface, string Region, string Url)[] endpoints)
    {
        using var client = KeystoneClient.Create(keystone.Settings());
        var token = await client.AuthenticateAsync(CancellationToken.None);
        using var http = new HttpClient { BaseAddress = new Uri(keystone.Url + "/") };
        http.DefaultRequestHeaders.Add("X-Auth-Token", token.Value);
        // One connection per request: Keystone's WSGI server may close a kept-alive connection the pool would reuse ("response ended prematurely").
        http.DefaultRequestHeaders.ConnectionClose = true;
        // JsonContent would be sent chunked, which Keystone's WSGI server reads as an empty body: send a length.
        static StringContent Json(object body) => new(System.Text.Json.JsonSerializer.Serialize(body), System.Text.Encoding.UTF8, "application/json");
        // Keystone's WSGI server now and then drops a connection without an answer under load: try a request up to three times.
        async Task<HttpResponseMessage> PostAsync(string path, object body)
        {
            for (var attempt = 1; ; attempt++)
            {
                try { return await http.PostAsync(path, Json(body)); }
                catch (HttpRequestException) when (attempt < 3) { await Task.Delay(TimeSpan.FromSeconds(1)); }
            }
        }
        var service = await PostAsync("services", new { service = new { type, name, enabled = true } });
        service.EnsureSuccessStatusCode();
        var serviceId = (string)JsonNode.Parse(await service.Content.ReadAsStringAsync())!["service"]!["id"]!;
        foreach (var region in endpoints.Select(e => e.Region).Distinct())
        {
            using var r = await PostAsync("regions", new { region = new { id = region } });
            if (r.StatusCode != System.Net.HttpStatusCode.Conflict) r.EnsureSuccessStatusCode();
        }
        foreach (var (iface, region, url) in endpoints)
        {
            using var e = await PostAsync("endpoints", new { endpoint = new { service_id = serviceId, @interface = iface, region_id = region, url, enabled = true } });
            e.EnsureSuccessStatusCode();
        }
    }

    private string FederationFile()
    {
        var folder = Path.Combine(fx.WorkFolder, "sd-build-" + _suffix);
        Directory.CreateDirectory(folder);
        string Provider(string id, KeystoneInstance ks, string legalName, string vat) => GaiaXProviderEntry(id, ks, legalName, vat);
        var yaml = $"""
            hub:
              issuer: http://127.0.0.1:8085
              dataFolder: {folder}
            providers:
            {Provider("cloud-a", fx.CloudA, "Cloud A GmbH", "DE111111111")}
            {Provider("cloud-b", fx.CloudB, "Cloud B AG", "DE222222222")}
            """;
        var path = Path.Combine(folder, "federation.yaml");
        File.WriteAllText(path, yaml);
        return path;
    }

    private async Task<JsonObject> BuildAsync(string file, string provider)
    {
        var (code, output) = await ScsfedCli.RunAsync(fx.CloudA.AdminPassword, "sd", "build", "--config", file, "--provider", provider);
        Assert.True(code == 0, output);
        return (JsonNode.Parse(output[..(output.LastIndexOf('}') + 1)]) as JsonObject)!;
    }

    private static List<string> OfferedEndpoints(JsonObject set) => set["credentials"]!.AsArray()
        .Where(c => (string?)c!["type"] == "gx:ServiceOffering")
        .Select(c => (string)c!["credential"]!["credentialSubject"]!["gx:endpoint"]!["gx:endpointURL"]!["@value"]!).Order().ToList();

    [Fact]
    public async Task Each_provider_offers_exactly_the_public_endpoints_its_keystone_lists()
    {
        await ScsfedCli.EnsureBuiltAsync();
        var novaUrl = $"https://nova-{_suffix}.cloud-a.example/v2.1";
        var glanceUrl = $"https://glance-{_suffix}.cloud-a.example";
        await RegisterAsync(fx.CloudA, "compute", "nova-" + _suffix, ("public", "RegionOne", novaUrl), ("internal", "RegionOne", $"http://10.1.0.1:8774/{_suffix}"));
        await RegisterAsync(fx.CloudA, "image", "glance-" + _suffix, ("public", "Region-" + _suffix, glanceUrl));
        var file = FederationFile();

        var a = OfferedEndpoints(await BuildAsync(file, "cloud-a"));
        var b = OfferedEndpoints(await BuildAsync(file, "cloud-b"));

        Assert.Contains(fx.CloudA.Url, a);           // Keystone's own bootstrap catalog entry
        Assert.Contains(novaUrl, a);
        Assert.Contains(glanceUrl, a);
        Assert.DoesNotContain(a, u => u.Contains("10.1.0.1", StringComparison.Ordinal)); // internal endpoints are not published
        Assert.Equal([fx.CloudB.Url], b);             // cloud B runs only its Keystone; nothing of cloud A leaks in
    }

    [Fact]
    public async Task An_unreachable_keystone_fails_the_build_instead_of_publishing_no_services()
    {
        await ScsfedCli.EnsureBuiltAsync();
        var file = FederationFile().Replace("federation.yaml", "down.yaml");
        File.WriteAllText(file, File.ReadAllText(Path.Combine(Path.GetDirectoryName(file)!, "federation.yaml")).Replace(fx.CloudB.Url, "http://127.0.0.1:9/v3"));
        var (code, output) = await ScsfedCli.RunAsync(fx.CloudA.AdminPassword, "sd", "build", "--config", file, "--provider", "cloud-b");
        Assert.Equal(1, code);
        Assert.Contains("reading the cloud of 'cloud-b' failed", output);
    }

    /// <summary>A provider entry of a test federation file: its real Keystone and a Gaia-X participant (shared with the publication end-to-end test).</summary>
    internal static string GaiaXProviderEntry(string id, KeystoneInstance ks, string legalName, string vat, string extraGaiaX = "") => $$"""
              - id: {{id}}
                displayName: "{{legalName}}"
                keystone:
                  url: {{ks.Url}}
                  admin:
                    password: ${env:SCSFED_CLOUD_A_PASSWORD}
                gaiaX:
                  legalName: "{{legalName}}"
                  registrationNumber: { vatId: "{{vat}}" }
                  headquartersAddress: { countryCode: DE, locality: Berlin }
                  termsAndConditions: { url: "https://{{id}}.example/terms", hash: "{{new string('b', 64)}}" }
            {{extraGaiaX}}
            """;
}
