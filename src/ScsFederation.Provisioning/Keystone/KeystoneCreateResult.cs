namespace ScsFederation.Provisioning.Keystone;

/// <summary>Outcome of an idempotent create: the object, and whether this call created it or it already existed (Keystone's 409).</summary>
public sealed record KeystoneCreateResult<T>(T Value, bool Created);
