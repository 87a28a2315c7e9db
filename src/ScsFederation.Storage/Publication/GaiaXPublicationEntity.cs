namespace ScsFederation.Storage.Publication;

/// <summary>Row of <c>gaiax_publications</c>: one publication of a provider's credential set (see <see cref="EfPublicationStore"/>).</summary>
public sealed class GaiaXPublicationEntity
{
    public string Id { get; set; } = "";
    public string ProviderId { get; set; } = "";
    public string IssuerDid { get; set; } = "";
    public DateTimeOffset CreatedAt { get; set; }
    /// <summary>Hash of the federation entry and the discovered catalog it was built from.</summary>
    public string InputHash { get; set; } = "";
}

/// <summary>Row of <c>gaiax_credentials</c>: one served credential of a publication, its compact JWT exactly as signed.</summary>
public sealed class GaiaXCredentialEntity
{
    public string PublicationId { get; set; } = "";
    /// <summary>The credential's id, which is also its URL under <c>{hub issuer}gaia-x/providers/{provider}/</c>.</summary>
    public string CredentialId { get; set; } = "";
    public string ProviderId { get; set; } = "";
    public string Kind { get; set; } = "";
    public string GxType { get; set; } = "";
    public string MediaType { get; set; } = "";
    public string Body { get; set; } = "";
    public string Profile { get; set; } = "";
    public DateTimeOffset IssuedAt { get; set; }
    public DateTimeOffset ValidUntil { get; set; }
    public string ETag { get; set; } = "";
}
