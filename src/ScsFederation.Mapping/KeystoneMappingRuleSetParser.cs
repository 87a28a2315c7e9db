using System.Text.Json;
using System.Text.RegularExpressions;

namespace ScsFederation.Mapping;

/// <summary>
/// Validates a mapping document against Keystone's mapping schema (the same constraints as
/// schemas/mapping.schema.json) and compiles it. Stricter than Keystone where Keystone would
/// accept something that can only fail later: unknown keys anywhere, non-string list values,
/// invalid regular expressions, malformed placeholders, duplicate JSON keys.
/// </summary>
internal sealed class KeystoneMappingRuleSetParser
{
    private static readonly string[] RemoteListKeys = ["any_one_of", "not_any_of", "blacklist", "whitelist"];

    private readonly List<string> _diagnostics = [];
    private MappingSchemaVersion _version;

    public static KeystoneMappingRuleSet Parse(string json)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(json, new JsonDocumentOptions { MaxDepth = 32 });
        }
        catch (JsonException e)
        {
            throw new MappingRuleException("$", $"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {e.Message}", e);
        }

        using (document)
        {
            return new KeystoneMappingRuleSetParser().ParseRoot(document.RootElement.Clone());
        }
    }

    private KeystoneMappingRuleSet ParseRoot(JsonElement root)
    {
        RequireObject(root, "$", "rules", "schema_version", "id", "links");
        if (root.TryGetProperty("schema_version", out var version))
        {
            _version = RequireString(version, "$.schema_version") switch
            {
                "1.0" => MappingSchemaVersion.V1_0,
                "2.0" => MappingSchemaVersion.V2_0,
                var other => throw new MappingRuleException("$.schema_version", $"unsupported schema_version \"{other}\" (supported: \"1.0\", \"2.0\")"),
            };
        }

        if (!root.TryGetProperty("rules", out var rulesElement))
        {
            throw new MappingRuleException("$", "'rules' is a required property");
        }

        RequireArray(rulesElement, "$.rules", minItems: 1);
        var rules = new List<KeystoneMappingRule>();
        var index = 0;
        foreach (var rule in rulesElement.EnumerateArray())
        {
            rules.Add(ParseRule(rule, index, $"$.rules[{index}]"));
            index++;
        }

        return new KeystoneMappingRuleSet(_version, rules.ToArray(), root, _diagnostics);
    }

    private KeystoneMappingRule ParseRule(JsonElement rule, int index, string path)
    {
        RequireObject(rule, path, "local", "remote");
        if (!rule.TryGetProperty("remote", out var remoteElement))
        {
            throw new MappingRuleException(path, "'remote' is a required property");
        }

        if (!rule.TryGetProperty("local", out var localElement))
        {
            throw new MappingRuleException(path, "'local' is a required property");
        }

        RequireArray(remoteElement, path + ".remote", minItems: 1);
        var remote = new List<RemoteRequirement>();
        var i = 0;
        var directMaps = 0;
        foreach (var requirement in remoteElement.EnumerateArray())
        {
            var parsed = ParseRemote(requirement, $"{path}.remote[{i++}]");
            if (parsed.Kind is not (RemoteRequirementKind.AnyOneOf or RemoteRequirementKind.NotAnyOf))
            {
                directMaps++;
            }

            remote.Add(parsed);
        }

        RequireArray(localElement, path + ".local", minItems: 0);
        var local = new List<LocalEntryTemplate>();
        i = 0;
        foreach (var entry in localElement.EnumerateArray())
        {
            local.Add(ParseLocal(entry, $"{path}.local[{i++}]", directMaps));
        }

        return new KeystoneMappingRule(index, remote.ToArray(), local.ToArray());
    }

    private static RemoteRequirement ParseRemote(JsonElement element, string path)
    {
        RequireObject(element, path, "type", "any_one_of", "not_any_of", "blacklist", "whitelist", "regex");
        if (!element.TryGetProperty("type", out var typeElement))
        {
            throw new MappingRuleException(path, "'type' is a required property");
        }

        var type = RequireString(typeElement, path + ".type");
        string? listKey = null;
        foreach (var key in RemoteListKeys)
        {
            if (element.TryGetProperty(key, out _))
            {
                if (listKey is not null)
                {
                    throw new MappingRuleException(path, $"'{listKey}' and '{key}' cannot be combined in one remote entry");
                }

                listKey = key;
            }
        }

        var isRegex = false;
        if (element.TryGetProperty("regex", out var regexElement))
        {
            if (regexElement.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw new MappingRuleException(path + ".regex", "must be a boolean");
            }

            if (listKey is null)
            {
                throw new MappingRuleException(path + ".regex", "'regex' needs one of any_one_of, not_any_of, blacklist, whitelist");
            }

            isRegex = regexElement.ValueKind == JsonValueKind.True;
        }

        if (listKey is null)
        {
            return new RemoteRequirement(path, type, RemoteRequirementKind.Present, [], false, null);
        }

        var listPath = $"{path}.{listKey}";
        var listElement = element.GetProperty(listKey);
        RequireArray(listElement, listPath, minItems: 0);
        var values = new List<string>();
        var patterns = isRegex ? new List<Regex>() : null;
        var i = 0;
        foreach (var item in listElement.EnumerateArray())
        {
            var itemPath = $"{listPath}[{i++}]";
            var value = RequireString(item, itemPath);
            values.Add(value);
            if (patterns is not null)
            {
                try
                {
                    patterns.Add(PythonRegexTranslator.Compile(value));
                }
                catch (ArgumentException e)
                {
                    throw new MappingRuleException(itemPath, $"invalid regular expression: {e.Message}", e);
                }
            }
        }

        var kind = listKey switch
        {
            "any_one_of" => RemoteRequirementKind.AnyOneOf,
            "not_any_of" => RemoteRequirementKind.NotAnyOf,
            "blacklist" => RemoteRequirementKind.Blacklist,
            _ => RemoteRequirementKind.Whitelist,
        };
        return new RemoteRequirement(path, type, kind, values, isRegex, patterns?.ToArray());
    }

    private LocalEntryTemplate ParseLocal(JsonElement element, string path, int directMaps)
    {
        RequireObject(element, path, "user", "group", "groups", "group_ids", "domain", "projects", "kubernetes");
        var projects = element.TryGetProperty("projects", out var projectsElement) ? ParseProjects(projectsElement, path + ".projects", directMaps) : null;
        return new LocalEntryTemplate
        {
            ConstantProjects = projects is null ? null : ConstantProjects(projects),
            JsonPath = path,
            User = element.TryGetProperty("user", out var user) ? ParseUser(user, path + ".user", directMaps) : null,
            Group = element.TryGetProperty("group", out var group) ? ParseGroup(group, path + ".group", directMaps) : null,
            Groups = element.TryGetProperty("groups", out var groups) ? Value(groups, path + ".groups", directMaps) : null,
            GroupIds = element.TryGetProperty("group_ids", out var groupIds) ? Value(groupIds, path + ".group_ids", directMaps) : null,
            Domain = element.TryGetProperty("domain", out var domain) ? ParseDomain(domain, path + ".domain", directMaps) : null,
            Projects = projects,
            Kubernetes = element.TryGetProperty("kubernetes", out var kubernetes) ? ParseKubernetes(kubernetes, path + ".kubernetes", directMaps) : null,
        };
    }

    private static List<MappedProject>? ConstantProjects(List<LocalEntryTemplate.ProjectTemplate> projects)
    {
        var result = new List<MappedProject>(projects.Count);
        foreach (var project in projects)
        {
            var roles = new List<string>(project.Roles.Count);
            foreach (var role in project.Roles)
            {
                if (role.Template.Literal is not { } roleName)
                {
                    return null;
                }

                roles.Add(roleName);
            }

            if (project.Name.Template.Literal is not { } name)
            {
                return null;
            }

            DomainReference? domain = null;
            if (project.Domain is not null)
            {
                if ((project.Domain.Id is not null && project.Domain.Id.Template.Literal is null) ||
                    (project.Domain.Name is not null && project.Domain.Name.Template.Literal is null))
                {
                    return null;
                }

                domain = new DomainReference(project.Domain.Id?.Template.Literal, project.Domain.Name?.Template.Literal);
            }

            result.Add(new MappedProject(name, roles, domain));
        }

        return result;
    }

    private LocalEntryTemplate.UserTemplate ParseUser(JsonElement element, string path, int directMaps)
    {
        RequireObject(element, path, "id", "name", "email", "domain", "type");
        LocalValue? type = null;
        if (element.TryGetProperty("type", out var typeElement))
        {
            var typeValue = RequireString(typeElement, path + ".type");
            if (typeValue is not ("ephemeral" or "local"))
            {
                throw new MappingRuleException(path + ".type", $"'{typeValue}' is not one of ['ephemeral', 'local']");
            }

            type = Value(typeElement, path + ".type", directMaps);
        }

        return new LocalEntryTemplate.UserTemplate(
            OptionalValue(element, "id", path, directMaps),
            OptionalValue(element, "name", path, directMaps),
            OptionalValue(element, "email", path, directMaps),
            type,
            element.TryGetProperty("domain", out var domain) ? ParseDomain(domain, path + ".domain", directMaps) : null);
    }

    private LocalEntryTemplate.GroupTemplate ParseGroup(JsonElement element, string path, int directMaps)
    {
        RequireObject(element, path, "id", "name", "domain");
        var hasId = element.TryGetProperty("id", out _);
        var hasName = element.TryGetProperty("name", out _);
        var hasDomain = element.TryGetProperty("domain", out var domain);
        if (hasId && (hasName || hasDomain))
        {
            throw new MappingRuleException(path, "a group is given either by 'id' alone or by 'name' and 'domain'");
        }

        if (!hasId && !(hasName && hasDomain))
        {
            throw new MappingRuleException(path, "a group needs 'id', or 'name' together with 'domain'");
        }

        return new LocalEntryTemplate.GroupTemplate(
            OptionalValue(element, "id", path, directMaps),
            OptionalValue(element, "name", path, directMaps),
            hasDomain ? ParseDomain(domain, path + ".domain", directMaps) : null);
    }

    private LocalEntryTemplate.DomainTemplate ParseDomain(JsonElement element, string path, int directMaps)
    {
        RequireObject(element, path, "id", "name");
        return new LocalEntryTemplate.DomainTemplate(OptionalValue(element, "id", path, directMaps), OptionalValue(element, "name", path, directMaps));
    }

    private List<LocalEntryTemplate.ProjectTemplate> ParseProjects(JsonElement element, string path, int directMaps)
    {
        RequireArray(element, path, minItems: 0);
        var projects = new List<LocalEntryTemplate.ProjectTemplate>();
        var i = 0;
        foreach (var project in element.EnumerateArray())
        {
            var projectPath = $"{path}[{i++}]";
            if (_version == MappingSchemaVersion.V2_0)
            {
                RequireObject(project, projectPath, "name", "roles", "domain");
            }
            else
            {
                RequireObject(project, projectPath, "name", "roles");
            }

            var name = RequiredValue(project, "name", projectPath, directMaps);
            if (!project.TryGetProperty("roles", out var rolesElement))
            {
                throw new MappingRuleException(projectPath, "'roles' is a required property");
            }

            RequireArray(rolesElement, projectPath + ".roles", minItems: 0);
            var roles = new List<LocalValue>();
            var r = 0;
            foreach (var role in rolesElement.EnumerateArray())
            {
                var rolePath = $"{projectPath}.roles[{r++}]";
                RequireObject(role, rolePath, "name");
                roles.Add(RequiredValue(role, "name", rolePath, directMaps));
            }

            var domain = project.TryGetProperty("domain", out var domainElement) ? ParseDomain(domainElement, projectPath + ".domain", directMaps) : null;
            projects.Add(new LocalEntryTemplate.ProjectTemplate(name, roles, domain));
        }

        return projects;
    }

    private LocalEntryTemplate.KubernetesTemplate ParseKubernetes(JsonElement element, string path, int directMaps)
    {
        RequireObject(element, path, "cluster", "groups", "namespaces");
        var cluster = RequiredValue(element, "cluster", path, directMaps);
        var groups = new List<LocalValue>();
        if (element.TryGetProperty("groups", out var groupsElement))
        {
            RequireArray(groupsElement, path + ".groups", minItems: 0);
            var i = 0;
            foreach (var group in groupsElement.EnumerateArray())
            {
                groups.Add(Value(group, $"{path}.groups[{i++}]", directMaps));
            }
        }

        var namespaces = new List<LocalEntryTemplate.NamespaceTemplate>();
        if (element.TryGetProperty("namespaces", out var namespacesElement))
        {
            RequireArray(namespacesElement, path + ".namespaces", minItems: 0);
            var i = 0;
            foreach (var ns in namespacesElement.EnumerateArray())
            {
                var nsPath = $"{path}.namespaces[{i++}]";
                RequireObject(ns, nsPath, "name", "clusterRole");
                namespaces.Add(new LocalEntryTemplate.NamespaceTemplate(
                    RequiredValue(ns, "name", nsPath, directMaps),
                    RequiredValue(ns, "clusterRole", nsPath, directMaps)));
            }
        }

        if (groups.Count == 0 && namespaces.Count == 0)
        {
            throw new MappingRuleException(path, "a kubernetes entry needs 'groups' or 'namespaces'");
        }

        return new LocalEntryTemplate.KubernetesTemplate(cluster, groups, namespaces);
    }

    private LocalValue RequiredValue(JsonElement owner, string key, string ownerPath, int directMaps)
    {
        if (!owner.TryGetProperty(key, out var element))
        {
            throw new MappingRuleException(ownerPath, $"'{key}' is a required property");
        }

        return Value(element, $"{ownerPath}.{key}", directMaps);
    }

    private LocalValue? OptionalValue(JsonElement owner, string key, string ownerPath, int directMaps) =>
        owner.TryGetProperty(key, out var element) ? Value(element, $"{ownerPath}.{key}", directMaps) : null;

    private LocalValue Value(JsonElement element, string path, int directMaps)
    {
        var raw = RequireString(element, path);

        // Keystone formats every local string of a matched rule with str.format, even when the
        // remote part yields no direct map (its DirectMaps object is always truthy).
        if (!PlaceholderTemplate.TryCompile(raw, out var template, out var error))
        {
            throw new MappingRuleException(path, $"invalid placeholder syntax: {error}");
        }

        if (template!.MaxIndex >= directMaps)
        {
            _diagnostics.Add($"{path}: placeholder {{{template.MaxIndex}}} is out of range: the rule's remote part yields {directMaps} direct map value(s) (Keystone raises DirectMappingError when this rule matches)");
        }

        return new LocalValue(raw, template, path);
    }

    private static string RequireString(JsonElement element, string path) =>
        element.ValueKind == JsonValueKind.String
            ? element.GetString()!
            : throw new MappingRuleException(path, $"must be a string, found {Describe(element.ValueKind)}");

    private static void RequireArray(JsonElement element, string path, int minItems)
    {
        if (element.ValueKind != JsonValueKind.Array)
        {
            throw new MappingRuleException(path, $"must be an array, found {Describe(element.ValueKind)}");
        }

        if (element.GetArrayLength() < minItems)
        {
            throw new MappingRuleException(path, $"must have at least {minItems} item(s)");
        }
    }

    private static void RequireObject(JsonElement element, string path, params string[] allowedKeys)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new MappingRuleException(path, $"must be an object, found {Describe(element.ValueKind)}");
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!seen.Add(property.Name))
            {
                throw new MappingRuleException($"{path}.{property.Name}", "duplicate key");
            }

            if (Array.IndexOf(allowedKeys, property.Name) < 0)
            {
                throw new MappingRuleException($"{path}.{property.Name}", $"unknown key (allowed: {string.Join(", ", allowedKeys)})");
            }
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };
}
