namespace ScsFederation.Mapping;

/// <summary>The grants of one login across the federation's providers, and the providers that granted nothing.</summary>
public sealed record ProviderGrantEvaluation(IReadOnlyList<ProviderGrant> Grants, IReadOnlyList<ProviderGrantRefusal> Refusals);
