namespace ScsFederation.Mapping;

/// <summary>One compiled rule: remote requirements and local entries.</summary>
public sealed class KeystoneMappingRule
{
    internal KeystoneMappingRule(int index, IReadOnlyList<RemoteRequirement> remote, IReadOnlyList<LocalEntryTemplate> local)
    {
        Index = index;
        Remote = remote;
        Local = local;
        var count = 0;
        foreach (var requirement in remote)
        {
            if (requirement.Kind is not (RemoteRequirementKind.AnyOneOf or RemoteRequirementKind.NotAnyOf))
            {
                count++;
            }
        }

        DirectMapCount = count;
    }

    public int Index { get; }

    public IReadOnlyList<RemoteRequirement> Remote { get; }

    internal IReadOnlyList<LocalEntryTemplate> Local { get; }

    /// <summary>How many values {0}..{N-1} the remote part yields when the rule matches (known statically).</summary>
    public int DirectMapCount { get; }
}
