namespace ScsFederation.Mapping;

/// <summary>A group named by name within a domain (Keystone's <c>group_names</c> entries).</summary>
public sealed record MappedGroup(string Name, DomainReference Domain);
