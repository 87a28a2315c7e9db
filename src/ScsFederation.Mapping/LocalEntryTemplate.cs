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

    /// <summary>The resolved projects when no project, role or domain string has a placeholder.</summary>
    public IReadOnlyList<MappedProject>? ConstantProjects { get; init; }

    public KubernetesTemplate? Kubernetes { get; init; }

    internal sealed record DomainTemplate(LocalValue? Id, LocalValue? Name)
    {
        // Most domains are literal: resolve them once (results are immutable records).
        private readonly DomainReference? _constant =
            (Id is null || Id.Template.Literal is not null) && (Name is null || Name.Template.Literal is not null)
                ? new DomainReference(Id?.Template.Literal, Name?.Template.Literal)
                : null;

        public DomainReference Resolve(DirectMaps maps, int rule) => _constant ?? new(Id?.Resolve(maps, rule), Name?.Resolve(maps, rule));
    }

    internal sealed record UserTemplate(LocalValue? Id, LocalValue? Name, LocalValue? Email, LocalValue? Type, DomainTemplate? Domain);

    internal sealed record GroupTemplate(LocalValue? Id, LocalValue? Name, DomainTemplate? Domain);

    internal sealed record ProjectTemplate(LocalValue Name, IReadOnlyList<LocalValue> Roles, DomainTemplate? Domain)
    {
        /// <summary>The role names when none has a placeholder (shared: results are read-only).</summary>
        public IReadOnlyList<string>? ConstantRoles { get; } = LiteralRoles(Roles);

        private static string[]? LiteralRoles(IReadOnlyList<LocalValue> roles)
        {
            var names = new string[roles.Count];
            for (var i = 0; i < names.Length; i++)
            {
                if (roles[i].Template.Literal is not { } name)
                {
                    return null;
                }

                names[i] = name;
            }

            return names;
        }
    }

    internal sealed record KubernetesTemplate(LocalValue Cluster, IReadOnlyList<LocalValue> Groups, IReadOnlyList<NamespaceTemplate> Namespaces);

    internal sealed record NamespaceTemplate(LocalValue Name, LocalValue ClusterRole);
}
