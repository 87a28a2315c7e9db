using Microsoft.EntityFrameworkCore;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;
using OpenIddict.Abstractions;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Accounts;
using ScsFederation.Hub.Admin;
using ScsFederation.Hub.Broker;
using ScsFederation.Hub.DidWeb;
using ScsFederation.Hub.GaiaX;
using ScsFederation.Hub.Grants;
using ScsFederation.Hub.Housekeeping;
using ScsFederation.Hub.Saml;
using ScsFederation.Saml;
using ScsFederation.Hub.Keys;
using ScsFederation.Hub.Keys.DataProtection;
using ScsFederation.Hub.Login;
using ScsFederation.Hub.Oidc;
using ScsFederation.Hub.Upstreams;
using ScsFederation.Hub.Http;
using ScsFederation.Hub.Operations;
using ScsFederation.Storage;

namespace ScsFederation.Hub;

/// <summary>
/// Builds the hub's web application from a federation file: storage, keys, the OpenID Provider (OpenIddict),
/// upstream logins and pages. Used by Program and by tests that host the hub in-process on a loopback port.
/// </summary>
public static class HubHost
{
    public static async Task<WebApplication> CreateAsync(FederationConfig config, string[]? args = null, Action<WebApplicationBuilder>? configure = null, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args ?? [], ContentRootPath = AppContext.BaseDirectory });
        var issuer = new Uri(config.Hub.Issuer);
        if (builder.Configuration["urls"] is null && Environment.GetEnvironmentVariable("ASPNETCORE_URLS") is null)
        {
            // Listen where the issuer says, so the sample federation needs no extra flags.
            builder.WebHost.UseUrls($"{issuer.Scheme}://{issuer.Host}:{issuer.Port}");
        }

        // OpenIddict logs whole protocol messages (tokens included) at Information: keep them out of the logs.
        builder.Logging.AddFilter("OpenIddict", LogLevel.Warning);
        builder.Logging.AddFilter("Microsoft.EntityFrameworkCore", LogLevel.Warning);
        builder.AddHubOperations(config);
        var services = builder.Services;
        services.AddSingleton(config);
        services.AddSingleton(config.Hub);
        services.AddSingleton(TimeProvider.System);
        services.AddHubStorage(config.Hub);

        var kek = KeyEncryptionKey.Load(config.Hub);
        services.AddSingleton(kek);
        services.AddSingleton<SigningKeyStore>();
        var ring = new SigningKeyRing();
        services.AddSingleton(ring);
        services.AddHostedService<SigningKeyRotationService>();

        // Schema and first keys before OpenIddict is configured: it needs at least one signing key at start-up.
        await using (var db = StorageServiceCollectionExtensions.CreateContext(config.Hub))
        {
            await DatabaseInitializer.InitializeAsync(db, cancellationToken);
            using var loggerFactory = HubTelemetry.StartupLoggerFactory(config);
            var store = new SigningKeyStore(kek, config.Hub, TimeProvider.System, loggerFactory.CreateLogger<SigningKeyStore>());
            ring.Replace(await store.EnsureAndLoadAsync(db, cancellationToken));
        }

        var cookies = new HubCookies(config.Hub);
        services.AddDataProtection().SetApplicationName("ScsFederation.Hub").PersistKeysToDbContext<HubDbContext>().ProtectKeysWithKeyEncryptionKey(kek);
        services.AddAuthentication(HubSession.Scheme)
            .AddCookie(HubSession.Scheme, o =>
            {
                o.Cookie.Name = cookies.Name("scsfed.session");
                o.Cookie.HttpOnly = true;
                o.Cookie.SameSite = SameSiteMode.Lax;
                o.Cookie.SecurePolicy = issuer.Scheme == Uri.UriSchemeHttps ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
                o.ExpireTimeSpan = TimeSpan.FromHours(8);
                o.SlidingExpiration = true;
                o.LoginPath = "/login";
                o.Events.OnRedirectToLogin = ctx => { ctx.Response.StatusCode = 401; return Task.CompletedTask; };
                SessionLifetime.Apply(o, TimeSpan.FromHours(config.Hub.Session.AbsoluteHours));
            });
        services.AddAuthorization();
        services.AddUpstreamAuthenticationTime();

        services.AddOpenIddict()
            .AddCore(o => o.UseEntityFrameworkCore().UseDbContext<HubDbContext>())
            .AddServer(o =>
            {
                // The canonical spelling (what OpenIddict writes as iss) is what onboarding hands relying parties.
                o.SetIssuer(new Uri(config.Hub.CanonicalIssuer));
                o.SetAuthorizationEndpointUris("connect/authorize")
                 .SetTokenEndpointUris("connect/token")
                 .SetUserInfoEndpointUris("connect/userinfo")
                 .SetEndSessionEndpointUris("connect/logout")
                 .SetDeviceAuthorizationEndpointUris("connect/device")
                 .SetEndUserVerificationEndpointUris("connect/verify")
                 .SetIntrospectionEndpointUris("connect/introspect")
                 .SetRevocationEndpointUris("connect/revoke")
                 .SetJsonWebKeySetEndpointUris(".well-known/jwks");
                o.AllowAuthorizationCodeFlow().AllowRefreshTokenFlow().AllowClientCredentialsFlow().AllowDeviceAuthorizationFlow();
                // PKCE "plain" protects nothing against a code interceptor: only S256 is offered and accepted.
                o.Configure(options => options.CodeChallengeMethods.Remove(OpenIddictConstants.CodeChallengeMethods.Plain));
                o.RegisterScopes(OpenIddictConstants.Scopes.Email, OpenIddictConstants.Scopes.Profile, OpenIddictConstants.Scopes.OfflineAccess, HubClaimsFactory.GroupsScope, HubAdministrators.Scope);
                o.RegisterClaims("groups", "idp", "projects");
                // A refresh token is good for exactly one use; presenting it again revokes the whole chain.
                o.SetRefreshTokenReuseLeeway(TimeSpan.Zero);
                o.SetAccessTokenLifetime(TimeSpan.FromMinutes(config.Hub.Tokens.AccessTokenMinutes))
                 .SetIdentityTokenLifetime(TimeSpan.FromMinutes(config.Hub.Tokens.IdTokenMinutes))
                 .SetRefreshTokenLifetime(TimeSpan.FromDays(config.Hub.Tokens.RefreshTokenDays))
                 .SetAuthorizationCodeLifetime(TimeSpan.FromSeconds(config.Hub.Tokens.AuthorizationCodeSeconds))
                 .SetDeviceCodeLifetime(TimeSpan.FromMinutes(config.Hub.Tokens.DeviceCodeMinutes))
                 .SetUserCodeLifetime(TimeSpan.FromMinutes(config.Hub.Tokens.DeviceCodeMinutes));
                o.AddEncryptionKey(new SymmetricSecurityKey(kek.Derive("openiddict-token-encryption")));
                foreach (var key in ring.Current.Published)
                {
                    o.AddSigningCredentials(key.Credentials);
                }
                foreach (var handler in SigningKeyRingHandlers.All)
                {
                    o.AddEventHandler(handler);
                }
                Oidc.TokenRedemption.AtomicTokenRedemption.Register(o);
                UpstreamReauthentication.Register(o);
                o.AddEventHandler(IntrospectionAnswer.Descriptor);
                o.AddEventHandler(TokenIssuanceMetrics.Descriptor);
                o.AddEventHandler(BackchannelLogout.AdvertiseInDiscovery.Descriptor);
                // Keystone (mod_auth_openidc) and kube-apiserver validate access tokens themselves: JWT, signed, not encrypted.
                o.DisableAccessTokenEncryption();
                var aspnet = o.UseAspNetCore()
                    .EnableAuthorizationEndpointPassthrough()
                    .EnableTokenEndpointPassthrough()
                    .EnableUserInfoEndpointPassthrough()
                    .EnableEndSessionEndpointPassthrough()
                    .EnableEndUserVerificationEndpointPassthrough();
                if (issuer.Scheme == Uri.UriSchemeHttp)
                {
                    aspnet.DisableTransportSecurityRequirement(); // only reachable for loopback issuers (validated in the federation file)
                }
            })
            .AddValidation(o =>
            {
                o.UseLocalServer();
                o.UseAspNetCore();
            });

        services.AddHttpClient(OidcUpstreamClient.HttpClientName, c =>
        {
            c.Timeout = TimeSpan.FromSeconds(15);
            c.DefaultRequestHeaders.UserAgent.ParseAdd("ScsFederation-Hub/0.1");
        }).ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        services.AddSingleton<OidcUpstreamClient>();
        services.AddSingleton<HomeRealmDiscovery>();
        services.AddScoped<AccountLinker>();
        services.AddSingleton(ProviderRuleSets.Load(config));
        services.AddSingleton(new HubAdministrators(config));
        SamlMetadataSource.AddHttpClient(services);
        using (var bootstrap = SamlMetadataSource.AddHttpClient(new ServiceCollection()).BuildServiceProvider())
        {
            services.AddSingleton(await SamlServiceProvider.LoadAsync(config, kek, bootstrap.GetRequiredService<IHttpClientFactory>(), cancellationToken));
        }
        services.AddHostedService<SamlMetadataRefreshService>();
        services.AddSingleton(cookies);
        services.AddSingleton<SamlBrowserBinding>();
        services.AddHubAntiforgery(cookies);
        services.AddHubRateLimits(config.Hub.RateLimits);
        services.AddExpiredRowPurge();
        services.AddScoped<ISamlReplayCache, DatabaseSamlReplayCache>();
        services.AddScoped<ISamlRequestStore, DatabaseSamlRequestStore>();
        services.AddScoped(sp => new SamlResponseValidator(sp.GetRequiredService<ISamlReplayCache>(), sp.GetRequiredService<ISamlRequestStore>(), sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<IDbContextFactory<HubDbContext>>(new HubDbContextFactory(config.Hub));
        services.AddSingleton<ProvisioningBroker>();
        services.AddSingleton<LoginProvisioningQueue>();
        services.AddHostedService(sp => sp.GetRequiredService<LoginProvisioningQueue>());
        services.AddHostedService<ScheduledProvisioningService>();
        services.AddScoped<ProviderGrantService>();
        services.AddScoped<IProviderGrantClaims>(sp => sp.GetRequiredService<ProviderGrantService>());
        services.AddScoped<HubClaimsFactory>();
        services.AddScoped<ClientRegistrar>();
        services.AddIssuerIdentity(config);
        services.AddGaiaXPublication(config);
        services.AddHubHealth();
        services.AddScoped<Portal.MyClouds>();
        services.AddScoped<Portal.PersonApplications>();
        services.AddScoped<BackchannelLogout>();
        services.AddHttpClient(BackchannelLogout.HttpClientName, c => c.Timeout = TimeSpan.FromSeconds(10))
            .ConfigurePrimaryHttpMessageHandler(() => new SocketsHttpHandler { AllowAutoRedirect = false });
        // The admin API's contract for scripts and the operator console; the browser pages and OIDC endpoints are not part of it.
        services.AddOpenApi(o =>
        {
            o.ShouldInclude = d => d.RelativePath?.StartsWith("admin/", StringComparison.Ordinal) == true;
            o.AddDocumentTransformer((document, _, _) =>
            {
                document.Info = new() { Title = "ScsFederation hub admin API", Version = "v1", Description = "Bearer: hub.adminToken, or a hub access token with the role federation-admin (scope federation-admin)." };
                return Task.CompletedTask;
            });
        });

        configure?.Invoke(builder);
        var app = builder.Build();

        await using (var scope = app.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<ClientRegistrar>().SyncAsync(config.Clients, cancellationToken);
        }
        // SAML metadata was read before the host was built: readiness starts from that read.
        var upstreamHealth = app.Services.GetRequiredService<UpstreamHealth>();
        foreach (var (id, idp) in app.Services.GetRequiredService<SamlServiceProvider>().Upstreams) upstreamHealth.MetadataRead(id, idp.MetadataValidUntil);

        app.UseHubForwardedHeaders(config);
        app.UseHubMetrics(config);
        app.UseHubHardening(cookies);
        app.UseAuthentication();
        app.UseAuthorization();
        app.MapLoginEndpoints();
        Portal.PortalEndpoints.MapPortalEndpoints(app);
        Operators.OperatorConsole.MapOperatorConsole(app);
        app.MapConnectEndpoints();
        app.MapAdminEndpoints();
        app.MapSamlEndpoints();
        app.MapDidWebEndpoints(config);
        app.MapGaiaXEndpoints(config);
        app.MapHubHealth();
        app.MapOpenApi("/openapi/{documentName}.json");
        return app;
    }
}
