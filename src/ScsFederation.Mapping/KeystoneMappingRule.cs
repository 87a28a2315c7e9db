namespace ScsFederation.Mapping;

/// <summary>One compiled rule: remote requirements and local entries.</summary>
public sealed class KeystoneMappingRule
{
    internal KeystoneMappingRule(int index, RemoteRequirement[] remote, LocalEntryTemplate[] local)
    {
        Index = index;
        RemoteArray = remote;
        LocalArray = local;
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

    public IReadOnlyList<RemoteRequirement> Remote => RemoteArray;

    // Arrays on the evaluation path: iterating an IReadOnlyList would box an enumerator per call.
    internal RemoteRequirement[] RemoteArray { get; }

    internal LocalEntryTemplate[] LocalArray { get; }

    /// <summary>How many values {0}..{N-1} the remote part yields when the rule matches (known statically).</summary>
    public int DirectMapCount { get; }
}
