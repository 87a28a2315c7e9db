using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using ScsFederation.Core.Configuration;
using ScsFederation.SelfDescription.Discovery;

namespace ScsFederation.SelfDescription.Tests.Discovery;

/// <summary>
/// The cluster version from the API server's <c>GET /version</c> (no kube-apiserver runs here: stand-ins serve the
/// real wire format, Recorded/kubernetes-version-*.json), anonymous, trusted through the kubeconfig's CA; every
/// failure (anonymous access off, not a Kubernetes answer, down, untrusted certificate) becomes a note of the set.
/// </summary>
public sealed class KubernetesVersionTests
{
    private static CloudProvider Provider(string? apiServer, string? kubeconfig = null) => new()
    {
        Id = "scs-one",
        Kubernetes = new KubernetesSettings { Cluster = "k8s-one", ApiServer = apiServer, Kubeconfig = kubeconfig, Audience = "kube-one" },
    };

    private static Task<CloudInventory> DiscoverAsync(CloudProvider provider) =>
        CloudDiscovery.DiscoverAsync(provider, SampleProvider.Issuer, options: new CloudDiscoveryOptions { KubernetesTimeout = TimeSpan.FromSeconds(5) });

    [Theory]
    [InlineData("kubernetes-version-1.32.json", "v1.32.3")]
    [InlineData("kubernetes-version-1.35.json", "v1.35.6+orb1")]
    public async Task The_version_is_what_the_api_server_reports_asked_anonymously(string file, string version)
    {
        await using var apiServer = new HostileHttpServer(r => r.Target == "/version"
            ? new HostileResponse(200, ServiceClientTests.Recorded(file))
            : new HostileResponse(404, "{}"));
        var inventory = await DiscoverAsync(Provider(apiServer.Origin));

        var cluster = Assert.Single(inventory.Clusters);
        Assert.Equal((version, "linux/arm64"), (cluster.Version, cluster.Platform));
        Assert.Empty(inventory.Notes);
        var request = Assert.Single(apiServer.Requests);
        Assert.Null(request.Header("Authorization"));
        Assert.Null(request.Header("X-Auth-Token"));
    }

    public static TheoryData<int, string, string> BadAnswers => new()
    {
        // What a cluster with anonymous access turned off answers (kube-apiserver's Status object).
        { 401, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"Unauthorized","reason":"Unauthorized","code":401}""", "error answer" },
        { 403, """{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"forbidden: User \"system:anonymous\" cannot get path \"/version\"","reason":"Forbidden","details":{},"code":403}""", "system:anonymous" },
        { 200, """{"name": "nginx", "version": "1.25"}""", "no gitVersion" },
        { 200, """{"gitVersion": "<script>"}""", "no gitVersion" },
        { 200, "<html>it works</html>", "not JSON" },
    };

    [Theory]
    [MemberData(nameof(BadAnswers))]
    public async Task A_bad_answer_leaves_the_version_unknown_with_a_note(int status, string body, string reason)
    {
        await using var apiServer = new HostileHttpServer(_ => new HostileResponse(status, body));
        var inventory = await DiscoverAsync(Provider(apiServer.Origin));
        var cluster = Assert.Single(inventory.Clusters);
        Assert.Null(cluster.Version);
        Assert.Equal(apiServer.Origin, cluster.ApiServer); // still offered, from the federation file
        Assert.Contains(reason, Assert.Single(inventory.Notes));
        Assert.StartsWith("kubernetes cluster k8s-one: version not read", inventory.Notes[0]);
    }

    [Fact]
    public async Task An_absent_api_server_and_plain_http_to_a_remote_host_are_notes()
    {
        int port;
        using (var l = new TcpListener(IPAddress.Loopback, 0)) { l.Start(); port = ((IPEndPoint)l.LocalEndpoint).Port; }
        var down = await DiscoverAsync(Provider($"http://127.0.0.1:{port}"));
        Assert.Null(down.Clusters[0].Version);
        Assert.Contains("(unreachable)", Assert.Single(down.Notes));

        var remote = await DiscoverAsync(Provider("http://k8s.scs-one.example:6443"));
        Assert.Contains("insecure URL", Assert.Single(remote.Notes));
    }

    [Fact]
    public async Task An_unreadable_kubeconfig_is_a_note_not_a_crash()
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"scsfed-kubeconfig-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(kubeconfig, "clusters: [ {name: : broken");
        try
        {
            var inventory = await DiscoverAsync(Provider("https://k8s.scs-one.example:6443", kubeconfig));
            Assert.Null(inventory.Clusters[0].Version);
            Assert.Equal("https://k8s.scs-one.example:6443", inventory.Clusters[0].ApiServer);
            Assert.Contains("not usable, version not read", Assert.Single(inventory.Notes));
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    [Fact]
    public async Task The_api_servers_certificate_is_trusted_through_the_kubeconfigs_ca_only()
    {
        using var ca = MakeCa();
        using var leaf = MakeLeaf(ca);
        await using var apiServer = new TlsVersionServer(leaf, ServiceClientTests.Recorded("kubernetes-version-1.35.json"));
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"scsfed-kubeconfig-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(kubeconfig, $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: k8s-one
              cluster:
                server: {apiServer.Url}
                certificate-authority-data: {Convert.ToBase64String(Encoding.ASCII.GetBytes(ca.ExportCertificatePem()))}
            contexts:
            - name: k8s-one
              context: {"{"}cluster: k8s-one, user: hub{"}"}
            current-context: k8s-one
            users:
            - name: hub
              user: {"{"}token: not-sent-for-version{"}"}
            """);
        try
        {
            var trusted = await DiscoverAsync(Provider(apiServer: null, kubeconfig));
            Assert.Empty(trusted.Notes);
            Assert.Equal(("v1.35.6+orb1", apiServer.Url), (trusted.Clusters[0].Version, trusted.Clusters[0].ApiServer));

            // Without the kubeconfig the system trust store does not know the CA: the version is a note, not a guess.
            var untrusted = await DiscoverAsync(Provider(apiServer.Url));
            Assert.Null(untrusted.Clusters[0].Version);
            Assert.Contains("(unreachable)", Assert.Single(untrusted.Notes));
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }

