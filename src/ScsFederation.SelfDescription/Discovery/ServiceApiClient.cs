using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;
using ScsFederation.Core.Http;

namespace ScsFederation.SelfDescription.Discovery;

/// <summary>Why reading a cloud API (Nova, Glance, a Kubernetes API server) gave nothing to publish.</summary>
public enum CloudApiFailure
{
    /// <summary>No HTTP answer: connection refused, DNS, TLS, timeout after retries.</summary>
    Unreachable,
    /// <summary>An HTTP answer that is not a success (401, 403, 404, 5xx …).</summary>
    ErrorStatus,
    /// <summary>A success whose body is not the API's wire format.</summary>
    BadAnswer,
    /// <summary>The endpoint is plain http to a host that is not loopback: the admin token would cross the network in clear.</summary>
    InsecureUrl,
    /// <summary>A paging link points at another origin than the catalog endpoint: the admin token is not sent there.</summary>
    ForeignLink,
    /// <summary>The body is larger than the cap (<c>providers[].keystone.maxResponseMegabytes</c>).</summary>
    ResponseTooLarge,
    /// <summary>More pages than the client follows (a server that never stops paging).</summary>
    TooManyPages,
}

/// <summary>
/// A cloud API read for discovery failed. Discovery turns it into a note of the credential set ("where reachable"):
/// only Keystone, whose catalog says what the cloud runs, fails the build.
/// </summary>
public sealed class CloudApiException(string api, string url, CloudApiFailure failure, HttpStatusCode? status, string message, Exception? inner = null)
    : Exception($"{api} {url}: {message}", inner)
{
    public string Api { get; } = api;

    /// <summary>The URL without its query (markers, filters).</summary>
    public string Url { get; } = url;

    public CloudApiFailure Failure { get; } = failure;

    public HttpStatusCode? StatusCode { get; } = status;
}

/// <summary>
/// The transport the discovery clients share, with the Keystone client's rules: the endpoint must be https (plain
/// http only to loopback), the token goes only to the endpoint's own origin (an absolute paging link elsewhere is
/// refused before anything is sent), every body is read through a size cap, redirects are not followed (the
/// HttpClient of <see cref="Provisioning.Keystone.KeystoneHttpPipeline"/> does not follow them), and a listing
/// follows at most <see cref="MaxPages"/> pages.
/// </summary>
public sealed class ServiceApiClient
{
    private readonly HttpClient _http;
    private readonly Func<CancellationToken, Task<string>>? _token;
    private readonly int _maxResponseBytes;

    public const int MaxPages = 1000;

    /// <param name="api">Name for messages (<c>Nova</c>, <c>Glance</c>, <c>Kubernetes</c>).</param>
    /// <param name="endpoint">The catalog's public endpoint (or the API server URL).</param>
    /// <param name="token">The Keystone token to send as <c>X-Auth-Token</c>; null sends none (anonymous).</param>
    public ServiceApiClient(string api, HttpClient http, string endpoint, Func<CancellationToken, Task<string>>? token, int maxResponseBytes)
    {
        Api = api;
        _http = http;
        _token = token;
        _maxResponseBytes = maxResponseBytes;
        var trimmed = endpoint.TrimEnd('/');
        if (!Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) || uri.Scheme is not ("https" or "http"))
            throw new CloudApiException(api, StripQuery(endpoint), CloudApiFailure.BadAnswer, null, "the endpoint is not an absolute http(s) URL");
        if (!TransportUrls.IsHttpsOrLoopback(uri))
            throw new CloudApiException(api, StripQuery(endpoint), CloudApiFailure.InsecureUrl, null,
                "refused: plain http to a host that is not loopback (the token would cross the network in clear); the endpoint must be https");
        Endpoint = uri;
        EndpointText = trimmed;
    }

    public string Api { get; }

    public Uri Endpoint { get; }

    /// <summary>The endpoint without a trailing slash, for appending paths.</summary>
    public string EndpointText { get; }

    /// <summary>
    /// An absolute URL for <paramref name="link"/>: a path is resolved against <paramref name="relativeTo"/> (Glance's
    /// <c>next</c> is relative to the endpoint), an absolute URL is kept only on the endpoint's origin.
    /// </summary>
    public Uri Resolve(string link, string relativeTo)
    {
        if (link.StartsWith('/') && !link.StartsWith("//", StringComparison.Ordinal)) return new Uri(relativeTo.TrimEnd('/') + link);
        if (Uri.TryCreate(link, UriKind.Absolute, out var absolute) && TransportUrls.IsSameOrigin(absolute, Endpoint)) return absolute;
        throw new CloudApiException(Api, StripQuery(link), CloudApiFailure.ForeignLink, null,
            $"refused to follow a paging link to another origin than the catalog endpoint {Endpoint.GetLeftPart(UriPartial.Authority)} (the token is not sent there)");
    }

    /// <summary>GET with the token (if any) and <paramref name="headers"/>; the parsed JSON body of a success, else a <see cref="CloudApiException"/>.</summary>
    public async Task<JsonNode> GetJsonAsync(Uri url, IReadOnlyDictionary<string, string>? headers, CancellationToken cancellationToken)
    {
        if (!TransportUrls.IsSameOrigin(url, Endpoint)) throw Refused(url, CloudApiFailure.ForeignLink, "refused: not on the endpoint's origin");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (_token is not null) request.Headers.Add("X-Auth-Token", await _token(cancellationToken).ConfigureAwait(false));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>()) request.Headers.TryAddWithoutValidation(name, value);
        HttpResponseMessage response;
        try
        {
            response = await _http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is HttpRequestException or Polly.Timeout.TimeoutRejectedException
                                   || (ex is TaskCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new CloudApiException(Api, StripQuery(url.AbsoluteUri), CloudApiFailure.Unreachable, null, "unreachable: " + ex.Message, ex);
        }
        using (response)
        {
            var bytes = await BoundedContent.ReadAsync(response, _maxResponseBytes,
                () => Refused(url, CloudApiFailure.ResponseTooLarge, $"the response body is larger than {_maxResponseBytes} bytes (providers[].keystone.maxResponseMegabytes); nothing of it is used"),
                cancellationToken).ConfigureAwait(false);
            var text = Encoding.UTF8.GetString(bytes);
            if (!response.IsSuccessStatusCode)
                throw new CloudApiException(Api, StripQuery(url.AbsoluteUri), CloudApiFailure.ErrorStatus, response.StatusCode,
                    $"answered {(int)response.StatusCode} {response.StatusCode}: {Shorten(text)}");
            try
            {
                return JsonNode.Parse(text) ?? throw new JsonException("empty body");
            }
            catch (JsonException ex)
            {
                throw new CloudApiException(Api, StripQuery(url.AbsoluteUri), CloudApiFailure.BadAnswer, response.StatusCode, "the answer is not JSON: " + Shorten(text), ex);
            }
        }
    }

    internal CloudApiException Refused(Uri url, CloudApiFailure failure, string message) => new(Api, StripQuery(url.AbsoluteUri), failure, null, message);

    internal CloudApiException BadAnswer(Uri url, string message) => new(Api, StripQuery(url.AbsoluteUri), CloudApiFailure.BadAnswer, HttpStatusCode.OK, message);

    internal static string StripQuery(string url)
    {
        var q = url.IndexOf('?', StringComparison.Ordinal);
        return q < 0 ? url : url[..q];
    }

    private static string Shorten(string text)
    {
        text = text.ReplaceLineEndings(" ").Trim();
        return text.Length == 0 ? "(no body)" : text.Length > 200 ? text[..200] + "…" : text;
    }
}
