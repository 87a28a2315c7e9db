using System.Net;
using System.Net.Sockets;

namespace ScsFederation.Interop.Tests.Infrastructure;

/// <summary>
/// A loopback TCP relay in front of a real server (the test PostgreSQL), so a test can cut the line — listener
/// closed and every relayed connection reset — as a database outage or a network partition would, and mend it.
/// </summary>
public sealed class TcpProxy : IDisposable
{
    private readonly IPEndPoint _target;
    private readonly int _port;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;

    public TcpProxy(int port, string targetHost, int targetPort)
    {
        _port = port;
        _target = new IPEndPoint(IPAddress.Parse(targetHost), targetPort);
        Open();
    }

    public int Port => _port;

    public void Open()
    {
        var listener = new TcpListener(IPAddress.Loopback, _port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start();
        _listener = listener;
        _ = AcceptAsync(listener);
    }

    public void Cut()
    {
        _listener?.Stop();
        _listener = null;
        lock (_open)
        {
            foreach (var c in _open)
            {
                try { if (c.Client is { } socket) socket.LingerState = new LingerOption(true, 0); c.Close(); } catch (SocketException) { } catch (ObjectDisposedException) { }
            }
            _open.Clear();
        }
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient inbound;
            try { inbound = await listener.AcceptTcpClientAsync(); }
            catch (Exception e) when (e is SocketException or ObjectDisposedException) { return; }
            var outbound = new TcpClient();
            try { await outbound.ConnectAsync(_target); }
            catch (SocketException) { inbound.Close(); outbound.Dispose(); continue; }
            lock (_open) { _open.Add(inbound); _open.Add(outbound); }
            _ = PumpAsync(inbound, outbound);
            _ = PumpAsync(outbound, inbound);
        }
    }

    private static async Task PumpAsync(TcpClient from, TcpClient to)
    {
        try { await from.GetStream().CopyToAsync(to.GetStream()); }
        catch (Exception e) when (e is IOException or ObjectDisposedException or InvalidOperationException or SocketException) { }
        finally
        {
            try { to.Close(); } catch (ObjectDisposedException) { }
        }
    }

    public void Dispose() => Cut();
}
