using System.Net;
using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Tests.Fixtures;

namespace ScsFederation.Provisioning.Tests;

[Collection(KeystoneCollection.Name)]
public sealed class KeystoneClientTests
{
    private readonly TwoKeystonesFixture _fx;

    public KeystoneClientTests(TwoKeystonesFixture fx) => _fx = fx;

    private static string Unique(string prefix) => $"{prefix}-{Guid.NewGuid().ToString("n")[..8]}";

    [Fact]
    public async Task Password_token_is_project_scoped_and_catalog_lists_the_identity_endpoint()
    {
        using var client = KeystoneClient.Create(_fx.CloudA.Settings());
        var token = await client.AuthenticateAsync(CancellationToken.None);

        Assert.Contains("admin", token.Roles);
        Assert.NotNull(token.ProjectId);
        Assert.True(token.ExpiresAt > DateTimeOffset.UtcNow.AddMinutes(30));
        var identity = Assert.Single(token.Catalog, e => e.ServiceType == "identity" && e.Interface == "public");
        Assert.Equal(_fx.CloudA.Url, identity.Url);
        Assert.DoesNotContain(token.Value, token.ToString());
    }

    [Fact]
    public async Task Wrong_password_fails_with_status_path_and_keystone_message()
    {
        var settings = _fx.CloudA.Settings();
        settings.Admin.Password = "not-the-password";
        using var client = KeystoneClient.Create(settings);

        var ex = await Assert.ThrowsAsync<KeystoneApiException>(() => client.ListDomainsAsync(CancellationToken.None));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.StatusCode);
        Assert.Equal("/auth/tokens", ex.Path);
        Assert.Equal("POST", ex.Method);
        Assert.False(string.IsNullOrWhiteSpace(ex.KeystoneMessage));
    }

    [Fact]
    public async Task Unreachable_keystone_is_reported_without_status()
    {
        var settings = _fx.CloudA.Settings();
        settings.Url = "http://127.0.0.1:9359/v3"; // nothing listens on the last port of our range
        using var client = KeystoneClient.Create(settings, new KeystoneClientOptions { MaxRetries = 1, RetryBaseDelay = TimeSpan.FromMilliseconds(10) });

        var ex = await Assert.ThrowsAsync<KeystoneApiException>(() => client.ListDomainsAsync(CancellationToken.None));
        Assert.Null(ex.StatusCode);
        Assert.True(ex.IsTransient);
        Assert.Contains("127.0.0.1:9359", ex.Message);
    }

    [Fact]
    public async Task Identity_objects_round_trip_and_second_create_reports_existing()
    {
        using var client = KeystoneClient.Create(_fx.CloudA.Settings());
        var ct = CancellationToken.None;
        var domain = (await client.CreateDomainAsync(Unique("dom"), "test", ct)).Value;
        try
        {
            var project = await client.CreateProjectAsync(domain.Id, "p-one", null, ["scsfed-managed"], ct);
            Assert.True(project.Created);
            Assert.True(project.Value.HasTag("scsfed-managed"));
            var again = await client.CreateProjectAsync(domain.Id, "p-one", null, ["scsfed-managed"], ct);
            Assert.False(again.Created);
            Assert.Equal(project.Value.Id, again.Value.Id);
            Assert.Single(await client.ListProjectsAsync(domain.Id, ct, tag: "scsfed-managed"));

            var user = (await client.CreateUserAsync(domain.Id, "alice", "pw-alice-1", null, null, ct)).Value;
            var group = (await client.CreateGroupAsync(domain.Id, "admins", null, ct)).Value;
            Assert.False((await client.CreateGroupAsync(domain.Id, "admins", null, ct)).Created);
            await client.AddGroupMemberAsync(group.Id, user.Id, ct);
            await client.AddGroupMemberAsync(group.Id, user.Id, ct); // idempotent
            Assert.Equal(user.Id, Assert.Single(await client.ListGroupMembersAsync(group.Id, ct)).Id);

            var member = (await client.CreateRoleAsync("member", ct)).Value; // exists after bootstrap: 409 → existing
            await client.GrantRoleAsync(member.Id, user.Id, null, KeystoneScope.Project(project.Value.Id), ct);
            await client.GrantRoleAsync(member.Id, null, group.Id, KeystoneScope.Domain(domain.Id, inherited: true), ct);
            await client.GrantRoleAsync(member.Id, user.Id, null, KeystoneScope.Domain(domain.Id), ct);

            var forUser = await client.ListRoleAssignmentsAsync(ct, userId: user.Id);
            Assert.Equal(2, forUser.Count);
            Assert.Contains(forUser, a => a.Scope.ProjectId == project.Value.Id && a.RoleId == member.Id);
            Assert.Contains(forUser, a => a.Scope.DomainId == domain.Id && !a.Scope.InheritedToProjects);
            var forGroup = Assert.Single(await client.ListRoleAssignmentsAsync(ct, groupId: group.Id));
            Assert.True(forGroup.Scope.InheritedToProjects);

            await client.RevokeRoleAsync(member.Id, user.Id, null, KeystoneScope.Project(project.Value.Id), ct);
            await client.RevokeRoleAsync(member.Id, user.Id, null, KeystoneScope.Project(project.Value.Id), ct); // already gone: no error
            Assert.Single(await client.ListRoleAssignmentsAsync(ct, userId: user.Id));
            await client.RemoveGroupMemberAsync(group.Id, user.Id, ct);
            Assert.Empty(await client.ListGroupMembersAsync(group.Id, ct));

            await client.DeleteProjectAsync(project.Value.Id, ct);
            Assert.Null(await client.FindProjectAsync(domain.Id, "p-one", ct));
        }
        finally
        {
            await client.DeleteDomainAsync(domain.Id, ct);
        }
        Assert.Null(await client.FindDomainAsync(domain.Name, ct));
    }

    [Fact]
    public async Task Application_credential_authenticates_until_deleted()
    {
        using var admin = KeystoneClient.Create(_fx.CloudB.Settings());
        var ct = CancellationToken.None;
        var adminToken = await admin.AuthenticateAsync(ct);
        var adminUser = Assert.Single(await admin.ListUsersAsync("default", ct, "admin"));
        var cred = await admin.CreateApplicationCredentialAsync(adminUser.Id, Unique("ac"), ["admin"], DateTimeOffset.UtcNow.AddHours(1), ct);
        Assert.False(string.IsNullOrEmpty(cred.Secret));

        var settings = _fx.CloudB.Settings();
        settings.Admin = new KeystoneAdminCredentials { ApplicationCredentialId = cred.Id, ApplicationCredentialSecret = cred.Secret };
        using (var viaCred = KeystoneClient.Create(settings))
        {
            var token = await viaCred.AuthenticateAsync(ct);
            Assert.Equal(adminToken.ProjectId, token.ProjectId);
            Assert.NotEmpty(await viaCred.ListDomainsAsync(ct));
        }

        Assert.Contains(await admin.ListApplicationCredentialsAsync(adminUser.Id, ct), c => c.Id == cred.Id);
        await admin.DeleteApplicationCredentialAsync(adminUser.Id, cred.Id, ct);
        using var revoked = KeystoneClient.Create(settings);
        var ex = await Assert.ThrowsAsync<KeystoneApiException>(() => revoked.AuthenticateAsync(ct));
        // Keystone 22 answers 404 (credential not found) for a deleted application credential.
        Assert.Contains(ex.StatusCode, new HttpStatusCode?[] { HttpStatusCode.Unauthorized, HttpStatusCode.NotFound });
    }

    [Fact]
    public async Task Federation_identity_provider_mapping_and_protocol_round_trip()
    {
        using var client = KeystoneClient.Create(_fx.CloudB.Settings());
        var ct = CancellationToken.None;
        var domain = (await client.CreateDomainAsync(Unique("fed"), null, ct)).Value;
        var idpId = Unique("idp");
        var rules = JsonNode.Parse("""[{"local":[{"user":{"name":"{0}"}},{"group":{"name":"g","domain":{"name":"Default"}}}],"remote":[{"type":"OIDC-preferred_username"}]}]""")!.AsArray();
        try
        {
            var idp = await client.CreateIdentityProviderAsync(idpId, ["http://issuer.test/" + idpId], domain.Id, "hub", ct);
            Assert.Equal(domain.Id, idp.DomainId);
            var conflict = await Assert.ThrowsAsync<KeystoneApiException>(() => client.CreateIdentityProviderAsync(idpId, ["http://other.test"], domain.Id, null, ct));
            Assert.True(conflict.IsConflict);

            await client.CreateMappingAsync(idpId + "-map", rules, ct);
            var mapping = await client.GetMappingAsync(idpId + "-map", ct);
            Assert.NotNull(mapping);
            Assert.Equal("OIDC-preferred_username", mapping!.Rules[0]!["remote"]![0]!["type"]!.GetValue<string>());

            await client.CreateProtocolAsync(idpId, "openid", idpId + "-map", ct);
            Assert.Equal(idpId + "-map", (await client.GetProtocolAsync(idpId, "openid", ct))!.MappingId);

            var updated = await client.UpdateIdentityProviderRemoteIdsAsync(idpId, ["http://issuer2.test/" + idpId], ct);
            Assert.Equal(["http://issuer2.test/" + idpId], updated.RemoteIds);
            Assert.Contains(await client.ListIdentityProvidersAsync(ct), i => i.Id == idpId);

            // A user linked to the identity provider ahead of the first federated login.
            var user = await client.CreateUserAsync(domain.Id, "fed-user", null, new KeystoneFederatedLink(idpId, "openid", "fed-user"), null, ct);
            Assert.True(user.Created);
        }
        finally
        {
            await client.DeleteProtocolAsync(idpId, "openid", ct);
            await client.DeleteMappingAsync(idpId + "-map", ct);
            await client.DeleteIdentityProviderAsync(idpId, ct);
            await client.DeleteDomainAsync(domain.Id, ct);
        }
        Assert.Null(await client.GetIdentityProviderAsync(idpId, ct));
        Assert.Null(await client.GetMappingAsync(idpId + "-map", ct));
    }

    [Fact]
    public async Task Missing_object_error_names_method_path_and_status()
    {
        using var client = KeystoneClient.Create(_fx.CloudA.Settings());
        var ex = await Assert.ThrowsAsync<KeystoneApiException>(() => client.AddProjectTagAsync("does-not-exist", "x", CancellationToken.None));
        Assert.Equal(HttpStatusCode.NotFound, ex.StatusCode);
        Assert.Equal("PUT", ex.Method);
        Assert.Equal("/projects/does-not-exist/tags/x", ex.Path);
        Assert.Contains("does-not-exist", ex.KeystoneMessage);
    }
}
