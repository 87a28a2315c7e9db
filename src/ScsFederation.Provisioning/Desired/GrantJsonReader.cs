using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Mapping;

namespace ScsFederation.Provisioning.Desired;

/// <summary>
/// Reads the mapping result JSON (as written by <see cref="MappingResultJson"/>) back into a <see cref="MappingResult"/>,
/// with its rule origins when the grant was stored with them (grants stored before carry none).
/// </summary>
public static class GrantJsonReader
{
    public static MappingResult Read(string accountId, string providerId, string json)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(json);
        }
        catch (JsonException ex)
        {
            throw new GrantJsonException(accountId, providerId, "$", "not JSON: " + ex.Message, ex);
        }
        if (root is not JsonObject o)
        {
            throw new GrantJsonException(accountId, providerId, "$", "expected an object");
        }
        try
        {
            var u = o["user"] as JsonObject;
            var user = new MappedUser(Str(u?["id"]), Str(u?["name"]), Str(u?["email"]), Domain(u?["domain"]), Str(u?["type"]));
            var groupIds = (o["group_ids"] as JsonArray)?.Select(g => g!.GetValue<string>()).ToList() ?? [];
            var groupNames = new List<MappedGroup>();
            var i = 0;
            foreach (var g in (o["group_names"] as JsonArray) ?? [])
            {
                var name = Str(g?["name"]) ?? throw new GrantJsonException(accountId, providerId, $"$.group_names[{i}].name", "missing");
                var domain = Domain(g?["domain"]) ?? throw new GrantJsonException(accountId, providerId, $"$.group_names[{i}].domain", "missing");
                groupNames.Add(new MappedGroup(name, domain));
                i++;
            }
            var projects = new List<MappedProject>();
            i = 0;
            foreach (var p in (o["projects"] as JsonArray) ?? [])
            {
                var name = Str(p?["name"]) ?? throw new GrantJsonException(accountId, providerId, $"$.projects[{i}].name", "missing");
                var roles = (p?["roles"] as JsonArray)?.Select(r => Str(r?["name"]) ?? throw new GrantJsonException(accountId, providerId, $"$.projects[{i}].roles", "role without name")).ToList() ?? [];
                projects.Add(new MappedProject(name, roles, Domain(p?["domain"])));
                i++;
            }
            var kubernetes = new List<KubernetesGrant>();
            foreach (var k in (o["kubernetes"] as JsonArray) ?? [])
            {
                var namespaces = (k?["namespaces"] as JsonArray)?.Select(n => new KubernetesNamespaceRole(Str(n?["name"]) ?? "", Str(n?["clusterRole"]) ?? "")).ToList() ?? [];
                kubernetes.Add(new KubernetesGrant(Str(k?["cluster"]) ?? "", (k?["groups"] as JsonArray)?.Select(g => g!.GetValue<string>()).ToList() ?? [], namespaces));
            }
            var result = new MappingResult(user, groupIds, groupNames, projects, kubernetes);
            return o.TryGetPropertyValue("origins", out var origins) ? WithOrigins(result, origins, accountId, providerId) : result;
        }
        catch (InvalidOperationException ex)
        {
            throw new GrantJsonException(accountId, providerId, "$", "unexpected value type: " + ex.Message, ex);
        }
    }

    private static MappingResult WithOrigins(MappingResult result, JsonNode? node, string accountId, string providerId)
    {
        GrantJsonException Bad(string path, string reason) => new(accountId, providerId, path, reason);
        if (node is not JsonObject origins)
        {
            throw Bad("$.origins", "expected an object");
        }
        var matched = Indices(origins, "matched", Bad);
        if (matched is null || matched.Length == 0)
        {
            throw Bad("$.origins.matched", "missing or empty: a mapped result matched at least one rule");
        }
        for (var i = 1; i < matched.Length; i++)
        {
            if (matched[i] <= matched[i - 1]) throw Bad($"$.origins.matched[{i}]", "rule indices must be ascending and distinct");
        }
        // Origins that disagree with the result would put the wrong rule into the audit log: refuse them.
        int? MatchedRule(string key)
        {
            if (!origins.TryGetPropertyValue(key, out var n)) return null;
            var rule = Index(n) ?? throw Bad($"$.origins.{key}", "expected a rule index (a non-negative integer)");
            return Array.IndexOf(matched, rule) >= 0 ? rule : throw Bad($"$.origins.{key}", $"rule {rule} is not among the matched rules");
        }
        var userRule = MatchedRule("user");
        if (userRule is null && (result.User.Name ?? result.User.Id) is not null) throw Bad("$.origins.user", "missing for a mapped user");
        var projectsRule = MatchedRule("projects");
        if (projectsRule is null && result.Projects.Count > 0) throw Bad("$.origins.projects", "missing for mapped projects");
        var groupNameRules = Indices(origins, "group_names", Bad) ?? throw Bad("$.origins.group_names", "missing");
        if (groupNameRules.Length != result.GroupNames.Count)
        {
            throw Bad("$.origins.group_names", $"{groupNameRules.Length} rule(s) for {result.GroupNames.Count} group_names entries");
        }
        for (var i = 0; i < groupNameRules.Length; i++)
        {
            if (Array.IndexOf(matched, groupNameRules[i]) < 0) throw Bad($"$.origins.group_names[{i}]", $"rule {groupNameRules[i]} is not among the matched rules");
        }
        return result with { MatchedRules = matched, UserRule = userRule, ProjectsRule = projectsRule, GroupNameRules = groupNameRules };
    }

    /// <summary>The array of rule indices under <paramref name="key"/>; null when the key is absent.</summary>
    private static int[]? Indices(JsonObject origins, string key, Func<string, string, GrantJsonException> bad)
    {
        if (!origins.TryGetPropertyValue(key, out var node)) return null;
        if (node is not JsonArray array) throw bad($"$.origins.{key}", "expected an array of rule indices");
        var indices = new int[array.Count];
        for (var i = 0; i < indices.Length; i++)
        {
            indices[i] = Index(array[i]) ?? throw bad($"$.origins.{key}[{i}]", "expected a rule index (a non-negative integer)");
        }
        return indices;
    }

    private static int? Index(JsonNode? n) => n is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i) && i >= 0 ? i : null;

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static DomainReference? Domain(JsonNode? n) => n is JsonObject d ? new DomainReference(Str(d["id"]), Str(d["name"])) : null;
}
