using System.Net;
using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;
using ScsFederation.Mapping;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Tests.Fixtures;
using ScsFederation.Storage;
using ScsFederation.Storage.Entities;
using ScsFederation.Storage.Provisioning;

namespace ScsFederation.Provisioning.Tests;

/// <summary>
/// The hub itself triggers provisioning (see <see cref="HubBrokerStack"/>): just-in-time after a login that changed
/// a grant, on its schedule, and through the admin API (plan, apply, runs, audit, onboarding), all against real
/// Keystones, with the lease that keeps another hub instance's run and this one's apart.
/// </summary>
public sealed partial class HubProvisioningTriggerTests : IClassFixture<HubBrokerStack>
{
    private static readonly CancellationToken Ct = CancellationToken.None;
    private readonly HubBrokerStack _stack;

    public HubProvisioningTriggerTests(HubBrokerStack stack) => _stack = stack;

    private static string Authorize(string acrIdp, string? loginHint = null)
    {
        var (_, challenge) = ScriptedBrowser.NewPkce();
        return $"{HubBrokerStack.HubUrl}/connect/authorize?response_type=code&client_id=portal&scope=openid%20profile%20groups&redirect_uri={Uri.EscapeDataString(HubBrokerStack.PortalRedirect)}&state=s&nonce=n&code_challenge={challenge}&code_challenge_method=S256&acr_values=idp%3A{acrIdp}"
            + (loginHint is null ? "" : "&login_hint=" + Uri.EscapeDataString(loginHint));
    }

    private static bool AtPortal(Uri u) => u.ToString().StartsWith(HubBrokerStack.PortalRedirect, StringComparison.Ordinal);

    /// <summary>Logs a demo account in at the hub through the portal client (code flow with PKCE) up to the callback.</summary>
    private static async Task LoginAsync(string user, string password)
    {
        using var browser = new ScriptedBrowser();
        var callback = await browser.SubmitHubLoginAsync(await browser.NavigateAsync(Authorize("demo")), user, password, stopAt: AtPortal);
        Assert.Contains("code=", callback.Headers.Location?.ToString() ?? "");
    }

    /// <summary>Logs a person of the upstream oidc-provider in through the hub (a brokered login) up to the portal callback.</summary>
    private static async Task LoginUpstreamAsync(string person)
    {
        using var browser = new ScriptedBrowser();
        var callback = await browser.NavigateAsync(Authorize("peer", person), stopAt: AtPortal);
        Assert.True(callback.Headers.Location is { } l && l.ToString().Contains("code=", StringComparison.Ordinal), $"brokered login ended at {(int)callback.StatusCode}: {await callback.Content.ReadAsStringAsync()}");
    }

