using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Broker;
using ScsFederation.Provisioning.Desired;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Kubernetes;
using ScsFederation.Provisioning.Onboarding;
using ScsFederation.Provisioning.Persistence;
using ScsFederation.Provisioning.Reconciliation;

namespace ScsFederation.Hub.Admin;

/// <summary>
/// Provisioning and onboarding over the admin API, the same operations as <c>scsfed provision</c> and
/// <c>scsfed provider</c>. Runs are not tied to the HTTP request: a client that goes away does not cut an apply
/// short (only the hub stopping does, and the journal resumes that).
/// </summary>
internal static class ProvisioningAdminEndpoints
{
    private const int MaxListed = 1000;

    public static void MapProvisioningAdmin(this RouteGroupBuilder admin)
    {
        admin.MapPost("/provisioning/plan", Plan).DisableAntiforgery();
        admin.MapPost("/provisioning/apply", Apply).DisableAntiforgery();
        admin.MapGet("/provisioning/runs", Runs);
        admin.MapGet("/provisioning/audit", Audit);
        admin.MapGet("/providers", ListProviders);
        admin.MapPost("/providers/{providerId}/onboard", Onboard).DisableAntiforgery();
        admin.MapPost("/providers/{providerId}/offboard", Offboard).DisableAntiforgery();
    }

    private static async Task<IResult> Plan(string? provider, string? account, ProvisioningBroker broker, CancellationToken cancellationToken)
    {
        if (provider is not null && broker.Config.FindProvider(provider) is null) return UnknownProvider(provider);
        var request = new ProvisioningRequest(ProvisioningRequest.AdminApiTrigger, "admin-api", provider, account);
        return await GuardAsync(async () =>
        {
            var named = provider is null ? null : broker.Config.FindProvider(provider);
            var plans = named is { Keystone: null } ? [] : await broker.Reconciler.PlanAsync(request, cancellationToken);
            var kubernetes = new List<object>();
            foreach (var p in KubernetesProvisioner.Providers(broker.Config, provider))
            {
                var state = await broker.Kubernetes.DesiredAsync(p, cancellationToken);
                kubernetes.Add(new
                {
                    provider = p.Id, cluster = state.Cluster, applied = KubernetesProvisioner.CanApply(p) ? "server-side apply" : "manifests (GitOps)",
                    namespaces = state.Namespaces,
                    roleBindings = state.RoleBindings.Select(b => new { @namespace = b.Namespace, clusterRole = b.ClusterRole, groups = b.Groups }),
                    problems = state.Problems.Select(x => x.ToString()),
                });
            }
            return Results.Json(new
            {
                kubernetes,
                providers = plans.Select(p => new
                {
                    provider = p.ProviderId,
                    create = p.Count(ChangeAction.Create),
                    update = p.Count(ChangeAction.Update),
                    delete = p.Count(ChangeAction.Delete),
                    bookkeeping = p.Count(ChangeAction.Adopt) + p.Count(ChangeAction.Forget),
                    changes = p.Changes.Select(c => new { action = c.Action.ToString().ToLowerInvariant(), key = c.Key.Text, account = c.AccountId, why = c.Why }),
                    problems = p.Problems.Select(x => x.ToString()),
                }),
            });
        });
    }

