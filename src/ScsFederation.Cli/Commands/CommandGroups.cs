using System.CommandLine;

namespace ScsFederation.Cli.Commands;

/// <summary>The top-level command groups of scsfed. Add one line per group.</summary>
internal static class CommandGroups
{
    public static IEnumerable<Command> All()
    {
        yield return MappingCommands.Create();
        yield return ProvisionCommands.Create();
        yield return ProviderCommands.Create();
        yield return RdfCommands.Create();
        yield return SdCommands.Create();
        yield return AdminCommands.Create();
        yield break;
    }
}
