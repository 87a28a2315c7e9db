using System.Net;
using System.Text.Json.Nodes;
using ScsFederation.SelfDescription.Discovery;

namespace ScsFederation.SelfDescription.Tests.Discovery;

/// <summary>
/// The Nova and Glance clients against stand-ins serving answers recorded from the real services (Recorded/README.md),
/// and against odd or hostile ones: a paging link to another origin, an oversized body, an endless list, plain http
/// to a host that is not loopback, an error page instead of JSON. (The clients against the real services run in
/// ScsFederation.Provisioning.Tests, OpenStackDiscoveryTests.)
/// </summary>
public sealed class ServiceClientTests
{
    private const string Token = "gAAAA-admin-token";

    internal static string Recorded(string file) => File.ReadAllText(RepositoryRoot.Combine("tests", "ScsFederation.SelfDescription.Tests", "Discovery", "Recorded", file));

    private static HttpClient Http() => new(new SocketsHttpHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(20) };

    private static ServiceApiClient Api(string name, HttpClient http, string endpoint, int maxBytes = 1024 * 1024) =>
        new(name, http, endpoint, _ => Task.FromResult(Token), maxBytes);

    private static string Query(HostileRequest r, string key) =>
        System.Web.HttpUtility.ParseQueryString(new Uri("http://x" + r.Target).Query)[key] ?? "";

    /// <summary>Nova's recorded pages: no marker → page 1, marker of page 1's flavor → page 2, of page 2's → the empty page 3.</summary>
    private static Func<HostileRequest, HostileResponse> Nova(Func<string> origin) => r =>
    {
        if (!r.Target.StartsWith("/v2.1/flavors/detail", StringComparison.Ordinal)) return new HostileResponse(404, "{}");
        var page = Query(r, "marker") switch
        {
            "" => 1,
            "07c4b338-c373-48a3-a667-693917e2ff95" => 2,
            "39543dfb-7b2b-4c47-b62d-677281661930" => 3,
            _ => 0,
        };
        return page == 0 ? new HostileResponse(400, "{}") : new HostileResponse(200, Recorded($"nova-26.2.2-flavors-detail-page{page}.json").Replace("{origin}", origin(), StringComparison.Ordinal));
    };

    [Fact]
    public async Task Nova_lists_every_public_flavor_across_the_recorded_pages_with_the_microversion_and_token()
    {
        HostileHttpServer? server = null;
        await using var nova = server = new HostileHttpServer(Nova(() => server!.Origin));
        using var http = Http();
        var flavors = await new NovaClient(Api("Nova", http, nova.Origin + "/v2.1")).ListPublicFlavorsAsync(CancellationToken.None);

        Assert.Equal(["SCS-2V-4-20", "SCS-4V-16"], flavors.Select(f => f.Name));
        var general = flavors[0];
        Assert.Equal((2, 4096, 20, 0, 0, "general purpose"), (general.Vcpus, general.RamMiB, general.DiskGiB, general.EphemeralGiB, general.SwapMiB, general.Description));
        Assert.Equal("SCS-2V:4:20", general.ExtraSpecs["scs:name-v1"]);
        var big = flavors[1];
        Assert.Equal((4, 16384, 0, 10, 1024), (big.Vcpus, big.RamMiB, big.DiskGiB, big.EphemeralGiB, big.SwapMiB));
        Assert.Equal(3, nova.Requests.Count);
        Assert.All(nova.Requests, r =>
        {
            Assert.Equal(Token, r.Header("X-Auth-Token"));
            Assert.Equal("compute " + NovaClient.Microversion, r.Header("OpenStack-API-Version"));
        });
    }

    [Fact]
    public async Task Nova_drops_private_and_disabled_flavors_even_when_listed()
    {
        var page = JsonNode.Parse(Recorded("nova-26.2.2-flavors-detail-page1.json"))!.AsObject();
        var flavors = page["flavors"]!.AsArray();
        var hidden = flavors[0]!.DeepClone().AsObject();
        hidden["name"] = "tenant-secret"; hidden["os-flavor-access:is_public"] = false;
        var disabled = flavors[0]!.DeepClone().AsObject();
        disabled["name"] = "retired"; disabled["OS-FLV-DISABLED:disabled"] = true;
        flavors.Add(hidden); flavors.Add(disabled);
        page.Remove("flavors_links");
        await using var nova = new HostileHttpServer(_ => new HostileResponse(200, page.ToJsonString()));
        using var http = Http();
        var listed = await new NovaClient(Api("Nova", http, nova.Origin + "/v2.1")).ListPublicFlavorsAsync(CancellationToken.None);
        Assert.Equal(["SCS-2V-4-20"], listed.Select(f => f.Name));
    }