    /// <summary>
    /// Keystone providers through the journaled reconciler, reachable Kubernetes clusters by server-side apply (not for
    /// a single account: RoleBindings bind groups). 200 when everything completed, 409 when a provider was busy
    /// (another run holds its lease), 502 when one failed or a cluster reported conflicts.
    /// </summary>
    private static async Task<IResult> Apply(string? provider, string? account, int? wait, ProvisioningBroker broker, IHostApplicationLifetime lifetime)
    {
        if (provider is not null && broker.Config.FindProvider(provider) is null) return UnknownProvider(provider);
        var request = new ProvisioningRequest(ProvisioningRequest.AdminApiTrigger, "admin-api", provider, account)
        {
            WaitForLease = TimeSpan.FromSeconds(Math.Clamp(wait ?? 30, 0, 600)),
        };
        return await GuardAsync(async () =>
        {
            var named = provider is null ? null : broker.Config.FindProvider(provider);
            // A named Kubernetes-only provider has no Keystone run.
            var results = named is { Keystone: null } ? [] : await broker.ApplyAsync(request, lifetime.ApplicationStopping);
            var kubernetes = account is null ? await broker.ApplyKubernetesAsync(request, lifetime.ApplicationStopping) : [];
            var status = results.Any(r => r.Status is ProvisioningRunStatus.Failed or ProvisioningRunStatus.CompletedWithErrors)
                    || kubernetes.Any(k => k.Error is not null || k.Conflicts.Count > 0) ? StatusCodes.Status502BadGateway
                : results.Any(r => r.Status == ProvisioningRunStatus.Busy) ? StatusCodes.Status409Conflict
                : StatusCodes.Status200OK;
            return Results.Json(new
            {
                providers = results.Select(r => new
                {
                    provider = r.ProviderId,
                    runId = r.RunId,
                    status = r.Status.ToString(),
                    planned = r.Plan.Changes.Count,
                    applied = r.Applied,
                    changes = r.Changes,
                    keystoneRequests = r.KeystoneRequests,
                    seconds = Math.Round(r.Elapsed.TotalSeconds, 3),
                    error = r.Error,
                    stepErrors = r.StepErrors,
                    problems = r.Plan.Problems.Select(x => x.ToString()),
                }),
                kubernetes = kubernetes.Select(k => new
                {
                    provider = k.ProviderId, cluster = k.Cluster, applied = k.Applied, deleted = k.Deleted, conflicts = k.Conflicts, problems = k.Problems, error = k.Error,
                }),
            }, statusCode: status);
        });
    }

    private static async Task<IResult> Runs(string? provider, int? limit, ProvisioningBroker broker, CancellationToken cancellationToken)
    {
        if (provider is not null && broker.Config.FindProvider(provider) is null) return UnknownProvider(provider);
        var max = Math.Clamp(limit ?? 20, 1, MaxListed);
        var runs = new List<ProvisioningRunSummary>();
        foreach (var p in broker.Config.Providers.Where(p => provider is null || p.Id == provider))
        {
            runs.AddRange(await broker.Stores.Journal.ListRunsAsync(p.Id, max, cancellationToken));
        }
        return Results.Json(new
        {
            runs = runs.OrderByDescending(r => r.StartedAt).Take(max).Select(r => new
            {
                runId = r.RunId, provider = r.ProviderId, trigger = r.Trigger, actor = r.Actor, startedAt = r.StartedAt, finishedAt = r.FinishedAt,
                status = r.Status.ToString(), planned = r.Planned, done = r.Done, failed = r.Failed, error = r.Error,
            }),
        });
    }

    private static async Task<IResult> Audit(string? provider, string? account, int? limit, ProvisioningBroker broker, CancellationToken cancellationToken)
    {
        if (provider is null) return Results.Json(new { error = "invalid_request", error_description = "the provider query parameter is required" }, statusCode: 400);
        if (broker.Config.FindProvider(provider) is null) return UnknownProvider(provider);
        var entries = await broker.Stores.Audit.ListRecentAsync(provider, account, Math.Clamp(limit ?? 100, 1, MaxListed), cancellationToken);
        return Results.Json(new
        {
            entries = entries.Select(a => new
            {
                at = a.At, runId = a.RunId, provider = a.ProviderId, actor = a.Actor, trigger = a.Trigger, action = a.Action, key = a.KeyText,
                account = a.AccountId, why = a.Why, outcome = a.Outcome,
            }),
        });
    }

