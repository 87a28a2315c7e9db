using System.Net;
using System.Security.Cryptography;
using System.Text.Json;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests.Operations;

/// <summary>
/// What the container image would run, as far as it can be checked without a container engine or a cluster (none
/// runs on these machines): the self-contained ReadyToRun publish of the hub, started as the Deployment starts it —
/// the chart's default federation file, its environment (issuer, PostgreSQL from the Secret, admin token,
/// key-encryption key), listening on http behind a TLS-terminating ingress.
/// </summary>
[Collection(OperationsHubCollection.Name)]
public sealed class PublishedHubTests
{
    private const string Listen = "http://127.0.0.1:8093";
    private const string PublicIssuer = "https://hub.example.org";

    /// <summary>scripts/test.sh publishes once to out/publish/hub; a run without it publishes here (minutes).</summary>
    private static async Task<string> PublishedHubAsync()
    {
        var folder = Path.Combine(RepositoryRoot.Path, "out", "publish", "hub");
        var exe = Path.Combine(folder, "ScsFederation.Hub");
        if (File.Exists(exe)) return exe;
        var psi = new System.Diagnostics.ProcessStartInfo("dotnet", ["publish", Path.Combine(RepositoryRoot.Path, "src", "ScsFederation.Hub"), "-c", "Release", "-r", "linux-x64",
            "--self-contained", "-p:PublishReadyToRun=true", "-o", folder, "-nologo", "-v", "q"]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var publish = System.Diagnostics.Process.Start(psi)!;
        var output = await publish.StandardOutput.ReadToEndAsync() + await publish.StandardError.ReadToEndAsync();
        await publish.WaitForExitAsync();
        Assert.True(publish.ExitCode == 0, "dotnet publish failed:\n" + output);
        return exe;
    }

    [Fact]
    public async Task The_published_hub_starts_with_the_charts_default_configuration_behind_a_tls_ingress()
    {
        var exe = await PublishedHubAsync();
        var server = new Npgsql.NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("SCSFED_TEST_POSTGRES")
                     ?? throw new InvalidOperationException("this test needs the test PostgreSQL: SCSFED_TEST_POSTGRES (scripts/postgres.sh start; scripts/test.sh sets it)"));
        var name = "scsfed_chart_" + Guid.NewGuid().ToString("n")[..12];
        await using (var conn = new Npgsql.NpgsqlConnection(server.ConnectionString))
        {
            await conn.OpenAsync();
            await using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {name}", conn);
            await create.ExecuteNonQueryAsync();
        }
        var folder = Path.Combine(Path.GetTempPath(), "scsfed-chart-" + Guid.NewGuid().ToString("n")[..8]);
        Directory.CreateDirectory(folder);
        var config = Path.Combine(folder, "federation.yaml");
        File.Copy(Path.Combine(RepositoryRoot.Path, "deploy", "helm", "scsfed-hub", "files", "federation.yaml"), config);
        var adminToken = Convert.ToHexString(RandomNumberGenerator.GetBytes(24));
        var environment = new Dictionary<string, string>
        {
            // What deployment.yaml sets; only the data folder moves from /var/lib/scsfed into the test's folder.
            ["ASPNETCORE_URLS"] = Listen,
            ["SCSFED_ISSUER"] = PublicIssuer,
            ["SCSFED_DATABASE"] = new Npgsql.NpgsqlConnectionStringBuilder(server.ConnectionString) { Database = name }.ConnectionString,
            ["SCSFED_ADMIN_TOKEN"] = adminToken,
            ["SCSFED_KEY_ENCRYPTION_KEY"] = Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
            ["SCSFED_DATA"] = Path.Combine(folder, "data"),
        };
        await using var hub = await HubProcess.StartAsync(config, Listen, environment, exe);
        using var http = new HttpClient();

        // The probes the Deployment uses.
        foreach (var probe in new[] { "/health/started", "/health/live", "/health/ready" })
        {
            var answer = await http.GetAsync(Listen + probe);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, $"{probe}: {(int)answer.StatusCode} {await answer.Content.ReadAsStringAsync()}\n{hub.Output}");
        }

        // Through the ingress (a trusted proxy saying https): discovery under the public issuer.
        using (var request = new HttpRequestMessage(HttpMethod.Get, Listen + "/.well-known/openid-configuration"))
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            request.Headers.Host = "hub.example.org";
            using var answer = await http.SendAsync(request);
            Assert.True(answer.StatusCode == HttpStatusCode.OK, await answer.Content.ReadAsStringAsync());
            var discovery = JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement;
            Assert.Equal(PublicIssuer + "/", discovery.GetProperty("issuer").GetString());
        }
        // Plain http that did not come through the ingress: refused (an https issuer is never served over http).
        using (var plain = await http.GetAsync(Listen + "/.well-known/openid-configuration"))
        {
            Assert.Equal(HttpStatusCode.BadRequest, plain.StatusCode);
        }

        // The scrape port of the pod annotations.
        using (var metrics = await http.GetAsync("http://127.0.0.1:9464/metrics"))
        {
            Assert.Equal(HttpStatusCode.OK, metrics.StatusCode);
        }
        // Admin API with the Secret's token.
        http.DefaultRequestHeaders.Authorization = new("Bearer", adminToken);
        using (var request = new HttpRequestMessage(HttpMethod.Get, Listen + "/admin/providers"))
        {
            request.Headers.Add("X-Forwarded-Proto", "https");
            Assert.Equal(HttpStatusCode.OK, (await http.SendAsync(request)).StatusCode);
        }
        // JSON logs, without the Secret's values.
        foreach (var line in hub.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
            JsonDocument.Parse(line).Dispose();
        Assert.DoesNotContain(adminToken, hub.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(environment["SCSFED_KEY_ENCRYPTION_KEY"], hub.Output, StringComparison.Ordinal);

        var exit = await hub.TerminateAsync(TimeSpan.FromSeconds(30));
        Assert.Equal(0, exit);
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }
}
