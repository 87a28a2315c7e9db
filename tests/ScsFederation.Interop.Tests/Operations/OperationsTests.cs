using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests.Operations;

/// <summary>
/// What an orchestrator and an operator's monitoring see of a running hub process: the three health probes, the
/// Prometheus scrape endpoint on its own listener with the hub's counters, and JSON logs without secrets.
/// </summary>
[Collection(OperationsHubCollection.Name)]
public sealed partial class OperationsTests(OperationsHubFixture fixture)
{
    private const string Hub = OperationsHubFixture.Issuer;

    internal static async Task<(HttpStatusCode Status, JsonElement Body)> GetJsonAsync(string url)
    {
        using var http = new HttpClient();
        using var answer = await http.GetAsync(url);
        Assert.Equal("application/json", answer.Content.Headers.ContentType?.MediaType);
        return (answer.StatusCode, JsonDocument.Parse(await answer.Content.ReadAsStringAsync()).RootElement.Clone());
    }

    private static async Task<string> ScrapeAsync()
    {
        using var http = new HttpClient();
        using var answer = await http.GetAsync(OperationsHubFixture.Metrics);
        Assert.Equal(HttpStatusCode.OK, answer.StatusCode);
        return await answer.Content.ReadAsStringAsync();
    }

    /// <summary>The value of the first sample of <paramref name="metric"/> whose labels include all of <paramref name="labels"/>; 0 when none.</summary>
    private static double Sample(string scrape, string metric, params (string Name, string Value)[] labels)
    {
        foreach (Match m in SampleLine().Matches(scrape))
        {
            if (m.Groups["name"].Value != metric) continue;
            var have = LabelPair().Matches(m.Groups["labels"].Value).ToDictionary(l => l.Groups[1].Value, l => l.Groups[2].Value);
            if (labels.All(l => have.TryGetValue(l.Name, out var v) && v == l.Value))
                return double.Parse(m.Groups["value"].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        return 0;
    }

    [GeneratedRegex(@"^(?<name>[a-zA-Z_:][a-zA-Z0-9_:]*)(\{(?<labels>[^}]*)\})? (?<value>\S+)", RegexOptions.Multiline)]
    private static partial Regex SampleLine();

    [GeneratedRegex("([a-zA-Z_][a-zA-Z0-9_]*)=\"((?:[^\"\\\\]|\\\\.)*)\"")]
    private static partial Regex LabelPair();

    [Fact]
    public async Task Live_and_started_answer_200_with_a_json_status()
    {
        var (liveStatus, live) = await GetJsonAsync(Hub + "/health/live");
        Assert.Equal(HttpStatusCode.OK, liveStatus);
        Assert.Equal("healthy", live.GetProperty("status").GetString());

        var (startedStatus, started) = await GetJsonAsync(Hub + "/health/started");
        Assert.Equal(HttpStatusCode.OK, startedStatus);
        Assert.Equal("healthy", started.GetProperty("checks").GetProperty("started").GetProperty("status").GetString());
    }

    [Fact]
    public async Task Ready_checks_the_database_and_the_signing_keys()
    {
        var (status, body) = await GetJsonAsync(Hub + "/health/ready");
        Assert.True(status == HttpStatusCode.OK, body.ToString());
        var checks = body.GetProperty("checks");
        Assert.Equal("healthy", checks.GetProperty("database").GetProperty("status").GetString());
        Assert.Equal("healthy", checks.GetProperty("signing-keys").GetProperty("status").GetString());
        Assert.Contains("RS256", checks.GetProperty("signing-keys").GetProperty("data").GetProperty("algorithms").EnumerateArray().Select(a => a.GetString()));
    }

    [Fact]
    public async Task An_upstream_whose_discovery_fails_makes_ready_degraded_but_still_200_and_names_no_url()
    {
        using (var browser = new BrowserSession())
        {
            var start = await browser.GetAsync(Hub + "/login/gone");
            Assert.Equal(HttpStatusCode.BadGateway, start.StatusCode);
        }
        var (status, body) = await GetJsonAsync(Hub + "/health/ready");
        // One partner's IdP down must not take the instance out of the load balancer.
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("degraded", body.GetProperty("status").GetString());
        var upstreams = body.GetProperty("checks").GetProperty("upstreams");
        Assert.Equal("degraded", upstreams.GetProperty("status").GetString());
        Assert.Equal("upstream_unreachable", upstreams.GetProperty("data").GetProperty("gone").GetString());
        Assert.DoesNotContain("127.0.0.1:9", body.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Metrics_count_logins_by_upstream_and_result_and_tokens_by_client_and_grant()
    {
        var before = await ScrapeAsync();
        using (var browser = new BrowserSession())
        {
            var ok = await browser.SubmitFormAsync(await browser.GetAsync(Hub + "/login/demo"), new Dictionary<string, string> { ["username"] = "olga", ["password"] = OperationsHubFixture.DemoPassword });
            Assert.Equal(HttpStatusCode.Redirect, ok.StatusCode);
        }
        using (var browser = new BrowserSession())
        {
            var wrong = await browser.SubmitFormAsync(await browser.GetAsync(Hub + "/login/demo"), new Dictionary<string, string> { ["username"] = "olga", ["password"] = "not-her-password" });
            Assert.Equal(HttpStatusCode.Unauthorized, wrong.StatusCode);
        }
        using (var http = new HttpClient())
        {
            var token = await http.PostAsync(Hub + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = OperationsHubFixture.MachineClient, ["client_secret"] = OperationsHubFixture.MachineSecret,
            }));
            Assert.Equal(HttpStatusCode.OK, token.StatusCode);
            var refused = await http.PostAsync(Hub + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = OperationsHubFixture.MachineClient, ["client_secret"] = "wrong",
            }));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }
        var after = await ScrapeAsync();

        const string logins = "scsfed_hub_logins_total";
        Assert.Equal(1, Sample(after, logins, ("upstream", "demo"), ("result", "success")) - Sample(before, logins, ("upstream", "demo"), ("result", "success")));
        Assert.Equal(1, Sample(after, logins, ("upstream", "demo"), ("result", "wrong_password")) - Sample(before, logins, ("upstream", "demo"), ("result", "wrong_password")));
        const string tokens = "scsfed_hub_tokens_issued_total";
        // The refused request carries no token and is not counted.
        Assert.Equal(1, Sample(after, tokens, ("client", OperationsHubFixture.MachineClient), ("grant_type", "client_credentials"))
                        - Sample(before, tokens, ("client", OperationsHubFixture.MachineClient), ("grant_type", "client_credentials")));
        // ASP.NET Core's own meters come along.
        Assert.Contains("http_server_request_duration_seconds", after, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_upstream_id_made_up_by_a_client_is_counted_as_unknown_not_as_a_new_series()
    {
        var invented = "made-up-" + Guid.NewGuid().ToString("n");
        using (var http = new HttpClient())
        {
            var answer = await http.GetAsync($"{Hub}/signin-oidc/{invented}?state=x&code=y");
            Assert.Equal(HttpStatusCode.BadRequest, answer.StatusCode);
        }
        var scrape = await ScrapeAsync();
        Assert.DoesNotContain(invented, scrape, StringComparison.Ordinal);
        Assert.True(Sample(scrape, "scsfed_hub_logins_total", ("upstream", "unknown"), ("result", "unknown_upstream")) >= 1);
    }

    [Fact]
    public async Task Metrics_are_served_only_on_their_own_listener()
    {
        using var http = new HttpClient();
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync(Hub + "/metrics")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("http://127.0.0.1:9465/login/demo")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync("http://127.0.0.1:9465/.well-known/openid-configuration")).StatusCode);
    }

