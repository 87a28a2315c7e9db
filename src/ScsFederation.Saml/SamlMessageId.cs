using System.Security.Cryptography;

namespace ScsFederation.Saml;

/// <summary>Unpredictable xs:ID values (they start with a letter or underscore) for messages this SP sends.</summary>
public static class SamlMessageId
{
    public static string Create() => "_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(20));
}
