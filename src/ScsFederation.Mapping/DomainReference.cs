namespace ScsFederation.Mapping;

/// <summary>A Keystone domain named by <c>id</c> and/or <c>name</c> (null = key absent).</summary>
public sealed record DomainReference(string? Id, string? Name);
