using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;
using ScsFederation.Mapping;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Persistence;

namespace ScsFederation.Provisioning.Onboarding;

/// <summary>
/// Makes a provider's Keystone trust the hub: the federated domain, the identity provider (remote id = hub issuer),
/// the mapping (the replay of the hub's mapping result, <see cref="MappingReplay.KeystoneRules"/>) and the protocol, each created only when
/// missing and recorded as onboarding-owned, so running it again changes nothing and offboarding removes exactly
/// what onboarding created. It refuses to take over objects with the same ids that it did not create.
/// </summary>
public sealed class ProviderOnboarding
{
    private readonly FederationConfig _config;
    private readonly IOwnershipStore _ownership;
    private readonly Func<CloudProvider, KeystoneClient> _clientFactory;

    public ProviderOnboarding(FederationConfig config, IOwnershipStore ownership, Func<CloudProvider, KeystoneClient> clientFactory)
    {
        _config = config;
        _ownership = ownership;
        _clientFactory = clientFactory;
    }

    /// <summary>
    /// The identity provider's remote ids: exactly the <c>iss</c> of the hub's tokens, which mod_auth_openidc passes on
    /// verbatim (<c>OIDC-iss</c>) and Keystone compares byte for byte. One spelling only: a second one would be a remote
    /// id no hub token carries, and an invitation for another issuer that happens to spell it.
    /// </summary>
    public static IReadOnlyList<string> RemoteIds(HubSettings hub) => [hub.CanonicalIssuer];

