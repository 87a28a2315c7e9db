using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Persistence;
using ScsFederation.Provisioning.Reconciliation;
using ScsFederation.Provisioning.Tests.Fixtures;

namespace ScsFederation.Provisioning.Tests;

[Collection(KeystoneCollection.Name)]
public sealed class ReconcilerTests
{
    private readonly TwoKeystonesFixture _fx;

    public ReconcilerTests(TwoKeystonesFixture fx) => _fx = fx;

    private static string User(int i) => $"user{i:D3}";

    [Fact]
    public async Task Two_providers_200_accounts_are_provisioned_and_a_second_apply_changes_nothing()
    {
        var s = await ProvisioningScenario.CreateAsync(_fx, twoProviders: true);
        await s.OnboardAllAsync();
        for (var i = 0; i < 200; i++)
        {
            // Every account is an admin (own project); every other one is on team-red.
            await s.SetAccountAsync($"acc-{i}", User(i), i % 2 == 0 ? ["scs-admins", "team-red"] : ["scs-admins"]);
        }

        var first = await s.Reconciler(new ProvisioningOptions { MaxParallelismPerProvider = 4 }).ApplyAsync(ProvisioningScenario.Cli(), null, CancellationToken.None);
        Assert.All(first, r => Assert.True(r.Status == ProvisioningRunStatus.Completed, $"{r.ProviderId}: {r.Status} {r.Error} {string.Join("; ", r.StepErrors)} {string.Join("; ", r.Plan.Problems)}"));

        foreach (var providerId in new[] { "cloud-a", "cloud-b" })
        {
            using var client = s.Client(providerId);
            var ct = CancellationToken.None;
            var domain = (await client.FindDomainAsync(s.Domain, ct))!;
            var projects = (await client.ListProjectsAsync(domain.Id, ct)).ToDictionary(p => p.Name);
            var users = (await client.ListUsersAsync(domain.Id, ct)).ToDictionary(u => u.Name);
            var member = (await client.ListRolesAsync(ct, "member")).Single();
            var assignments = (await client.ListRoleAssignmentsAsync(ct)).Where(a => a.RoleId == member.Id && a.UserId is not null)
                .Select(a => (a.UserId!, a.Scope.ProjectId)).ToHashSet();
            var red = (await client.FindGroupAsync(domain.Id, "team-red", ct))!;
            var redMembers = (await client.ListGroupMembersAsync(red.Id, ct)).Select(u => u.Name).ToHashSet();
            Assert.Equal(200, projects.Count);
            Assert.Equal(200, users.Count);
            Assert.Equal(100, redMembers.Count);
            for (var i = 0; i < 200; i++)
            {
                var project = projects[$"p-{User(i)}"];
                Assert.True(project.HasTag("scsfed-managed"), project.Name);
                Assert.Contains((users[User(i)].Id, (string?)project.Id), assignments);
                Assert.Equal(i % 2 == 0, redMembers.Contains(User(i)));
            }
        }

        var second = await s.Reconciler().ApplyAsync(ProvisioningScenario.Cli(), null, CancellationToken.None);
        Assert.All(second, r =>
        {
            Assert.Equal(ProvisioningRunStatus.Completed, r.Status);
            Assert.Equal(0, r.Changes);
            Assert.Empty(r.Plan.Changes);
        });
    }

