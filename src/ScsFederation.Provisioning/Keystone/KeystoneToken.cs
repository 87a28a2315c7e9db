namespace ScsFederation.Provisioning.Keystone;

/// <summary>A Keystone token (the <c>X-Subject-Token</c> value) with its expiry and the catalog it came with.</summary>
public sealed record KeystoneToken(string Value, DateTimeOffset ExpiresAt, string? ProjectId, IReadOnlyList<string> Roles, IReadOnlyList<KeystoneEndpoint> Catalog)
{
    /// <summary>Renew a minute early so a request never leaves with a token that expires in flight.</summary>
    public bool IsUsable(DateTimeOffset now) => ExpiresAt - now > TimeSpan.FromMinutes(1);

    public override string ToString() => $"KeystoneToken(expires {ExpiresAt:O})"; // never the value: tokens are not logged
}
