namespace ScsFederation.Storage.Entities;

/// <summary>An AuthnRequest the hub sent and is waiting for; a response's InResponseTo must name one.</summary>
public sealed class PendingSamlRequest
{
    public string RequestId { get; set; } = "";

    public string UpstreamId { get; set; } = "";

    public string? ReturnUrl { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
}
