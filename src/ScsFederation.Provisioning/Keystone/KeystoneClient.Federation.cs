using System.Text.Json.Nodes;

namespace ScsFederation.Provisioning.Keystone;

// OS-FEDERATION: identity providers, mappings and protocols. Keystone creates these with PUT on a caller-chosen id.
public sealed partial class KeystoneClient
{
    private const string Fed = "/OS-FEDERATION";

    public async Task<KeystoneIdentityProvider?> GetIdentityProviderAsync(string id, CancellationToken cancellationToken)
    {
        var node = await GetOrNullAsync($"{Fed}/identity_providers/{Q(id)}", cancellationToken).ConfigureAwait(false);
        return node is null ? null : ReadIdentityProvider(node["identity_provider"]!);
    }

    public async Task<IReadOnlyList<KeystoneIdentityProvider>> ListIdentityProvidersAsync(CancellationToken cancellationToken) =>
        (await ListAsync($"{Fed}/identity_providers", "identity_providers", cancellationToken).ConfigureAwait(false)).Select(n => ReadIdentityProvider(n)).ToList();

    public async Task<KeystoneIdentityProvider> CreateIdentityProviderAsync(string id, IReadOnlyList<string> remoteIds, string? domainId, string? description, CancellationToken cancellationToken)
    {
        var idp = new JsonObject
        {
            ["remote_ids"] = new JsonArray(remoteIds.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()),
            ["enabled"] = true,
            ["description"] = description,
        };
        if (domainId is not null) idp["domain_id"] = domainId;
        var node = await SendAsync(HttpMethod.Put, $"{Fed}/identity_providers/{Q(id)}", new JsonObject { ["identity_provider"] = idp }, cancellationToken).ConfigureAwait(false);
        return ReadIdentityProvider(node!["identity_provider"]!);
    }

    /// <summary>Keystone allows changing remote ids and enabled state, not the domain, after creation.</summary>
    public async Task<KeystoneIdentityProvider> UpdateIdentityProviderRemoteIdsAsync(string id, IReadOnlyList<string> remoteIds, CancellationToken cancellationToken)
    {
        var body = new JsonObject { ["identity_provider"] = new JsonObject { ["remote_ids"] = new JsonArray(remoteIds.Select(r => (JsonNode?)JsonValue.Create(r)).ToArray()) } };
        var node = await SendAsync(HttpMethod.Patch, $"{Fed}/identity_providers/{Q(id)}", body, cancellationToken).ConfigureAwait(false);
        return ReadIdentityProvider(node!["identity_provider"]!);
    }

    public Task DeleteIdentityProviderAsync(string id, CancellationToken cancellationToken) =>
        DeleteIgnoringMissingAsync($"{Fed}/identity_providers/{Q(id)}", cancellationToken);

    public async Task<KeystoneMapping?> GetMappingAsync(string id, CancellationToken cancellationToken)
    {
        var node = await GetOrNullAsync($"{Fed}/mappings/{Q(id)}", cancellationToken).ConfigureAwait(false);
        return node is null ? null : ReadMapping(id, node["mapping"]!);
    }

    /// <param name="schemaVersion">Keystone's mapping schema version ("2.0" allows domains on projects); null = Keystone's default.</param>
    public async Task<KeystoneMapping> CreateMappingAsync(string id, JsonArray rules, CancellationToken cancellationToken, string? schemaVersion = null)
    {
        var node = await SendAsync(HttpMethod.Put, $"{Fed}/mappings/{Q(id)}", MappingBody(rules, schemaVersion), cancellationToken).ConfigureAwait(false);
        return ReadMapping(id, node!["mapping"]!);
    }

    /// <param name="schemaVersion">Keystone's mapping schema version ("2.0" allows domains on projects); null = Keystone's default.</param>
    public async Task<KeystoneMapping> UpdateMappingAsync(string id, JsonArray rules, CancellationToken cancellationToken, string? schemaVersion = null)
    {
        var node = await SendAsync(HttpMethod.Patch, $"{Fed}/mappings/{Q(id)}", MappingBody(rules, schemaVersion), cancellationToken).ConfigureAwait(false);
        return ReadMapping(id, node!["mapping"]!);
    }

    public Task DeleteMappingAsync(string id, CancellationToken cancellationToken) => DeleteIgnoringMissingAsync($"{Fed}/mappings/{Q(id)}", cancellationToken);

    public async Task<KeystoneProtocol?> GetProtocolAsync(string identityProviderId, string protocolId, CancellationToken cancellationToken)
    {
        var node = await GetOrNullAsync($"{Fed}/identity_providers/{Q(identityProviderId)}/protocols/{Q(protocolId)}", cancellationToken).ConfigureAwait(false);
        return node is null ? null : new KeystoneProtocol(protocolId, identityProviderId, node["protocol"]!["mapping_id"]!.GetValue<string>());
    }

    public async Task<KeystoneProtocol> CreateProtocolAsync(string identityProviderId, string protocolId, string mappingId, CancellationToken cancellationToken)
    {
        var node = await SendAsync(HttpMethod.Put, $"{Fed}/identity_providers/{Q(identityProviderId)}/protocols/{Q(protocolId)}",
            new JsonObject { ["protocol"] = new JsonObject { ["mapping_id"] = mappingId } }, cancellationToken).ConfigureAwait(false);
        return new KeystoneProtocol(protocolId, identityProviderId, node!["protocol"]!["mapping_id"]!.GetValue<string>());
    }

    public async Task<KeystoneProtocol> UpdateProtocolAsync(string identityProviderId, string protocolId, string mappingId, CancellationToken cancellationToken)
    {
        var node = await SendAsync(HttpMethod.Patch, $"{Fed}/identity_providers/{Q(identityProviderId)}/protocols/{Q(protocolId)}",
            new JsonObject { ["protocol"] = new JsonObject { ["mapping_id"] = mappingId } }, cancellationToken).ConfigureAwait(false);
        return new KeystoneProtocol(protocolId, identityProviderId, node!["protocol"]!["mapping_id"]!.GetValue<string>());
    }

    public Task DeleteProtocolAsync(string identityProviderId, string protocolId, CancellationToken cancellationToken) =>
        DeleteIgnoringMissingAsync($"{Fed}/identity_providers/{Q(identityProviderId)}/protocols/{Q(protocolId)}", cancellationToken);

    private static JsonObject MappingBody(JsonArray rules, string? schemaVersion)
    {
        var mapping = new JsonObject { ["rules"] = rules.DeepClone() };
        if (schemaVersion is not null) mapping["schema_version"] = schemaVersion;
        return new JsonObject { ["mapping"] = mapping };
    }

    private static KeystoneMapping ReadMapping(string id, JsonNode mapping) =>
        new(id, mapping["rules"]!.AsArray(), mapping["schema_version"]?.GetValue<string>());

    private static KeystoneIdentityProvider ReadIdentityProvider(JsonNode n) => new(
        n["id"]!.GetValue<string>(),
        n["remote_ids"]?.AsArray().Select(r => r!.GetValue<string>()).ToList() ?? [],
        n["domain_id"]?.GetValue<string>(),
        n["enabled"]?.GetValue<bool>() ?? true,
        n["description"]?.GetValue<string>());

    private async Task<JsonNode?> GetOrNullAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            return await SendAsync(HttpMethod.Get, path, null, cancellationToken).ConfigureAwait(false);
        }
        catch (KeystoneApiException ex) when (ex.IsNotFound)
        {
            return null;
        }
    }
}
