namespace ScsFederation.Mapping;

/// <summary>A local entry of a matched rule after placeholder substitution (Keystone's "identity value").</summary>
internal sealed class ResolvedLocalEntry
{
    public required int RuleIndex { get; init; }

    public required string JsonPath { get; init; }

    public MappedUser? User { get; init; }

    public string? GroupId { get; init; }

    public MappedGroup? GroupByName { get; init; }

    public bool HasGroup => GroupId is not null || GroupByName is not null;

    public string? Groups { get; init; }

    /// <summary>The items of <see cref="Groups"/> when known without parsing it (see MappingEngine.SoleListValues).</summary>
    public IReadOnlyList<string>? GroupsValues { get; init; }

    public string? GroupIds { get; init; }

    public IReadOnlyList<string>? GroupIdsValues { get; init; }

    public DomainReference? Domain { get; init; }

    public List<MappedProject>? Projects { get; init; }

    public KubernetesGrant? Kubernetes { get; init; }
}
