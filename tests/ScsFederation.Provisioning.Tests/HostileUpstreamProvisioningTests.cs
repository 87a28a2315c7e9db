using System.Net;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Tests.Fixtures;

namespace ScsFederation.Provisioning.Tests;

/// <summary>
/// What provisioning writes to a real Keystone when one upstream (the demo accounts) asserts another upstream's
/// (peer's) username, address and groups: cloud-h accepts only peer (<c>upstreams: [peer]</c>; its rule does not look at <c>OIDC-idp</c>), so the impostor gets
/// no user, project or assignment there, while peer's alice gets hers under a name unique to peer.
/// </summary>
// Part of HubProvisioningTriggerTests: one HubBrokerStack (its ports) per test run.
public sealed partial class HubProvisioningTriggerTests
{
    private static async Task LoginAtAsync(string acrIdp, string? user, string? password, string? hint = null)
    {
        var (_, challenge) = ScriptedBrowser.NewPkce();
        var authorize = $"{HubBrokerStack.HubUrl}/connect/authorize?response_type=code&client_id=portal&scope=openid%20profile%20groups&redirect_uri={Uri.EscapeDataString(HubBrokerStack.PortalRedirect)}&state=s&nonce=n&code_challenge={challenge}&code_challenge_method=S256&acr_values=idp%3A{acrIdp}"
            + (hint is null ? "" : "&login_hint=" + Uri.EscapeDataString(hint));
        using var browser = new ScriptedBrowser();
        bool AtPortal(Uri u) => u.ToString().StartsWith(HubBrokerStack.PortalRedirect, StringComparison.Ordinal);
        var callback = user is null
            ? await browser.NavigateAsync(authorize, stopAt: AtPortal)
            : await browser.SubmitHubLoginAsync(await browser.NavigateAsync(authorize), user, password!, stopAt: AtPortal);
        Assert.True(callback.Headers.Location is { } l && l.ToString().Contains("code=", StringComparison.Ordinal), $"login ended at {(int)callback.StatusCode}");
    }

    [Fact]
    public async Task An_upstream_asserting_another_upstreams_user_and_groups_gets_nothing_in_keystone_and_the_real_user_keeps_hers()
    {
        await LoginAtAsync("demo", "alice", "alice-pass");
        await HubBrokerStack.SetUpstreamGroupsAsync("alice", "cloud-h-operators");
        await LoginAtAsync("peer", null, null, "alice");

        using var admin = _stack.AdminClient();
        var apply = await admin.PostAsync("/admin/provisioning/apply?provider=cloud-h&wait=60", null);
        Assert.True(apply.StatusCode == HttpStatusCode.OK, await apply.Content.ReadAsStringAsync());

        using var keystone = KeystoneClient.Create(_stack.CloudA.Settings());
        var domain = (await keystone.FindDomainAsync("scs-fed-h", Ct))!;
        // peer's alice: her own project, under peer's name for her.
        var project = await keystone.FindProjectAsync(domain.Id, "h-alice@peer", Ct);
        Assert.NotNull(project);
        var user = (await keystone.FindUserAsync(domain.Id, "alice@peer", Ct))!;
        Assert.Contains(await keystone.ListRoleAssignmentsAsync(Ct, userId: user.Id), a => a.Scope.ProjectId == project.Id);
        // The demo upstream's "alice" with cloud-h-operators: nothing, under either spelling.
        Assert.Null(await keystone.FindProjectAsync(domain.Id, "h-alice@demo", Ct));
        Assert.Null(await keystone.FindProjectAsync(domain.Id, "h-alice", Ct));
        Assert.Null(await keystone.FindUserAsync(domain.Id, "alice@demo", Ct));
        Assert.Null(await keystone.FindUserAsync(domain.Id, "alice", Ct));
    }

    [Fact]
    public async Task A_second_oidc_upstream_asserting_peers_alice_and_her_groups_gets_nothing_in_keystone()
    {
        // peer-b (a second oidc-provider) says its alice has peer's address and cloud-h's, cloud-a's and
        // Kubernetes' admin groups; cloud-h accepts only peer, cloud-a's rule only the upstreams it names.
        await HubBrokerStack.SetUpstreamGroupsAsync("alice", "cloud-h-operators", "scs-admins");
        await HubBrokerStack.SetHostileUpstreamGroupsAsync("alice", "cloud-h-operators", "scs-admins", "system:masters");
        await LoginAtAsync("peer-b", null, null, "alice");
        await LoginAtAsync("peer", null, null, "alice");

        using var admin = _stack.AdminClient();
        foreach (var provider in new[] { "cloud-h", "cloud-a" })
        {
            var apply = await admin.PostAsync($"/admin/provisioning/apply?provider={provider}&wait=60", null);
            Assert.True(apply.StatusCode == HttpStatusCode.OK, await apply.Content.ReadAsStringAsync());
        }

        using var keystone = KeystoneClient.Create(_stack.CloudA.Settings());
        var h = (await keystone.FindDomainAsync("scs-fed-h", Ct))!;
        var a = (await keystone.FindDomainAsync("scs-fed", Ct))!;
        // peer's alice keeps hers on both clouds.
        var hProject = (await keystone.FindProjectAsync(h.Id, "h-alice@peer", Ct))!;
        var hUser = (await keystone.FindUserAsync(h.Id, "alice@peer", Ct))!;
        Assert.Contains(await keystone.ListRoleAssignmentsAsync(Ct, userId: hUser.Id), x => x.Scope.ProjectId == hProject.Id);
        Assert.NotNull(await keystone.FindProjectAsync(a.Id, "p-alice@peer", Ct));
        // peer-b's alice: no user, no project, under her own name or peer's, on either.
        foreach (var domain in new[] { h, a })
        {
            Assert.Null(await keystone.FindUserAsync(domain.Id, "alice@peer-b", Ct));
            Assert.Null(await keystone.FindProjectAsync(domain.Id, "h-alice@peer-b", Ct));
            Assert.Null(await keystone.FindProjectAsync(domain.Id, "p-alice@peer-b", Ct));
            Assert.Null(await keystone.FindUserAsync(domain.Id, "alice", Ct));
        }
        // Only peer's alice is assigned anything on cloud-h's project.
        var assigned = await keystone.ListRoleAssignmentsAsync(Ct, projectId: hProject.Id);
        Assert.All(assigned, x => Assert.Equal(hUser.Id, x.UserId));
    }
}
