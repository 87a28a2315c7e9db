namespace ScsFederation.Saml;

/// <summary>One saml:Attribute of a verified assertion; <see cref="Values"/> keeps every AttributeValue in order.</summary>
public sealed record SamlAttribute(string Name, string? FriendlyName, string? NameFormat, IReadOnlyList<string> Values);
