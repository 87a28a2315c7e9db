namespace ScsFederation.Mapping;

/// <summary>What one login grants on one provider (cloud) of the federation.</summary>
public sealed record ProviderGrant(string ProviderId, MappingResult Result);
