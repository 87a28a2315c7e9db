using System.Globalization;
using System.Text;

namespace ScsFederation.Rdf.Json;

/// <summary>
/// Formats a double exactly as ECMAScript <c>Number.prototype.toString()</c> does (ECMA-262 Number::toString),
/// which RFC 8785 (JCS) prescribes for numbers. .NET's "R" format yields the same shortest round-trip
/// digits; only the layout (plain vs exponent, "e+" spelling) differs, so it is re-laid out here.
/// </summary>
public static class EcmaScriptNumberFormatter
{
    public static string Format(double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and infinities have no JSON representation");
        if (value == 0) return "0"; // also -0
        var sb = new StringBuilder(24);
        Append(sb, value);
        return sb.ToString();
    }

    public static void Append(StringBuilder sb, double value)
    {
        if (double.IsNaN(value) || double.IsInfinity(value))
            throw new ArgumentOutOfRangeException(nameof(value), value, "NaN and infinities have no JSON representation");
        if (value == 0)
        {
            sb.Append('0');
            return;
        }
        if (value < 0)
        {
            sb.Append('-');
            value = -value;
        }

        // Fast path: integers below 2^53 print as plain digits in both worlds.
        if (value < 9007199254740992d && value == Math.Floor(value))
        {
            sb.Append(((long)value).ToString(CultureInfo.InvariantCulture));
            return;
        }

        string r = value.ToString("R", CultureInfo.InvariantCulture);
        int ePos = r.IndexOfAny(['E', 'e']);
        string mantissa = ePos < 0 ? r : r[..ePos];
        int exponent = ePos < 0 ? 0 : int.Parse(r.AsSpan(ePos + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        int point = mantissa.IndexOf('.');
        string digits = point < 0 ? mantissa : mantissa.Remove(point, 1);
        int pointPosition = point < 0 ? mantissa.Length : point;
        int lead = 0;
        while (lead < digits.Length - 1 && digits[lead] == '0') lead++;
        digits = digits[lead..];
        pointPosition -= lead;
        digits = digits.TrimEnd('0');
        if (digits.Length == 0) digits = "0";

        // value = 0.d1d2...dk × 10^n, in ECMA-262 terms: k digits, exponent n.
        int k = digits.Length;
        int n = pointPosition + exponent;
        if (k <= n && n <= 21)
        {
            sb.Append(digits).Append('0', n - k);
        }
        else if (0 < n && n <= 21)
        {
            sb.Append(digits, 0, n).Append('.').Append(digits, n, k - n);
        }
        else if (-6 < n && n <= 0)
        {
            sb.Append("0.").Append('0', -n).Append(digits);
        }
        else
        {
            sb.Append(digits[0]);
            if (k > 1) sb.Append('.').Append(digits, 1, k - 1);
            int e = n - 1;
            sb.Append('e').Append(e < 0 ? '-' : '+').Append(Math.Abs(e).ToString(CultureInfo.InvariantCulture));
        }
    }
}
