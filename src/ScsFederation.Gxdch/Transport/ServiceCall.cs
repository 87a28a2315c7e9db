using System.Net;
using System.Net.Http.Headers;
using System.Text;
using ScsFederation.Core.Http;

namespace ScsFederation.Gxdch.Transport;

/// <summary>The body of a successful call, or a refusal (reason + operator-facing detail).</summary>
internal readonly record struct ServiceAnswer(HttpStatusCode Status, string? ContentType, string? Body, string? Reason, string? Detail)
{
    public bool Ok => Reason is null;
}

/// <summary>
/// One outbound request under an <see cref="OutboundPolicy"/>: refuses disallowed URLs before any
/// connection, reads at most the policy's byte cap, maps transport failures to stable reasons, and
/// never forwards a service's error body verbatim (only a short, single-line excerpt for the operator).
/// Redirects are not followed: a 3xx is a refusal like any other unexpected status.
/// </summary>
internal static class ServiceCall
{
    private const int ExcerptChars = 300;

    public static async Task<ServiceAnswer> SendAsync(HttpClient http, OutboundPolicy policy, HttpRequestMessage request, bool configuredByOperator,
        HttpStatusCode expected, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        if (policy.Problem(url, configuredByOperator) is { } problem) return new(0, null, null, GxdchRefusal.HostNotAllowed, problem);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(policy.Timeout);
        HttpResponseMessage response;
        try { response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token); }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
        {
            return new(0, null, null, GxdchRefusal.ServiceUnreachable, $"{OutboundPolicy.Redacted(url)}: {(e is TaskCanceledException ? $"no answer within {policy.Timeout.TotalSeconds:0} s" : e.Message)}");
        }
        using (response)
        {
            byte[] bytes;
            try
            {
                bytes = await BoundedContent.ReadAsync(response, policy.MaxResponseBytes, () => new InvalidDataException(), timeout.Token);
            }
            catch (InvalidDataException)
            {
                return new(response.StatusCode, null, null, GxdchRefusal.ResponseTooLarge, $"{OutboundPolicy.Redacted(url)} answered more than {policy.MaxResponseBytes} bytes");
            }
            catch (Exception e) when (e is HttpRequestException or IOException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                return new(response.StatusCode, null, null, GxdchRefusal.ServiceUnreachable, $"{OutboundPolicy.Redacted(url)}: the answer broke off");
            }
            var contentType = response.Content.Headers.ContentType?.MediaType;
            if (response.StatusCode != expected)
            {
                return new(response.StatusCode, contentType, null, GxdchRefusal.ServiceRefused,
                    $"{request.Method} {OutboundPolicy.Redacted(url)} answered {(int)response.StatusCode} (expected {(int)expected}){Excerpt(bytes)}");
            }
            string body;
            try { body = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(bytes); }
            catch (DecoderFallbackException) { return new(response.StatusCode, contentType, null, GxdchRefusal.ResponseMalformed, $"{OutboundPolicy.Redacted(url)} answered bytes that are not UTF-8"); }
            return new(response.StatusCode, contentType, body, null, null);
        }
    }

    public static HttpRequestMessage Get(Uri url, string accept)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        return request;
    }

    /// <summary>A printable, single-line, bounded excerpt of an error body (so an operator sees the service's message, and nothing can inject lines into logs).</summary>
    private static string Excerpt(byte[] bytes)
    {
        if (bytes.Length == 0) return "";
        var text = Encoding.UTF8.GetString(bytes, 0, Math.Min(bytes.Length, ExcerptChars * 4));
        var clean = new string(text.Select(c => char.IsControl(c) ? ' ' : c).ToArray()).Trim();
        if (clean.Length > ExcerptChars) clean = clean[..ExcerptChars] + "…";
        return clean.Length == 0 ? "" : $": {clean}";
    }
}
