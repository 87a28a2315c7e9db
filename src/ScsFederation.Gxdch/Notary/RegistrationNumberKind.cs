namespace ScsFederation.Gxdch.Notary;

/// <summary>
/// The registration numbers a Gaia-X notary checks: the URL segment of its v2 API, the gx type of the
/// credential it issues and the subject property that carries the number (Gaia-X 25.11 shapes:
/// gx:VatIDShape → gx:vatID, gx:LeiCodeShape → schema:leiCode, gx:EORIShape → gx:eori,
/// gx:EUIDShape → gx:euid, gx:TaxIDShape → schema:taxID).
/// </summary>
public sealed record RegistrationNumberKind(string Segment, string GxType, string Property)
{
    public static readonly RegistrationNumberKind VatId = new("vat-id", "gx:VatID", "gx:vatID");
    public static readonly RegistrationNumberKind LeiCode = new("lei-code", "gx:LeiCode", "schema:leiCode");
    public static readonly RegistrationNumberKind Eori = new("eori", "gx:EORI", "gx:eori");
    public static readonly RegistrationNumberKind Euid = new("euid", "gx:EUID", "gx:euid");
    public static readonly RegistrationNumberKind TaxId = new("tax-id", "gx:TaxID", "schema:taxID");

    public static readonly IReadOnlyList<RegistrationNumberKind> All = [VatId, LeiCode, Eori, Euid, TaxId];

    /// <summary>By URL segment or by gx type (<c>vat-id</c>, <c>gx:VatID</c>, <c>VatID</c>); null when unknown.</summary>
    public static RegistrationNumberKind? Find(string name) => All.FirstOrDefault(k =>
        string.Equals(k.Segment, name, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(k.GxType, name, StringComparison.OrdinalIgnoreCase) ||
        string.Equals(k.GxType["gx:".Length..], name, StringComparison.OrdinalIgnoreCase));
}
