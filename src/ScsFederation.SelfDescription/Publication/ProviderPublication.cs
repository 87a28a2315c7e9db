using System.Security.Cryptography;
using System.Text;

namespace ScsFederation.SelfDescription.Publication;

/// <summary>What a published credential is to its provider.</summary>
public static class PublishedKind
{
    /// <summary>A credential the hub signed for the provider (participant, issuer terms, an offering).</summary>
    public const string Credential = "credential";
    /// <summary>The provider's VP-JWT enveloping every credential of the set and the notary's.</summary>
    public const string Presentation = "presentation";
    /// <summary>The notary's registration-number credential (signed by the notary, served as received).</summary>
    public const string RegistrationNumber = "registration-number";
    /// <summary>The compliance service's gx:LabelCredential for the presentation.</summary>
    public const string Label = "label";
}

/// <summary>
/// One served credential: its id (also its URL under <c>{hub issuer}gaia-x/providers/{provider}/</c>), the compact
/// JWT exactly as signed, the media type it is served as by default, the profile its header follows, and its validity.
/// </summary>
public sealed record PublishedCredential(string Id, string Kind, string GxType, string MediaType, string Body, string Profile, DateTimeOffset IssuedAt, DateTimeOffset ValidUntil)
{
    /// <summary>Strong ETag: the SHA-256 of the body (what a catalogue compares to know it has the current credential).</summary>
    public string ETag => EtagOf(Body);

    public static string EtagOf(string body) => "\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))) + "\"";
}

/// <summary>
/// One publication of a provider: the whole set as signed together. <see cref="InputHash"/> is the hash of what it was
/// built from (the provider's federation entry, the discovered catalog, the profile), so the hub republishes when
/// either changed.
/// </summary>
public sealed record ProviderPublication(string Id, string ProviderId, string IssuerDid, DateTimeOffset CreatedAt, string InputHash, IReadOnlyList<PublishedCredential> Credentials)
{
    public PublishedCredential? Presentation => Credentials.FirstOrDefault(c => c.Kind == PublishedKind.Presentation);

    public PublishedCredential? Label => Credentials.FirstOrDefault(c => c.Kind == PublishedKind.Label);

    public DateTimeOffset ValidUntil => Credentials.Where(c => c.Kind != PublishedKind.Label).Select(c => c.ValidUntil).DefaultIfEmpty(CreatedAt).Min();
}
