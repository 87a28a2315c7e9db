using Microsoft.AspNetCore.HttpOverrides;
using OpenTelemetry.Metrics;
using OpenTelemetry.Resources;
using OpenTelemetry.Trace;
using ScsFederation.Core.Configuration;

namespace ScsFederation.Hub.Operations;

/// <summary>
/// Logs, metrics, traces and shutdown from <c>hub.operations</c>: JSON console logs for collectors, OpenTelemetry
/// metrics (ASP.NET Core's and Kestrel's built-in meters, HTTP client, runtime, and <see cref="HubMetrics"/>) and
/// traces, pushed over OTLP when a collector is configured and scraped by Prometheus on a listener of its own, and
/// a graceful-shutdown window for requests in flight.
/// </summary>
public static class HubTelemetry
{
    public const string ActivitySourceName = "ScsFederation.Hub";

    /// <summary>For what is logged before the host exists (first signing keys): the same console format as the host's.</summary>
    public static ILoggerFactory StartupLoggerFactory(FederationConfig config) => LoggerFactory.Create(l => AddConsole(l, config.Hub.Operations));

    private static void AddConsole(ILoggingBuilder logging, OperationsSettings operations)
    {
        if (operations.LogFormat != "json")
        {
            logging.AddConsole();
            return;
        }
        logging.AddJsonConsole(o =>
        {
            o.IncludeScopes = false;
            o.TimestampFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";
            o.UseUtcTimestamp = true;
        });
    }

    public static void AddHubOperations(this WebApplicationBuilder builder, FederationConfig config)
    {
        var operations = config.Hub.Operations;
        if (operations.LogFormat == "json")
        {
            builder.Logging.ClearProviders();
            AddConsole(builder.Logging, operations);
        }
        // Kestrel stops accepting at once and lets requests in flight finish within this window.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(operations.ShutdownSeconds));

        var otel = builder.Services.AddOpenTelemetry()
            .ConfigureResource(r => r.AddService("scsfed-hub", serviceInstanceId: Environment.MachineName + "-" + Environment.ProcessId))
            .WithMetrics(m =>
            {
                m.AddMeter(HubMetrics.MeterName, "Microsoft.AspNetCore.Hosting", "Microsoft.AspNetCore.Server.Kestrel", "Microsoft.AspNetCore.RateLimiting", "System.Net.Http")
                 .AddRuntimeInstrumentation();
                // No response cache: the listener is the scraper's alone, and a cached answer would hide the last seconds.
                if (operations.PrometheusPort is not null) m.AddPrometheusExporter(o => o.ScrapeResponseCacheDurationMilliseconds = 0);
                if (operations.OtlpEndpoint is { } otlp) m.AddOtlpExporter(o => o.Endpoint = new Uri(otlp));
            });
        if (operations.OtlpEndpoint is { } endpoint)
        {
            // Traces only where a collector takes them; query strings (codes, state) are never recorded.
            otel.WithTracing(t => t
                .AddSource(ActivitySourceName)
                .AddAspNetCoreInstrumentation(o => o.EnrichWithHttpRequest = (activity, _) => activity.SetTag("url.query", null))
                .AddHttpClientInstrumentation()
                .AddOtlpExporter(o => o.Endpoint = new Uri(endpoint)));
        }

        if (operations.PrometheusPort is { } port)
        {
            // A listener of its own: /metrics is never served where people log in, and the login port never serves it.
            // Added to whatever the hub listens on already (the issuer's address, or --urls / ASPNETCORE_URLS).
            var urls = builder.Configuration[WebHostDefaults.ServerUrlsKey] ?? Environment.GetEnvironmentVariable("ASPNETCORE_URLS")
                       ?? throw new InvalidOperationException("the hub's listen address must be set before hub.operations is applied");
            builder.WebHost.UseUrls($"{urls};http://{operations.PrometheusHost}:{port}");
        }
    }

    /// <summary>
    /// Behind a TLS-terminating ingress the hub sees http from the proxy: it takes scheme and client address from
    /// <c>X-Forwarded-Proto</c>/<c>-For</c>, but only from the configured proxies (anyone else could claim https or
    /// another client address to dodge rate limits). Nothing is trusted by default, not even loopback.
    /// </summary>
    public static void UseHubForwardedHeaders(this WebApplication app, FederationConfig config)
    {
        var proxies = config.Hub.Operations.TrustedProxies;
        if (proxies.Count == 0) return;
        var options = new ForwardedHeadersOptions { ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto, ForwardLimit = 1 };
        options.KnownProxies.Clear();
        options.KnownIPNetworks.Clear();
        foreach (var entry in proxies)
        {
            if (System.Net.IPAddress.TryParse(entry, out var address)) options.KnownProxies.Add(address);
            else options.KnownIPNetworks.Add(System.Net.IPNetwork.Parse(entry));
        }
        app.UseForwardedHeaders(options);
    }

    /// <summary>First in the pipeline: the scrape listener serves <c>/metrics</c> and nothing else (404), the other listeners never <c>/metrics</c>.</summary>
    public static void UseHubMetrics(this WebApplication app, FederationConfig config)
    {
        if (config.Hub.Operations.PrometheusPort is not { } port) return;
        app.UseOpenTelemetryPrometheusScrapingEndpoint(context => context.Request.Path == "/metrics" && context.Connection.LocalPort == port);
        app.Use((context, next) =>
        {
            if (context.Connection.LocalPort != port) return next(context);
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            return Task.CompletedTask;
        });
    }
}
