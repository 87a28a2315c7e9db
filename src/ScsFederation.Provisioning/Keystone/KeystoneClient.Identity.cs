using System.Text.Json.Nodes;

namespace ScsFederation.Provisioning.Keystone;

// Domains, projects, users, groups, membership, roles, role assignments and application credentials.
public sealed partial class KeystoneClient
{
    // ---- domains ----
    public async Task<IReadOnlyList<KeystoneDomain>> ListDomainsAsync(CancellationToken cancellationToken, string? name = null) =>
        (await ListAsync(name is null ? "/domains" : $"/domains?name={Q(name)}", "domains", cancellationToken).ConfigureAwait(false)).Select(Read<KeystoneDomain>).ToList();

    public async Task<KeystoneDomain?> FindDomainAsync(string name, CancellationToken cancellationToken) =>
        (await ListDomainsAsync(cancellationToken, name).ConfigureAwait(false)).FirstOrDefault();

    public async Task<KeystoneCreateResult<KeystoneDomain>> CreateDomainAsync(string name, string? description, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["domain"] = new JsonObject { ["name"] = name, ["description"] = description, ["enabled"] = true } };
        return await CreateOrFindAsync("/domains", body, "domain", Read<KeystoneDomain>,
            () => FindDomainAsync(name, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Keystone deletes only disabled domains, so this disables first.</summary>
    public async Task DeleteDomainAsync(string id, CancellationToken cancellationToken)
    {
        await SendAsync(HttpMethod.Patch, $"/domains/{Q(id)}", new JsonObject { ["domain"] = new JsonObject { ["enabled"] = false } }, cancellationToken).ConfigureAwait(false);
        await DeleteIgnoringMissingAsync($"/domains/{Q(id)}", cancellationToken).ConfigureAwait(false);
    }

    // ---- projects ----
    public async Task<IReadOnlyList<KeystoneProject>> ListProjectsAsync(string? domainId, CancellationToken cancellationToken, string? name = null, string? tag = null)
    {
        var query = new List<string>();
        if (domainId is not null) query.Add($"domain_id={Q(domainId)}");
        if (name is not null) query.Add($"name={Q(name)}");
        if (tag is not null) query.Add($"tags={Q(tag)}");
        var path = query.Count == 0 ? "/projects" : "/projects?" + string.Join('&', query);
        return (await ListAsync(path, "projects", cancellationToken).ConfigureAwait(false)).Select(Read<KeystoneProject>).ToList();
    }

    public async Task<KeystoneProject?> FindProjectAsync(string domainId, string name, CancellationToken cancellationToken) =>
        (await ListProjectsAsync(domainId, cancellationToken, name).ConfigureAwait(false)).FirstOrDefault();

    public async Task<KeystoneCreateResult<KeystoneProject>> CreateProjectAsync(string domainId, string name, string? description, IReadOnlyList<string> tags, CancellationToken cancellationToken)
    {
        var body = new JsonObject
        {
            ["project"] = new JsonObject
            {
                ["name"] = name, ["domain_id"] = domainId, ["description"] = description, ["enabled"] = true,
                ["tags"] = new JsonArray(tags.Select(t => (JsonNode?)JsonValue.Create(t)).ToArray()),
            },
        };
        return await CreateOrFindAsync("/projects", body, "project", Read<KeystoneProject>,
            () => FindProjectAsync(domainId, name, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public Task AddProjectTagAsync(string projectId, string tag, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"/projects/{Q(projectId)}/tags/{Q(tag)}", null, cancellationToken);

    public Task DeleteProjectAsync(string id, CancellationToken cancellationToken) => DeleteIgnoringMissingAsync($"/projects/{Q(id)}", cancellationToken);

    // ---- users ----
    public async Task<IReadOnlyList<KeystoneUser>> ListUsersAsync(string? domainId, CancellationToken cancellationToken, string? name = null)
    {
        var query = new List<string>();
        if (domainId is not null) query.Add($"domain_id={Q(domainId)}");
        if (name is not null) query.Add($"name={Q(name)}");
        var path = query.Count == 0 ? "/users" : "/users?" + string.Join('&', query);
        return (await ListAsync(path, "users", cancellationToken).ConfigureAwait(false)).Select(Read<KeystoneUser>).ToList();
    }

    public async Task<KeystoneUser?> FindUserAsync(string domainId, string name, CancellationToken cancellationToken) =>
        (await ListUsersAsync(domainId, cancellationToken, name).ConfigureAwait(false)).FirstOrDefault();

    /// <summary>Creates a user; with <paramref name="federated"/> Keystone links it to the identity provider so the first federated login finds it.</summary>
    public async Task<KeystoneCreateResult<KeystoneUser>> CreateUserAsync(string domainId, string name, string? password, KeystoneFederatedLink? federated, string? description, CancellationToken cancellationToken)
    {
        var user = new JsonObject { ["name"] = name, ["domain_id"] = domainId, ["enabled"] = true, ["description"] = description };
        if (password is not null) user["password"] = password;
        if (federated is not null)
        {
            user["federated"] = new JsonArray(new JsonObject
            {
                ["idp_id"] = federated.IdentityProviderId,
                ["protocols"] = new JsonArray(new JsonObject { ["protocol_id"] = federated.ProtocolId, ["unique_id"] = federated.UniqueId }),
            });
        }
        return await CreateOrFindAsync("/users", new JsonObject { ["user"] = user }, "user", Read<KeystoneUser>,
            () => FindUserAsync(domainId, name, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteUserAsync(string id, CancellationToken cancellationToken) => DeleteIgnoringMissingAsync($"/users/{Q(id)}", cancellationToken);

    // ---- groups and membership ----
    public async Task<IReadOnlyList<KeystoneGroup>> ListGroupsAsync(string? domainId, CancellationToken cancellationToken, string? name = null)
    {
        var query = new List<string>();
        if (domainId is not null) query.Add($"domain_id={Q(domainId)}");
        if (name is not null) query.Add($"name={Q(name)}");
        var path = query.Count == 0 ? "/groups" : "/groups?" + string.Join('&', query);
        return (await ListAsync(path, "groups", cancellationToken).ConfigureAwait(false)).Select(Read<KeystoneGroup>).ToList();
    }

    public async Task<KeystoneGroup?> FindGroupAsync(string domainId, string name, CancellationToken cancellationToken) =>
        (await ListGroupsAsync(domainId, cancellationToken, name).ConfigureAwait(false)).FirstOrDefault();

    public async Task<KeystoneCreateResult<KeystoneGroup>> CreateGroupAsync(string domainId, string name, string? description, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["group"] = new JsonObject { ["name"] = name, ["domain_id"] = domainId, ["description"] = description } };
        return await CreateOrFindAsync("/groups", body, "group", Read<KeystoneGroup>,
            () => FindGroupAsync(domainId, name, cancellationToken), cancellationToken).ConfigureAwait(false);
    }

    public Task DeleteGroupAsync(string id, CancellationToken cancellationToken) => DeleteIgnoringMissingAsync($"/groups/{Q(id)}", cancellationToken);

    public async Task<IReadOnlyList<KeystoneUser>> ListGroupMembersAsync(string groupId, CancellationToken cancellationToken) =>
        (await ListAsync($"/groups/{Q(groupId)}/users", "users", cancellationToken).ConfigureAwait(false)).Select(Read<KeystoneUser>).ToList();

    /// <summary>Idempotent: Keystone answers 204 whether or not the user already was a member.</summary>
    public Task AddGroupMemberAsync(string groupId, string userId, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, $"/groups/{Q(groupId)}/users/{Q(userId)}", null, cancellationToken);

    public Task RemoveGroupMemberAsync(string groupId, string userId, CancellationToken cancellationToken) =>
        DeleteIgnoringMissingAsync($"/groups/{Q(groupId)}/users/{Q(userId)}", cancellationToken);

    // ---- roles and assignments ----
    public async Task<IReadOnlyList<KeystoneRole>> ListRolesAsync(CancellationToken cancellationToken, string? name = null) =>
        (await ListAsync(name is null ? "/roles" : $"/roles?name={Q(name)}", "roles", cancellationToken).ConfigureAwait(false)).Select(Read<KeystoneRole>).ToList();

    public async Task<KeystoneCreateResult<KeystoneRole>> CreateRoleAsync(string name, CancellationToken cancellationToken) =>
        await CreateOrFindAsync("/roles", new JsonObject { ["role"] = new JsonObject { ["name"] = name } }, "role", Read<KeystoneRole>,
            async () => (await ListRolesAsync(cancellationToken, name).ConfigureAwait(false)).FirstOrDefault(r => r.DomainId is null), cancellationToken).ConfigureAwait(false);

    public Task DeleteRoleAsync(string id, CancellationToken cancellationToken) => DeleteIgnoringMissingAsync($"/roles/{Q(id)}", cancellationToken);

    /// <summary>Grants a role to a user or group (exactly one) on a project or domain, optionally inherited to the domain's projects. Idempotent.</summary>
    public Task GrantRoleAsync(string roleId, string? userId, string? groupId, KeystoneScope scope, CancellationToken cancellationToken) =>
        SendAsync(HttpMethod.Put, AssignmentPath(roleId, userId, groupId, scope), null, cancellationToken);

    public Task RevokeRoleAsync(string roleId, string? userId, string? groupId, KeystoneScope scope, CancellationToken cancellationToken) =>
        DeleteIgnoringMissingAsync(AssignmentPath(roleId, userId, groupId, scope), cancellationToken);

    private static string AssignmentPath(string roleId, string? userId, string? groupId, KeystoneScope scope)
    {
        if ((userId is null) == (groupId is null))
        {
            throw new ArgumentException("a role assignment names exactly one of user or group");
        }
        if ((scope.ProjectId is null) == (scope.DomainId is null))
        {
            throw new ArgumentException("a role assignment scope names exactly one of project or domain");
        }
        var actor = userId is not null ? $"users/{Q(userId)}" : $"groups/{Q(groupId!)}";
        var target = scope.ProjectId is not null ? $"projects/{Q(scope.ProjectId)}" : $"domains/{Q(scope.DomainId!)}";
        return scope.InheritedToProjects
            ? $"/OS-INHERIT/{target}/{actor}/roles/{Q(roleId)}/inherited_to_projects"
            : $"/{target}/{actor}/roles/{Q(roleId)}";
    }

    /// <summary>Direct role assignments (not effective), optionally filtered by user, group or scope.</summary>
    public async Task<IReadOnlyList<KeystoneRoleAssignment>> ListRoleAssignmentsAsync(CancellationToken cancellationToken, string? userId = null, string? groupId = null, string? projectId = null, string? domainId = null)
    {
        var query = new List<string>();
        if (userId is not null) query.Add($"user.id={Q(userId)}");
        if (groupId is not null) query.Add($"group.id={Q(groupId)}");
        if (projectId is not null) query.Add($"scope.project.id={Q(projectId)}");
        if (domainId is not null) query.Add($"scope.domain.id={Q(domainId)}");
        var path = query.Count == 0 ? "/role_assignments" : "/role_assignments?" + string.Join('&', query);
        var rows = await ListAsync(path, "role_assignments", cancellationToken).ConfigureAwait(false);
        var result = new List<KeystoneRoleAssignment>(rows.Count);
        foreach (var row in rows)
        {
            var scope = row["scope"];
            var inherited = scope?["OS-INHERIT:inherited_to"]?.GetValue<string>() == "projects";
            result.Add(new KeystoneRoleAssignment(
                row["role"]!["id"]!.GetValue<string>(),
                row["user"]?["id"]?.GetValue<string>(),
                row["group"]?["id"]?.GetValue<string>(),
                new KeystoneScope(scope?["project"]?["id"]?.GetValue<string>(), scope?["domain"]?["id"]?.GetValue<string>(), inherited)));
        }
        return result;
    }

    // ---- application credentials ----
    /// <summary>Creates an application credential for a user (Keystone returns the secret only here; the caller must store it, never log it).</summary>
    public async Task<KeystoneApplicationCredential> CreateApplicationCredentialAsync(string userId, string name, IReadOnlyList<string>? roleNames, DateTimeOffset? expiresAt, CancellationToken cancellationToken)
    {
        var cred = new JsonObject { ["name"] = name };
        if (roleNames is { Count: > 0 })
        {
            cred["roles"] = new JsonArray(roleNames.Select(r => (JsonNode?)new JsonObject { ["name"] = r }).ToArray());
        }
        if (expiresAt is not null)
        {
            cred["expires_at"] = expiresAt.Value.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        }
        var node = await SendAsync(HttpMethod.Post, $"/users/{Q(userId)}/application_credentials", new JsonObject { ["application_credential"] = cred }, cancellationToken).ConfigureAwait(false);
        return ReadApplicationCredential(node!["application_credential"]!);
    }

    public async Task<IReadOnlyList<KeystoneApplicationCredential>> ListApplicationCredentialsAsync(string userId, CancellationToken cancellationToken) =>
        (await ListAsync($"/users/{Q(userId)}/application_credentials", "application_credentials", cancellationToken).ConfigureAwait(false)).Select(ReadApplicationCredential).ToList();

    public Task DeleteApplicationCredentialAsync(string userId, string id, CancellationToken cancellationToken) =>
        DeleteIgnoringMissingAsync($"/users/{Q(userId)}/application_credentials/{Q(id)}", cancellationToken);

    private static KeystoneApplicationCredential ReadApplicationCredential(JsonNode n) => new(
        n["id"]!.GetValue<string>(), n["name"]!.GetValue<string>(), n["user_id"]?.GetValue<string>() ?? "",
        n["secret"]?.GetValue<string>(), n["project_id"]?.GetValue<string>(),
        n["expires_at"]?.GetValue<string>() is { } e ? DateTimeOffset.Parse(e + (e.EndsWith('Z') ? "" : "Z"), System.Globalization.CultureInfo.InvariantCulture) : null);

    // ---- shared ----
    /// <summary>POST a new object; on Keystone's 409 (the name is taken) return the existing object instead.</summary>
    private async Task<KeystoneCreateResult<T>> CreateOrFindAsync<T>(string path, JsonObject body, string member, Func<JsonNode, T> read, Func<Task<T?>> find, CancellationToken cancellationToken)
        where T : class
    {
        try
        {
            var node = await SendAsync(HttpMethod.Post, path, body, cancellationToken).ConfigureAwait(false);
            return new KeystoneCreateResult<T>(read(node![member]!), true);
        }
        catch (KeystoneApiException ex) when (ex.IsConflict)
        {
            var existing = await find().ConfigureAwait(false)
                ?? throw new KeystoneApiException("POST", path, ex.StatusCode, $"Keystone reported a conflict but no existing {member} matches: {ex.KeystoneMessage}", ex);
            return new KeystoneCreateResult<T>(existing, false);
        }
    }

    /// <summary>DELETE where "already gone" (404) counts as done, so a resumed run can repeat it.</summary>
    internal async Task DeleteIgnoringMissingAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            await SendAsync(HttpMethod.Delete, path, null, cancellationToken).ConfigureAwait(false);
        }
        catch (KeystoneApiException ex) when (ex.IsNotFound)
        {
        }
    }
}
