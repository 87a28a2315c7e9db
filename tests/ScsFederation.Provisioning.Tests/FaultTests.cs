using System.Diagnostics;
using System.Text.RegularExpressions;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Persistence;
using ScsFederation.Provisioning.Reconciliation;
using ScsFederation.Provisioning.Tests.Fixtures;

namespace ScsFederation.Provisioning.Tests;

[Collection(KeystoneCollection.Name)]
public sealed class FaultTests
{
    private const int Accounts = 60;
    private readonly TwoKeystonesFixture _fx;

    public FaultTests(TwoKeystonesFixture fx) => _fx = fx;

    [Fact]
    public async Task Keystone_stopped_during_apply_fails_clearly_and_the_next_run_converges()
    {
        var s = await ProvisioningScenario.CreateAsync(_fx);
        await s.OnboardAllAsync();
        for (var i = 0; i < Accounts; i++) await s.SetAccountAsync($"acc-{i}", $"k{i:D2}", "scs-admins");
        var ct = CancellationToken.None;

        var stopped = 0;
        var progress = new SyncProgress<ProvisioningProgress>(p =>
        {
            if (p.Phase == "projects, groups, users" && p.Done >= 25 && Interlocked.Exchange(ref stopped, 1) == 0)
            {
                _fx.CloudA.StopAsync().GetAwaiter().GetResult();
            }
        });
        ProviderApplyResult broken;
        try
        {
            broken = Assert.Single(await s.Reconciler(new ProvisioningOptions { MaxParallelismPerProvider = 2 }).ApplyAsync(ProvisioningScenario.Cli(), progress, ct));
        }
        finally
        {
            if (stopped == 1) await _fx.CloudA.StartAsync();
        }

        Assert.Equal(1, stopped);
        Assert.Equal(ProvisioningRunStatus.Failed, broken.Status);
        Assert.Contains("Keystone unreachable", broken.Error);
        Assert.Contains("the next run resumes", broken.Error);
        var unfinished = Assert.Single(await s.Journal.ListUnfinishedRunsAsync("cloud-a", ct));
        Assert.Equal(broken.RunId, unfinished.RunId);
        Assert.True(unfinished.Done < unfinished.Planned, $"{unfinished.Done}/{unfinished.Planned}");

        var resumed = Assert.Single(await s.Reconciler().ApplyAsync(ProvisioningScenario.Cli(), null, ct));
        Assert.True(resumed.Status == ProvisioningRunStatus.Completed, resumed.Error + string.Join("; ", resumed.StepErrors));
        Assert.Equal(ProvisioningRunStatus.Resumed, (await s.Journal.ListRunsAsync("cloud-a", 10, ct)).Single(r => r.RunId == broken.RunId).Status);
        await AssertConvergedAsync(s, ct);
    }

    [Fact]
    public async Task Cli_killed_during_apply_resumes_without_duplicates_or_orphans()
    {
        await ScsfedCli.EnsureBuiltAsync();
        var s = await ProvisioningScenario.CreateAsync(_fx);
        var file = s.WriteFederationFile();
        var password = _fx.CloudA.AdminPassword;
        var (onboardCode, onboardOut) = await ScsfedCli.RunAsync(password, "provider", "onboard", "cloud-a", "--config", file);
        Assert.True(onboardCode == 0, onboardOut);
        for (var i = 0; i < Accounts; i++) await s.SetAccountAsync($"acc-{i}", $"c{i:D2}", "scs-admins");

        using (var apply = Process.Start(ScsfedCli.StartInfo(password, "provision", "apply", "--config", file, "--parallelism", "2"))!)
        {
            var killed = false;
            _ = apply.StandardOutput.ReadToEndAsync();
            var progressLine = new Regex(@"projects, groups, users (\d+)/");
            string? line;
            while ((line = await apply.StandardError.ReadLineAsync()) is not null)
            {
                var m = progressLine.Match(line);
                if (m.Success && int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture) >= 20)
                {
                    apply.Kill(entireProcessTree: true);
                    killed = true;
                    break;
                }
            }
            await apply.WaitForExitAsync();
            Assert.True(killed, "the CLI finished before it could be killed; its progress output did not show the create phase");
        }
        var interrupted = Assert.Single(await s.Journal.ListUnfinishedRunsAsync("cloud-a", CancellationToken.None));
        Assert.Equal(ProvisioningRunStatus.Running, interrupted.Status); // nobody got to finish it

        var (code, output) = await ScsfedCli.RunAsync(password, "provision", "apply", "--config", file);
        Assert.True(code == 0, output);
        Assert.Contains("provider cloud-a: Completed", output);
        await AssertConvergedAsync(s, CancellationToken.None);

        var (again, againOut) = await ScsfedCli.RunAsync(password, "provision", "apply", "--config", file);
        Assert.True(again == 0, againOut);
        Assert.Contains(" 0 changes", againOut);
    }

    /// <summary>
    /// Every account has exactly its user, project and assignment; every hub-made object in the domain is recorded as
    /// owned (no orphans) and every record points at an existing object; a further run has nothing to do.
    /// </summary>
    private static async Task AssertConvergedAsync(ProvisioningScenario s, CancellationToken ct)
    {
        using var client = s.Client();
        var domain = (await client.FindDomainAsync(s.Domain, ct))!;
        var users = await client.ListUsersAsync(domain.Id, ct);
        var projects = await client.ListProjectsAsync(domain.Id, ct);
        Assert.Equal(Accounts, users.Count);
        Assert.Equal(Accounts, projects.Count);
        Assert.Equal(Accounts, users.Select(u => u.Name).Distinct().Count());
        var member = (await client.ListRolesAsync(ct, "member")).Single();
        var assignments = (await client.ListRoleAssignmentsAsync(ct)).Where(a => a.RoleId == member.Id && users.Any(u => u.Id == a.UserId)).ToList();
        Assert.Equal(Accounts, assignments.Count);

        var owned = await s.Ownership.ListAsync("cloud-a", OwnedObject.ProvisioningOrigin, ct);
        foreach (var u in users) Assert.Contains(owned, o => o.KeyText == $"user:{s.Domain}/{u.Name}" && o.KeystoneId == u.Id);
        foreach (var p in projects)
        {
            Assert.True(p.HasTag("scsfed-managed"), p.Name);
            Assert.Contains(owned, o => o.KeyText == $"project:{s.Domain}/{p.Name}" && o.KeystoneId == p.Id);
        }
        Assert.Equal(Accounts, owned.Count(o => o.KeyText.StartsWith("assignment:", StringComparison.Ordinal)));

        var plan = Assert.Single(await s.Reconciler().PlanAsync(ProvisioningScenario.Cli(), ct));
        Assert.Empty(plan.Changes);
    }
}
