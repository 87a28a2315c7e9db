using System.Text.Json;
using System.Text.Json.Nodes;
using ScsFederation.Mapping;

namespace ScsFederation.Provisioning.Desired;

/// <summary>Reads the mapping result JSON (as written by <see cref="MappingResultJson"/>) back into a <see cref="MappingResult"/>.</summary>
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
            return new MappingResult(user, groupIds, groupNames, projects, kubernetes);
        }
        catch (InvalidOperationException ex)
        {
            throw new GrantJsonException(accountId, providerId, "$", "unexpected value type: " + ex.Message, ex);
        }
    }

    private static string? Str(JsonNode? n) => n is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;

    private static DomainReference? Domain(JsonNode? n) => n is JsonObject d ? new DomainReference(Str(d["id"]), Str(d["name"])) : null;
}
