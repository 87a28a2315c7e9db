namespace ScsFederation.Mapping;

/// <summary>A provider for which the login yields no grant, with the reason (no rule matched, or the evaluation error).</summary>
public sealed record ProviderGrantRefusal(string ProviderId, string Reason, MappingEvaluationException? Error);
