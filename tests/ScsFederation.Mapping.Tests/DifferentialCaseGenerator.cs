using System.Text.Json.Nodes;

namespace ScsFederation.Mapping.Tests;

/// <summary>
/// Seeded random rule sets and assertions covering every condition kind (plain, any_one_of,
/// not_any_of, whitelist, blacklist, each with and without regex), placeholders ({N}, {},
/// escapes, out of range), multi-valued ';' attributes, several matching rules, user/group/
/// groups/group_ids/projects locals, Python list literals and JSON groups, and schema errors.
/// Values that Keystone orders by Python set order (plain whitelist, blacklist) are only used
/// where order is compared as a set (groups, group_ids).
/// </summary>
internal sealed class DifferentialCaseGenerator
{
    private static readonly string[] Attributes = ["UserName", "Email", "orgPersonType", "Groups", "Dept", "Site"];

    private static readonly string[] Values =
    [
        "alice", "bob", "admin", "dev", "ops", "Tester", "Customer", "x y", "Zoë", "it's",
        "say \"hi\"", "back\\slash", "both'\"q", "日本", "", "123", "['alice', 'bob']", "tab\there",
    ];

    private static readonly string[] RareValues = ["username", "JSON:{\"name\": \"gj\", \"domain\": {\"id\": \"dj\"}}", "rename"];

    private static readonly string[] Regexes = ["^a", "o", "^(admin|ops)$", "[0-9]", ".*", "^$", "b.b", "^[A-Z]", "s$", "\\s", "^(?:x|y) ", "ë"];

    private static readonly string[] Literals = ["fixed", "svc-user", "proj-a", "member", "reader", "Zoë's"];

    private readonly Random _random;

    public DifferentialCaseGenerator(int seed) => _random = new Random(seed);

    public (JsonObject Mapping, JsonObject Assertion) Next()
    {
        var rules = new JsonArray();
        var ruleCount = 1 + _random.Next(3);
        for (var r = 0; r < ruleCount; r++)
        {
            rules.Add(Rule());
        }

        var mapping = new JsonObject { ["rules"] = rules };
        if (_random.NextDouble() < 0.1)
        {
            mapping["schema_version"] = "1.0";
        }

        if (_random.NextDouble() < 0.05)
        {
            InjectSchemaError(rules);
        }

        return (mapping, Assertion());
    }

    private JsonObject Assertion()
    {
        var assertion = new JsonObject();
        foreach (var attribute in Attributes)
        {
            if (_random.NextDouble() < 0.25)
            {
                continue;
            }

            var count = 1 + _random.Next(3);
            var parts = new List<string>();
            for (var i = 0; i < count; i++)
            {
                parts.Add(_random.NextDouble() < 0.04 ? Pick(RareValues) : Pick(Values));
            }

            assertion[attribute] = string.Join(';', parts);
        }

        return assertion;
    }

    private JsonObject Rule()
    {
        var remote = new JsonArray();
        var ordered = new List<int>();   // direct-map indexes whose value order Keystone defines
        var all = 0;
        var requirementCount = 1 + _random.Next(3);
        for (var i = 0; i < requirementCount; i++)
        {
            var requirement = new JsonObject { ["type"] = Pick(Attributes) };
            var kind = _random.Next(5);
            var regex = _random.NextDouble() < 0.35;
            string? listKey = kind switch { 1 => "any_one_of", 2 => "not_any_of", 3 => "whitelist", 4 => "blacklist", _ => null };
            if (listKey is not null)
            {
                var list = new JsonArray();
                var n = _random.Next(4);
                for (var k = 0; k < n; k++)
                {
                    list.Add(regex ? Pick(Regexes) : Pick(Values));
                }

                requirement[listKey] = list;
                if (regex || _random.NextDouble() < 0.1)
                {
                    requirement["regex"] = regex;
                }
            }

            if (kind is 0 || (kind == 3 && regex))
            {
                ordered.Add(all);
            }

            if (kind is not (1 or 2))
            {
                all++;
            }

            remote.Add(requirement);
        }

        var local = new JsonArray();
        var localCount = _random.Next(4);
        for (var i = 0; i < localCount; i++)
        {
            local.Add(LocalEntry(ordered, all));
        }

        return new JsonObject { ["local"] = local, ["remote"] = remote };
    }