    [Fact]
    public async Task Every_log_line_is_one_json_object_and_no_secret_reaches_the_log()
    {
        // Something worth logging first: a wrong password, a refused client secret, a failing upstream.
        using (var browser = new BrowserSession())
            await browser.SubmitFormAsync(await browser.GetAsync(Hub + "/login/demo"), new Dictionary<string, string> { ["username"] = "olga", ["password"] = "olga-typo-" + OperationsHubFixture.DemoPassword });
        using (var http = new HttpClient())
        {
            await http.PostAsync(Hub + "/connect/token", new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["grant_type"] = "client_credentials", ["client_id"] = OperationsHubFixture.MachineClient, ["client_secret"] = OperationsHubFixture.MachineSecret + "x",
            }));
            http.DefaultRequestHeaders.Authorization = new("Bearer", fixture.AdminToken);
            await http.GetAsync(Hub + "/admin/providers");
        }
        using (var browser = new BrowserSession()) await browser.GetAsync(Hub + "/login/gone");
        await Task.Delay(500); // the console logger writes from a queue

        var lines = fixture.Hub.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            using var entry = JsonDocument.Parse(line); // throws on a line that is not JSON
            Assert.True(entry.RootElement.TryGetProperty("LogLevel", out _), line);
            Assert.True(entry.RootElement.TryGetProperty("Timestamp", out _), line);
        }
        Assert.Contains(lines, l => l.Contains("ScsFederation hub is running", StringComparison.Ordinal));
        foreach (var secret in new[] { OperationsHubFixture.DemoPassword, OperationsHubFixture.MachineSecret, fixture.AdminToken, "gone-upstream-secret-0123456789" })
            Assert.DoesNotContain(secret, fixture.Hub.Output, StringComparison.Ordinal);
    }
}
