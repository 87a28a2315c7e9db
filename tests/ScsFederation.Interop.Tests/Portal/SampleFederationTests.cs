using System.Net;
using ScsFederation.Core.Configuration;
using ScsFederation.Interop.Tests.Infrastructure;

namespace ScsFederation.Interop.Tests.Portal;

/// <summary>
/// What the README's run command shows (scripts/run-hub.sh on samples/federation.yaml, :8080): demo alice signs in
/// and sees cloud-a with her projects and roles although no Keystone runs — the provisioning state says so — and
/// she may open the operator console. Only the data folder moves into a temporary one.
/// </summary>
public sealed class SampleFederationTests : IAsyncLifetime
{
    private const string Hub = "http://127.0.0.1:8080";
    private readonly string _data = Path.Combine(Path.GetTempPath(), "scsfed-sample-" + Guid.NewGuid().ToString("n")[..8]);
    private HubInstance _hub = null!;

    public async Task InitializeAsync()
    {
        var config = FederationFileReader.Load(RepositoryRoot.Combine("samples", "federation.yaml"), _ => null);
        await TestStorage.ApplyAsync(config.Hub, _data);
        _hub = new HubInstance(config);
        await _hub.StartAsync();
    }

    public async Task DisposeAsync()
    {
        await _hub.DisposeAsync();
        try { Directory.Delete(_data, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Alice_sees_cloud_a_and_her_grants_without_a_keystone_and_is_an_operator()
    {
        using var alice = new BrowserSession();
        var login = await alice.SubmitFormAsync(await alice.GetAsync(Hub + "/login/demo"), new Dictionary<string, string> { ["username"] = "alice", ["password"] = "alice" });
        Assert.Equal(HttpStatusCode.Redirect, login.StatusCode);
        var page = await (await alice.GetAsync(Hub + "/portal")).Content.ReadAsStringAsync();
        Assert.Contains("Cloud A (OpenStack)", page);
        Assert.Contains("<code>admin-alice@demo</code></td><td>admin, member</td>", page);
        Assert.Contains("<code>team-cloud-a</code></td><td>member</td>", page);
        Assert.Contains("<strong>Being set up</strong>", page);
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync(Hub + "/console")).StatusCode);

        using var bob = new BrowserSession();
        await bob.SubmitFormAsync(await bob.GetAsync(Hub + "/login/demo"), new Dictionary<string, string> { ["username"] = "bob", ["password"] = "bob" });
        var bobPage = await (await bob.GetAsync(Hub + "/portal")).Content.ReadAsStringAsync();
        Assert.Contains("<code>team-cloud-a</code>", bobPage);
        Assert.DoesNotContain("admin-", bobPage);
        Assert.Equal(HttpStatusCode.Forbidden, (await bob.GetAsync(Hub + "/console")).StatusCode);
    }
}
