namespace ScsFederation.Core.Configuration;

/// <summary>
/// A provider's Gaia-X participant data (federation file <c>providers[].gaiaX</c>): what its
/// self-descriptions say about the legal person. What the provider runs (services, endpoints, regions)
/// is read from the cloud itself, not from here. Shape checks are in the federation schema.
/// </summary>
public sealed class GaiaXProviderSettings
{
    /// <summary>The issuer DID; default <c>did:web:&lt;hub host&gt;:providers:&lt;id&gt;</c>.</summary>
    public string? Did { get; set; }

    public string LegalName { get; set; } = "";

    public string? Description { get; set; }

    /// <summary>Exactly one registration number; the notary attests it.</summary>
    public GaiaXRegistrationNumber RegistrationNumber { get; set; } = new();

    public GaiaXAddress HeadquartersAddress { get; set; } = new();

    /// <summary>Default: the headquarters address.</summary>
    public GaiaXAddress? LegalAddress { get; set; }

    /// <summary>The terms and conditions of the provider's service offerings.</summary>
    public GaiaXDocument TermsAndConditions { get; set; } = new();

    public GaiaXPolicy? ServicePolicy { get; set; }

    public GaiaXDataAccountExport? DataAccountExport { get; set; }

    public List<string> DataProtectionRegime { get; set; } = ["GDPR2016"];

    public List<string> Keywords { get; set; } = [];
}

public sealed class GaiaXRegistrationNumber
{
    public string? VatId { get; set; }
    public string? LeiCode { get; set; }
    public string? Eori { get; set; }
    public string? Euid { get; set; }
    public string? TaxId { get; set; }

    /// <summary>The one number given, as (notary URL segment, value); the schema guarantees exactly one.</summary>
    public (string Kind, string Value) Single() =>
        VatId is { } v ? ("vat-id", v) : LeiCode is { } l ? ("lei-code", l) : Eori is { } e ? ("eori", e) : Euid is { } u ? ("euid", u) : TaxId is { } t ? ("tax-id", t)
        : throw new InvalidOperationException("gaiaX.registrationNumber names no number");
}

public sealed class GaiaXAddress
{
    public string CountryCode { get; set; } = "";
    public string? CountryName { get; set; }
    public string? Region { get; set; }
    public string? StreetAddress { get; set; }
    public string? PostalCode { get; set; }
    public string? Locality { get; set; }
}

public sealed class GaiaXDocument
{
    public string Url { get; set; } = "";
    public string Hash { get; set; } = "";
}

public sealed class GaiaXPolicy
{
    public string Language { get; set; } = "";
    public string Document { get; set; } = "";
}

public sealed class GaiaXDataAccountExport
{
    public string RequestType { get; set; } = "API";
    public string AccessType { get; set; } = "digital";
    public string FormatType { get; set; } = "application/json";
}
