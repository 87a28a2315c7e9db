namespace ScsFederation.Mapping;

/// <summary>A project (auto-provisioned by Keystone) with the role names granted on it.</summary>
public sealed record MappedProject(string Name, IReadOnlyList<string> Roles, DomainReference? Domain);