    private async Task<JsonArray> RunsAsync(string provider)
    {
        using var admin = _stack.AdminClient();
        var response = await admin.GetAsync($"/admin/provisioning/runs?provider={provider}&limit=200");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await HubBrokerStack.JsonAsync(response))["runs"]!.AsArray();
    }

    private async Task<JsonNode> WaitForRunAsync(string provider, Func<JsonNode, bool> match, string what)
    {
        for (var i = 0; i < 120; i++)
        {
            var run = (await RunsAsync(provider)).FirstOrDefault(r => match(r!) && r!["status"]!.GetValue<string>() != "Running");
            if (run is not null) return run;
            await Task.Delay(500);
        }
        throw new Xunit.Sdk.XunitException($"no finished {what} run on {provider} within 60 s; hub log:\n{_stack.HubLog}");
    }

    private static string Trigger(JsonNode run) => run["trigger"]!.GetValue<string>();

    private static string Actor(JsonNode run) => run["actor"]!.GetValue<string>();

    [Fact]
    public async Task A_login_that_changes_a_grant_provisions_that_account_just_in_time()
    {
        // Other tests of the class log people in on cloud-a too: wait for a run that did not exist before bob's login.
        var earlier = (await RunsAsync("cloud-a")).Select(r => r!["runId"]!.ToJsonString()).ToHashSet();
        await LoginAsync("bob", "bob-pass");

        var run = await WaitForRunAsync("cloud-a", r => Trigger(r) == "login" && (r["planned"]!.GetValue<int>() > 0) && !earlier.Contains(r["runId"]!.ToJsonString()), "just-in-time");
        Assert.Equal("Completed", run["status"]!.GetValue<string>());
        var accountId = Actor(run)["login:".Length..];

        // Keystone has what the mapping grants bob: his federated user, project p-bob (hub-owned) and member on it.
        using var keystone = KeystoneClient.Create(_stack.CloudA.Settings());
        var domain = (await keystone.FindDomainAsync("scs-fed", Ct))!;
        var project = await keystone.FindProjectAsync(domain.Id, "p-bob@demo", Ct);
        Assert.NotNull(project);
        Assert.True(project.HasTag("scsfed-managed"));
        var user = (await keystone.FindUserAsync(domain.Id, "bob@demo", Ct))!;
        var member = (await keystone.ListRolesAsync(Ct, "member")).Single();
        Assert.Contains(await keystone.ListRoleAssignmentsAsync(Ct, userId: user.Id), a => a.RoleId == member.Id && a.Scope.ProjectId == project.Id);
        // Only bob's objects: carol (same group) has not logged in.
        Assert.Null(await keystone.FindProjectAsync(domain.Id, "p-carol@demo", Ct));

        // The audit log says who (the login), what, and which rule granted it.
        using var admin = _stack.AdminClient();
        var audit = (await HubBrokerStack.JsonAsync(await admin.GetAsync($"/admin/provisioning/audit?provider=cloud-a&account={accountId}")))["entries"]!.AsArray();
        var assignment = audit.Single(e => e!["key"]!.GetValue<string>().StartsWith("assignment:", StringComparison.Ordinal));
        Assert.Equal("login", assignment!["trigger"]!.GetValue<string>());
        Assert.Equal("login:" + accountId, assignment["actor"]!.GetValue<string>());
        Assert.Contains("p-bob@demo", assignment["key"]!.GetValue<string>());
        Assert.Contains("rule 0", assignment["why"]!.GetValue<string>());

        // cloud-b grants bob nothing, so nothing was created there.
        using var keystoneB = KeystoneClient.Create(_stack.CloudB.Settings());
        Assert.Empty(await keystoneB.ListProjectsAsync(null, Ct, name: "b-bob@demo"));
    }

    [Fact]
    public async Task A_group_lost_upstream_loses_the_role_assignment_at_the_next_login()
    {
        await HubBrokerStack.SetUpstreamGroupsAsync("alice", "scs-admins");
        await LoginUpstreamAsync("alice");
        string accountId;
        await using (var db = _stack.Database().CreateDbContext())
        {
            accountId = db.Accounts.Single(a => a.UpstreamId == "peer" && a.UpstreamSubject == "alice").Id;
        }
        await WaitForRunAsync("cloud-a", r => Actor(r) == "login:" + accountId && r["planned"]!.GetValue<int>() > 0, "alice's first just-in-time");

        using var keystone = KeystoneClient.Create(_stack.CloudA.Settings());
        var domain = (await keystone.FindDomainAsync("scs-fed", Ct))!;
        var project = (await keystone.FindProjectAsync(domain.Id, "p-alice@peer", Ct))!;
        var user = (await keystone.FindUserAsync(domain.Id, "alice@peer", Ct))!;
        var member = (await keystone.ListRolesAsync(Ct, "member")).Single();
        Assert.Contains(await keystone.ListRoleAssignmentsAsync(Ct, userId: user.Id), a => a.RoleId == member.Id && a.Scope.ProjectId == project.Id);

        // The upstream drops her from scs-admins; her next login changes the grant and the run removes the role.
        await HubBrokerStack.SetUpstreamGroupsAsync("alice");
        await LoginUpstreamAsync("alice");
        for (var i = 0; i < 120 && (await keystone.ListRoleAssignmentsAsync(Ct, userId: user.Id)).Any(a => a.Scope.ProjectId == project.Id); i++)
        {
            await Task.Delay(500);
        }
        Assert.DoesNotContain(await keystone.ListRoleAssignmentsAsync(Ct, userId: user.Id), a => a.Scope.ProjectId == project.Id);
        // The project holds resources: it stays.
        Assert.NotNull(await keystone.FindProjectAsync(domain.Id, "p-alice@peer", Ct));

        using var admin = _stack.AdminClient();
        var audit = (await HubBrokerStack.JsonAsync(await admin.GetAsync($"/admin/provisioning/audit?provider=cloud-a&account={accountId}")))["entries"]!.AsArray();
        Assert.Contains(audit, e => e!["action"]!.GetValue<string>() == "delete" && e["key"]!.GetValue<string>().StartsWith("assignment:member@scs-fed/p-alice@peer", StringComparison.Ordinal)
            && e["trigger"]!.GetValue<string>() == "login");
    }

    [Fact]
    public async Task A_login_with_an_unchanged_grant_triggers_no_run()
    {
        await LoginAsync("carol", "carol-pass");
        string accountId;
        await using (var db = _stack.Database().CreateDbContext())
        {
            accountId = db.Accounts.Single(a => a.Email == "carol@example.org").Id;
        }
        await WaitForRunAsync("cloud-a", r => Actor(r) == "login:" + accountId, "carol's just-in-time");
        var before = (await RunsAsync("cloud-a")).Count(r => Actor(r!) == "login:" + accountId);
        Assert.Equal(1, before);

        await LoginAsync("carol", "carol-pass");
        // The queue runs within milliseconds; give it ample time to show a run that should not exist.
        await Task.Delay(TimeSpan.FromSeconds(3));
        Assert.Equal(before, (await RunsAsync("cloud-a")).Count(r => Actor(r!) == "login:" + accountId));
    }

    [Fact]
    public async Task The_schedule_runs_every_provider_when_the_hub_starts()
    {
        foreach (var provider in new[] { "cloud-a", "cloud-b" })
        {
            var run = await WaitForRunAsync(provider, r => Trigger(r) == "schedule", "scheduled");
            Assert.Equal("schedule", Actor(run));
            Assert.Equal("Completed", run["status"]!.GetValue<string>());
        }
    }

    [Fact]
    public async Task The_admin_api_plans_and_applies_a_stored_grant_and_a_second_apply_changes_nothing()
    {
        // A grant another hub instance (with onLogin off) stored: erin is in scs-admins.
        var rules = KeystoneMappingRuleSet.Parse(await File.ReadAllTextAsync(_stack.Config.FindProvider("cloud-a")!.Mapping!));
        var outcome = MappingEngine.Evaluate(rules, new Dictionary<string, IReadOnlyList<string>> { ["OIDC-preferred_username"] = ["erin"], ["OIDC-idp"] = ["peer"], ["OIDC-groups"] = ["scs-admins"] });
        var accountId = "acct-erin-" + Guid.NewGuid().ToString("n")[..6];
        await using (var context = _stack.Database().CreateDbContext())
        {
            context.AccountGrants.Add(new AccountGrant { AccountId = accountId, ProviderId = "cloud-a", GrantJson = MappingResultJson.ToJson(outcome.Result!, indented: false, includeRuleOrigins: true), UpdatedAt = DateTimeOffset.UtcNow });
            await context.SaveChangesAsync();
        }

        using var admin = _stack.AdminClient();
        var plan = await admin.PostAsync($"/admin/provisioning/plan?provider=cloud-a&account={accountId}", null);
        Assert.Equal(HttpStatusCode.OK, plan.StatusCode);
        var planned = (await HubBrokerStack.JsonAsync(plan))["providers"]!.AsArray().Single()!;
        var keys = planned["changes"]!.AsArray().Select(c => c!["action"]!.GetValue<string>() + " " + c["key"]!.GetValue<string>()).ToList();
        Assert.Contains(keys, k => k.StartsWith("create project:", StringComparison.Ordinal) && k.Contains("p-erin", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.StartsWith("create user:", StringComparison.Ordinal) && k.Contains("erin", StringComparison.Ordinal));
        Assert.Contains(keys, k => k.StartsWith("create assignment:member@", StringComparison.Ordinal) && k.Contains("p-erin", StringComparison.Ordinal));
        Assert.All(planned["changes"]!.AsArray(), c => Assert.Contains("rule 0", c!["why"]!.GetValue<string>()));

        // A plan is only a plan.
        using var keystone = KeystoneClient.Create(_stack.CloudA.Settings());
        var domain = (await keystone.FindDomainAsync("scs-fed", Ct))!;
        Assert.Null(await keystone.FindProjectAsync(domain.Id, "p-erin", Ct));

        var apply = await admin.PostAsync($"/admin/provisioning/apply?provider=cloud-a&wait=60", null);
        var applied = (await HubBrokerStack.JsonAsync(apply))["providers"]!.AsArray().Single()!;
        Assert.True(apply.StatusCode == HttpStatusCode.OK, applied.ToJsonString());
        Assert.Equal("Completed", applied["status"]!.GetValue<string>());
        Assert.True(applied["changes"]!.GetValue<int>() >= 3, applied.ToJsonString());
        Assert.NotNull(await keystone.FindProjectAsync(domain.Id, "p-erin", Ct));

        var again = (await HubBrokerStack.JsonAsync(await admin.PostAsync("/admin/provisioning/apply?provider=cloud-a&wait=60", null)))["providers"]!.AsArray().Single()!;
        Assert.Equal("Completed", again["status"]!.GetValue<string>());
        Assert.Equal(0, again["changes"]!.GetValue<int>());

        var audit = (await HubBrokerStack.JsonAsync(await admin.GetAsync($"/admin/provisioning/audit?provider=cloud-a&account={accountId}")))["entries"]!.AsArray();
        Assert.NotEmpty(audit);
        Assert.All(audit, e => Assert.Equal("admin-api", e!["trigger"]!.GetValue<string>()));
    }

    [Fact]
    public async Task The_admin_api_plans_and_server_side_applies_a_clusters_namespaces_and_role_bindings()
    {
        var rules = KeystoneMappingRuleSet.Parse(await File.ReadAllTextAsync(_stack.Config.FindProvider("cloud-k")!.Mapping!));
        var outcome = MappingEngine.Evaluate(rules, new Dictionary<string, IReadOnlyList<string>> { ["OIDC-preferred_username"] = ["frank"], ["OIDC-groups"] = ["scs-admins"] });
        await using (var context = _stack.Database().CreateDbContext())
        {
            context.AccountGrants.Add(new AccountGrant { AccountId = "acct-frank", ProviderId = "cloud-k", GrantJson = MappingResultJson.ToJson(outcome.Result!, indented: false, includeRuleOrigins: true), UpdatedAt = DateTimeOffset.UtcNow });
            await context.SaveChangesAsync();
        }

        using var admin = _stack.AdminClient();
        var plan = await admin.PostAsync("/admin/provisioning/plan?provider=cloud-k", null);
        var planned = await HubBrokerStack.JsonAsync(plan);
        Assert.True(plan.StatusCode == HttpStatusCode.OK, planned.ToJsonString());
        Assert.Empty(planned["providers"]!.AsArray()); // no Keystone on this provider
        var cluster = planned["kubernetes"]!.AsArray().Single()!;
        Assert.Contains(cluster["namespaces"]!.AsArray(), n => n!.GetValue<string>() == "team-frank");
        Assert.Null(_stack.Cluster.Get("Namespace/team-frank"));

        var apply = await admin.PostAsync("/admin/provisioning/apply?provider=cloud-k", null);
        var applied = await HubBrokerStack.JsonAsync(apply);
        Assert.True(apply.StatusCode == HttpStatusCode.OK, applied.ToJsonString());
        Assert.NotNull(_stack.Cluster.Get("Namespace/team-frank"));
        var binding = _stack.Cluster.Get("RoleBinding/team-frank/scsfed-edit");
        Assert.NotNull(binding);
        Assert.Equal("oidc:scs-admins", binding["subjects"]!.AsArray().Single()!["name"]!.GetValue<string>());
        Assert.Equal("edit", binding["roleRef"]!["name"]!.GetValue<string>());

        var version = binding["metadata"]!["resourceVersion"]!.GetValue<string>();
        Assert.Equal(HttpStatusCode.OK, (await admin.PostAsync("/admin/provisioning/apply?provider=cloud-k", null)).StatusCode);
        Assert.Equal(version, _stack.Cluster.Get("RoleBinding/team-frank/scsfed-edit")!["metadata"]!["resourceVersion"]!.GetValue<string>());
    }

    [Fact]
    public async Task A_provider_another_instance_is_applying_is_reported_busy_and_applied_once_it_is_free()
    {
        var leases = new EfProvisioningLeases(_stack.Database());
        // Another hub instance takes cloud-a's lease (a just-in-time run of an earlier test may still hold it briefly).
        var taken = false;
        for (var i = 0; i < 60 && !taken; i++)
        {
            taken = (await leases.TryAcquireAsync("cloud-a", "other-hub-instance", TimeSpan.FromMinutes(2), Ct)).Acquired;
            if (!taken) await Task.Delay(500);
        }
        Assert.True(taken);
        try
        {
            using var admin = _stack.AdminClient();
            var busy = await admin.PostAsync("/admin/provisioning/apply?provider=cloud-a&wait=0", null);
            Assert.Equal(HttpStatusCode.Conflict, busy.StatusCode);
            var result = (await HubBrokerStack.JsonAsync(busy))["providers"]!.AsArray().Single()!;
            Assert.Equal("Busy", result["status"]!.GetValue<string>());
            Assert.Contains("other-hub-instance", result["error"]!.GetValue<string>());
        }
        finally
        {
            await leases.ReleaseAsync("cloud-a", "other-hub-instance", Ct);
        }

        using var again = _stack.AdminClient();
        var ok = await again.PostAsync("/admin/provisioning/apply?provider=cloud-a&wait=30", null);
        Assert.True(ok.StatusCode == HttpStatusCode.OK, await ok.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Onboarding_through_the_admin_api_is_idempotent_and_offboarding_removes_exactly_it()
    {
        using var admin = _stack.AdminClient();
        using var keystone = KeystoneClient.Create(_stack.CloudB.Settings());

        var first = await admin.PostAsync("/admin/providers/cloud-b/onboard", null);
        var body = await HubBrokerStack.JsonAsync(first);
        Assert.True(first.StatusCode == HttpStatusCode.OK, body.ToJsonString());
        Assert.True(body["keystoneChanges"]!.GetValue<int>() >= 4, body.ToJsonString()); // domain, identity provider, mapping, protocol
        var idp = await keystone.GetIdentityProviderAsync("scsfed-hub", Ct);
        Assert.NotNull(idp);
        Assert.Equal([HubBrokerStack.HubUrl + "/"], idp.RemoteIds); // the canonical issuer, as in the hub's tokens
        Assert.NotNull(await keystone.GetProtocolAsync("scsfed-hub", "openid", Ct));
        // The generated provider configuration comes back in the answer.
        var files = body["files"]!.AsObject();
        Assert.Contains("OIDCProviderMetadataURL", files["cloud-b/apache-keystone.conf"]!.GetValue<string>());
        Assert.Contains("scsfed-hub", files["cloud-b/clouds.yaml"]!.GetValue<string>());

        var second = await HubBrokerStack.JsonAsync(await admin.PostAsync("/admin/providers/cloud-b/onboard", null));
        Assert.Equal(0, second["keystoneChanges"]!.GetValue<int>());
        var listed = (await HubBrokerStack.JsonAsync(await admin.GetAsync("/admin/providers")))["providers"]!.AsArray().Single(p => p!["id"]!.GetValue<string>() == "cloud-b")!;
        Assert.Contains(listed["onboarded"]!.AsArray(), o => o!.GetValue<string>() == "identity_provider:scsfed-hub");

        var off = await admin.PostAsync("/admin/providers/cloud-b/offboard", null);
        Assert.True(off.StatusCode == HttpStatusCode.OK, await off.Content.ReadAsStringAsync());
        Assert.Null(await keystone.GetIdentityProviderAsync("scsfed-hub", Ct));
        Assert.Null(await keystone.FindDomainAsync("scs-fed-b", Ct));

        // An identity provider with the hub's id that onboarding did not create is never taken over.
        await keystone.CreateIdentityProviderAsync("scsfed-hub", ["https://someone-else.example"], null, "foreign", Ct);
        var refused = await admin.PostAsync("/admin/providers/cloud-b/onboard", null);
        var reason = await HubBrokerStack.JsonAsync(refused);
        Assert.Equal(HttpStatusCode.BadRequest, refused.StatusCode);
        Assert.Equal("onboarding_refused", reason["error"]!.GetValue<string>());
        Assert.Contains("not created by onboarding", reason["error_description"]!.GetValue<string>());
        var foreign = (await keystone.GetIdentityProviderAsync("scsfed-hub", Ct))!;
        Assert.Equal(["https://someone-else.example"], foreign.RemoteIds);
    }

    [Fact]
    public async Task The_admin_api_refuses_missing_or_wrong_tokens_and_names_unknown_providers()
    {
        using (var anonymous = new HttpClient { BaseAddress = new Uri(HubBrokerStack.HubUrl) })
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsync("/admin/provisioning/apply", null)).StatusCode);
        }
        using (var wrong = _stack.AdminClient("not-the-admin-token-0123456789"))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync("/admin/provisioning/runs")).StatusCode);
            Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.PostAsync("/admin/providers/cloud-b/offboard", null)).StatusCode);
        }
        using var admin = _stack.AdminClient();
        var unknown = await admin.PostAsync("/admin/provisioning/plan?provider=cloud-z", null);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains("cloud-z", (await HubBrokerStack.JsonAsync(unknown))["error_description"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await admin.PostAsync("/admin/providers/cloud-z/onboard", null)).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/admin/provisioning/audit")).StatusCode);
    }
}
