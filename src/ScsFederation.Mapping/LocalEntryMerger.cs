using System.Text.Json;

namespace ScsFederation.Mapping;

/// <summary>
/// Keystone's <c>RuleProcessor._transform</c>: merges the identity values of all matched rules
/// into one result, including its quirks (every <c>group</c> entry re-appends all named groups
/// seen so far, de-duplicated per domain; <c>groups</c>/<c>group_ids</c> strings are read as
/// Python list literals; a <c>groups</c> string containing "name" is a list of JSON groups).
/// </summary>
internal static class LocalEntryMerger
{
    private const string GroupsNeedDomain = "Both 'groups' and 'domain' keywords must be specified.";

    public static MappingResult Merge(List<ResolvedLocalEntry> identityValues, MappingSchemaVersion version)
    {
        MappedUser? user = null;
        var groupIds = new List<string>();
        var groupIdSet = new HashSet<string>(StringComparer.Ordinal);
        var groupNames = new List<MappedGroup>();
        var groupsByDomain = new List<(string? Key, List<MappedGroup> Groups)>();
        List<MappedProject> projects = [];
        var kubernetes = new List<KubernetesGrant>();

        foreach (var value in identityValues)
        {
            if (value.User is not null && (user is null || user.IsEmpty))
            {
                user = value.User;
            }

            if (value.HasGroup)
            {
                if (value.GroupId is not null)
                {
                    AddGroupId(value.GroupId, groupIds, groupIdSet);
                }
                else
                {
                    var group = value.GroupByName!;
                    // Python: domain.get('name') or domain.get('id') — an empty name falls back to the id.
                    var key = string.IsNullOrEmpty(group.Domain.Name) ? group.Domain.Id : group.Domain.Name;
                    var bucket = -1;
                    for (var b = 0; b < groupsByDomain.Count; b++)
                    {
                        if (groupsByDomain[b].Key == key)
                        {
                            bucket = b;
                            break;
                        }
                    }

                    if (bucket < 0)
                    {
                        groupsByDomain.Add((key, [group]));
                    }
                    else
                    {
                        groupsByDomain[bucket].Groups.Add(group);
                    }
                }

                AppendGroupsByDomain(groupsByDomain, groupNames);
            }

            if (value.Groups is not null)
            {
                groupNames.AddRange(NormalizeGroups(value));
            }

            if (value.GroupIds is not null)
            {
                foreach (var id in value.GroupIdsValues ?? ListOrSingle(value.GroupIds, value, "group_ids"))
                {
                    AddGroupId(id, groupIds, groupIdSet);
                }
            }

            if (value.Projects is not null)
            {
                projects = value.Projects;
                if (version == MappingSchemaVersion.V2_0)
                {
                    for (var i = 0; i < projects.Count; i++)
                    {
                        if (projects[i].Domain is null)
                        {
                            projects[i] = projects[i] with { Domain = value.Domain };
                        }
                    }
                }
            }

            if (value.Kubernetes is not null)
            {
                KubernetesGrantResolver.MergeInto(kubernetes, value.Kubernetes);
            }
        }

        user ??= new MappedUser(null, null, null, null, null);
        if (user.Type is null)
        {
            user = user with { Type = "ephemeral" };
        }

        if (version == MappingSchemaVersion.V2_0 && user.Domain is null)
        {
            // Keystone 2.0 takes the domain of the last identity value (its loop variable).
            user = user with { Domain = identityValues[^1].Domain };
        }

        return new MappingResult(user, groupIds, groupNames, projects, kubernetes);
    }

    private static void AddGroupId(string id, List<string> ids, HashSet<string> seen)
    {
        if (seen.Add(id))
        {
            ids.Add(id);
        }
    }

