using Microsoft.EntityFrameworkCore;
using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Persistence;
using ScsFederation.Provisioning.Reconciliation;
using ScsFederation.Provisioning.Tests.Fixtures;
using ScsFederation.Storage;
using ScsFederation.Storage.Provisioning;

namespace ScsFederation.Provisioning.Tests;

/// <summary>
/// One run per provider at a time across hub instances and the CLI: the lease rows in a real SQLite hub database,
/// and the reconciler refusing (or waiting for) a provider whose lease someone else holds.
/// </summary>
public sealed class ProvisioningLeaseTests : IAsyncLifetime
{
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-lease-").FullName;
    private IDbContextFactory<HubDbContext> _db = null!;
    private readonly ManualClock _clock = new(new DateTimeOffset(2026, 11, 25, 12, 0, 0, TimeSpan.Zero));

    public async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(Path.Combine(_folder, "hub.db"));

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task A_held_lease_is_refused_to_others_renewed_by_its_holder_and_free_after_release()
    {
        var leases = new EfProvisioningLeases(_db, _clock);
        var ct = CancellationToken.None;
        var first = await leases.TryAcquireAsync("cloud-a", "instance-1", TimeSpan.FromMinutes(2), ct);
        Assert.True(first.Acquired);

        var other = await leases.TryAcquireAsync("cloud-a", "instance-2", TimeSpan.FromMinutes(2), ct);
        Assert.False(other.Acquired);
        Assert.Equal("instance-1", other.Holder);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(2), other.ExpiresAt);

        // Another provider's lease is independent.
        Assert.True((await leases.TryAcquireAsync("cloud-b", "instance-2", TimeSpan.FromMinutes(2), ct)).Acquired);

        _clock.Advance(TimeSpan.FromMinutes(1));
        var renewed = await leases.TryAcquireAsync("cloud-a", "instance-1", TimeSpan.FromMinutes(2), ct);
        Assert.True(renewed.Acquired);
        Assert.Equal(_clock.GetUtcNow().AddMinutes(2), renewed.ExpiresAt);

