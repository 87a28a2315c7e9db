using System.Collections.Concurrent;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace ScsFederation.Hub.Tests.DidWeb;

/// <summary>
/// A stand-in for the Gaia-X registry's trust-anchor API (the real one cannot run here): it accepts exactly
/// <c>POST /v2/api/trustAnchor/chain/file</c> with a JSON body that is one object with one string member <c>uri</c>
/// (400 otherwise), fetches that URI itself as the registry does, and answers 200 when the chain's last certificate
/// is one of its anchors, 409 when not, 400 when the URI does not give a PEM chain.
/// </summary>
internal sealed class GaiaXRegistryStandIn : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly HashSet<string> _anchors = new(StringComparer.Ordinal);

    public ConcurrentQueue<(string Uri, int Status)> Requests { get; } = new();

    public string BaseUrl { get; }

    private GaiaXRegistryStandIn(WebApplication app, string baseUrl) { _app = app; BaseUrl = baseUrl; }

    public void Trust(X509Certificate2 root) => _anchors.Add(root.Thumbprint);

    public static async Task<GaiaXRegistryStandIn> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var app = builder.Build();
        GaiaXRegistryStandIn? self = null;
        app.Run(async http =>
        {
            var status = await HandleAsync(http, self!);
            http.Response.StatusCode = status.Code;
            await http.Response.WriteAsJsonAsync(new { result = status.Code == 200, message = status.Message });
        });
        await app.StartAsync();
        self = new GaiaXRegistryStandIn(app, app.Urls.First());
        return self;
    }

    private static async Task<(int Code, string Message)> HandleAsync(HttpContext http, GaiaXRegistryStandIn self)
    {
        if (http.Request.Method != "POST" || http.Request.Path != "/v2/api/trustAnchor/chain/file") return (404, "no such endpoint");
        if (http.Request.ContentType?.Split(';')[0].Trim() != "application/json") return (400, "Content-Type must be application/json");
        string uri;
        try
        {
            using var body = await JsonDocument.ParseAsync(http.Request.Body);
            var members = body.RootElement.ValueKind == JsonValueKind.Object ? body.RootElement.EnumerateObject().ToList() : null;
            if (members is not [{ Name: "uri", Value.ValueKind: JsonValueKind.String } member]) return (400, "body must be {\"uri\": \"...\"}");
            uri = member.Value.GetString()!;
        }
        catch (JsonException) { return (400, "body is not JSON"); }

        int code;
        string message;
        try
        {
            using var client = new HttpClient();
            var pem = await client.GetStringAsync(uri);
            var chain = new X509Certificate2Collection();
            chain.ImportFromPem(pem);
            (code, message) = chain.Count > 0 && self._anchors.Contains(chain[^1].Thumbprint) ? (200, "trusted") : (409, "root is not a trust anchor");
        }
        catch (Exception e) when (e is HttpRequestException or System.Security.Cryptography.CryptographicException) { (code, message) = (400, e.Message); }
        self.Requests.Enqueue((uri, code));
        return (code, message);
    }

    public ValueTask DisposeAsync() => _app.DisposeAsync();
}
