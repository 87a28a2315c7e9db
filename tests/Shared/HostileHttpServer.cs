using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ScsFederation.Testing;

/// <summary>One HTTP request as the hostile server received it.</summary>
internal sealed record HostileRequest(string Method, string Target, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public string? Header(string name) => Headers.TryGetValue(name, out var v) ? v : null;
}

/// <summary>What the hostile server answers; <see cref="DelimitByClose"/> leaves out Content-Length (the body ends when the connection does).</summary>
internal sealed record HostileResponse(int Status, string Body = "", string ContentType = "application/json", IReadOnlyDictionary<string, string>? Headers = null, bool DelimitByClose = false);

/// <summary>
/// A minimal HTTP/1.1 server on a loopback address, playing a lying peer (a forged discovery document, a Keystone
/// whose paging links point elsewhere, an endless body). Plain sockets, one request per connection, so the test
/// controls every byte and sees every request, including the headers (tokens) a client should never have sent.
/// </summary>
internal sealed class HostileHttpServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<HostileRequest, HostileResponse> _handler;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public HostileHttpServer(Func<HostileRequest, HostileResponse> handler, string address = "127.0.0.1")
    {
        _handler = handler;
        _listener = new TcpListener(IPAddress.Parse(address), 0);
        _listener.Start();
        BaseUri = new Uri($"http://{address}:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _loop = AcceptAsync();
    }

    public Uri BaseUri { get; }

    /// <summary><see cref="BaseUri"/> without the trailing slash, for building URLs.</summary>
    public string Origin => BaseUri.GetLeftPart(UriPartial.Authority);

    public ConcurrentQueue<HostileRequest> Requests { get; } = new();

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception) when (_stop.IsCancellationRequested)
            {
                return;
            }
            _ = Task.Run(() => ServeAsync(client));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using var _ = client;
        try
        {
            var stream = client.GetStream();
            var head = new StringBuilder();
            var one = new byte[1];
            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal))
            {
                if (await stream.ReadAsync(one, _stop.Token) == 0) return;
                head.Append((char)one[0]);
            }
            var lines = head.ToString().Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
            var requestLine = lines[0].Split(' ');
            var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            foreach (var line in lines.Skip(1))
            {
                var colon = line.IndexOf(':');
                if (colon > 0) headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
            var body = new byte[headers.TryGetValue("Content-Length", out var length) ? int.Parse(length) : 0];
            await stream.ReadExactlyAsync(body, _stop.Token);
            var request = new HostileRequest(requestLine[0], requestLine[1], headers, Encoding.UTF8.GetString(body));
            Requests.Enqueue(request);

            var response = _handler(request);
            var payload = Encoding.UTF8.GetBytes(response.Body);
            var text = new StringBuilder($"HTTP/1.1 {response.Status} Hostile\r\nConnection: close\r\nContent-Type: {response.ContentType}\r\n");
            if (!response.DelimitByClose) text.Append($"Content-Length: {payload.Length}\r\n");
            foreach (var (name, value) in response.Headers ?? new Dictionary<string, string>()) text.Append($"{name}: {value}\r\n");
            text.Append("\r\n");
            await stream.WriteAsync(Encoding.ASCII.GetBytes(text.ToString()), _stop.Token);
            await stream.WriteAsync(payload, _stop.Token);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException)
        {
            // The client hung up (as it should, e.g. on an oversized body).
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        _listener.Stop();
        try { await _loop; } catch (OperationCanceledException) { }
        _stop.Dispose();
    }
}
