namespace ScsFederation.Rdf.Tests.JsonLd;

/// <summary>
/// "JSON-LD Object comparison" of the W3C test suite README: members compared without regard to
/// order, arrays without regard to order except the values of <c>@list</c>, language tags case-insensitively.
/// </summary>
internal static class JsonLdObjectComparison
{
    public static bool AreEquivalent(object? expected, object? actual, bool listContext, string? key = null)
    {
        switch (expected)
        {
            case null:
                return actual is null;
            case string s:
                return actual is string t && (key == "@language" ? string.Equals(s, t, StringComparison.OrdinalIgnoreCase) : s == t);
            case double d:
                return actual is double e && d.Equals(e);
            case bool b:
                return actual is bool c && b == c;
            case List<object?> list:
                if (actual is not List<object?> other || other.Count != list.Count) return false;
                if (listContext)
                {
                    for (int i = 0; i < list.Count; i++)
                        if (!AreEquivalent(list[i], other[i], false)) return false;
                    return true;
                }
                var used = new bool[other.Count];
                foreach (var item in list)
                {
                    bool found = false;
                    for (int j = 0; j < other.Count && !found; j++)
                    {
                        if (used[j] || !AreEquivalent(item, other[j], false, key)) continue;
                        used[j] = found = true;
                    }
                    if (!found) return false;
                }
                return true;
            case Dictionary<string, object?> map:
                if (actual is not Dictionary<string, object?> otherMap || otherMap.Count != map.Count) return false;
                foreach (var (k, v) in map)
                {
                    if (!otherMap.TryGetValue(k, out var w)) return false;
                    if (!AreEquivalent(v, w, k == "@list", k)) return false;
                }
                return true;
            default:
                return false;
        }
    }
}
