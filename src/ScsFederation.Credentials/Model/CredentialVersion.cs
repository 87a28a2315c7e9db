namespace ScsFederation.Credentials.Model;

/// <summary>Which W3C data model a credential follows, told by its first <c>@context</c>.</summary>
public enum CredentialVersion
{
    Unknown,
    /// <summary>VC Data Model 1.1: <c>https://www.w3.org/2018/credentials/v1</c>, issuanceDate/expirationDate.</summary>
    V1_1,
    /// <summary>VC Data Model 2.0: <c>https://www.w3.org/ns/credentials/v2</c>, validFrom/validUntil.</summary>
    V2_0,
}
