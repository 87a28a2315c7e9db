using System.Globalization;
using ScsFederation.Rdf.Model;

namespace ScsFederation.Shacl.Literals;

/// <summary>
/// Order of two literals for sh:min/maxInclusive/Exclusive and sh:lessThan: numbers with numbers, date/times
/// with date/times (both with or both without a time zone), strings with strings, booleans with booleans.
/// Null means incomparable (different kinds, ill-formed lexical forms) — SHACL reports those as failures.
/// </summary>
public static class LiteralComparer
{
    private enum Kind { Number, DateTime, String, Boolean, Other }

    public static int? Compare(Literal a, Literal b)
    {
        var ka = KindOf(a.Datatype);
        var kb = KindOf(b.Datatype);
        if (ka != kb || ka == Kind.Other) return null;
        switch (ka)
        {
            case Kind.Number:
                if (!TryNumber(a.Lexical, out var x) || !TryNumber(b.Lexical, out var y)) return null;
                if (double.IsNaN(x) || double.IsNaN(y)) return null;
                return x.CompareTo(y);
            case Kind.DateTime:
                if (HasZone(a.Lexical) != HasZone(b.Lexical)) return null;
                if (!TryDate(a.Lexical, out var da) || !TryDate(b.Lexical, out var db)) return null;
                return da.CompareTo(db);
            case Kind.Boolean:
                if (!TryBool(a.Lexical, out var ba) || !TryBool(b.Lexical, out var bb)) return null;
                return ba.CompareTo(bb);
            default:
                return string.CompareOrdinal(a.Lexical, b.Lexical) switch { < 0 => -1, > 0 => 1, _ => 0 };
        }
    }

    private static Kind KindOf(Iri datatype)
    {
        var v = datatype.Value;
        if (v == RdfVocabulary.RdfLangString.Value) return Kind.String;
        if (!v.StartsWith(RdfVocabulary.Xsd, StringComparison.Ordinal)) return Kind.Other;
        return v[RdfVocabulary.Xsd.Length..] switch
        {
            "decimal" or "float" or "double" or "integer" or "nonNegativeInteger" or "positiveInteger" or "nonPositiveInteger"
                or "negativeInteger" or "long" or "int" or "short" or "byte" or "unsignedLong" or "unsignedInt"
                or "unsignedShort" or "unsignedByte" => Kind.Number,
            "dateTime" or "dateTimeStamp" or "date" => Kind.DateTime,
            "string" or "normalizedString" or "token" or "language" => Kind.String,
            "boolean" => Kind.Boolean,
            _ => Kind.Other,
        };
    }

    private static bool TryNumber(string s, out double value)
    {
        switch (s)
        {
            case "INF" or "+INF": value = double.PositiveInfinity; return true;
            case "-INF": value = double.NegativeInfinity; return true;
        }
        return double.TryParse(s, NumberStyles.Float, CultureInfo.InvariantCulture, out value);
    }

    private static bool HasZone(string s) => s.EndsWith('Z') || (s.Length > 6 && (s[^6] == '+' || s[^6] == '-') && s[^3] == ':');

    private static bool TryDate(string s, out DateTimeOffset value) =>
        DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out value);

    private static bool TryBool(string s, out bool value)
    {
        value = s is "true" or "1";
        return s is "true" or "false" or "1" or "0";
    }
}
