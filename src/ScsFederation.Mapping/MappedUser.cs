namespace ScsFederation.Mapping;

/// <summary>The <c>user</c> of a mapping result; null properties were not mapped.</summary>
public sealed record MappedUser(string? Id, string? Name, string? Email, DomainReference? Domain, string? Type)
{
    /// <summary>Keystone's "falsy" empty user dict, which a later rule's user replaces.</summary>
    public bool IsEmpty => Id is null && Name is null && Email is null && Domain is null && Type is null;
}
