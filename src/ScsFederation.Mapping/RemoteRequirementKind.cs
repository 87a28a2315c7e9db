namespace ScsFederation.Mapping;

/// <summary>The condition of one <c>remote</c> entry of a Keystone mapping rule.</summary>
public enum RemoteRequirementKind
{
    /// <summary>Only <c>type</c>: the attribute must be present; all its values become a direct map.</summary>
    Present,

    /// <summary><c>any_one_of</c>: at least one value must match; produces no direct map.</summary>
    AnyOneOf,

    /// <summary><c>not_any_of</c>: no value may match; produces no direct map.</summary>
    NotAnyOf,

    /// <summary><c>blacklist</c>: the direct map is the attribute's values minus the listed ones.</summary>
    Blacklist,

    /// <summary><c>whitelist</c>: the direct map is the attribute's values that are listed.</summary>
    Whitelist,
}