    [Fact]
    public async Task Losing_an_upstream_group_removes_the_grant_on_the_next_run_and_foreign_objects_stay()
    {
        var s = await ProvisioningScenario.CreateAsync(_fx);
        await s.OnboardAllAsync();
        var ct = CancellationToken.None;
        using var client = s.Client();
        await s.SetAccountAsync("alice", "alice", "scs-admins", "team-red");
        await s.SetAccountAsync("bob", "bob", "scs-admins", "team-red");
        await s.Reconciler().ApplyAsync(ProvisioningScenario.Cli(), null, ct);

        var domain = (await client.FindDomainAsync(s.Domain, ct))!;
        var member = (await client.ListRolesAsync(ct, "member")).Single();
        var reader = (await client.ListRolesAsync(ct, "reader")).Single();
        var alice = (await client.FindUserAsync(domain.Id, "alice", ct))!;
        var bob = (await client.FindUserAsync(domain.Id, "bob", ct))!;
        var pAlice = (await client.FindProjectAsync(domain.Id, "p-alice", ct))!;
        // Foreign objects in the same domain: a project, a group, and a role assignment an operator made on a hub project.
        var foreignProject = (await client.CreateProjectAsync(domain.Id, "ops-tools", "operator's", [], ct)).Value;
        var foreignGroup = (await client.CreateGroupAsync(domain.Id, "ops", null, ct)).Value;
        await client.AddGroupMemberAsync(foreignGroup.Id, alice.Id, ct);
        await client.GrantRoleAsync(member.Id, alice.Id, null, KeystoneScope.Project(foreignProject.Id), ct);
        await client.GrantRoleAsync(reader.Id, alice.Id, null, KeystoneScope.Project(pAlice.Id), ct);

        // alice leaves scs-admins (keeps team-red); bob loses every upstream group, so no rule maps him any more.
        await s.SetAccountAsync("alice", "alice", "team-red");
        await s.SetAccountAsync("bob", "bob");
        var run = Assert.Single(await s.Reconciler().ApplyAsync(ProvisioningScenario.Cli(), null, ct));
        Assert.Equal(ProvisioningRunStatus.Completed, run.Status);

        var aliceRoles = await client.ListRoleAssignmentsAsync(ct, userId: alice.Id);
        Assert.DoesNotContain(aliceRoles, a => a.RoleId == member.Id && a.Scope.ProjectId == pAlice.Id);
        Assert.Contains(aliceRoles, a => a.RoleId == reader.Id && a.Scope.ProjectId == pAlice.Id);       // foreign assignment stays
        Assert.Contains(aliceRoles, a => a.RoleId == member.Id && a.Scope.ProjectId == foreignProject.Id); // foreign assignment stays
        Assert.NotNull(await client.FindProjectAsync(domain.Id, "ops-tools", ct));
        Assert.NotNull(await client.FindProjectAsync(domain.Id, "p-alice", ct)); // hub projects are retained, only grants go
        Assert.Contains(await client.ListGroupMembersAsync(foreignGroup.Id, ct), u => u.Id == alice.Id);
        var red = (await client.FindGroupAsync(domain.Id, "team-red", ct))!;
        Assert.Equal(["alice"], (await client.ListGroupMembersAsync(red.Id, ct)).Select(u => u.Name));
        Assert.Null(await client.FindUserAsync(domain.Id, "bob", ct)); // no grant left: the hub's user goes
        Assert.Empty(await client.ListRoleAssignmentsAsync(ct, userId: bob.Id));

        // The audit log says who removed what and why.
        var audit = await s.Audit.ListAsync("cloud-a", null, ct);
        var removal = Assert.Single(audit, a => a.Action == "delete" && a.KeyText == $"assignment:member@{s.Domain}/p-alice<-{s.Domain}/alice");
        Assert.Equal("test-operator", removal.Actor);
        Assert.Equal("alice", removal.AccountId);
        Assert.Equal("done", removal.Outcome);
        var grant = Assert.Single(audit, a => a.Action == "create" && a.KeyText == $"assignment:member@{s.Domain}/p-alice<-{s.Domain}/alice");
        Assert.Contains("account alice", grant.Why);
        Assert.Contains("p-alice", grant.Why);

        var third = Assert.Single(await s.Reconciler().ApplyAsync(ProvisioningScenario.Cli(), null, ct));
        Assert.Equal(0, third.Changes);
    }

