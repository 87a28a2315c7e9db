namespace ScsFederation.Mapping;

/// <summary>One compiled entry of a rule's <c>local</c> list; absent keys are null.</summary>
internal sealed class LocalEntryTemplate
{
    public required string JsonPath { get; init; }

    public UserTemplate? User { get; init; }

    public GroupTemplate? Group { get; init; }

    public LocalValue? Groups { get; init; }

    public LocalValue? GroupIds { get; init; }

    public DomainTemplate? Domain { get; init; }

    public IReadOnlyList<ProjectTemplate>? Projects { get; init; }

    public KubernetesTemplate? Kubernetes { get; init; }

    internal sealed record DomainTemplate(LocalValue? Id, LocalValue? Name)
    {
        public DomainReference Resolve(DirectMaps maps, int rule) => new(Id?.Resolve(maps, rule), Name?.Resolve(maps, rule));
    }

    internal sealed record UserTemplate(LocalValue? Id, LocalValue? Name, LocalValue? Email, LocalValue? Type, DomainTemplate? Domain);

    internal sealed record GroupTemplate(LocalValue? Id, LocalValue? Name, DomainTemplate? Domain);

    internal sealed record ProjectTemplate(LocalValue Name, IReadOnlyList<LocalValue> Roles, DomainTemplate? Domain);

    internal sealed record KubernetesTemplate(LocalValue Cluster, IReadOnlyList<LocalValue> Groups, IReadOnlyList<NamespaceTemplate> Namespaces);

    internal sealed record NamespaceTemplate(LocalValue Name, LocalValue ClusterRole);
}
