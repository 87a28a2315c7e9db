using System.Net;
using System.Net.Sockets;
using System.Text;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests.Operations;

/// <summary>
/// Probes and shutdown of a hub process that each test starts for itself (issuer :8092, SQLite), since each ends
/// it: the database going away, and SIGTERM while a login is in flight.
/// </summary>
[Collection(OperationsHubCollection.Name)] // not beside the operations hub's tests: one hub process at a time is enough for 2 cores
public sealed class HubLifecycleTests
{
    private const string Issuer = "http://127.0.0.1:8092";
    private const int SlowUpstreamPort = 9467;

    private static async Task<(HubProcess Hub, string Folder)> StartAsync(string storage = "")
    {
        var folder = Path.Combine(Path.GetTempPath(), "scsfed-life-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(folder);
        var file = Path.Combine(folder, "federation.yaml");
        await File.WriteAllTextAsync(file, $"""
            hub:
              issuer: {Issuer}
              dataFolder: data
            {storage}
              operations:
                shutdownSeconds: 20
              demo:
                enabled: true
                users:
                  - {"{"} username: lena, password: lena-demo-password {"}"}
            upstreams:
              - id: slow
                type: oidc
                authority: http://127.0.0.1:{SlowUpstreamPort}
                clientId: hub
                clientSecret: slow-upstream-secret-0123456789
            """);
        return (await HubProcess.StartAsync(file, Issuer), folder);
    }

    private static void Remove(string folder)
    {
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    /// <summary>
    /// Always on PostgreSQL (also in the SQLite run), reached through a relay the test cuts: a database server going
    /// away is what readiness is for (an embedded SQLite file that is open stays readable whatever happens to its name).
    /// </summary>
    [Fact]
    public async Task Ready_answers_503_while_the_database_is_unreachable_and_200_again_after_while_live_stays_200()
    {
        var server = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("SCSFED_TEST_POSTGRES")
                     ?? throw new InvalidOperationException("this test needs the test PostgreSQL: SCSFED_TEST_POSTGRES (scripts/postgres.sh start; scripts/test.sh sets it)"));
        var name = "scsfed_life_" + Guid.NewGuid().ToString("n")[..12];
        await using (var conn = new Npgsql.NpgsqlConnection(server.ConnectionString))
        {
            await conn.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await create.ExecuteNonQueryAsync();
        }
        using var relay = new TcpProxy(55499, server.Host!, server.Port);
        var through = new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { Host = "127.0.0.1", Port = relay.Port, Database = name, Timeout = 3 };
        var (hub, folder) = await StartAsync($"  storage: {{ provider: postgresql, connectionString: \"{through.ConnectionString}\" }}");
        await using (hub)
        {
            Assert.Equal(HttpStatusCode.OK, (await OperationsTests.GetJsonAsync(Issuer + "/health/ready")).Status);

            relay.Cut();
            var (status, body) = await OperationsTests.GetJsonAsync(Issuer + "/health/ready");
            Assert.Equal(HttpStatusCode.ServiceUnavailable, status);
            Assert.Equal("unhealthy", body.GetProperty("status").GetString());
            Assert.Equal("database_unreachable", body.GetProperty("checks").GetProperty("database").GetProperty("detail").GetString());
            Assert.DoesNotContain(name, body.ToString(), StringComparison.Ordinal); // no connection details in the answer
            // Live does not look at dependencies: restarting the hub would not bring the database back.
            Assert.Equal(HttpStatusCode.OK, (await OperationsTests.GetJsonAsync(Issuer + "/health/live")).Status);

            relay.Open();
            var again = HttpStatusCode.ServiceUnavailable;
            for (var i = 0; i < 20 && again != HttpStatusCode.OK; i++)
            {
                again = (await OperationsTests.GetJsonAsync(Issuer + "/health/ready")).Status;
                if (again != HttpStatusCode.OK) await Task.Delay(500);
            }
            Assert.Equal(HttpStatusCode.OK, again);
        }
        Remove(folder);
    }

    [Fact]
    public async Task Sigterm_lets_a_login_in_flight_finish_and_the_hub_exits_0()
    {
        // An upstream that takes 3 s to answer its discovery document: the login start at the hub waits for it.
        using var upstream = new TcpListener(IPAddress.Loopback, SlowUpstreamPort);
        upstream.Start();
        var accepted = new TaskCompletionSource();
        var serve = Task.Run(async () =>
        {
            using var client = await upstream.AcceptTcpClientAsync();
            accepted.SetResult();
            await Task.Delay(TimeSpan.FromSeconds(3));
            var stream = client.GetStream();
            await stream.WriteAsync(Encoding.ASCII.GetBytes("HTTP/1.1 503 Service Unavailable\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"));
        });

        var (hub, folder) = await StartAsync();
        await using (hub)
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(30) };
            var login = http.GetAsync(Issuer + "/login/slow");
            await accepted.Task.WaitAsync(TimeSpan.FromSeconds(15));

            var exit = hub.TerminateAsync(TimeSpan.FromSeconds(25));
            // The request in flight is answered (the upstream's failure, as a page), not cut off.
            using var answer = await login;
            Assert.Equal(HttpStatusCode.BadGateway, answer.StatusCode);
            Assert.Contains("discovery_failed", await answer.Content.ReadAsStringAsync());
            Assert.Equal(0, await exit);
        }
        await serve;
        Remove(folder);
    }
}
