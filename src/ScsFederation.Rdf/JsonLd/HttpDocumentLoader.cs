using System.Net;
using System.Net.Http.Headers;

namespace ScsFederation.Rdf.JsonLd;

/// <summary>
/// Network document loader for operators who allow it: only HTTPS URLs on listed hosts, a size limit,
/// a redirect limit (each redirect target must be allowed too) and a timeout. Never the default.
/// A given <see cref="HttpClient"/> must not follow redirects itself (AllowAutoRedirect = false), so
/// every hop is checked against the allow-list; a response from another URL than requested is refused.
/// </summary>
public sealed class HttpDocumentLoader : IJsonLdDocumentLoader
{
    private readonly HttpClient _client;
    private readonly HashSet<string> _allowedHosts;

    /// <summary>A loader with its own client that never follows redirects by itself.</summary>
    public HttpDocumentLoader(IEnumerable<string> allowedHosts)
        : this(new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, AutomaticDecompression = DecompressionMethods.None }), allowedHosts)
    {
    }

    public HttpDocumentLoader(HttpClient client, IEnumerable<string> allowedHosts)
    {
        _client = client ?? throw new ArgumentNullException(nameof(client));
        _allowedHosts = new HashSet<string>(allowedHosts ?? throw new ArgumentNullException(nameof(allowedHosts)), StringComparer.OrdinalIgnoreCase);
    }

    public long MaxBytes { get; init; } = 2 * 1024 * 1024;

    public int MaxRedirects { get; init; } = 3;

    public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(10);

    /// <summary>Permit plain http (tests on loopback only; contexts over http can be tampered with).</summary>
    public bool AllowHttp { get; init; }

    public async ValueTask<RemoteDocument> LoadDocumentAsync(string url, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        var current = CheckAllowed(url, url);
        for (int hop = 0; ; hop++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, current);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/ld+json"));
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json", 0.9));
            HttpResponseMessage response;
            try
            {
                response = await _client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                throw new JsonLdDocumentLoadException(url, $"timed out after {Timeout.TotalSeconds:0} s");
            }
            catch (HttpRequestException e)
            {
                throw new JsonLdDocumentLoadException(url, e.Message, e);
            }

            using (response)
            {
                // A client that followed a redirect itself would bypass the per-hop allow-list check.
                if (response.RequestMessage?.RequestUri is { } answered && answered != current)
                    throw new JsonLdDocumentLoadException(url, $"the HTTP client followed a redirect to '{answered}' by itself; use a client with AllowAutoRedirect = false");
                int status = (int)response.StatusCode;
                if (status is >= 300 and < 400 && response.Headers.Location is { } location)
                {
                    if (hop >= MaxRedirects)
                        throw new JsonLdDocumentLoadException(url, $"more than {MaxRedirects} redirects");
                    var next = location.IsAbsoluteUri ? location : new Uri(current, location);
                    current = CheckAllowed(url, next.ToString());
                    continue;
                }
                if (response.StatusCode != HttpStatusCode.OK)
                    throw new JsonLdDocumentLoadException(url, $"HTTP {status}");
                if (response.Content.Headers.ContentLength is long declared && declared > MaxBytes)
                    throw new JsonLdDocumentLoadException(url, $"document is {declared} bytes, limit {MaxBytes}");

                await using var stream = await response.Content.ReadAsStreamAsync(timeout.Token).ConfigureAwait(false);
                using var buffer = new MemoryStream();
                var chunk = new byte[16384];
                int read;
                while ((read = await stream.ReadAsync(chunk, timeout.Token).ConfigureAwait(false)) > 0)
                {
                    if (buffer.Length + read > MaxBytes)
                        throw new JsonLdDocumentLoadException(url, $"document exceeds the limit of {MaxBytes} bytes");
                    buffer.Write(chunk, 0, read);
                }
                return new RemoteDocument(current.ToString(), buffer.ToArray(), response.Content.Headers.ContentType?.MediaType);
            }
        }
    }

    private Uri CheckAllowed(string requested, string candidate)
    {
        if (!Uri.TryCreate(candidate, UriKind.Absolute, out var uri))
            throw new JsonLdDocumentLoadException(requested, $"'{candidate}' is not an absolute URL");
        if (uri.Scheme != Uri.UriSchemeHttps && !(AllowHttp && uri.Scheme == Uri.UriSchemeHttp))
            throw new JsonLdDocumentLoadException(requested, $"scheme of '{candidate}' is not allowed (https only)");
        if (!_allowedHosts.Contains(uri.Host))
            throw new JsonLdDocumentLoadException(requested, $"host '{uri.Host}' is not on the allow-list");
        return uri;
    }
}