    [Fact]
    public async Task A_nova_without_the_microversion_is_asked_again_at_the_base_version()
    {
        await using var nova = new HostileHttpServer(r => r.Header("OpenStack-API-Version") is not null
            ? new HostileResponse(406, Recorded("nova-26.2.2-406-unsupported-microversion.json"))
            : new HostileResponse(200, """{"flavors": [{"id": "1", "name": "m1.tiny", "ram": 512, "disk": 1, "swap": "", "OS-FLV-EXT-DATA:ephemeral": 0, "OS-FLV-DISABLED:disabled": false, "vcpus": 1, "os-flavor-access:is_public": true, "rxtx_factor": 1.0, "links": []}]}"""));
        using var http = Http();
        var flavors = await new NovaClient(Api("Nova", http, nova.Origin + "/v2.1")).ListPublicFlavorsAsync(CancellationToken.None);
        Assert.Equal("m1.tiny", Assert.Single(flavors).Name);
        Assert.Null(Assert.Single(flavors).Description);
        Assert.Equal(2, nova.Requests.Count);
    }

    [Fact]
    public async Task A_paging_link_to_another_origin_is_not_followed_and_gets_no_token()
    {
        await using var elsewhere = new HostileHttpServer(_ => new HostileResponse(200, """{"flavors": []}"""), "127.0.0.2");
        var page = Recorded("nova-26.2.2-flavors-detail-page1.json").Replace("{origin}", elsewhere.Origin, StringComparison.Ordinal);
        await using var nova = new HostileHttpServer(_ => new HostileResponse(200, page));
        using var http = Http();
        var e = await Assert.ThrowsAsync<CloudApiException>(() => new NovaClient(Api("Nova", http, nova.Origin + "/v2.1")).ListPublicFlavorsAsync(CancellationToken.None));
        Assert.Equal(CloudApiFailure.ForeignLink, e.Failure);
        Assert.Contains("another origin", e.Message);
        Assert.Empty(elsewhere.Requests);

        // Glance: an absolute next on another origin (Glance itself writes a relative path).
        await using var glance = new HostileHttpServer(_ => new HostileResponse(200, $$"""{"images": [], "next": "{{elsewhere.Origin}}/v2/images?marker=x"}"""));
        var g = await Assert.ThrowsAsync<CloudApiException>(() => new GlanceClient(Api("Glance", http, glance.Origin)).ListPublicImagesAsync(CancellationToken.None));
        Assert.Equal(CloudApiFailure.ForeignLink, g.Failure);

        // A protocol-relative link and the same host on another port are other origins too.
        var port = new Uri(elsewhere.Origin).Port;
        foreach (var next in new[] { $"//127.0.0.2:{port}/v2/images?marker=x", $"http://127.0.0.1:{port}/v2/images?marker=x" })
        {
            await using var sly = new HostileHttpServer(_ => new HostileResponse(200, $$"""{"images": [], "next": "{{next}}"}"""));
            if (new Uri(sly.Origin).Port == port) continue; // the same port on 127.0.0.1 by chance: that would be its own origin
            var s = await Assert.ThrowsAsync<CloudApiException>(() => new GlanceClient(Api("Glance", http, sly.Origin)).ListPublicImagesAsync(CancellationToken.None));
            Assert.Equal(CloudApiFailure.ForeignLink, s.Failure);
        }
        Assert.Empty(elsewhere.Requests);
    }

    [Fact]
    public async Task Glance_lists_the_public_images_following_next_relative_to_the_endpoint()
    {
        // The endpoint has a path (a proxy in front of Glance): next "/v2/images?…" is under it, not under the origin.
        await using var glance = new HostileHttpServer(r =>
        {
            if (!r.Target.StartsWith("/image/v2/images?", StringComparison.Ordinal)) return new HostileResponse(404, "{}");
            var page = Query(r, "marker") switch { "" => 1, "2a1c3e24-c87e-4b8b-b473-22a0e1669d82" => 2, _ => 3 };
            return new HostileResponse(200, Recorded($"glance-25.1.0-images-public-page{page}.json"));
        });
        using var http = Http();
        var images = await new GlanceClient(Api("Glance", http, glance.Origin + "/image")).ListPublicImagesAsync(CancellationToken.None);

        Assert.Equal(["Appliance", "Debian 12"], images.Select(i => i.Name));
        Assert.All(glance.Requests, r => Assert.Equal("public", Query(r, "visibility")));
        Assert.All(glance.Requests, r => Assert.Equal(Token, r.Header("X-Auth-Token")));
        var debian = images[1];
        Assert.Equal(("qcow2", 1024L, 512, 2, "sha512"), (debian.DiskFormat, debian.SizeBytes!.Value, debian.MinRamMiB, debian.MinDiskGiB, debian.HashAlgorithm));
        Assert.Equal("GPL-2.0-or-later", debian.Property("license"));
        Assert.Equal("Debian Project", debian.Property("copyright_owner"));
        Assert.Null(debian.Property("owner")); // a core field, not a property
        Assert.Null(images[0].Property("license"));
    }