    private static void AppendGroupsByDomain(List<(string? Key, List<MappedGroup> Groups)> groupsByDomain, List<MappedGroup> output)
    {
        foreach (var (_, groups) in groupsByDomain)
        {
            if (groups.Count == 1)
            {
                output.Add(groups[0]);
                continue;
            }

            // {g['name']: g for g in groups}: first position, last value.
            var order = new List<string>(groups.Count);
            var byName = new Dictionary<string, MappedGroup>(StringComparer.Ordinal);
            foreach (var group in groups)
            {
                if (!byName.ContainsKey(group.Name))
                {
                    order.Add(group.Name);
                }

                byName[group.Name] = group;
            }

            foreach (var name in order)
            {
                output.Add(byName[name]);
            }
        }
    }

    private static List<MappedGroup> NormalizeGroups(ResolvedLocalEntry value)
    {
        var text = value.Groups!;
        var result = new List<MappedGroup>();
        if (text.Contains("name", StringComparison.Ordinal))
        {
            // Keystone reads the items as "JSON:{...}" group objects carrying their own domain.
            foreach (var item in value.GroupsValues ?? ListOrSingle(text, value, "groups"))
            {
                if (!item.StartsWith("JSON:", StringComparison.Ordinal))
                {
                    if (!item.Contains("domain", StringComparison.Ordinal))
                    {
                        throw Invalid(value, "groups", $"Invalid rule: group '{item}'. {GroupsNeedDomain}");
                    }

                    throw Invalid(value, "groups", $"group '{item}' is neither a plain name nor a 'JSON:{{...}}' group object");
                }

                result.Add(ParseJsonGroup(item.TrimStart('J', 'S', 'O', 'N', ':'), value));
            }

            return result;
        }

        if (value.Domain is null)
        {
            throw Invalid(value, "groups", $"Invalid rule: groups '{text}' without domain. {GroupsNeedDomain}");
        }

        foreach (var name in value.GroupsValues ?? ListOrSingle(text, value, "groups"))
        {
            result.Add(new MappedGroup(name, value.Domain));
        }

        return result;
    }

    private static MappedGroup ParseJsonGroup(string json, ResolvedLocalEntry value)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(value, "groups", $"JSON group '{json}' is not an object");
            }

            if (!root.TryGetProperty("domain", out var domain))
            {
                throw Invalid(value, "groups", $"Invalid rule: JSON group '{json}'. {GroupsNeedDomain}");
            }

            if (!root.TryGetProperty("name", out var name) || name.ValueKind != JsonValueKind.String || domain.ValueKind != JsonValueKind.Object)
            {
                throw Invalid(value, "groups", $"JSON group '{json}' needs a string 'name' and an object 'domain'");
            }

            string? domainId = null;
            string? domainName = null;
            foreach (var property in domain.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String || !(property.NameEquals("id") || property.NameEquals("name")))
                {
                    throw Invalid(value, "groups", $"JSON group '{json}': domain may only carry string 'id' and 'name'");
                }

                if (property.NameEquals("id"))
                {
                    domainId = property.Value.GetString();
                }
                else
                {
                    domainName = property.Value.GetString();
                }
            }

            return new MappedGroup(name.GetString()!, new DomainReference(domainId, domainName));
        }
        catch (JsonException e)
        {
            throw Invalid(value, "groups", $"JSON group is malformed: {e.Message}");
        }
    }

    /// <summary>Keystone's <c>_ast_literal_eval</c>: a Python list literal gives its items, anything else is one value.</summary>
    private static List<string> ListOrSingle(string text, ResolvedLocalEntry value, string key)
    {
        if (!PythonListLiteral.TryParse(text, out var items))
        {
            return [text];
        }

        var strings = new List<string>(items.Count);
        foreach (var item in items)
        {
            strings.Add(item ?? throw Invalid(value, key, $"'{text}' is a list with non-string items"));
        }

        return strings;
    }

    private static MappingEvaluationException Invalid(ResolvedLocalEntry value, string key, string reason) =>
        new(MappingErrorKind.InvalidLocalValue, value.RuleIndex, $"{value.JsonPath}.{key}", reason);
}
