using ScsFederation.Core.Configuration;
using ScsFederation.Mapping;

namespace ScsFederation.Hub.Grants;

/// <summary>Every provider's mapping rules, parsed once at start-up; a broken rule file stops the hub with its path and the rule's JSON path.</summary>
public sealed class ProviderRuleSets
{
    private ProviderRuleSets(IReadOnlyDictionary<string, KeystoneMappingRuleSet> byProvider) => ByProvider = byProvider;

    public IReadOnlyDictionary<string, KeystoneMappingRuleSet> ByProvider { get; }

    public static ProviderRuleSets Load(FederationConfig config)
    {
        var result = new Dictionary<string, KeystoneMappingRuleSet>(StringComparer.Ordinal);
        var errors = new List<ConfigError>();
        for (var i = 0; i < config.Providers.Count; i++)
        {
            var provider = config.Providers[i];
            if (provider.Mapping is null) continue;
            try
            {
                result[provider.Id] = KeystoneMappingRuleSet.Parse(File.ReadAllText(provider.Mapping));
            }
            catch (MappingRuleException ex)
            {
                errors.Add(new ConfigError($"/providers/{i}/mapping", $"{provider.Mapping}: {ex.JsonPath}: {ex.Reason}"));
            }
            catch (IOException ex)
            {
                errors.Add(new ConfigError($"/providers/{i}/mapping", $"{provider.Mapping}: {ex.Message}"));
            }
        }
        if (errors.Count > 0) throw new FederationConfigException(config.SourcePath ?? "federation file", errors);
        return new ProviderRuleSets(result);
    }
}
