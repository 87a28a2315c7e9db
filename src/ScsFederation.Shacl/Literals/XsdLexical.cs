using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using ScsFederation.Rdf.Model;

namespace ScsFederation.Shacl.Literals;

/// <summary>
/// Whether a literal's lexical form is in the lexical space of its XSD datatype (XML Schema 1.1 Part 2),
/// for sh:datatype: "abc"^^xsd:integer or "2024-13-01"^^xsd:date are ill-formed and fail. Datatypes not
/// listed here (rdf:langString, IRIs of other vocabularies) are accepted as they are.
/// </summary>
public static partial class XsdLexical
{
    private const string Xsd = RdfVocabulary.Xsd;

    public static bool IsWellFormed(Literal literal)
    {
        var v = literal.Lexical;
        var dt = literal.Datatype.Value;
        if (!dt.StartsWith(Xsd, StringComparison.Ordinal)) return true;
        switch (dt.AsSpan(Xsd.Length))
        {
            case "string": return true;
            case "normalizedString": return v.IndexOfAny(['\n', '\r', '\t']) < 0;
            case "token": return v.IndexOfAny(['\n', '\r', '\t']) < 0 && !v.StartsWith(' ') && !v.EndsWith(' ') && !v.Contains("  ", StringComparison.Ordinal);
            case "language": return Language().IsMatch(v);
            case "boolean": return v is "true" or "false" or "1" or "0";
            case "decimal": return Decimal().IsMatch(v);
            case "float":
            case "double": return v is "INF" or "-INF" or "+INF" or "NaN" || Double().IsMatch(v);
            case "integer": return Integer().IsMatch(v);
            case "nonNegativeInteger": return InRange(v, 0, null);
            case "positiveInteger": return InRange(v, 1, null);
            case "nonPositiveInteger": return InRange(v, null, 0);
            case "negativeInteger": return InRange(v, null, -1);
            case "long": return InRange(v, long.MinValue, long.MaxValue);
            case "int": return InRange(v, int.MinValue, int.MaxValue);
            case "short": return InRange(v, short.MinValue, short.MaxValue);
            case "byte": return InRange(v, sbyte.MinValue, sbyte.MaxValue);
            case "unsignedLong": return InRange(v, 0, ulong.MaxValue);
            case "unsignedInt": return InRange(v, 0, uint.MaxValue);
            case "unsignedShort": return InRange(v, 0, ushort.MaxValue);
            case "unsignedByte": return InRange(v, 0, byte.MaxValue);
            case "dateTime": return DateTime().Match(v) is { Success: true } m && ValidDate(m) && ValidTime(m);
            case "dateTimeStamp": return DateTime().Match(v) is { Success: true } s && s.Groups["tz"].Success && ValidDate(s) && ValidTime(s);
            case "date": return Date().Match(v) is { Success: true } d && ValidDate(d);
            case "time": return Time().Match(v) is { Success: true } t && ValidTime(t);
            case "gYear": return GYear().IsMatch(v);
            case "gYearMonth": return GYearMonth().Match(v) is { Success: true } ym && int.Parse(ym.Groups["month"].Value, CultureInfo.InvariantCulture) is >= 1 and <= 12;
            case "duration": return Duration().IsMatch(v) && !v.EndsWith('T') && v != "P" && v != "-P";
            case "anyURI": return !v.Contains('\uFFFE') && !v.Contains('\uFFFF');
            case "hexBinary": return HexBinary().IsMatch(v);
            case "base64Binary": return Base64().IsMatch(v);
            default: return true;
        }
    }

    private static bool InRange(string v, BigInteger? min, BigInteger? max)
    {
        if (!Integer().IsMatch(v)) return false;
        var n = BigInteger.Parse(v, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);
        return (min is null || n >= min) && (max is null || n <= max);
    }

