namespace ScsFederation.Saml;

/// <summary>Identity data read from the verified assertion of an accepted response.</summary>
public sealed record SamlAssertionData
{
    public required string Issuer { get; init; }
    public required string NameId { get; init; }
    public string? NameIdFormat { get; init; }
    public string? SessionIndex { get; init; }
    public required string AssertionId { get; init; }
    public required string ResponseId { get; init; }
    /// <summary>The request this response answers; null for an unsolicited (IdP-initiated) response.</summary>
    public string? InResponseTo { get; init; }
    public DateTimeOffset? AuthnInstant { get; init; }
    /// <summary>The end of the assertion's validity (earliest NotOnOrAfter of Conditions and the used SubjectConfirmationData).</summary>
    public required DateTimeOffset NotOnOrAfter { get; init; }
    public required IReadOnlyList<SamlAttribute> Attributes { get; init; }
    /// <summary>Which elements carried a verified signature.</summary>
    public bool ResponseSigned { get; init; }
    public bool AssertionSigned { get; init; }
    public bool AssertionWasEncrypted { get; init; }

    /// <summary>
    /// All values of the attributes whose Name (e.g. an urn:oid) or FriendlyName equals <paramref name="nameOrFriendlyName"/>
    /// (ordinal comparison), in document order.
    /// </summary>
    public IReadOnlyList<string> GetValues(string nameOrFriendlyName)
    {
        List<string>? values = null;
        foreach (var attribute in Attributes)
        {
            if (string.Equals(attribute.Name, nameOrFriendlyName, StringComparison.Ordinal)
                || string.Equals(attribute.FriendlyName, nameOrFriendlyName, StringComparison.Ordinal))
            {
                (values ??= []).AddRange(attribute.Values);
            }
        }
        return values ?? (IReadOnlyList<string>)[];
    }
}
