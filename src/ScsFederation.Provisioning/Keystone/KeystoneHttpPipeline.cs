using System.Net;
using Microsoft.Extensions.Http.Resilience;
using Polly;

namespace ScsFederation.Provisioning.Keystone;

/// <summary>
/// The HTTP stack under <see cref="KeystoneClient"/>: Microsoft.Extensions.Http.Resilience retries with exponential
/// backoff and jitter on 5xx, 408, 429, connection failures and per-attempt timeouts. Creates are safe to retry
/// because the client treats Keystone's 409 (name already taken) as "already exists".
/// </summary>
public static class KeystoneHttpPipeline
{
    public static HttpClient CreateHttpClient(KeystoneClientOptions options)
    {
        var pipeline = new ResiliencePipelineBuilder<HttpResponseMessage>()
            .AddTimeout(options.TotalTimeout)
            .AddRetry(new HttpRetryStrategyOptions
            {
                MaxRetryAttempts = options.MaxRetries,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryBaseDelay,
                ShouldRetryAfterHeader = true,
            })
            .AddTimeout(options.AttemptTimeout)
            .Build();
        var handler = new ResilienceHandler(pipeline)
        {
            InnerHandler = new SocketsHttpHandler
            {
                PooledConnectionLifetime = TimeSpan.FromMinutes(5),
                AutomaticDecompression = DecompressionMethods.All,
                AllowAutoRedirect = false,
                MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            },
        };
        // The pipeline owns the timeouts; HttpClient's own must not cut retries short.
        return new HttpClient(handler) { Timeout = Timeout.InfiniteTimeSpan };
    }
}

public sealed class KeystoneClientOptions
{
    public int MaxRetries { get; set; } = 4;

    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMilliseconds(300);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(2);

    public int MaxConnectionsPerServer { get; set; } = 8;
}