    private static bool ValidDate(Match m)
    {
        int month = int.Parse(m.Groups["month"].Value, CultureInfo.InvariantCulture);
        int day = int.Parse(m.Groups["day"].Value, CultureInfo.InvariantCulture);
        if (month is < 1 or > 12 || day < 1) return false;
        // Leap years of the proleptic Gregorian calendar (XSD 1.1: year 0000 exists and is a leap year).
        var yearText = m.Groups["year"].Value.TrimStart('-');
        bool leap = BigInteger.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var y) && (y % 4 == 0 && (y % 100 != 0 || y % 400 == 0));
        int max = month switch { 2 => leap ? 29 : 28, 4 or 6 or 9 or 11 => 30, _ => 31 };
        return day <= max && ValidZone(m);
    }

    private static bool ValidTime(Match m)
    {
        int h = int.Parse(m.Groups["hour"].Value, CultureInfo.InvariantCulture);
        int min = int.Parse(m.Groups["minute"].Value, CultureInfo.InvariantCulture);
        var sec = decimal.Parse(m.Groups["second"].Value, CultureInfo.InvariantCulture);
        if (h == 24) return min == 0 && sec == 0 && ValidZone(m);
        return h < 24 && min < 60 && sec < 60 && ValidZone(m);
    }

    private static bool ValidZone(Match m)
    {
        var tz = m.Groups["tz"];
        if (!tz.Success || tz.Value == "Z") return true;
        int hh = int.Parse(tz.Value.AsSpan(1, 2), CultureInfo.InvariantCulture);
        int mm = int.Parse(tz.Value.AsSpan(4, 2), CultureInfo.InvariantCulture);
        return mm < 60 && (hh < 14 || (hh == 14 && mm == 0));
    }

    private const string YearPart = @"(?<year>-?([1-9][0-9]{3,}|0[0-9]{3}))";
    private const string TzPart = @"(?<tz>Z|[+-][0-9]{2}:[0-9]{2})?";
    private const string TimePart = @"(?<hour>[0-9]{2}):(?<minute>[0-9]{2}):(?<second>[0-9]{2}(\.[0-9]+)?)";

    [GeneratedRegex(@"^[a-zA-Z]{1,8}(-[a-zA-Z0-9]{1,8})*\z")] private static partial Regex Language();
    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)\z")] private static partial Regex Decimal();
    [GeneratedRegex(@"^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?\z")] private static partial Regex Double();
    [GeneratedRegex(@"^[+-]?[0-9]+\z")] private static partial Regex Integer();
    [GeneratedRegex("^" + YearPart + @"-(?<month>[0-9]{2})-(?<day>[0-9]{2})T" + TimePart + TzPart + @"\z")] private static partial Regex DateTime();
    [GeneratedRegex("^" + YearPart + @"-(?<month>[0-9]{2})-(?<day>[0-9]{2})" + TzPart + @"\z")] private static partial Regex Date();
    [GeneratedRegex("^" + TimePart + TzPart + @"\z")] private static partial Regex Time();
    [GeneratedRegex("^" + YearPart + TzPart + @"\z")] private static partial Regex GYear();
    [GeneratedRegex("^" + YearPart + @"-(?<month>[0-9]{2})" + TzPart + @"\z")] private static partial Regex GYearMonth();
    [GeneratedRegex(@"^-?P([0-9]+Y)?([0-9]+M)?([0-9]+D)?(T([0-9]+H)?([0-9]+M)?([0-9]+(\.[0-9]+)?S)?)?\z")] private static partial Regex Duration();
    [GeneratedRegex(@"^([0-9a-fA-F]{2})*\z")] private static partial Regex HexBinary();
    [GeneratedRegex(@"^(([A-Za-z0-9+/] ?){4})*(([A-Za-z0-9+/] ?){3}[A-Za-z0-9+/]|([A-Za-z0-9+/] ?){2}[AEIMQUYcgkosw048] ?=|[A-Za-z0-9+/] ?[AQgw] ?= ?=)?\z")] private static partial Regex Base64();
}
