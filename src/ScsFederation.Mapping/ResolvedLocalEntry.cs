namespace ScsFederation.Mapping;

/// <summary>
/// A local entry of a matched rule after placeholder substitution (Keystone's "identity value").
/// A struct kept in a per-thread list: it lives only between rule matching and merging.
/// </summary>
internal struct ResolvedLocalEntry
{
    public required int RuleIndex { get; init; }

    public required string JsonPath { get; init; }

    public MappedUser? User { get; init; }

    public string? GroupId { get; init; }

    public MappedGroup? GroupByName { get; init; }

    public readonly bool HasGroup => GroupId is not null || GroupByName is not null;

    public bool HasGroups { get; init; }

    /// <summary>The formatted <c>groups</c> string; null when <see cref="GroupsValues"/> made it unnecessary.</summary>
    public string? GroupsText { get; init; }

    /// <summary>The items of <c>groups</c> when known without formatting and parsing (see MappingEngine.SoleListValues).</summary>
    public IReadOnlyList<string>? GroupsValues { get; init; }

    /// <summary>Keystone's <c>'name' in groups</c> test on the formatted string.</summary>
    public bool GroupsMentionName { get; init; }

    public bool HasGroupIds { get; init; }

    public string? GroupIdsText { get; init; }

    public IReadOnlyList<string>? GroupIdsValues { get; init; }

    public DomainReference? Domain { get; init; }

    public IReadOnlyList<MappedProject>? Projects { get; init; }

    public KubernetesGrant? Kubernetes { get; init; }

    /// <summary>The formatted groups string, built on demand for error messages.</summary>
    public readonly string GroupsDisplay => GroupsText ?? PythonRepr.OfList(GroupsValues ?? []);

    public readonly string GroupIdsDisplay => GroupIdsText ?? PythonRepr.OfList(GroupIdsValues ?? []);
}
