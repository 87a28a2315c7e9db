namespace ScsFederation.Mapping;

/// <summary>
/// A mapped login, shaped like Keystone's RuleProcessor output (<c>user</c>, <c>group_ids</c>,
/// <c>group_names</c>, <c>projects</c>) plus the Kubernetes extension.
/// </summary>
public sealed record MappingResult(
    MappedUser User,
    IReadOnlyList<string> GroupIds,
    IReadOnlyList<MappedGroup> GroupNames,
    IReadOnlyList<MappedProject> Projects,
    IReadOnlyList<KubernetesGrant> Kubernetes);
