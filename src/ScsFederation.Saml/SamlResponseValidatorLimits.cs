namespace ScsFederation.Saml;

/// <summary>Size limits applied before and while parsing a response.</summary>
public sealed record SamlResponseValidatorLimits
{
    /// <summary>Largest accepted base64 SAMLResponse, in characters (default 256 KiB).</summary>
    public int MaxEncodedLength { get; init; } = 256 * 1024;

    /// <summary>Largest accepted decoded XML, in characters.</summary>
    public long MaxXmlCharacters { get; init; } = 256 * 1024;
}