    [Fact]
    public async Task A_project_that_exists_without_the_hub_is_used_but_never_owned()
    {
        var s = await ProvisioningScenario.CreateAsync(_fx);
        await s.OnboardAllAsync();
        var ct = CancellationToken.None;
        using var client = s.Client();
        var domain = (await client.FindDomainAsync(s.Domain, ct))!;
        var foreign = (await client.CreateProjectAsync(domain.Id, "p-carol", "made by hand", [], ct)).Value;
        await s.SetAccountAsync("carol", "carol", "scs-admins");
        await s.Reconciler().ApplyAsync(ProvisioningScenario.Cli(), null, ct);

        var project = (await client.FindProjectAsync(domain.Id, "p-carol", ct))!;
        Assert.Equal(foreign.Id, project.Id);
        Assert.False(project.HasTag("scsfed-managed"));
        Assert.DoesNotContain(await s.Ownership.ListAsync("cloud-a", OwnedObject.ProvisioningOrigin, ct), o => o.KeyText == $"project:{s.Domain}/p-carol");
        var carol = (await client.FindUserAsync(domain.Id, "carol", ct))!;
        Assert.Single(await client.ListRoleAssignmentsAsync(ct, userId: carol.Id, projectId: foreign.Id));
    }

    [Fact]
    public async Task Keystone_409_on_create_counts_as_success()
    {
        var s = await ProvisioningScenario.CreateAsync(_fx);
        await s.OnboardAllAsync();
        var ct = CancellationToken.None;
        using var client = s.Client();
        var domain = (await client.FindDomainAsync(s.Domain, ct))!;
        await s.SetAccountAsync("dave", "dave", "scs-admins", "team-blue");

        // Between plan and apply, someone creates the group the plan is about to create: Keystone answers 409.
        var progress = new SyncProgress<ProvisioningProgress>(p =>
        {
            if (p.Phase == "applying") client.CreateGroupAsync(domain.Id, "team-blue", null, ct).GetAwaiter().GetResult();
        });
        var run = Assert.Single(await s.Reconciler().ApplyAsync(ProvisioningScenario.Cli(), progress, ct));

        Assert.Contains(run.Plan.Changes, c => c.Action == ChangeAction.Create && c.Key.Text == $"group:{s.Domain}/team-blue");
        Assert.Equal(ProvisioningRunStatus.Completed, run.Status);
        Assert.Empty(run.StepErrors);
        var group = (await client.FindGroupAsync(domain.Id, "team-blue", ct))!;
        Assert.Equal(["dave"], (await client.ListGroupMembersAsync(group.Id, ct)).Select(u => u.Name));
    }

    [Fact]
    public async Task Just_in_time_run_for_one_account_touches_only_that_account()
    {
        var s = await ProvisioningScenario.CreateAsync(_fx);
        await s.OnboardAllAsync();
        var ct = CancellationToken.None;
        await s.SetAccountAsync("erin", "erin", "scs-admins");
        await s.SetAccountAsync("frank", "frank", "scs-admins");

        var run = Assert.Single(await s.Reconciler().ApplyAsync(new ProvisioningRequest(ProvisioningRequest.LoginTrigger, "login:erin", "cloud-a", "erin"), null, ct));
        Assert.Equal(ProvisioningRunStatus.Completed, run.Status);
        using var client = s.Client();
        var domain = (await client.FindDomainAsync(s.Domain, ct))!;
        Assert.NotNull(await client.FindUserAsync(domain.Id, "erin", ct));
        Assert.Null(await client.FindUserAsync(domain.Id, "frank", ct));
        Assert.All(await s.Audit.ListAsync("cloud-a", null, ct), a => Assert.Equal("login", a.Trigger));
    }

    [Fact]
    public async Task Unknown_provider_is_a_clear_error()
    {
        var s = await ProvisioningScenario.CreateAsync(_fx);
        var ex = await Assert.ThrowsAsync<ProvisioningConfigurationException>(() => s.Reconciler().PlanAsync(ProvisioningScenario.Cli("nope"), CancellationToken.None));
        Assert.Contains("'nope'", ex.Message);
    }
}
