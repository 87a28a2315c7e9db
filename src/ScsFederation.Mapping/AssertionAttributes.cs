using System.Text.Json;

namespace ScsFederation.Mapping;

/// <summary>
/// Builds the assertion the engine evaluates: attribute name → values. Keystone receives
/// attributes as strings and splits each on ';' (multi-valued attributes); these factories do
/// the same so the hub and <c>keystone-manage mapping_engine</c> see identical values.
/// </summary>
public static class AssertionAttributes
{
    /// <summary>Keystone's view of a WSGI environment: string values split on ';'.</summary>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FromEnvironment(IEnumerable<KeyValuePair<string, string>> environment)
    {
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var (key, value) in environment)
        {
            result[key] = value.Split(';');
        }

        return result;
    }

    /// <summary>
    /// Parses the file format of <c>keystone-manage mapping_engine --input</c>: one
    /// <c>KEY: value</c> per line (split at the first ':', both sides trimmed, blank lines
    /// skipped, a later key replaces an earlier one). With a prefix, other keys are ignored.
    /// </summary>
    /// <exception cref="AssertionFormatException">A non-blank line has no ':'.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> ParseKeystoneEnvironment(string text, string? prefix = null)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        // Python's str.splitlines() boundaries, as keystone-manage uses them.
        var lines = text.Trim().Replace("\r\n", "\n").Split(['\n', '\r', '\v', '\f', '\x1c', '\x1d', '\x1e', '\x85', '\u2028', '\u2029']);
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i].Trim();
            if (line.Length == 0)
            {
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon < 0)
            {
                throw new AssertionFormatException(i + 1, $"expected 'key: value' but found '{line}'");
            }

            var key = line[..colon].Trim();
            if (string.IsNullOrEmpty(prefix) || key.StartsWith(prefix, StringComparison.Ordinal))
            {
                pairs[key] = line[(colon + 1)..].Trim();
            }
        }

        return FromEnvironment(pairs);
    }

    /// <summary>
    /// OIDC-style claims: a string claim is split on ';' as Keystone would split it; an array
    /// claim contributes each of its string/number/boolean items (as an OIDC module joining
    /// them with ';' would); numbers and booleans become their JSON text; objects and null are
    /// ignored, as Keystone ignores non-string values.
    /// </summary>
    /// <exception cref="AssertionFormatException">The root is not a JSON object.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FromJsonClaims(JsonElement claims)
    {
        if (claims.ValueKind != JsonValueKind.Object)
        {
            throw new AssertionFormatException(0, "claims must be a JSON object");
        }

        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var claim in claims.EnumerateObject())
        {
            var values = new List<string>();
            if (claim.Value.ValueKind == JsonValueKind.Array)
            {
                foreach (var item in claim.Value.EnumerateArray())
                {
                    AddScalar(values, item);
                }

                if (values.Count == 0)
                {
                    continue;
                }
            }
            else if (!AddScalar(values, claim.Value))
            {
                continue;
            }

            result[claim.Name] = values;
        }

        return result;
    }

    private static bool AddScalar(List<string> values, JsonElement item)
    {
        switch (item.ValueKind)
        {
            case JsonValueKind.String:
                values.AddRange(item.GetString()!.Split(';'));
                return true;
            case JsonValueKind.Number:
                values.Add(item.GetRawText());
                return true;
            case JsonValueKind.True:
            case JsonValueKind.False:
                values.Add(item.GetBoolean() ? "true" : "false");
                return true;
            default:
                return false;
        }
    }
}
