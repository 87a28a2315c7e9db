using ScsFederation.Core.Configuration;
using ScsFederation.Mapping;
using ScsFederation.Storage.Entities;

namespace ScsFederation.Hub.Grants;

/// <summary>
/// Decides who holds the hub role <see cref="Role"/>: <c>hub.administrators.mapping</c> evaluated on the account's
/// claims view (<see cref="ProviderGrantService.AssertionFor"/> — the hub's facts, such as the verified upstream id
/// <c>OIDC-idp</c>, over what the upstream says), every time a token is issued, so removing someone upstream or
/// from the rules ends the role at their next refresh.
/// </summary>
public sealed class HubAdministrators
{
    public const string Role = "federation-admin";

    /// <summary>The scope a client requests (and must be allowed in its <c>scopes</c>) for the role to reach its tokens.</summary>
    public const string Scope = "federation-admin";

    private readonly KeystoneMappingRuleSet? _rules;

    public HubAdministrators(FederationConfig config)
    {
        if (config.Hub.Administrators.Mapping is not { } path) return;
        try
        {
            _rules = KeystoneMappingRuleSet.Parse(File.ReadAllText(path));
        }
        catch (MappingRuleException ex)
        {
            throw new FederationConfigException(config.SourcePath ?? "federation file", [new ConfigError("/hub/administrators/mapping", $"{path}: {ex.JsonPath}: {ex.Reason}")]);
        }
    }

    public bool IsAdministrator(IReadOnlyDictionary<string, IReadOnlyList<string>> assertion) =>
        _rules is not null && MappingEngine.Evaluate(_rules, assertion).Result is { } result
        && result.GroupNames.Any(g => g.Name == Role);
}
