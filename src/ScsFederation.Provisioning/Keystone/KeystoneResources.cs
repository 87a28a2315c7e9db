using System.Text.Json.Nodes;

namespace ScsFederation.Provisioning.Keystone;

// The Keystone v3 resources the hub reads and writes, in Keystone's own JSON shape (snake_case on the wire).

public sealed record KeystoneDomain(string Id, string Name, bool Enabled = true, string? Description = null);

public sealed record KeystoneProject(string Id, string Name, string DomainId, bool Enabled = true, string? Description = null, IReadOnlyList<string>? Tags = null)
{
    public bool HasTag(string tag) => Tags is not null && Tags.Contains(tag, StringComparer.Ordinal);
}

public sealed record KeystoneUser(string Id, string Name, string DomainId, bool Enabled = true, string? Description = null);

public sealed record KeystoneGroup(string Id, string Name, string DomainId, string? Description = null);

public sealed record KeystoneRole(string Id, string Name, string? DomainId = null);

/// <summary>Where a role assignment applies: exactly one of project or domain.</summary>
public sealed record KeystoneScope(string? ProjectId, string? DomainId, bool InheritedToProjects = false)
{
    public static KeystoneScope Project(string id) => new(id, null);

    public static KeystoneScope Domain(string id, bool inherited = false) => new(null, id, inherited);
}

/// <summary>One row of <c>GET /v3/role_assignments</c>: a role for a user or a group on a scope.</summary>
public sealed record KeystoneRoleAssignment(string RoleId, string? UserId, string? GroupId, KeystoneScope Scope);

public sealed record KeystoneIdentityProvider(string Id, IReadOnlyList<string> RemoteIds, string? DomainId, bool Enabled = true, string? Description = null);

public sealed record KeystoneMapping(string Id, JsonArray Rules, string? SchemaVersion = null);

public sealed record KeystoneProtocol(string Id, string IdentityProviderId, string MappingId);

public sealed record KeystoneApplicationCredential(string Id, string Name, string UserId, string? Secret, string? ProjectId, DateTimeOffset? ExpiresAt);

/// <summary>A federated link for a user created ahead of its first login (<c>user.federated</c>).</summary>
public sealed record KeystoneFederatedLink(string IdentityProviderId, string ProtocolId, string UniqueId);

public sealed record KeystoneEndpoint(string ServiceType, string ServiceName, string Interface, string? Region, string Url);
