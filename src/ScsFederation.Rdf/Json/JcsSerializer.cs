using System.Text;
using System.Text.Json;

namespace ScsFederation.Rdf.Json;

/// <summary>
/// RFC 8785 JSON Canonicalization Scheme: object members sorted by UTF-16 code units, no whitespace,
/// ECMAScript number and string serialization. Used for JSON-LD <c>@json</c> literals and integrity hashes.
/// </summary>
public static class JcsSerializer
{
    /// <summary>Canonical form of a <see cref="JsonElement"/>.</summary>
    public static string Serialize(JsonElement element)
    {
        var sb = new StringBuilder();
        Write(sb, element, 0);
        return sb.ToString();
    }

    /// <summary>Canonical form of a JSON value held as Dictionary/List/string/double/bool/null (the JSON-LD processor's tree).</summary>
    internal static string SerializeTree(object? value)
    {
        var sb = new StringBuilder();
        WriteTree(sb, value);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonElement element, int depth)
    {
        if (depth > 1000) throw new InvalidOperationException("JSON nested deeper than 1000 levels");
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                var properties = new List<JsonProperty>();
                foreach (var p in element.EnumerateObject()) properties.Add(p);
                properties.Sort(static (a, b) => string.CompareOrdinal(a.Name, b.Name));
                sb.Append('{');
                for (int i = 0; i < properties.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    WriteString(sb, properties[i].Name);
                    sb.Append(':');
                    Write(sb, properties[i].Value, depth + 1);
                }
                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                bool first = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!first) sb.Append(',');
                    first = false;
                    Write(sb, item, depth + 1);
                }
                sb.Append(']');
                break;
            case JsonValueKind.String:
                WriteString(sb, element.GetString()!);
                break;
            case JsonValueKind.Number:
                EcmaScriptNumberFormatter.Append(sb, element.GetDouble());
                break;
            case JsonValueKind.True:
                sb.Append("true");
                break;
            case JsonValueKind.False:
                sb.Append("false");
                break;
            default:
                sb.Append("null");
                break;
        }
    }

    private static void WriteTree(StringBuilder sb, object? value)
    {
        switch (value)
        {
            case null:
                sb.Append("null");
                break;
            case string s:
                WriteString(sb, s);
                break;
            case bool b:
                sb.Append(b ? "true" : "false");
                break;
            case double d:
                EcmaScriptNumberFormatter.Append(sb, d);
                break;
            case List<object?> list:
                sb.Append('[');
                for (int i = 0; i < list.Count; i++)
                {
                    if (i > 0) sb.Append(',');
                    WriteTree(sb, list[i]);
                }
                sb.Append(']');
                break;
            case Dictionary<string, object?> map:
                var keys = new string[map.Count];
                map.Keys.CopyTo(keys, 0);
                Array.Sort(keys, StringComparer.Ordinal);
                sb.Append('{');
                for (int i = 0; i < keys.Length; i++)
                {
                    if (i > 0) sb.Append(',');
                    WriteString(sb, keys[i]);
                    sb.Append(':');
                    WriteTree(sb, map[keys[i]]);
                }
                sb.Append('}');
                break;
            default:
                throw new ArgumentException("not a JSON value: " + value.GetType().Name, nameof(value));
        }
    }

    /// <summary>ECMAScript JSON.stringify string escaping (short escapes, \u00XX lower-case hex for other controls and lone surrogates).</summary>
    public static void WriteString(StringBuilder sb, string s)
    {
        sb.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20)
                    {
                        AppendUnicodeEscape(sb, c);
                    }
                    else if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
                    {
                        sb.Append(c).Append(s[i + 1]);
                        i++;
                    }
                    else if (char.IsSurrogate(c))
                    {
                        AppendUnicodeEscape(sb, c);
                    }
                    else
                    {
                        sb.Append(c);
                    }
                    break;
            }
        }
        sb.Append('"');
    }

    private static void AppendUnicodeEscape(StringBuilder sb, char c)
    {
        const string hex = "0123456789abcdef";
        sb.Append("\\u").Append(hex[(c >> 12) & 0xF]).Append(hex[(c >> 8) & 0xF]).Append(hex[(c >> 4) & 0xF]).Append(hex[c & 0xF]);
    }
}