        await leases.ReleaseAsync("cloud-a", "instance-2", ct); // not the holder: changes nothing
        Assert.False((await leases.TryAcquireAsync("cloud-a", "instance-2", TimeSpan.FromMinutes(2), ct)).Acquired);
        await leases.ReleaseAsync("cloud-a", "instance-1", ct);
        Assert.True((await leases.TryAcquireAsync("cloud-a", "instance-2", TimeSpan.FromMinutes(2), ct)).Acquired);
    }

    [Fact]
    public async Task A_lapsed_lease_passes_to_the_next_run_and_its_old_holder_cannot_renew_it()
    {
        var leases = new EfProvisioningLeases(_db, _clock);
        var ct = CancellationToken.None;
        Assert.True((await leases.TryAcquireAsync("cloud-a", "crashed", TimeSpan.FromMinutes(2), ct)).Acquired);
        _clock.Advance(TimeSpan.FromMinutes(1));
        Assert.False((await leases.TryAcquireAsync("cloud-a", "next", TimeSpan.FromMinutes(2), ct)).Acquired);
        _clock.Advance(TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(1));
        Assert.True((await leases.TryAcquireAsync("cloud-a", "next", TimeSpan.FromMinutes(2), ct)).Acquired);

        var stale = await leases.TryAcquireAsync("cloud-a", "crashed", TimeSpan.FromMinutes(2), ct);
        Assert.False(stale.Acquired);
        Assert.Equal("next", stale.Holder);
    }

    /// <summary>scripts/test.sh always provides PostgreSQL (SCSFED_TEST_POSTGRES), so CI races on both databases.</summary>
    public static TheoryData<string> Storages()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (TestDatabase.PostgreSqlServer is not null) data.Add("postgresql");
        return data;
    }

    [Theory]
    [MemberData(nameof(Storages))]
    public async Task Racing_for_a_lease_lets_exactly_one_win_first_and_after_it_lapsed(string storage)
    {
        var db = storage == "postgresql" ? await TestDatabase.CreatePostgreSqlAsync() : _db;
        var ct = CancellationToken.None;
        var attempts = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => new EfProvisioningLeases(db, _clock).TryAcquireAsync("cloud-race", "holder-" + i, TimeSpan.FromMinutes(2), ct))));
        var winner = Assert.Single(attempts, a => a.Acquired);
        Assert.All(attempts.Where(a => !a.Acquired), a => Assert.Equal(winner.Holder, a.Holder));

        // The conditional UPDATE that takes a lapsed lease admits one taker as well.
        _clock.Advance(TimeSpan.FromMinutes(3));
        var retakes = await Task.WhenAll(Enumerable.Range(0, 12).Select(i =>
            Task.Run(() => new EfProvisioningLeases(db, _clock).TryAcquireAsync("cloud-race", "next-" + i, TimeSpan.FromMinutes(2), ct))));
        var next = Assert.Single(retakes, a => a.Acquired);
        Assert.StartsWith("next-", next.Holder);
        Assert.All(retakes.Where(a => !a.Acquired), a => Assert.Equal(next.Holder, a.Holder));
    }

    [Fact]
    public async Task A_run_finds_a_provider_busy_while_another_holds_its_lease_and_touches_nothing()
    {
        var (reconciler, journal) = Reconciler(new EfProvisioningLeases(_db));
        var ct = CancellationToken.None;
        var leases = new EfProvisioningLeases(_db);
        Assert.True((await leases.TryAcquireAsync("cloud-x", "other-instance", TimeSpan.FromMinutes(2), ct)).Acquired);

        var result = Assert.Single(await reconciler.ApplyAsync(new ProvisioningRequest(ProvisioningRequest.CliTrigger, "test", "cloud-x"), null, ct));
        Assert.Equal(ProvisioningRunStatus.Busy, result.Status);
        Assert.Contains("other-instance", result.Error);
        Assert.Equal(0, result.KeystoneRequests);
        Assert.Empty(await journal.ListRunsAsync("cloud-x", 10, ct));
    }

    [Fact]
    public async Task A_lease_left_by_a_killed_process_on_this_machine_is_taken_over_at_once_and_a_live_ones_is_not()
    {
        var (reconciler, _) = Reconciler(new EfProvisioningLeases(_db));
        var leases = new EfProvisioningLeases(_db);
        var ct = CancellationToken.None;

        using var alive = System.Diagnostics.Process.Start("sleep", "60")!;
        try
        {
            var liveHolder = $"{Environment.MachineName}/{alive.Id}/cli/live";
            Assert.True((await leases.TryAcquireAsync("cloud-x", liveHolder, TimeSpan.FromMinutes(2), ct)).Acquired);
            var busy = Assert.Single(await reconciler.ApplyAsync(new ProvisioningRequest(ProvisioningRequest.CliTrigger, "test", "cloud-x"), null, ct));
            Assert.Equal(ProvisioningRunStatus.Busy, busy.Status);

            // Another machine's holder is never judged by its PID, even one that does not exist here.
            await leases.ReleaseAsync("cloud-x", liveHolder, ct);
            Assert.True((await leases.TryAcquireAsync("cloud-x", $"other-host/{alive.Id}/cli/remote", TimeSpan.FromMinutes(2), ct)).Acquired);
            Assert.Equal(ProvisioningRunStatus.Busy, Assert.Single(await reconciler.ApplyAsync(new ProvisioningRequest(ProvisioningRequest.CliTrigger, "test", "cloud-x"), null, ct)).Status);
            await leases.ReleaseAsync("cloud-x", $"other-host/{alive.Id}/cli/remote", ct);
        }
        finally
        {
            alive.Kill();
            await alive.WaitForExitAsync();
        }

        var deadHolder = $"{Environment.MachineName}/{alive.Id}/cli/killed";
        Assert.True((await leases.TryAcquireAsync("cloud-x", deadHolder, TimeSpan.FromMinutes(2), ct)).Acquired);
        var result = Assert.Single(await reconciler.ApplyAsync(new ProvisioningRequest(ProvisioningRequest.CliTrigger, "test", "cloud-x"), null, ct));
        // It ran (and failed on the missing Keystone) instead of waiting two minutes for the dead run's lease.
        Assert.Equal(ProvisioningRunStatus.Failed, result.Status);
        Assert.Contains("127.0.0.1:9359", result.Error);
        // A take-over names the holder it replaces: it cannot steal a lease that has passed to someone else.
        Assert.True((await leases.TryAcquireAsync("cloud-x", "fresh", TimeSpan.FromMinutes(2), ct)).Acquired);
        var refused = await leases.TakeOverAsync("cloud-x", deadHolder, "thief", TimeSpan.FromMinutes(2), ct);
        Assert.False(refused.Acquired);
        Assert.Equal("fresh", refused.Holder);
    }

    [Fact]
    public async Task A_run_waits_for_the_lease_and_then_runs()
    {
        var (reconciler, journal) = Reconciler(new EfProvisioningLeases(_db));
        var ct = CancellationToken.None;
        var leases = new EfProvisioningLeases(_db);
        Assert.True((await leases.TryAcquireAsync("cloud-x", "other-instance", TimeSpan.FromMinutes(2), ct)).Acquired);
        _ = Task.Delay(TimeSpan.FromSeconds(1)).ContinueWith(_ => leases.ReleaseAsync("cloud-x", "other-instance", ct), ct);

        var request = new ProvisioningRequest(ProvisioningRequest.CliTrigger, "test", "cloud-x") { WaitForLease = TimeSpan.FromSeconds(30) };
        var result = Assert.Single(await reconciler.ApplyAsync(request, null, ct));
        // It ran: nothing listens where this provider's Keystone should be, so the run fails on reading it.
        Assert.Equal(ProvisioningRunStatus.Failed, result.Status);
        Assert.Contains("127.0.0.1:9359", result.Error);
        // And it gave the lease back.
        Assert.True((await leases.TryAcquireAsync("cloud-x", "after", TimeSpan.FromMinutes(2), ct)).Acquired);
    }

    private (ProvisioningReconciler, EfProvisioningJournal) Reconciler(IProvisioningLeases leases)
    {
        var config = new FederationConfig
        {
            Hub = new HubSettings { Issuer = "http://127.0.0.1:8085" },
            Providers =
            [
                new CloudProvider
                {
                    Id = "cloud-x",
                    // Nothing listens on the last port of the tests' range.
                    Keystone = new KeystoneSettings { Url = "http://127.0.0.1:9359/v3", Domain = "scs-fed", Admin = new KeystoneAdminCredentials { Password = "unused" } },
                },
            ],
        };
        var journal = new EfProvisioningJournal(_db);
        var reconciler = new ProvisioningReconciler(config, new EfDesiredGrantSource(_db), journal, new EfOwnershipStore(_db),
            p => KeystoneClient.Create(p.Keystone!, new KeystoneClientOptions { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) }), null, leases);
        return (reconciler, journal);
    }

    private sealed class ManualClock(DateTimeOffset start) : TimeProvider
    {
        private DateTimeOffset _now = start;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
