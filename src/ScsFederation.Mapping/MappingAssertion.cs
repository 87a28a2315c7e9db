using System.Text.Json;

namespace ScsFederation.Mapping;

/// <summary>
/// The one view of a login that mapping rules see — at login, refresh, the admin dry-run and
/// <c>scsfed mapping test</c> alike: every claim under its own name and as mod_auth_openidc would hand it to Keystone
/// (<c>OIDC-</c> prefix), each value split on ';' as Keystone splits environment values; then the hub's own facts
/// (<see cref="HubAssertedFacts"/>) over whatever the upstream said under those names.
/// </summary>
public static class MappingAssertion
{
    public const string Prefix = "OIDC-";

    /// <summary>Claims given as a JSON object (string, array, number or boolean values; see <see cref="AssertionAttributes.FromJsonClaims"/>).</summary>
    /// <exception cref="AssertionFormatException">The root is not a JSON object.</exception>
    public static IReadOnlyDictionary<string, IReadOnlyList<string>> FromJson(JsonElement claims, HubAssertedFacts? facts = null) =>
        Build(AssertionAttributes.FromJsonClaims(claims), facts);

    public static IReadOnlyDictionary<string, IReadOnlyList<string>> Build(IReadOnlyDictionary<string, IReadOnlyList<string>> claims, HubAssertedFacts? facts = null)
    {
        ArgumentNullException.ThrowIfNull(claims);
        var result = new Dictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        // Names given with the prefix (as in a dry-run copied from Keystone's environment) win over derived ones.
        foreach (var (type, values) in claims.OrderBy(c => c.Key.StartsWith(Prefix, StringComparison.Ordinal) ? 1 : 0))
        {
            var split = Split(values);
            if (split.Count == 0) continue;
            result[type] = split;
            if (!type.StartsWith(Prefix, StringComparison.Ordinal)) result[Prefix + type] = split;
        }
        if (facts is not null)
        {
            Set(result, "idp", facts.UpstreamId);
            Set(result, "iss", facts.Issuer);
            Set(result, "sub", facts.Subject);
            Set(result, "preferred_username", facts.Username);
            // An address the upstream may not vouch for is no input at all: rules keyed on email cannot be fooled.
            foreach (var name in new[] { "email", "mail", "email_verified" })
            {
                result.Remove(name);
                result.Remove(Prefix + name);
            }
            if (facts.Email is not null)
            {
                Set(result, "email", facts.Email);
                Set(result, "email_verified", "true");
            }
        }
        return result;
    }

    private static void Set(Dictionary<string, IReadOnlyList<string>> result, string name, string value)
    {
        result[name] = [value];
        result[Prefix + name] = [value];
    }

    private static List<string> Split(IReadOnlyList<string> values)
    {
        var split = new List<string>(values.Count);
        foreach (var v in values) split.AddRange(v.Split(';'));
        return split;
    }
}
