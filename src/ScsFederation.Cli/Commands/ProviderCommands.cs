using System.CommandLine;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Onboarding;
using ScsFederation.Provisioning.Persistence;

namespace ScsFederation.Cli.Commands;

/// <summary>
/// <c>scsfed provider onboard|offboard|list</c>: make a provider's Keystone trust the hub (identity provider,
/// mapping, protocol) and write its Apache/keystone.conf/clouds.yaml/Kubernetes configuration; undo exactly that.
/// Exit codes: 0 done, 1 Keystone refused or could not be reached, 2 invalid configuration or request.
/// </summary>
internal static class ProviderCommands
{
    public static Command Create()
    {
        var group = new Command("provider", "Onboard and offboard providers (clouds) that trust the hub");
        group.Subcommands.Add(CreateOnboard());
        group.Subcommands.Add(CreateOffboard());
        group.Subcommands.Add(CreateList());
        return group;
    }

    private static Command CreateOnboard()
    {
        var config = ProvisionCommands.ConfigOption();
        var name = new Argument<string>("NAME") { Description = "Provider id in the federation file" };
        var output = new Option<DirectoryInfo?>("--output") { Description = "Folder for the generated Apache, keystone.conf, clouds.yaml and Kubernetes files" };
        var command = new Command("onboard", "Create (idempotently) the hub's identity provider, mapping and protocol in the provider's Keystone");
        command.Arguments.Add(name);
        command.Options.Add(config);
        command.Options.Add(output);
        command.SetAction(async (parseResult, ct) =>
        {
            using var context = await ProvisionCommands.CliProvisioningContext.OpenAsync(parseResult.GetValue(config)!, ct);
            if (context is null) return 2;
            var onboarding = context.Stores.Onboarding(context.Config);
            return await RunAsync(() => onboarding.OnboardAsync(parseResult.GetValue(name)!, parseResult.GetValue(output)?.FullName, ct));
        });
        return command;
    }

    private static Command CreateOffboard()
    {
        var config = ProvisionCommands.ConfigOption();
        var name = new Argument<string>("NAME") { Description = "Provider id in the federation file" };
        var command = new Command("offboard", "Remove what onboarding created in the provider's Keystone, nothing else");
        command.Arguments.Add(name);
        command.Options.Add(config);
        command.SetAction(async (parseResult, ct) =>
        {
            using var context = await ProvisionCommands.CliProvisioningContext.OpenAsync(parseResult.GetValue(config)!, ct);
            if (context is null) return 2;
            var onboarding = context.Stores.Onboarding(context.Config);
            return await RunAsync(() => onboarding.OffboardAsync(parseResult.GetValue(name)!, ct));
        });
        return command;
    }

    private static Command CreateList()
    {
        var config = ProvisionCommands.ConfigOption();
        var command = new Command("list", "List the providers of the federation file and what the hub has onboarded and provisioned there");
        command.Options.Add(config);
        command.SetAction(async (parseResult, ct) =>
        {
            using var context = await ProvisionCommands.CliProvisioningContext.OpenAsync(parseResult.GetValue(config)!, ct);
            if (context is null) return 2;
            foreach (var p in context.Config.Providers)
            {
                var onboarded = await context.Stores.Ownership.ListAsync(p.Id, OwnedObject.OnboardingOrigin, ct);
                var provisioned = await context.Stores.Ownership.ListAsync(p.Id, OwnedObject.ProvisioningOrigin, ct);
                var kinds = string.Join(", ", provisioned.GroupBy(o => o.KeyText[..o.KeyText.IndexOf(':', StringComparison.Ordinal)]).OrderBy(g => g.Key).Select(g => $"{g.Count()} {g.Key}s"));
                Console.Out.WriteLine($"{p.Id}\tkeystone={p.Keystone?.Url ?? "-"}\tkubernetes={p.Kubernetes?.Cluster ?? "-"}\tonboarded={(onboarded.Count > 0 ? "yes (" + string.Join(", ", onboarded.Select(o => o.KeyText)) + ")" : "no")}\tprovisioned={(kinds.Length == 0 ? "nothing" : kinds)}");
            }
            return 0;
        });
        return command;
    }

    private static async Task<int> RunAsync(Func<Task<OnboardingResult>> action)
    {
        try
        {
            var result = await action();
            foreach (var step in result.Steps) Console.Out.WriteLine(step);
            Console.Out.WriteLine($"provider {result.ProviderId}: {result.KeystoneChanges} Keystone changes");
            return 0;
        }
        catch (OnboardingException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 2;
        }
        catch (KeystoneApiException e)
        {
            Console.Error.WriteLine("error: " + e.Message);
            return 1;
        }
    }
}
