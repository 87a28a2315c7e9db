namespace ScsFederation.Mapping;

/// <summary>
/// A mapped login, shaped like Keystone's RuleProcessor output (<c>user</c>, <c>group_ids</c>,
/// <c>group_names</c>, <c>projects</c>) plus the Kubernetes extension.
/// </summary>
/// <remarks>
/// The rule origins (0-based rule indices) say which rule granted what, for the provisioning audit
/// log. They are not part of Keystone's output; a result built by hand or read from a grant stored
/// without them has none (<see cref="HasRuleOrigins"/> is false).
/// </remarks>
public sealed record MappingResult(
    MappedUser User,
    IReadOnlyList<string> GroupIds,
    IReadOnlyList<MappedGroup> GroupNames,
    IReadOnlyList<MappedProject> Projects,
    IReadOnlyList<KubernetesGrant> Kubernetes)
{
    /// <summary>Every rule whose remote part matched, ascending and distinct (also rules with an empty <c>local</c>).</summary>
    public IReadOnlyList<int> MatchedRules { get; init; } = [];

    /// <summary>The rule whose <c>user</c> entry won (the first non-empty one); null when no rule named a user.</summary>
    public int? UserRule { get; init; }

    /// <summary>The rule whose <c>projects</c> entry won (the last one); null when no rule had <c>projects</c>.</summary>
    public int? ProjectsRule { get; init; }

    /// <summary>
    /// Parallel to <see cref="GroupNames"/>: the rule that first named each entry (for a group Keystone
    /// re-appends, the rule that named it, not the one whose <c>group</c> entry repeated it). Empty without origins.
    /// </summary>
    public IReadOnlyList<int> GroupNameRules { get; init; } = [];

    /// <summary>True when the result carries rule origins: every mapped result matched at least one rule.</summary>
    public bool HasRuleOrigins => MatchedRules.Count > 0;
}