    public async Task<OnboardingResult> OnboardAsync(string providerId, string? outputFolder, CancellationToken cancellationToken)
    {
        var provider = Find(providerId);
        var steps = new List<OnboardingStep>();
        var runId = "onboarding-" + Guid.NewGuid().ToString("n")[..12];
        if (provider.Keystone is { } ks)
        {
            if (string.IsNullOrEmpty(_config.Hub.Issuer)) throw new OnboardingException(providerId, "hub.issuer", "the hub has no issuer to register as remote id");
            var issuer = _config.Hub.CanonicalIssuer;
            var remoteIds = RemoteIds(_config.Hub);
            if (string.IsNullOrEmpty(ks.Domain)) throw new OnboardingException(providerId, "keystone.domain", "set the domain federated users and the identity provider belong to");
            var export = LoadKeystoneMapping(provider);
            // Keystone replays what the hub mapped (MappingReplay); the operator's conditions run only at the hub.
            var rules = MappingReplay.KeystoneRules(export["rules"]!.AsArray());
            var schemaVersion = export["schema_version"]?.GetValue<string>();
            var owned = (await _ownership.ListAsync(providerId, OwnedObject.OnboardingOrigin, cancellationToken).ConfigureAwait(false))
                .ToDictionary(o => o.KeyText, StringComparer.Ordinal);
            using var client = _clientFactory(provider);

            // 1. domain
            var domainKey = $"domain:{ks.Domain}";
            var domain = await client.FindDomainAsync(ks.Domain, cancellationToken).ConfigureAwait(false);
            if (domain is null)
            {
                domain = (await client.CreateDomainAsync(ks.Domain, "federated users of the scsfed hub", cancellationToken).ConfigureAwait(false)).Value;
                // Domains get their id from Keystone, so this one record follows the create (409 covers a retry).
                await RecordAsync(providerId, domainKey, domain.Id, runId, cancellationToken).ConfigureAwait(false);
                steps.Add(new OnboardingStep(domainKey, OnboardingOutcome.Created));
            }
            else
            {
                steps.Add(new OnboardingStep(domainKey, OnboardingOutcome.Unchanged, owned.ContainsKey(domainKey) ? null : "existed before onboarding"));
            }

            // 2. identity provider
            var idpKey = $"identity_provider:{ks.IdentityProviderId}";
            var idp = await client.GetIdentityProviderAsync(ks.IdentityProviderId, cancellationToken).ConfigureAwait(false);
            if (idp is null)
            {
                // Recorded before the create: a crash in between leaves a record of a missing object (harmless), never an unowned one.
                await RecordAsync(providerId, idpKey, ks.IdentityProviderId, runId, cancellationToken).ConfigureAwait(false);
                await client.CreateIdentityProviderAsync(ks.IdentityProviderId, remoteIds, domain.Id, "scsfed federation hub " + issuer, cancellationToken).ConfigureAwait(false);
                steps.Add(new OnboardingStep(idpKey, OnboardingOutcome.Created, "remote id " + issuer));
            }
            else
            {
                RequireOwned(owned, idpKey, providerId);
                if (!string.Equals(idp.DomainId, domain.Id, StringComparison.Ordinal))
                {
                    throw new OnboardingException(providerId, idpKey, $"belongs to domain {idp.DomainId}, the federation file says {ks.Domain} ({domain.Id}); Keystone cannot move it, offboard first");
                }
                if (!idp.RemoteIds.Order(StringComparer.Ordinal).SequenceEqual(remoteIds.Order(StringComparer.Ordinal), StringComparer.Ordinal))
                {
                    await client.UpdateIdentityProviderRemoteIdsAsync(ks.IdentityProviderId, remoteIds, cancellationToken).ConfigureAwait(false);
                    steps.Add(new OnboardingStep(idpKey, OnboardingOutcome.Updated, "remote id " + issuer));
                }
                else
                {
                    steps.Add(new OnboardingStep(idpKey, OnboardingOutcome.Unchanged));
                }
            }

            // 3. mapping
            var mappingId = MappingIdOf(ks);
            var mappingKey = $"mapping:{mappingId}";
            var mapping = await client.GetMappingAsync(mappingId, cancellationToken).ConfigureAwait(false);
            if (mapping is null)
            {
                await RecordAsync(providerId, mappingKey, mappingId, runId, cancellationToken).ConfigureAwait(false);
                await client.CreateMappingAsync(mappingId, rules, cancellationToken, schemaVersion).ConfigureAwait(false);
                steps.Add(new OnboardingStep(mappingKey, OnboardingOutcome.Created, $"{rules.Count} rules"));
            }
            else
            {
                RequireOwned(owned, mappingKey, providerId);
                if (!JsonNode.DeepEquals(mapping.Rules, rules) || (schemaVersion is not null && mapping.SchemaVersion != schemaVersion))
                {
                    await client.UpdateMappingAsync(mappingId, rules, cancellationToken, schemaVersion).ConfigureAwait(false);
                    steps.Add(new OnboardingStep(mappingKey, OnboardingOutcome.Updated, $"{rules.Count} rules"));
                }
                else
                {
                    steps.Add(new OnboardingStep(mappingKey, OnboardingOutcome.Unchanged));
                }
            }

            // 4. protocol
            var protocolKey = $"protocol:{ks.IdentityProviderId}/{ks.Protocol}";
            var protocol = await client.GetProtocolAsync(ks.IdentityProviderId, ks.Protocol, cancellationToken).ConfigureAwait(false);
            if (protocol is null)
            {
                await RecordAsync(providerId, protocolKey, ks.Protocol, runId, cancellationToken).ConfigureAwait(false);
                await client.CreateProtocolAsync(ks.IdentityProviderId, ks.Protocol, mappingId, cancellationToken).ConfigureAwait(false);
                steps.Add(new OnboardingStep(protocolKey, OnboardingOutcome.Created, "mapping " + mappingId));
            }
            else
            {
                RequireOwned(owned, protocolKey, providerId);
                if (!string.Equals(protocol.MappingId, mappingId, StringComparison.Ordinal))
                {
                    await client.UpdateProtocolAsync(ks.IdentityProviderId, ks.Protocol, mappingId, cancellationToken).ConfigureAwait(false);
                    steps.Add(new OnboardingStep(protocolKey, OnboardingOutcome.Updated, "mapping " + mappingId));
                }
                else
                {
                    steps.Add(new OnboardingStep(protocolKey, OnboardingOutcome.Unchanged));
                }
            }
        }

        if (provider.Keystone is { ClientId: not null, PublicUrl: not null } k)
        {
            steps.Add(CheckHubClient(provider, k));
        }
        if (outputFolder is not null)
        {
            steps.AddRange(ProviderConfigFiles.Write(_config, provider, outputFolder));
        }
        return new OnboardingResult(providerId, steps);
    }

