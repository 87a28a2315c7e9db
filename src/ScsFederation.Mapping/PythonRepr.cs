using System.Globalization;
using System.Text;

namespace ScsFederation.Mapping;

/// <summary>
/// Python's <c>repr()</c> of a str and <c>str()</c> of a list of str. Keystone formats a
/// multi-valued direct map with <c>str.format</c>, which turns the Python list into its repr
/// (<c>['a', 'b']</c>); matching that text byte for byte keeps placeholder results identical.
/// </summary>
internal static class PythonRepr
{
    public static string OfList(IReadOnlyList<string> items)
    {
        if (items.Count == 0)
        {
            return "[]";
        }

        var builder = new StringBuilder(items.Count * 8);
        builder.Append('[');
        for (var i = 0; i < items.Count; i++)
        {
            if (i > 0)
            {
                builder.Append(", ");
            }

            AppendString(builder, items[i]);
        }

        builder.Append(']');
        return builder.ToString();
    }

    public static void AppendString(StringBuilder builder, string value)
    {
        // Python prefers single quotes and switches to double quotes only when that avoids escaping.
        var quote = value.Contains('\'') && !value.Contains('"') ? '"' : '\'';
        builder.Append(quote);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            int codePoint = c;
            if (char.IsHighSurrogate(c) && i + 1 < value.Length && char.IsLowSurrogate(value[i + 1]))
            {
                codePoint = char.ConvertToUtf32(c, value[i + 1]);
            }

            if (codePoint == quote || codePoint == '\\')
            {
                builder.Append('\\').Append(c);
            }
            else if (codePoint == '\t')
            {
                builder.Append("\\t");
            }
            else if (codePoint == '\n')
            {
                builder.Append("\\n");
            }
            else if (codePoint == '\r')
            {
                builder.Append("\\r");
            }
            else if (codePoint < 0x20 || codePoint == 0x7f)
            {
                builder.Append("\\x").Append(codePoint.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (codePoint < 0x7f)
            {
                builder.Append(c);
            }
            else if (IsPrintable(codePoint))
            {
                builder.Append(char.ConvertFromUtf32(codePoint));
            }
            else if (codePoint <= 0xff)
            {
                builder.Append("\\x").Append(codePoint.ToString("x2", CultureInfo.InvariantCulture));
            }
            else if (codePoint <= 0xffff)
            {
                builder.Append("\\u").Append(codePoint.ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                builder.Append("\\U").Append(codePoint.ToString("x8", CultureInfo.InvariantCulture));
            }

            if (codePoint > 0xffff)
            {
                i++;
            }
        }

        builder.Append(quote);
    }

    private static bool IsPrintable(int codePoint)
    {
        if (codePoint >= 0xd800 && codePoint <= 0xdfff)
        {
            return false; // lone surrogate
        }

        // Python's str.isprintable: everything except "Other" and "Separator" categories (space excepted).
        return CharUnicodeInfo.GetUnicodeCategory(codePoint) switch
        {
            UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
                or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned
                or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
                or UnicodeCategory.SpaceSeparator => false,
            _ => true,
        };
    }
}