    private JsonObject LocalEntry(List<int> ordered, int all)
    {
        var entry = new JsonObject();
        var keys = 1 + _random.Next(2);
        for (var k = 0; k < keys; k++)
        {
            switch (_random.Next(7))
            {
                case 0:
                    var user = new JsonObject { ["name"] = Template(ordered, all) };
                    if (_random.NextDouble() < 0.4) user["email"] = Template(ordered, all);
                    if (_random.NextDouble() < 0.3) user["id"] = Template(ordered, all);
                    if (_random.NextDouble() < 0.5) user["type"] = _random.NextDouble() < 0.5 ? "ephemeral" : "local";
                    if (_random.NextDouble() < 0.3) user["domain"] = Domain(ordered);
                    if (_random.NextDouble() < 0.05) user = new JsonObject();
                    entry["user"] = user;
                    break;
                case 1:
                    entry["group"] = new JsonObject { ["id"] = Template(ordered, all) };
                    break;
                case 2:
                    entry["group"] = new JsonObject { ["name"] = Template(ordered, all), ["domain"] = Domain(ordered) };
                    break;
                case 3:
                    entry["groups"] = GroupsTemplate(all);
                    if (_random.NextDouble() < 0.85) entry["domain"] = Domain();
                    break;
                case 4:
                    entry["group_ids"] = GroupsTemplate(all);
                    break;
                case 5:
                    var projects = new JsonArray();
                    var count = _random.Next(3);
                    for (var p = 0; p < count; p++)
                    {
                        var roles = new JsonArray();
                        var roleCount = _random.Next(3);
                        for (var r = 0; r < roleCount; r++)
                        {
                            roles.Add(new JsonObject { ["name"] = _random.NextDouble() < 0.7 ? Pick(Literals) : Template(ordered, all) });
                        }

                        projects.Add(new JsonObject { ["name"] = Template(ordered, all), ["roles"] = roles });
                    }

                    entry["projects"] = projects;
                    break;
                default:
                    entry["domain"] = Domain();
                    break;
            }
        }

        return entry;
    }

    private JsonObject Domain(List<int>? ordered = null)
    {
        if (ordered is { Count: > 0 } && _random.NextDouble() < 0.2)
        {
            // A domain named after an attribute value, e.g. the user's organisation.
            return new JsonObject { ["name"] = $"org-{{{ordered[_random.Next(ordered.Count)]}}}" };
        }

        var roll = _random.NextDouble();
        return roll < 0.45
            ? new JsonObject { ["name"] = Pick(["Default", "dom-a", "dom-b", ""]) }
            : roll < 0.9
                ? new JsonObject { ["id"] = Pick(["default", "d1", "d2"]) }
                : new JsonObject { ["id"] = "d1", ["name"] = "dom-a" };
    }

    private string Template(List<int> ordered, int all)
    {
        var roll = _random.NextDouble();
        if (roll < 0.04)
        {
            return $"{{{all + _random.Next(2)}}}"; // beyond the direct maps: DirectMappingError when matched
        }

        if (ordered.Count == 0 || roll < 0.25)
        {
            return Pick(Literals);
        }

        var i = ordered[_random.Next(ordered.Count)];
        var j = ordered[_random.Next(ordered.Count)];
        return _random.Next(6) switch
        {
            0 => $"{{{i}}}",
            1 => $"pre-{{{i}}}",
            2 => $"{{{i}}}@{{{j}}}",
            3 => $"{{{i}}} {{{{braces}}}}",
            4 when ordered[0] == 0 && _random.NextDouble() < 0.5 => "auto-{}",
            _ => $"{{{i}}}",
        };
    }

    private string GroupsTemplate(int all)
    {
        var roll = _random.NextDouble();
        if (all > 0 && roll < 0.6)
        {
            return $"{{{_random.Next(all)}}}";
        }

        return _random.Next(4) switch
        {
            0 => "g1",
            1 => "['g1', 'g2']",
            2 => "['JSON:{{\"name\": \"gj\", \"domain\": {{\"name\": \"dj\"}}}}']",
            _ => "[]",
        };
    }

    private void InjectSchemaError(JsonArray rules)
    {
        var rule = rules[_random.Next(rules.Count)]!.AsObject();
        switch (_random.Next(4))
        {
            case 0:
                rule["local"]!.AsArray().Add(new JsonObject { ["unknown_key"] = "x" });
                break;
            case 1:
                rule["local"]!.AsArray().Add(new JsonObject { ["group"] = new JsonObject { ["id"] = "x", ["domain"] = new JsonObject { ["id"] = "d" } } });
                break;
            case 2:
                rule["remote"]!.AsArray().Add(new JsonObject { ["type"] = "Dept", ["any_one_of"] = new JsonArray("a"), ["whitelist"] = new JsonArray("b") });
                break;
            default:
                rule.Remove("remote");
                break;
        }
    }

    private string Pick(string[] values) => values[_random.Next(values.Length)];
}