    [Fact]
    public async Task Glance_drops_private_and_inactive_images_the_filter_let_through()
    {
        var page = JsonNode.Parse(Recorded("glance-25.1.0-images-public-page2.json"))!.AsObject();
        var images = page["images"]!.AsArray();
        var secret = images[0]!.DeepClone().AsObject(); secret["name"] = "secret-private"; secret["visibility"] = "private";
        var queued = images[0]!.DeepClone().AsObject(); queued["name"] = "uploading"; queued["status"] = "queued";
        images.Add(secret); images.Add(queued);
        page.Remove("next");
        await using var glance = new HostileHttpServer(_ => new HostileResponse(200, page.ToJsonString()));
        using var http = Http();
        Assert.Equal(["Debian 12"], (await new GlanceClient(Api("Glance", http, glance.Origin)).ListPublicImagesAsync(CancellationToken.None)).Select(i => i.Name));
    }

    [Fact]
    public async Task An_oversized_body_is_cut_with_a_clear_error()
    {
        var huge = "{\"images\": [" + string.Join(",", Enumerable.Repeat("{\"name\":\"" + new string('x', 1000) + "\"}", 3000)) + "]}";
        await using var declared = new HostileHttpServer(_ => new HostileResponse(200, huge));
        await using var streamed = new HostileHttpServer(_ => new HostileResponse(200, huge, DelimitByClose: true)); // no Content-Length: cut while reading
        using var http = Http();
        foreach (var server in new[] { declared, streamed })
        {
            var e = await Assert.ThrowsAsync<CloudApiException>(() => new GlanceClient(Api("Glance", http, server.Origin, maxBytes: 1024 * 1024)).ListPublicImagesAsync(CancellationToken.None));
            Assert.Equal(CloudApiFailure.ResponseTooLarge, e.Failure);
            Assert.Contains("larger than 1048576 bytes", e.Message);
            Assert.Contains("maxResponseMegabytes", e.Message);
        }
    }

    [Fact]
    public void Plain_http_to_a_host_that_is_not_loopback_is_refused_before_anything_is_sent()
    {
        var handler = new RecordingHandler();
        using var http = new HttpClient(handler);
        var e = Assert.Throws<CloudApiException>(() => Api("Nova", http, "http://nova.cloud.example:8774/v2.1"));
        Assert.Equal(CloudApiFailure.InsecureUrl, e.Failure);
        Assert.Contains("https", e.Message);
        Assert.Equal(0, handler.Count);
        // https and loopback http are accepted.
        Assert.NotNull(Api("Nova", http, "https://nova.cloud.example:8774/v2.1"));
        Assert.NotNull(Api("Nova", http, "http://[::1]:8774/v2.1"));
    }

    [Fact]
    public async Task An_endless_list_an_error_page_and_an_error_status_are_failures_with_the_reason()
    {
        using var http = Http();
        HostileHttpServer? loop = null;
        await using var endless = loop = new HostileHttpServer(_ => new HostileResponse(200, $$"""{"flavors": [], "flavors_links": [{"rel": "next", "href": "{{loop!.Origin}}/v2.1/flavors/detail?marker=same"}]}"""));
        var e = await Assert.ThrowsAsync<CloudApiException>(() => new NovaClient(Api("Nova", http, endless.Origin + "/v2.1")).ListPublicFlavorsAsync(CancellationToken.None));
        Assert.Equal(CloudApiFailure.TooManyPages, e.Failure);

        await using var proxy = new HostileHttpServer(_ => new HostileResponse(200, "<html>Bad Gateway</html>", "text/html"));
        var p = await Assert.ThrowsAsync<CloudApiException>(() => new GlanceClient(Api("Glance", http, proxy.Origin)).ListPublicImagesAsync(CancellationToken.None));
        Assert.Equal(CloudApiFailure.BadAnswer, p.Failure);

        await using var shape = new HostileHttpServer(_ => new HostileResponse(200, """{"images": {"not": "a list"}}"""));
        Assert.Equal(CloudApiFailure.BadAnswer, (await Assert.ThrowsAsync<CloudApiException>(() => new GlanceClient(Api("Glance", http, shape.Origin)).ListPublicImagesAsync(CancellationToken.None))).Failure);

        await using var denied = new HostileHttpServer(_ => new HostileResponse(403, """{"forbidden": {"code": 403, "message": "Policy doesn't allow os_compute_api:os-flavor-manage to be performed."}}"""));
        var d = await Assert.ThrowsAsync<CloudApiException>(() => new NovaClient(Api("Nova", http, denied.Origin + "/v2.1")).ListPublicFlavorsAsync(CancellationToken.None));
        Assert.Equal((CloudApiFailure.ErrorStatus, HttpStatusCode.Forbidden), (d.Failure, d.StatusCode));
        Assert.Contains("Policy doesn't allow", d.Message);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public int Count;

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref Count);
            return Task.FromResult(new HttpResponseMessage(HttpStatusCode.OK));
        }
    }
}
