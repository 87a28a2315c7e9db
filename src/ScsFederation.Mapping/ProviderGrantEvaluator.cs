namespace ScsFederation.Mapping;

/// <summary>
/// Evaluates each provider's own rule set for one login. A provider whose rules do not match or
/// fail gets no grant (fail closed) and is listed with the reason; other providers are unaffected.
/// </summary>
public static class ProviderGrantEvaluator
{
    public static ProviderGrantEvaluation Evaluate(
        IReadOnlyDictionary<string, KeystoneMappingRuleSet> ruleSetsByProvider,
        IReadOnlyDictionary<string, IReadOnlyList<string>> assertion,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(ruleSetsByProvider);
        var grants = new List<ProviderGrant>();
        var refusals = new List<ProviderGrantRefusal>();
        foreach (var (providerId, ruleSet) in ruleSetsByProvider.OrderBy(p => p.Key, StringComparer.Ordinal))
        {
            cancellationToken.ThrowIfCancellationRequested();
            try
            {
                var outcome = MappingEngine.Evaluate(ruleSet, assertion);
                if (outcome.Result is { } result)
                {
                    grants.Add(new ProviderGrant(providerId, result));
                }
                else
                {
                    refusals.Add(new ProviderGrantRefusal(providerId, MappingOutcome.NoMatchMessage, null));
                }
            }
            catch (MappingEvaluationException e)
            {
                refusals.Add(new ProviderGrantRefusal(providerId, e.Message, e));
            }
        }

        return new ProviderGrantEvaluation(grants, refusals);
    }
}
