using System.Threading.Channels;
using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning.Persistence;
using ScsFederation.Provisioning.Reconciliation;

namespace ScsFederation.Hub.Broker;

/// <summary>
/// Just-in-time provisioning: after a login changed what a provider grants an account, that account alone is
/// reconciled on that provider in the background, so the login never waits for Keystone. Repeated logins of one
/// account coalesce; a run that fails or finds the provider busy is retried a few times with growing delays, after
/// which the schedule (or the next login) catches up.
/// </summary>
public sealed class LoginProvisioningQueue : BackgroundService
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(15), TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5)];
    private readonly Channel<(string AccountId, string ProviderId, int Attempt)> _queue = Channel.CreateBounded<(string, string, int)>(new BoundedChannelOptions(10_000) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly HashSet<(string, string)> _pending = [];
    private readonly Lock _gate = new();
    private readonly ProvisioningBroker _broker;
    private readonly FederationConfig _config;
    private readonly ILogger<LoginProvisioningQueue> _logger;

    public LoginProvisioningQueue(ProvisioningBroker broker, FederationConfig config, ILogger<LoginProvisioningQueue> logger)
    {
        _broker = broker;
        _config = config;
        _logger = logger;
    }

    /// <summary>Queues the account on each provider whose grant changed (only Keystone providers are provisioned this way).</summary>
    public void Enqueue(string accountId, IEnumerable<string> changedProviderIds)
    {
        if (!_config.Hub.Provisioning.OnLogin) return;
        foreach (var providerId in changedProviderIds)
        {
            if (_config.FindProvider(providerId)?.Keystone is null) continue;
            Offer(accountId, providerId, 0);
        }
    }

    private void Offer(string accountId, string providerId, int attempt)
    {
        lock (_gate)
        {
            if (!_pending.Add((accountId, providerId))) return;
        }
        if (!_queue.Writer.TryWrite((accountId, providerId, attempt)))
        {
            lock (_gate) _pending.Remove((accountId, providerId));
            _logger.LogWarning("Just-in-time provisioning queue is full: account {Account} on {Provider} waits for the next scheduled run", accountId, providerId);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Providers are independent: a slow Keystone must not hold up logins to the others.
        var workers = Enumerable.Range(0, 4).Select(_ => WorkAsync(stoppingToken)).ToArray();
        await Task.WhenAll(workers).ConfigureAwait(false);
    }

    private async Task WorkAsync(CancellationToken stoppingToken)
    {
        await foreach (var (accountId, providerId, attempt) in _queue.Reader.ReadAllAsync(stoppingToken).ConfigureAwait(false))
        {
            lock (_gate) _pending.Remove((accountId, providerId));
            var request = new ProvisioningRequest(ProvisioningRequest.LoginTrigger, "login:" + accountId, providerId, accountId) { WaitForLease = TimeSpan.FromSeconds(30) };
            ProvisioningRunStatus status;
            try
            {
                status = (await _broker.ApplyAsync(request, stoppingToken).ConfigureAwait(false)).Single().Status;
            }
            catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
            {
                _logger.LogWarning(e, "Just-in-time provisioning of account {Account} on {Provider} failed", accountId, providerId);
                status = ProvisioningRunStatus.Failed;
            }
            if (status is ProvisioningRunStatus.Failed or ProvisioningRunStatus.Busy && attempt < RetryDelays.Length)
            {
                _ = RetryLaterAsync(accountId, providerId, attempt, stoppingToken);
            }
        }
    }

    private async Task RetryLaterAsync(string accountId, string providerId, int attempt, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Delay(RetryDelays[attempt], stoppingToken).ConfigureAwait(false);
            Offer(accountId, providerId, attempt + 1);
        }
        catch (OperationCanceledException)
        {
        }
    }
}
