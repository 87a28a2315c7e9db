using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub;

namespace ScsFederation.Interop.Tests.Infrastructure;

/// <summary>The real hub, hosted in this process on its issuer's loopback port; can be stopped and started again on the same data.</summary>
public sealed class HubInstance : IAsyncDisposable
{
    private WebApplication? _app;
    private readonly Action<WebApplicationBuilder>? _configure;

    public HubInstance(FederationConfig config, Action<WebApplicationBuilder>? configure = null)
    {
        Config = config;
        _configure = configure;
    }

    public FederationConfig Config { get; }

    public string Issuer => Config.Hub.Issuer;

    /// <summary>The hub's clock (OpenIddict's too): the real time plus an offset tests can move instead of sleeping.</summary>
    public ShiftedClock Clock { get; } = new();

    public IServiceProvider Services => _app?.Services ?? throw new InvalidOperationException("the hub is not running");

    public async Task StartAsync()
    {
        _app = await HubHost.CreateAsync(Config, configure: b =>
        {
            b.Logging.SetMinimumLevel(LogLevel.Warning);
            b.Services.AddSingleton<TimeProvider>(Clock);
            _configure?.Invoke(b);
        });
        await _app.StartAsync();
    }

    public async Task StopAsync()
    {
        if (_app is null) return;
        await _app.StopAsync();
        await _app.DisposeAsync();
        _app = null;
    }

    public async Task RestartAsync()
    {
        await StopAsync();
        await StartAsync();
    }

    public async ValueTask DisposeAsync() => await StopAsync();
}
