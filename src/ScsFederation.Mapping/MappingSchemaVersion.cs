namespace ScsFederation.Mapping;

/// <summary>Keystone's <c>schema_version</c> of a mapping.</summary>
public enum MappingSchemaVersion
{
    /// <summary>"1.0" (also the default when absent): Keystone's original RuleProcessor.</summary>
    V1_0,

    /// <summary>"2.0": the mapping's <c>domain</c> is the default for the user and for projects without one.</summary>
    V2_0,
}
