namespace ScsFederation.Credentials.Jwt;

/// <summary>
/// How a VC-JWT is dressed: header <c>typ</c>/<c>cty</c> for credentials and presentations, and where
/// the JWT's <c>iss</c>/<c>iat</c>/<c>exp</c> go. Documents and services disagree (see issue #12):
/// ICAM 25.11 <c>vc+jwt</c>/<c>vc</c>; GXDCH notaries <c>vc+ld+jwt</c>/<c>vc+ld</c>; 24.07 and XFSC
/// <c>vc+ld+json+jwt</c>/<c>vc+ld+json</c>. We emit one (configurable) and accept all of them.
/// </summary>
public sealed record VcJwtProfile(
    string Name,
    string CredentialTyp,
    string CredentialCty,
    string PresentationTyp,
    string PresentationCty,
    bool ClaimsInHeader,
    bool HeaderTimesInMilliseconds)
{
    /// <summary>What GXDCH services issue today: <c>vc+jwt</c>/<c>vc</c>, <c>iss</c>/<c>iat</c>/<c>exp</c> in the protected header, in milliseconds.</summary>
    public static VcJwtProfile Gxdch { get; } = new("gxdch", "vc+jwt", "vc", "vp+jwt", "vp", true, true);

    /// <summary>GXDCH notaries (registration numbers): <c>vc+ld+jwt</c>/<c>vc+ld</c>, header claims in milliseconds.</summary>
    public static VcJwtProfile GxdchNotary { get; } = new("gxdch-notary", "vc+ld+jwt", "vc+ld", "vp+ld+jwt", "vp+ld", true, true);

    /// <summary>Gaia-X 24.07 documents and the XFSC catalogue: <c>vc+ld+json+jwt</c>/<c>vc+ld+json</c>.</summary>
    public static VcJwtProfile Gaiax2407 { get; } = new("gaia-x-24.07", "vc+ld+json+jwt", "vc+ld+json", "vp+ld+json+jwt", "vp+ld+json", false, false);

    /// <summary>ICAM 25.11 / W3C VC-JOSE-COSE: <c>vc+jwt</c>/<c>vc</c>, header claims in seconds (RFC 7519 NumericDate).</summary>
    public static VcJwtProfile VcJoseCose { get; } = new("vc-jose-cose", "vc+jwt", "vc", "vp+jwt", "vp", true, false);

    public static IReadOnlyList<VcJwtProfile> Known { get; } = [Gxdch, GxdchNotary, Gaiax2407, VcJoseCose];

    public static VcJwtProfile? ByName(string name) => Known.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>Every header (typ, cty) pair accepted when verifying, with whether it is a presentation.
    /// <c>JWT</c> (twinfoundation, VC 2.0 payload) is accepted for either; its cty must be absent.</summary>
    public static IReadOnlyList<(string Typ, string? Cty, bool? Presentation)> Accepted { get; } =
    [
        ("vc+jwt", "vc", false), ("vc+ld+jwt", "vc+ld", false), ("vc+ld+json+jwt", "vc+ld+json", false),
        ("vp+jwt", "vp", true), ("vp+ld+jwt", "vp+ld", true), ("vp+ld+json+jwt", "vp+ld+json", true),
        ("JWT", null, null),
    ];
}
