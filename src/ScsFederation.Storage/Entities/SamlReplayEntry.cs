namespace ScsFederation.Storage.Entities;

/// <summary>A SAML response or assertion id already consumed; shared by all hub instances through the database.</summary>
public sealed class SamlReplayEntry
{
    public string MessageId { get; set; } = "";

    public DateTimeOffset ExpiresAt { get; set; }
}
