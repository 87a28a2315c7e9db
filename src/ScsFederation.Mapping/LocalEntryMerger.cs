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

    /// <param name="matchedRules">Indices of the matched rules, ascending (copied into the result).</param>
    public static MappingResult Merge(List<ResolvedLocalEntry> identityValues, List<int> matchedRules, MappingSchemaVersion version)
    {
        // Collections are created on first use: most logins touch only a few of them.
        MappedUser? user = null;
        int? userRule = null;
        List<string>? groupIds = null;
        List<MappedGroup>? groupNames = null;
        List<int>? groupNameRules = null; // parallel to groupNames
        List<(string? Key, List<(MappedGroup Group, int Rule)> Groups)>? groupsByDomain = null;
        IReadOnlyList<MappedProject> projects = [];
        int? projectsRule = null;
        List<KubernetesGrant>? kubernetes = null;

        foreach (var value in identityValues)
        {
            if (value.User is not null && (user is null || user.IsEmpty))
            {
                user = value.User;
                userRule = value.RuleIndex;
            }

            if (value.HasGroup)
            {
                if (value.GroupId is not null)
                {
                    AddGroupId(value.GroupId, ref groupIds);
                }
                else
                {
                    var group = value.GroupByName!;
                    // Python: domain.get('name') or domain.get('id') — an empty name falls back to the id.
                    var key = string.IsNullOrEmpty(group.Domain.Name) ? group.Domain.Id : group.Domain.Name;
                    groupsByDomain ??= [];
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
                        groupsByDomain.Add((key, [(group, value.RuleIndex)]));
                    }
                    else
                    {
                        groupsByDomain[bucket].Groups.Add((group, value.RuleIndex));
                    }
                }

                // Zed re-appends after every group entry; Keystone releases with schema 2.0 only after a named one.
                if (groupsByDomain is not null && (version == MappingSchemaVersion.V1_0 || value.GroupId is null))
                {
                    AppendGroupsByDomain(groupsByDomain, groupNames ??= [], groupNameRules ??= []);
                }
            }

            if (value.HasGroups)
            {
                NormalizeGroups(value, groupNames ??= [], groupNameRules ??= []);
            }

            if (value.HasGroupIds)
            {
                var ids = value.GroupIdsValues ?? ListOrSingle(value.GroupIdsText!, value, "group_ids");
                for (var i = 0; i < ids.Count; i++)
                {
                    AddGroupId(ids[i], ref groupIds);
                }
            }

            if (value.Projects is not null)
            {
                projects = value.Projects;
                projectsRule = value.RuleIndex;
                if (version == MappingSchemaVersion.V2_0)
                {
                    // Resolved project lists may be shared (literal-only templates): copy, never mutate.
                    var withDomains = new List<MappedProject>(projects.Count);
                    for (var i = 0; i < projects.Count; i++)
                    {
                        var project = projects[i];
                        withDomains.Add(project.Domain is null ? project with { Domain = value.Domain } : project);
                    }

                    projects = withDomains;
                }
            }

            if (value.Kubernetes is not null)
            {
                KubernetesGrantResolver.MergeInto(kubernetes ??= [], value.Kubernetes);
            }
        }

        user ??= EmptyUser;
        if (user.Type is null)
        {
            user = user with { Type = "ephemeral" };
        }

        if (version == MappingSchemaVersion.V2_0 && user.Domain is null)
        {
            // Keystone 2.0 takes the domain of the last identity value (its loop variable).
            user = user with { Domain = identityValues[^1].Domain };
        }

        return new MappingResult(user, groupIds ?? [], groupNames ?? [], projects, kubernetes ?? [])
        {
            MatchedRules = matchedRules.ToArray(),
            UserRule = userRule,
            ProjectsRule = projectsRule,
            GroupNameRules = groupNameRules ?? [],
        };
    }

    private static readonly MappedUser EmptyUser = new(null, null, null, null, null);

    private static void AddGroupId(string id, ref List<string>? ids)
    {
        // A login has a handful of group ids: a linear check keeps Keystone's set semantics cheaply.
        ids ??= [];
        if (!ids.Contains(id))
        {
            ids.Add(id);
        }
    }

    private static void AppendGroupsByDomain(List<(string? Key, List<(MappedGroup Group, int Rule)> Groups)> groupsByDomain, List<MappedGroup> output, List<int> rules)
    {
        foreach (var (_, groups) in groupsByDomain)
        {
            if (groups.Count == 1)
            {
                output.Add(groups[0].Group);
                rules.Add(groups[0].Rule);
                continue;
            }

            // {g['name']: g for g in groups}: first position, last value; the origin stays the first naming rule.
            var order = new List<string>(groups.Count);
            var byName = new Dictionary<string, (MappedGroup Group, int Rule)>(StringComparer.Ordinal);
            foreach (var (group, rule) in groups)
            {
                if (byName.TryGetValue(group.Name, out var first))
                {
                    byName[group.Name] = (group, first.Rule);
                }
                else
                {
                    order.Add(group.Name);
                    byName[group.Name] = (group, rule);
                }
            }

            foreach (var name in order)
            {
                var (group, rule) = byName[name];
                output.Add(group);
                rules.Add(rule);
            }
        }
    }

    private static void NormalizeGroups(ResolvedLocalEntry value, List<MappedGroup> result, List<int> rules)
    {
        if (value.GroupsMentionName)
        {
            // Keystone reads the items as "JSON:{...}" group objects carrying their own domain.
            // Keystone converts every item before checking any, so a bad later item fails the entry.
            var converted = new List<MappedGroup>();
            foreach (var item in value.GroupsValues ?? ListOrSingle(value.GroupsText!, value, "groups"))
            {
                if (!item.StartsWith("JSON:", StringComparison.Ordinal))
                {
                    if (!item.Contains("domain", StringComparison.Ordinal))
                    {
                        throw Invalid(value, "groups", $"Invalid rule: group '{item}'. {GroupsNeedDomain}");
                    }

                    throw Invalid(value, "groups", $"group '{item}' is neither a plain name nor a 'JSON:{{...}}' group object");
                }

                converted.Add(ParseJsonGroup(item.TrimStart('J', 'S', 'O', 'N', ':'), value));
            }

            result.AddRange(converted);
            AddRule(rules, value.RuleIndex, converted.Count);
            return;
        }

        if (value.Domain is null)
        {
            throw Invalid(value, "groups", $"Invalid rule: groups '{value.GroupsDisplay}' without domain. {GroupsNeedDomain}");
        }

        var names = value.GroupsValues ?? ListOrSingle(value.GroupsText!, value, "groups");
        for (var i = 0; i < names.Count; i++)
        {
            result.Add(new MappedGroup(names[i], value.Domain));
        }

        AddRule(rules, value.RuleIndex, names.Count);
    }

    private static void AddRule(List<int> rules, int rule, int count)
    {
        for (var i = 0; i < count; i++)
        {
            rules.Add(rule);
        }
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
