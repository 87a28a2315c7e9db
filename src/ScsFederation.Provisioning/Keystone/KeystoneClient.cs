using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;
using ScsFederation.Core.Http;

namespace ScsFederation.Provisioning.Keystone;

/// <summary>
/// A small typed Keystone v3 client (identity and OS-FEDERATION APIs) on HttpClient. Authenticates with a
/// password or an application credential, renews the token before it expires, follows <c>links.next</c> when
/// listing, and turns every non-success answer into a <see cref="KeystoneApiException"/>.
/// This file holds the transport; the resource calls are in the other <c>KeystoneClient.*.cs</c> parts.
/// </summary>
public sealed partial class KeystoneClient : IDisposable
{
    private readonly HttpClient _http;
    private readonly bool _ownsHttp;
    private readonly string _baseUrl;
    private readonly Uri _origin;
    private readonly int _maxResponseBytes;
    private readonly KeystoneAdminCredentials _credentials;
    private readonly SemaphoreSlim _authLock = new(1, 1);
    private KeystoneToken? _token;
    private bool _credentialWorked;
    private long _requestCount;

    /// <summary>Default cap on one response body (a hostile or broken endpoint cannot exhaust the hub's memory).</summary>
    public const int DefaultMaxResponseBytes = 16 * 1024 * 1024;

    /// <param name="baseUrl">The v3 endpoint, e.g. <c>http://127.0.0.1:9350/v3</c>; https unless the host is loopback.</param>
    public KeystoneClient(HttpClient http, string baseUrl, KeystoneAdminCredentials credentials, bool ownsHttp = false, int maxResponseBytes = DefaultMaxResponseBytes)
    {
        // The federation file is checked at load (/providers/N/keystone/url); this guards every other caller.
        if (!Uri.TryCreate(baseUrl, UriKind.Absolute, out var origin) || !TransportUrls.IsHttpsOrLoopback(origin))
            throw new KeystoneRefusedException("CONNECT", baseUrl, null, KeystoneRefusal.InsecureUrl, "the Keystone URL must be an absolute https URL (plain http only to a loopback host)");
        _http = http;
        _ownsHttp = ownsHttp;
        _baseUrl = baseUrl.TrimEnd('/');
        _origin = origin;
        _maxResponseBytes = maxResponseBytes;
        _credentials = credentials;
    }

    /// <summary>A client with its own resilient HttpClient for one provider's Keystone.</summary>
    public static KeystoneClient Create(KeystoneSettings settings, KeystoneClientOptions? options = null) =>
        new(KeystoneHttpPipeline.CreateHttpClient(options ?? new KeystoneClientOptions()), settings.Url, settings.Admin, ownsHttp: true,
            maxResponseBytes: checked(settings.MaxResponseMegabytes * 1024 * 1024));

    public string BaseUrl => _baseUrl;

    /// <summary>HTTP requests sent so far (for benchmarks and progress output).</summary>
    public long RequestCount => Interlocked.Read(ref _requestCount);

