using ScsFederation.Mapping;

namespace ScsFederation.Provisioning.Desired;

/// <summary>What the mapping of one provider granted one account at its latest login: the provisioning input.</summary>
public sealed record AccountProviderGrant(string AccountId, string ProviderId, MappingResult Result);
