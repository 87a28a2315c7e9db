using System.Text;
using System.Text.Json;
using ScsFederation.Rdf.Json;

namespace ScsFederation.Credentials.Compliance;

/// <summary>
/// What ECMAScript's <c>JSON.stringify(JSON.parse(text))</c> prints: members in the parsed order (except
/// that integer-like keys come first, ascending, as ECMAScript orders object properties), no whitespace,
/// ECMAScript string and number forms (shared with RFC 8785, which is JSON.stringify with sorted keys).
/// Needed to recompute hashes Node.js services took over <c>JSON.stringify</c>.
/// </summary>
public static class JavaScriptJson
{
    public static string Stringify(JsonElement element)
    {
        var sb = new StringBuilder();
        Write(sb, element, 0);
        return sb.ToString();
    }

    private static void Write(StringBuilder sb, JsonElement element, int depth)
    {
        if (depth > 1000) throw new InvalidOperationException("JSON nested deeper than 1000 levels");
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                // A later duplicate replaces the value but keeps the first position (JSON.parse semantics).
                var members = new List<(string Name, JsonElement Value)>();
                var positions = new Dictionary<string, int>(StringComparer.Ordinal);
                foreach (var p in element.EnumerateObject())
                {
                    if (positions.TryGetValue(p.Name, out var at)) members[at] = (p.Name, p.Value);
                    else { positions[p.Name] = members.Count; members.Add((p.Name, p.Value)); }
                }
                var ordered = members.Where(m => IsArrayIndex(m.Name)).OrderBy(m => uint.Parse(m.Name, System.Globalization.CultureInfo.InvariantCulture))
                    .Concat(members.Where(m => !IsArrayIndex(m.Name)));
                sb.Append('{');
                var first = true;
                foreach (var (name, value) in ordered)
                {
                    if (!first) sb.Append(',');
                    first = false;
                    JcsSerializer.WriteString(sb, name);
                    sb.Append(':');
                    Write(sb, value, depth + 1);
                }
                sb.Append('}');
                break;
            case JsonValueKind.Array:
                sb.Append('[');
                var firstItem = true;
                foreach (var item in element.EnumerateArray())
                {
                    if (!firstItem) sb.Append(',');
                    firstItem = false;
                    Write(sb, item, depth + 1);
                }
                sb.Append(']');
                break;
            case JsonValueKind.String: JcsSerializer.WriteString(sb, element.GetString()!); break;
            case JsonValueKind.Number: EcmaScriptNumberFormatter.Append(sb, element.GetDouble()); break;
            case JsonValueKind.True: sb.Append("true"); break;
            case JsonValueKind.False: sb.Append("false"); break;
            default: sb.Append("null"); break;
        }
    }

    private static bool IsArrayIndex(string name) =>
        name.Length > 0 && name.Length <= 10 && name.All(char.IsAsciiDigit) && (name == "0" || name[0] != '0')
        && ulong.Parse(name, System.Globalization.CultureInfo.InvariantCulture) < uint.MaxValue;
}