    /// <summary>Removes, in reverse order, the Keystone objects onboarding recorded; a domain only when it is empty.</summary>
    public async Task<OnboardingResult> OffboardAsync(string providerId, CancellationToken cancellationToken)
    {
        var provider = Find(providerId);
        var steps = new List<OnboardingStep>();
        var ks = provider.Keystone ?? throw new OnboardingException(providerId, "keystone", "the provider has no keystone section");
        var owned = await _ownership.ListAsync(providerId, OwnedObject.OnboardingOrigin, cancellationToken).ConfigureAwait(false);
        using var client = _clientFactory(provider);
        foreach (var record in owned.OrderBy(o => RemovalOrder(o.KeyText)))
        {
            var key = record.KeyText;
            var kind = key[..key.IndexOf(':', StringComparison.Ordinal)];
            var name = key[(kind.Length + 1)..];
            switch (kind)
            {
                case "protocol":
                {
                    var slash = name.IndexOf('/', StringComparison.Ordinal);
                    await client.DeleteProtocolAsync(name[..slash], name[(slash + 1)..], cancellationToken).ConfigureAwait(false);
                    break;
                }
                case "mapping":
                    await client.DeleteMappingAsync(name, cancellationToken).ConfigureAwait(false);
                    break;
                case "identity_provider":
                    // Keystone deletes the identity provider's protocols and federated user links with it.
                    await client.DeleteIdentityProviderAsync(name, cancellationToken).ConfigureAwait(false);
                    break;
                case "domain":
                {
                    var users = await client.ListUsersAsync(record.KeystoneId, cancellationToken).ConfigureAwait(false);
                    var projects = await client.ListProjectsAsync(record.KeystoneId, cancellationToken).ConfigureAwait(false);
                    var groups = await client.ListGroupsAsync(record.KeystoneId, cancellationToken).ConfigureAwait(false);
                    if (users.Count + projects.Count + groups.Count > 0)
                    {
                        steps.Add(new OnboardingStep(key, OnboardingOutcome.Retained, $"still holds {projects.Count} projects, {users.Count} users, {groups.Count} groups"));
                        continue;
                    }
                    await client.DeleteDomainAsync(record.KeystoneId, cancellationToken).ConfigureAwait(false);
                    break;
                }
                default:
                    steps.Add(new OnboardingStep(key, OnboardingOutcome.Retained, "unknown record kind"));
                    continue;
            }
            await _ownership.ForgetAsync(providerId, OwnedObject.OnboardingOrigin, key, cancellationToken).ConfigureAwait(false);
            steps.Add(new OnboardingStep(key, OnboardingOutcome.Deleted));
        }
        return new OnboardingResult(providerId, steps);
    }

    /// <summary>
    /// The hub registers its downstream clients from the federation file at start-up; onboarding checks that the
    /// provider's mod_auth_openidc client is there with the redirect URI the generated Apache site uses.
    /// </summary>
    private OnboardingStep CheckHubClient(CloudProvider provider, KeystoneSettings ks)
    {
        var redirect = ApacheKeystoneSite.RedirectUri(provider);
        var key = $"hub client:{ks.ClientId}";
        var client = _config.Clients.Find(c => string.Equals(c.ClientId, ks.ClientId, StringComparison.Ordinal));
        if (client is null)
        {
            return new OnboardingStep(key, OnboardingOutcome.ActionNeeded, $"add to clients[]: clientId {ks.ClientId}, provider {provider.Id}, redirectUris [{redirect}], grantTypes [authorization_code, refresh_token]");
        }
        if (!client.RedirectUris.Contains(redirect, StringComparer.Ordinal))
        {
            return new OnboardingStep(key, OnboardingOutcome.ActionNeeded, $"add redirect URI {redirect}");
        }
        return new OnboardingStep(key, OnboardingOutcome.Unchanged, "registered in the federation file");
    }

    public static string MappingIdOf(KeystoneSettings ks) => ks.MappingId ?? ks.IdentityProviderId + "-mapping";

    private static int RemovalOrder(string key) => key.Split(':')[0] switch
    {
        "protocol" => 0,
        "mapping" => 1,
        "identity_provider" => 2,
        _ => 3,
    };

    private CloudProvider Find(string providerId) =>
        _config.FindProvider(providerId) ?? throw new OnboardingException(providerId, "providers", "not in the federation file");

    /// <summary>The Keystone-compatible part of the provider's rule set (<c>rules</c> without the Kubernetes extension, <c>schema_version</c>).</summary>
    public static JsonObject LoadKeystoneMapping(CloudProvider provider)
    {
        if (string.IsNullOrEmpty(provider.Mapping))
        {
            throw new OnboardingException(provider.Id, "mapping", "the provider names no mapping rules file");
        }
        KeystoneMappingRuleSet ruleSet;
        try
        {
            ruleSet = KeystoneMappingRuleSet.Parse(File.ReadAllText(provider.Mapping));
        }
        catch (MappingRuleException ex)
        {
            throw new OnboardingException(provider.Id, provider.Mapping, ex.Message);
        }
        return JsonNode.Parse(ruleSet.ToKeystoneJson(indented: false))!.AsObject();
    }

    private static void RequireOwned(Dictionary<string, OwnedObject> owned, string key, string providerId)
    {
        if (!owned.ContainsKey(key))
        {
            throw new OnboardingException(providerId, key, "exists in Keystone but was not created by onboarding; remove it or choose another id");
        }
    }

    private Task RecordAsync(string providerId, string key, string keystoneId, string runId, CancellationToken cancellationToken) =>
        _ownership.RecordAsync(new OwnedObject(providerId, key, keystoneId, null, OwnedObject.OnboardingOrigin, runId, DateTimeOffset.UtcNow), cancellationToken);
}
