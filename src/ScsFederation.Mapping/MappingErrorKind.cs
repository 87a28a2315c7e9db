namespace ScsFederation.Mapping;

/// <summary>Why evaluating a valid rule set against an assertion failed.</summary>
public enum MappingErrorKind
{
    /// <summary>A local value refers to a placeholder {N} the rule's remote part does not produce (Keystone's DirectMappingError).</summary>
    DirectMapping,

    /// <summary>The mapped local values are inconsistent (Keystone's ValidationError raised while transforming, e.g. <c>groups</c> without <c>domain</c>).</summary>
    InvalidLocalValue,

    /// <summary>A regular expression exceeded its time budget (the rule is treated as failing closed).</summary>
    RegexTimeout,

    /// <summary>A Kubernetes grant produced a name Kubernetes would not accept.</summary>
    InvalidKubernetesGrant,
}
