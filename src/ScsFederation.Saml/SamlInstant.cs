using System.Globalization;

namespace ScsFederation.Saml;

/// <summary>xs:dateTime in UTC, the form SAML requires for IssueInstant and validity bounds.</summary>
internal static class SamlInstant
{
    public static string Format(DateTimeOffset instant) =>
        instant.UtcDateTime.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
}