    private static async Task<IResult> ListProviders(ProvisioningBroker broker, CancellationToken cancellationToken)
    {
        var providers = new List<object>();
        foreach (var p in broker.Config.Providers)
        {
            var onboarded = await broker.Stores.Ownership.ListAsync(p.Id, OwnedObject.OnboardingOrigin, cancellationToken);
            var provisioned = await broker.Stores.Ownership.ListAsync(p.Id, OwnedObject.ProvisioningOrigin, cancellationToken);
            providers.Add(new
            {
                id = p.Id,
                keystone = p.Keystone?.Url,
                kubernetesCluster = p.Kubernetes?.Cluster,
                onboarded = onboarded.Select(o => o.KeyText),
                provisioned = provisioned.GroupBy(o => o.KeyText[..o.KeyText.IndexOf(':', StringComparison.Ordinal)]).OrderBy(g => g.Key).ToDictionary(g => g.Key, g => g.Count()),
            });
        }
        return Results.Json(new { providers });
    }

    /// <summary>Generated files go to <c>&lt;dataFolder&gt;/onboarding/&lt;provider&gt;</c> and come back in the answer.</summary>
    private static Task<IResult> Onboard(string providerId, ProvisioningBroker broker, IHostApplicationLifetime lifetime) =>
        broker.Config.FindProvider(providerId) is null ? Task.FromResult(UnknownProvider(providerId)) : GuardAsync(async () =>
        {
            var output = Path.Combine(broker.Config.Hub.DataFolder, "onboarding");
            var result = await Onboarding(broker).OnboardAsync(providerId, output, lifetime.ApplicationStopping);
            var files = result.Steps.Where(s => s.Outcome is OnboardingOutcome.Written or OnboardingOutcome.Unchanged && s.Object.StartsWith(output, StringComparison.Ordinal) && File.Exists(s.Object))
                .ToDictionary(s => Path.GetRelativePath(output, s.Object).Replace('\\', '/'), s => File.ReadAllText(s.Object));
            return Results.Json(new { provider = result.ProviderId, keystoneChanges = result.KeystoneChanges, steps = Describe(result), files });
        });

    private static Task<IResult> Offboard(string providerId, ProvisioningBroker broker, IHostApplicationLifetime lifetime) =>
        broker.Config.FindProvider(providerId) is null ? Task.FromResult(UnknownProvider(providerId)) : GuardAsync(async () =>
        {
            var result = await Onboarding(broker).OffboardAsync(providerId, lifetime.ApplicationStopping);
            return Results.Json(new { provider = result.ProviderId, keystoneChanges = result.KeystoneChanges, steps = Describe(result) });
        });

    private static ProviderOnboarding Onboarding(ProvisioningBroker broker) => broker.Stores.Onboarding(broker.Config);

    private static IEnumerable<object> Describe(OnboardingResult result) =>
        result.Steps.Select(s => new { @object = s.Object, outcome = s.Outcome.ToString().ToLowerInvariant(), detail = s.Detail });

    private static IResult UnknownProvider(string provider) =>
        Results.Json(new { error = "unknown_provider", error_description = $"provider '{provider}' is not in the federation file" }, statusCode: 404);

    /// <summary>The broker's failures as API errors a caller can act on; anything else is a hub bug (500).</summary>
    private static async Task<IResult> GuardAsync(Func<Task<IResult>> action)
    {
        try
        {
            return await action();
        }
        catch (ProvisioningConfigurationException e)
        {
            return Results.Json(new { error = "invalid_request", error_description = e.Message }, statusCode: 400);
        }
        catch (OnboardingException e)
        {
            return Results.Json(new { error = "onboarding_refused", error_description = e.Message }, statusCode: 400);
        }
        catch (KeystoneApiException e)
        {
            return Results.Json(new { error = "keystone_error", error_description = e.Message }, statusCode: 502);
        }
        catch (GrantJsonException e)
        {
            return Results.Json(new { error = "invalid_stored_grant", error_description = e.Message }, statusCode: 500);
        }
    }
}
