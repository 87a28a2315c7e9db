using System.Net;
using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning.Keystone;

namespace ScsFederation.Provisioning.Tests;

/// <summary>
/// Issue #11 finding 13: the Keystone client against a hostile server posing as Keystone on loopback. Paging links
/// to another origin are not followed (the admin token never reaches it), bodies are capped, and plain http to a
/// host that is not loopback is refused in the federation file and by the client.
/// </summary>
public sealed class KeystoneTransportTests
{
    private const string AdminToken = "gAAAAA-admin-token-of-the-hub";

    private static HostileResponse TokenAnswer() => new(201,
        new JsonObject { ["token"] = new JsonObject { ["expires_at"] = DateTimeOffset.UtcNow.AddHours(1).ToString("O"), ["roles"] = new JsonArray(), ["catalog"] = new JsonArray() } }.ToJsonString(),
        Headers: new Dictionary<string, string> { ["X-Subject-Token"] = AdminToken });

    private static string UsersPage(string id, string? next, int padding = 0) => new JsonObject
    {
        ["users"] = new JsonArray(new JsonObject { ["id"] = id, ["name"] = id, ["domain_id"] = "default", ["enabled"] = true, ["description"] = new string('x', padding) }),
        ["links"] = new JsonObject { ["self"] = "ignored", ["next"] = next },
    }.ToJsonString();

    private static KeystoneClient Client(HostileHttpServer keystone, int maxResponseMegabytes = 16) => KeystoneClient.Create(
        new KeystoneSettings { Url = keystone.Origin + "/v3", MaxResponseMegabytes = maxResponseMegabytes, Admin = new KeystoneAdminCredentials { Password = "admin-password" } },
        new KeystoneClientOptions { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });

    /// <summary>Keystone that answers the token request and lists users with the given <c>links.next</c>; page 2 on its own origin is served too.</summary>
    private static HostileHttpServer Keystone(Func<string, string?> next)
    {
        HostileHttpServer? self = null;
        self = new HostileHttpServer(r => r switch
        {
            { Method: "POST", Target: "/v3/auth/tokens" } => TokenAnswer(),
            { Target: "/v3/users" } => new HostileResponse(200, UsersPage("u1", next(self!.Origin))),
            { Target: "/v3/users?page=2" } => new HostileResponse(200, UsersPage("u2", null)),
            _ => new HostileResponse(404, "{}"),
        });
        return self;
    }

    [Theory]
    [InlineData("127.0.0.2", "http")]   // another host
    [InlineData("127.0.0.1", "http")]   // same host, another port
    [InlineData("127.0.0.1", "https")]  // another scheme on the foreign port
    public async Task A_next_link_to_another_origin_is_not_followed_and_the_token_is_never_sent_there(string foreignAddress, string scheme)
    {
        await using var foreign = new HostileHttpServer(_ => new HostileResponse(200, UsersPage("stolen", null)), foreignAddress);
        var foreignNext = $"{scheme}://{foreign.BaseUri.Authority}/v3/users?page=2";
        await using var keystone = Keystone(_ => foreignNext);
        using var client = Client(keystone);

        var ex = await Assert.ThrowsAsync<KeystoneRefusedException>(() => client.ListUsersAsync(null, CancellationToken.None));

        Assert.Equal(KeystoneRefusal.ForeignLink, ex.Refusal);
        Assert.False(ex.IsTransient);
        Assert.Empty(foreign.Requests);
        Assert.Contains(keystone.Requests, r => r.Target == "/v3/users" && r.Header("X-Auth-Token") == AdminToken);
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task A_next_link_on_keystones_own_origin_is_followed(bool absolute)
    {
        await using var keystone = Keystone(origin => absolute ? origin + "/v3/users?page=2" : "/v3/users?page=2");
        using var client = Client(keystone);

        var users = await client.ListUsersAsync(null, CancellationToken.None);

        Assert.Equal(["u1", "u2"], users.Select(u => u.Id));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task A_body_larger_than_the_cap_is_refused_with_a_stable_reason(bool delimitByClose)
    {
        var huge = UsersPage("big", null, padding: 2 * 1024 * 1024);
        await using var keystone = new HostileHttpServer(r => r.Method == "POST" ? TokenAnswer() : new HostileResponse(200, huge, DelimitByClose: delimitByClose));
        using var client = Client(keystone, maxResponseMegabytes: 1);

        var ex = await Assert.ThrowsAsync<KeystoneRefusedException>(() => client.ListUsersAsync(null, CancellationToken.None));

        Assert.Equal(KeystoneRefusal.ResponseTooLarge, ex.Refusal);
        Assert.Equal(HttpStatusCode.OK, ex.StatusCode);
        Assert.False(ex.IsTransient);
    }

    [Fact]
    public async Task The_default_cap_is_16_MiB()
    {
        var justUnder = UsersPage("under", null, padding: 15 * 1024 * 1024);
        var over = UsersPage("over", null, padding: 17 * 1024 * 1024);
        await using var keystone = new HostileHttpServer(r => r.Method == "POST" ? TokenAnswer()
            : new HostileResponse(200, r.Target.Contains("over") ? over : justUnder, DelimitByClose: true));
        using var client = KeystoneClient.Create(new KeystoneSettings { Url = keystone.Origin + "/v3", Admin = new KeystoneAdminCredentials { Password = "p" } }, new KeystoneClientOptions { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });

        Assert.Single(await client.ListUsersAsync(null, CancellationToken.None));
        var ex = await Assert.ThrowsAsync<KeystoneRefusedException>(() => client.ListUsersAsync(null, CancellationToken.None, name: "over"));
        Assert.Equal(KeystoneRefusal.ResponseTooLarge, ex.Refusal);
    }

    [Theory]
    [InlineData("http://keystone.example:5000/v3", true)]
    [InlineData("http://10.0.0.5/v3", true)]
    [InlineData("https://keystone.example/v3", false)]
    [InlineData("http://127.0.0.1:5000/v3", false)]
    [InlineData("http://localhost:5000/v3", false)]
    public void Plain_http_to_a_host_that_is_not_loopback_is_a_configuration_error(string url, bool refused)
    {
        var yaml = $"hub:\n  issuer: http://127.0.0.1:8085\nproviders:\n  - id: cloud\n    keystone:\n      url: {url}\n";
        var errors = Record.Exception(() => FederationFileReader.Parse(yaml, Path.Combine(Path.GetTempPath(), "f.yaml"), _ => null)) is FederationConfigException ex ? ex.Errors : [];

        Assert.Equal(refused, errors.Any(e => e.Path == "/providers/0/keystone/url"));
        if (refused)
        {
            var client = Assert.Throws<KeystoneRefusedException>(() => KeystoneClient.Create(new KeystoneSettings { Url = url }));
            Assert.Equal(KeystoneRefusal.InsecureUrl, client.Refusal);
        }
    }
}