    private static X509Certificate2 MakeCa()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=scsfed test cluster CA", key, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.KeyCertSign | X509KeyUsageFlags.CrlSign, true));
        return request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
    }

    private static X509Certificate2 MakeLeaf(X509Certificate2 ca)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=kube-apiserver", key, HashAlgorithmName.SHA256);
        var san = new SubjectAlternativeNameBuilder();
        san.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(san.Build());
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var signed = request.Create(ca, DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddMinutes(50), [1, 2, 3, 4]);
        using var withKey = signed.CopyWithPrivateKey(key);
        return X509CertificateLoader.LoadPkcs12(withKey.Export(X509ContentType.Pfx), null);
    }

    /// <summary>An https stand-in answering every request with one JSON body (one request per connection).</summary>
    private sealed class TlsVersionServer : IAsyncDisposable
    {
        private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
        private readonly CancellationTokenSource _stop = new();
        private readonly Task _loop;

        public TlsVersionServer(X509Certificate2 certificate, string body)
        {
            _listener.Start();
            Url = $"https://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}";
            _loop = Task.Run(async () =>
            {
                while (!_stop.IsCancellationRequested)
                {
                    TcpClient client;
                    try { client = await _listener.AcceptTcpClientAsync(_stop.Token); }
                    catch (Exception) { return; }
                    _ = Task.Run(async () =>
                    {
                        using var _ = client;
                        try
                        {
                            await using var tls = new SslStream(client.GetStream());
                            await tls.AuthenticateAsServerAsync(certificate);
                            var head = new StringBuilder();
                            var one = new byte[1];
                            while (!head.ToString().EndsWith("\r\n\r\n", StringComparison.Ordinal) && await tls.ReadAsync(one) > 0) head.Append((char)one[0]);
                            var payload = Encoding.UTF8.GetBytes(body);
                            await tls.WriteAsync(Encoding.ASCII.GetBytes($"HTTP/1.1 200 OK\r\nConnection: close\r\nContent-Type: application/json\r\nContent-Length: {payload.Length}\r\n\r\n"));
                            await tls.WriteAsync(payload);
                        }
                        catch (Exception ex) when (ex is IOException or System.Security.Authentication.AuthenticationException or SocketException)
                        {
                            // The client refused the certificate (the untrusted case).
                        }
                    });
                }
            });
        }

        public string Url { get; }

        public async ValueTask DisposeAsync()
        {
            _stop.Cancel();
            _listener.Stop();
            await _loop;
            _stop.Dispose();
        }
    }
}
