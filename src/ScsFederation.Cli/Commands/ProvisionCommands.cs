using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning;
using ScsFederation.Provisioning.Desired;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Reconciliation;
using ScsFederation.Storage;
using ScsFederation.Storage.Provisioning;

namespace ScsFederation.Cli.Commands;

/// <summary>
/// <c>scsfed provision plan|apply</c>: reconcile every provider's Keystone with the grants stored in the hub
/// database. Exit codes: 0 done (plan: nothing to do or plan printed), 1 some steps failed or the run stopped
/// (the journal keeps the rest for the next run), 2 invalid configuration.
/// </summary>
internal static class ProvisionCommands
{
    public static Command Create()
    {
        var group = new Command("provision", "Provision projects, groups, users and role assignments on every provider from the stored grants");
        group.Subcommands.Add(CreatePlanOrApply(apply: false));
        group.Subcommands.Add(CreatePlanOrApply(apply: true));
        return group;
    }

    internal static Option<FileInfo> ConfigOption() => new("--config") { Description = "The federation file (YAML or JSON)", Required = true };

    private static Command CreatePlanOrApply(bool apply)
    {
        var config = ConfigOption();
        var provider = new Option<string?>("--provider") { Description = "Only this provider" };
        var account = new Option<string?>("--account") { Description = "Only this account (just-in-time run)" };
        var parallelism = new Option<int>("--parallelism") { Description = "Keystone requests in flight per provider", DefaultValueFactory = _ => 4 };
        var quiet = new Option<bool>("--quiet") { Description = "Print counts only, not each change" };
        var wait = new Option<int>("--wait") { Description = "Seconds to wait for a provider another run (hub or CLI) is applying", DefaultValueFactory = _ => 60 };
        var output = new Option<string[]>("--output")
        {
            Description = "'--output manifests DIR': write the Kubernetes namespaces and RoleBindings as manifests (GitOps) instead of applying them",
            Arity = new ArgumentArity(2, 2),
            AllowMultipleArgumentsPerToken = true,
        };
        var command = apply
            ? new Command("apply", "Apply the plan with a resumable journal and an audit log; resumes what an interrupted run left")
            : new Command("plan", "Show what apply would create, update and delete (only hub-owned objects are ever changed)");
        command.Options.Add(config);
        command.Options.Add(provider);
        command.Options.Add(account);
        command.Options.Add(quiet);
        command.Options.Add(output);
        if (apply)
        {
            command.Options.Add(parallelism);
            command.Options.Add(wait);
        }
        command.SetAction(async (parseResult, cancellationToken) =>
        {
            using var context = await CliProvisioningContext.OpenAsync(parseResult.GetValue(config)!, cancellationToken);
            if (context is null) return 2;
            var options = new ProvisioningOptions
            {
                MaxParallelismPerProvider = Math.Max(1, parseResult.GetValue(parallelism)),
                LeaseDuration = TimeSpan.FromSeconds(context.Config.Hub.Provisioning.LeaseSeconds),
            };
            var reconciler = context.Reconciler(options);
            var request = new ProvisioningRequest(ProvisioningRequest.CliTrigger, "cli:" + Environment.UserName, parseResult.GetValue(provider), parseResult.GetValue(account))
            {
                WaitForLease = TimeSpan.FromSeconds(Math.Max(0, parseResult.GetValue(wait))),
            };
            var outputArgs = parseResult.GetValue(output);
            string? manifests = null;
            if (outputArgs is { Length: 2 })
            {
                if (outputArgs[0] != "manifests")
                {
                    Console.Error.WriteLine($"error: --output {outputArgs[0]}: only 'manifests DIR' is supported");
                    return 2;
                }
                manifests = Path.GetFullPath(outputArgs[1]);
            }
            try
            {
                var keystoneExit = 0;
                var named = request.ProviderId is null ? null : context.Config.FindProvider(request.ProviderId);
                // A named Kubernetes-only provider skips Keystone; an unknown name still fails there with the reason.
                if (named is null || named.Keystone is not null)
                {
                    keystoneExit = apply
                        ? await ApplyAsync(reconciler, request, parseResult.GetValue(quiet), cancellationToken)
                        : await PlanAsync(reconciler, request, parseResult.GetValue(quiet), cancellationToken);
                }
                var kubernetesExit = await KubernetesAsync(context, request.ProviderId, apply, manifests, cancellationToken);
                return Math.Max(keystoneExit, kubernetesExit);
            }
            catch (ProvisioningConfigurationException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 2;
            }
            catch (Exception e) when (e is KeystoneApiException or GrantJsonException)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return 1;
            }
        });
        return command;
    }

    private static async Task<int> PlanAsync(ProvisioningReconciler reconciler, ProvisioningRequest request, bool quiet, CancellationToken ct)
    {
        foreach (var plan in await reconciler.PlanAsync(request, ct))
        {
            Console.Out.WriteLine($"provider {plan.ProviderId}: {plan.Count(ChangeAction.Create)} to create, {plan.Count(ChangeAction.Update)} to update, {plan.Count(ChangeAction.Delete)} to delete, {plan.Count(ChangeAction.Adopt) + plan.Count(ChangeAction.Forget)} bookkeeping");
            if (!quiet)
            {
                foreach (var c in plan.Changes) Console.Out.WriteLine("  " + c + (c.AccountId is null ? "" : $"  [account {c.AccountId}]"));
            }
            foreach (var p in plan.Problems) Console.Out.WriteLine("  problem: " + p);
        }
        return 0;
    }

    private static async Task<int> ApplyAsync(ProvisioningReconciler reconciler, ProvisioningRequest request, bool quiet, CancellationToken ct)
    {
        // On a terminal: live progress bars per provider and phase (Spectre.Console, on stderr); piped or in scripts
        // (and under --quiet): one plain line per phase change, at most every half second, as before.
        var results = !quiet && TerminalProgress.IsInteractive
            ? await TerminalProgress.RunAsync(progress => reconciler.ApplyAsync(request, progress, ct))
            : await reconciler.ApplyAsync(request, new ConsoleProgress(), ct);
        var exit = 0;
        foreach (var r in results)
        {
            var rate = r.Elapsed.TotalSeconds > 0 ? r.KeystoneRequests / r.Elapsed.TotalSeconds : 0;
            Console.Out.WriteLine($"provider {r.ProviderId}: {r.Status}, {r.Applied}/{r.Plan.Changes.Count} steps applied ({r.Plan.Count(ChangeAction.Create)} create, {r.Plan.Count(ChangeAction.Update)} update, {r.Plan.Count(ChangeAction.Delete)} delete), {r.Changes} changes, {r.KeystoneRequests} Keystone requests in {r.Elapsed.TotalSeconds:F1} s ({rate:F0}/s), run {r.RunId}");
            if (!quiet)
            {
                foreach (var e in r.StepErrors) Console.Out.WriteLine("  failed: " + e);
            }
            foreach (var p in r.Plan.Problems) Console.Out.WriteLine("  problem: " + p);
            if (r.Error is not null)
            {
                Console.Error.WriteLine($"error: provider {r.ProviderId}: {r.Error}");
            }
            if (r.Status != Provisioning.Persistence.ProvisioningRunStatus.Completed) exit = 1;
        }
        return exit;
    }

    /// <summary>Kubernetes providers: print (plan), write manifests (--output manifests DIR) or server-side apply (apply).</summary>
    private static async Task<int> KubernetesAsync(CliProvisioningContext context, string? providerId, bool apply, string? manifests, CancellationToken ct)
    {
        var exit = 0;
        var kubernetes = context.Stores.Kubernetes();
        foreach (var p in Provisioning.Kubernetes.KubernetesProvisioner.Providers(context.Config, providerId))
        {
            var state = await kubernetes.DesiredAsync(p, ct);
            Console.Out.WriteLine($"provider {p.Id}: cluster {state.Cluster}: {state.Namespaces.Count} namespaces, {state.RoleBindings.Count} role bindings");
            foreach (var problem in state.Problems) Console.Out.WriteLine("  problem: " + problem);
            if (manifests is not null)
            {
                foreach (var file in Provisioning.Kubernetes.KubernetesManifestWriter.Write(state, manifests)) Console.Out.WriteLine("  wrote " + file);
                continue;
            }
            if (!apply)
            {
                foreach (var rb in state.RoleBindings) Console.Out.WriteLine($"  apply rolebinding {rb.Namespace}/{rb.Name} -> {string.Join(',', rb.Groups)}");
                continue;
            }
            if (!Provisioning.Kubernetes.KubernetesProvisioner.CanApply(p))
            {
                Console.Error.WriteLine($"error: provider {p.Id}: no apiServer or kubeconfig; use --output manifests DIR for GitOps");
                exit = 1;
                continue;
            }
            var result = await Provisioning.Kubernetes.KubernetesProvisioner.ApplyAsync(p, state, ct);
            Console.Out.WriteLine($"  applied {result.Applied.Count}, deleted {result.Deleted.Count}, conflicts {result.Conflicts.Count}");
            foreach (var c in result.Conflicts) Console.Out.WriteLine("  conflict: " + c);
            if (result.Conflicts.Count > 0) exit = 1;
        }
        return exit;
    }

    /// <summary>Progress on stderr, at most a few lines per second per provider, so long runs show they are alive.</summary>
    private sealed class ConsoleProgress : IProgress<ProvisioningProgress>
    {
        private readonly Dictionary<string, (string Phase, long Ticks)> _last = new(StringComparer.Ordinal);
        private readonly Lock _gate = new();

        public void Report(ProvisioningProgress value)
        {
            lock (_gate)
            {
                var now = Environment.TickCount64;
                var phaseChanged = !_last.TryGetValue(value.ProviderId, out var last) || last.Phase != value.Phase;
                if (!phaseChanged && now - last.Ticks < 500 && value.Done != value.Total) return;
                _last[value.ProviderId] = (value.Phase, now);
                var count = value.Total > 0 ? $" {value.Done}/{value.Total}" : "";
                Console.Error.WriteLine($"[{value.ProviderId}] {value.Phase}{count}{(value.Message is null ? "" : ": " + value.Message)}");
            }
        }
    }

    /// <summary>The federation file, the hub database and the provisioning stores on it, as the CLI uses them.</summary>
    internal sealed class CliProvisioningContext : IDisposable
    {
        private CliProvisioningContext(FederationConfig config, IDbContextFactory<HubDbContext> db)
        {
            Config = config;
            Stores = new EfProvisioningStores(db);
        }

        public FederationConfig Config { get; }

        public EfProvisioningStores Stores { get; }

        public static async Task<CliProvisioningContext?> OpenAsync(FileInfo file, CancellationToken ct)
        {
            FederationConfig config;
            try
            {
                config = FederationFileReader.Load(file.FullName);
            }
            catch (FederationConfigException e)
            {
                Console.Error.WriteLine("error: " + e.Message);
                return null;
            }
            // The provider-specific context, so the CLI migrates the database exactly as the hub does.
            var factory = new HubDbContextFactory(config.Hub);
            await using (var db = factory.CreateDbContext())
            {
                await DatabaseInitializer.InitializeAsync(db, ct);
            }
            return new CliProvisioningContext(config, factory);
        }

        public ProvisioningReconciler Reconciler(ProvisioningOptions options) => Stores.Reconciler(Config, options);

        public void Dispose()
        {
        }
    }
}