    /// <summary>Authenticates with the configured credential; the token is cached and renewed when close to expiry.</summary>
    public async Task<KeystoneToken> AuthenticateAsync(CancellationToken cancellationToken)
    {
        var current = _token;
        if (current is not null && current.IsUsable(DateTimeOffset.UtcNow))
        {
            return current;
        }
        await _authLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            current = _token;
            if (current is not null && current.IsUsable(DateTimeOffset.UtcNow))
            {
                return current;
            }
            var request = BuildAuthRequest(_credentials);
            try
            {
                _token = await IssueTokenAsync(request, cancellationToken).ConfigureAwait(false);
            }
            catch (KeystoneApiException ex) when (ex.StatusCode == HttpStatusCode.Unauthorized && _credentialWorked)
            {
                // Keystone compares revocation events with token issue times at one-second resolution, so a token
                // issued in the same second as an unrelated revocation (user deleted, membership removed) can be
                // refused. The credential worked before: try once more in the next second.
                await Task.Delay(TimeSpan.FromMilliseconds(1100), cancellationToken).ConfigureAwait(false);
                _token = await IssueTokenAsync(request, cancellationToken).ConfigureAwait(false);
            }
            _credentialWorked = true;
            return _token;
        }
        finally
        {
            _authLock.Release();
        }
    }

    /// <summary>Issues a token for an explicit auth body (password, application credential, token) without caching it.</summary>
    public async Task<KeystoneToken> IssueTokenAsync(JsonObject authRequest, CancellationToken cancellationToken)
    {
        const string path = "/auth/tokens";
        using var request = new HttpRequestMessage(HttpMethod.Post, _baseUrl + path)
        {
            Content = new StringContent(authRequest.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await SendRawAsync(request, path, cancellationToken).ConfigureAwait(false);
        var body = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw Failure(request.Method, path, response.StatusCode, body);
        }
        if (!response.Headers.TryGetValues("X-Subject-Token", out var values))
        {
            throw new KeystoneApiException("POST", path, response.StatusCode, "response carries no X-Subject-Token header");
        }
        return ParseToken(values.First(), body);
    }

    /// <summary>The identity endpoints the scoped admin token's catalog lists (catalog discovery).</summary>
    public async Task<IReadOnlyList<KeystoneEndpoint>> GetCatalogAsync(CancellationToken cancellationToken) =>
        (await AuthenticateAsync(cancellationToken).ConfigureAwait(false)).Catalog;

    internal static JsonObject BuildAuthRequest(KeystoneAdminCredentials c)
    {
        if (!string.IsNullOrEmpty(c.ApplicationCredentialId) && !string.IsNullOrEmpty(c.ApplicationCredentialSecret))
        {
            // An application credential is already scoped to its project; Keystone rejects an extra scope.
            return new JsonObject
            {
                ["auth"] = new JsonObject
                {
                    ["identity"] = new JsonObject
                    {
                        ["methods"] = new JsonArray("application_credential"),
                        ["application_credential"] = new JsonObject { ["id"] = c.ApplicationCredentialId, ["secret"] = c.ApplicationCredentialSecret },
                    },
                },
            };
        }
        if (string.IsNullOrEmpty(c.Password))
        {
            throw new KeystoneApiException("POST", "/auth/tokens", null, $"no password or application credential configured for user '{c.Username}'");
        }
        return new JsonObject
        {
            ["auth"] = new JsonObject
            {
                ["identity"] = new JsonObject
                {
                    ["methods"] = new JsonArray("password"),
                    ["password"] = new JsonObject
                    {
                        ["user"] = new JsonObject { ["name"] = c.Username, ["domain"] = new JsonObject { ["name"] = c.UserDomain }, ["password"] = c.Password },
                    },
                },
                ["scope"] = new JsonObject
                {
                    ["project"] = new JsonObject { ["name"] = c.Project, ["domain"] = new JsonObject { ["name"] = c.ProjectDomain } },
                },
            },
        };
    }

    private static KeystoneToken ParseToken(string value, JsonNode? body)
    {
        var token = body?["token"] ?? throw new KeystoneApiException("POST", "/auth/tokens", HttpStatusCode.Created, "response has no token object");
        var expires = DateTimeOffset.Parse(token["expires_at"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
        var roles = token["roles"]?.AsArray().Select(r => r!["name"]!.GetValue<string>()).ToList() ?? [];
        var catalog = new List<KeystoneEndpoint>();
        foreach (var service in token["catalog"]?.AsArray() ?? [])
        {
            foreach (var ep in service!["endpoints"]?.AsArray() ?? [])
            {
                catalog.Add(new KeystoneEndpoint(
                    service["type"]?.GetValue<string>() ?? "", service["name"]?.GetValue<string>() ?? "",
                    ep!["interface"]?.GetValue<string>() ?? "", ep["region_id"]?.GetValue<string>() ?? ep["region"]?.GetValue<string>(),
                    ep["url"]?.GetValue<string>() ?? ""));
            }
        }
        return new KeystoneToken(value, expires, token["project"]?["id"]?.GetValue<string>(), roles, catalog);
    }

    /// <summary>Sends an authenticated request; renews the token once on 401. Returns the parsed body (null when empty).</summary>
    internal async Task<JsonNode?> SendAsync(HttpMethod method, string path, JsonNode? body, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            var token = await AuthenticateAsync(cancellationToken).ConfigureAwait(false);
            using var request = new HttpRequestMessage(method, Target(method, path));
            request.Headers.Add("X-Auth-Token", token.Value);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            if (body is not null)
            {
                request.Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
            }
            using var response = await SendRawAsync(request, path, cancellationToken).ConfigureAwait(false);
            var parsed = await ReadBodyAsync(response, cancellationToken).ConfigureAwait(false);
            if (response.StatusCode == HttpStatusCode.Unauthorized && attempt == 0)
            {
                // The token may have been revoked (see AuthenticateAsync on same-second revocations) or Keystone
                // restarted with rotated keys: authenticate again once, in the next second.
                _token = null;
                await Task.Delay(TimeSpan.FromMilliseconds(1100), cancellationToken).ConfigureAwait(false);
                continue;
            }
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(method, path, response.StatusCode, parsed);
            }
            return parsed;
        }
    }

    private async Task<HttpResponseMessage> SendRawAsync(HttpRequestMessage request, string path, CancellationToken cancellationToken)
    {
        Interlocked.Increment(ref _requestCount);
        try
        {
            // Headers only: the body is read through the size cap (ReadBodyAsync), never buffered whole by HttpClient.
            return await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (HttpRequestException ex)
        {
            throw new KeystoneApiException(request.Method.Method, path, null, $"{_baseUrl}: {ex.Message}", ex);
        }
        catch (Polly.Timeout.TimeoutRejectedException ex)
        {
            throw new KeystoneApiException(request.Method.Method, path, null, $"{_baseUrl}: timed out after retries", ex);
        }
        catch (TaskCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new KeystoneApiException(request.Method.Method, path, null, $"{_baseUrl}: timed out", ex);
        }
    }

    /// <summary>
    /// Where an authenticated request goes: a path under the base URL, or an absolute URL (a paging link) on the
    /// configured Keystone's own origin. Anything else is refused before the admin token is attached.
    /// </summary>
    private Uri Target(HttpMethod method, string path)
    {
        if (path.StartsWith('/') && !path.StartsWith("//", StringComparison.Ordinal)) return new Uri(_baseUrl + path);
        if (Uri.TryCreate(path, UriKind.Absolute, out var absolute) && TransportUrls.IsSameOrigin(absolute, _origin)) return absolute;
        throw new KeystoneRefusedException(method.Method, StripQuery(path), null, KeystoneRefusal.ForeignLink,
            $"refused to send the admin token to {StripQuery(path)}: not on the configured Keystone's origin {_origin.GetLeftPart(UriPartial.Authority)}");
    }

    private async Task<JsonNode?> ReadBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var request = response.RequestMessage;
        var bytes = await BoundedContent.ReadAsync(response, _maxResponseBytes, () => new KeystoneRefusedException(
            request?.Method.Method ?? "?", StripQuery(request?.RequestUri?.AbsolutePath ?? "?"), response.StatusCode, KeystoneRefusal.ResponseTooLarge,
            $"the response body is larger than {_maxResponseBytes} bytes (providers[].keystone.maxResponseMegabytes)"), cancellationToken).ConfigureAwait(false);
        var text = Encoding.UTF8.GetString(bytes);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        try
        {
            return JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            // Proxies in front of Keystone answer HTML on 502/503; keep the text for the error message.
            return JsonValue.Create(text.Length > 300 ? text[..300] : text);
        }
    }

    private static KeystoneApiException Failure(HttpMethod method, string path, HttpStatusCode status, JsonNode? body)
    {
        var message = body is JsonObject o
            ? o["error"]?["message"]?.GetValue<string>() ?? o.ToJsonString()
            : body?.ToString() ?? "(no body)";
        return new KeystoneApiException(method.Method, StripQuery(path), status, message);
    }

    private static string StripQuery(string path)
    {
        var q = path.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? path : path[..q];
    }

    /// <summary>Reads every page of a collection; refuses a list Keystone truncated (its <c>list_limit</c>), as the hub must see all objects.</summary>
    internal async Task<List<JsonObject>> ListAsync(string path, string collection, CancellationToken cancellationToken)
    {
        var items = new List<JsonObject>();
        string? next = path;
        while (next is not null)
        {
            var page = await SendAsync(HttpMethod.Get, next, null, cancellationToken).ConfigureAwait(false);
            foreach (var item in page?[collection]?.AsArray() ?? [])
            {
                items.Add(item!.AsObject());
            }
            if (page?["truncated"]?.GetValue<bool>() == true)
            {
                throw new KeystoneApiException("GET", StripQuery(path), HttpStatusCode.OK, $"Keystone truncated the {collection} list (list_limit); raise list_limit so the hub sees every object");
            }
            var link = page?["links"]?["next"];
            // A root-relative link stays on Keystone's origin; any other is followed only if it names that origin (see Target).
            next = link is JsonValue v && v.TryGetValue<string>(out var url) && !string.IsNullOrEmpty(url)
                ? (url.StartsWith('/') && !url.StartsWith("//", StringComparison.Ordinal) ? _origin.GetLeftPart(UriPartial.Authority) + url : url)
                : null;
        }
        return items;
    }

    internal static string Q(string value) => Uri.EscapeDataString(value);

    internal static T Read<T>(JsonNode node) => node.Deserialize<T>(KeystoneJson.Options)!;

    public void Dispose()
    {
        _authLock.Dispose();
        if (_ownsHttp)
        {
            _http.Dispose();
        }
    }
}
