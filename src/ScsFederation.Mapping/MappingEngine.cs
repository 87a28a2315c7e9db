using System.Text.RegularExpressions;

namespace ScsFederation.Mapping;

/// <summary>
/// Evaluates a rule set against an assertion exactly as Keystone's RuleProcessor (Zed, the
/// version Debian 12 ships) does: every matching rule contributes its local entries, which are
/// then merged (first non-empty user wins, groups accumulate, the last <c>projects</c> wins).
/// Keystone leaves the order of set-based results undefined (<c>group_ids</c>, non-regex
/// whitelist and blacklist values); this engine keeps assertion/rule order there.
/// </summary>
public static partial class MappingEngine
{
    /// <param name="assertion">Attribute name to values, already split on ';' (see <see cref="AssertionAttributes"/>).</param>
    /// <exception cref="MappingEvaluationException">A placeholder is out of range, a local value is inconsistent, or a regex timed out.</exception>
    public static MappingOutcome Evaluate(KeystoneMappingRuleSet ruleSet, IReadOnlyDictionary<string, IReadOnlyList<string>> assertion)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(assertion);
        var identityValues = ResolvedEntries ??= new List<ResolvedLocalEntry>(16);
        identityValues.Clear();
        var matched = MatchedRules ??= new List<int>(8);
        matched.Clear();
        // Resolved entries keep strings and value lists, never the DirectMaps itself: reuse it.
        var maps = DirectMaps.Rent();
        foreach (var rule in ruleSet.RuleArray)
        {
            maps.Clear();
            if (!MatchRemote(rule, assertion, maps))
            {
                continue;
            }

            matched.Add(rule.Index);
            foreach (var local in rule.LocalArray)
            {
                identityValues.Add(Resolve(local, maps, rule.Index));
            }
        }

        if (identityValues.Count == 0)
        {
            return MappingOutcome.NoMatch;
        }

        try
        {
            return MappingOutcome.Mapped(LocalEntryMerger.Merge(identityValues, matched, ruleSet.SchemaVersion));
        }
        finally
        {
            identityValues.Clear(); // drop references held by the per-thread list
        }
    }

    // Per-thread scratch list: Evaluate is not re-entrant and the merge copies what it keeps.
    [ThreadStatic]
    private static List<ResolvedLocalEntry>? ResolvedEntries;

    // Rule origins: a rule with an empty 'local' matches without leaving an entry, so track matches apart.
    [ThreadStatic]
    private static List<int>? MatchedRules;

    private static bool MatchRemote(KeystoneMappingRule rule, IReadOnlyDictionary<string, IReadOnlyList<string>> assertion, DirectMaps maps)
    {
        foreach (var requirement in rule.RemoteArray)
        {
            if (!assertion.TryGetValue(requirement.Type, out var values) || values.Count == 0)
            {
                return false;
            }

            try
            {
                switch (requirement.Kind)
                {
                    case RemoteRequirementKind.AnyOneOf:
                        if (!AnyMatches(requirement, values))
                        {
                            return false;
                        }

                        break;
                    case RemoteRequirementKind.NotAnyOf:
                        if (AnyMatches(requirement, values))
                        {
                            return false;
                        }

                        break;
                    case RemoteRequirementKind.Blacklist:
                        maps.Add(Filter(requirement, values, keepMatches: false, distinct: true));
                        break;
                    case RemoteRequirementKind.Whitelist:
                        // Keystone's regex whitelist is a list comprehension (keeps duplicates); the plain one is a set.
                        maps.Add(Filter(requirement, values, keepMatches: true, distinct: !requirement.IsRegex));
                        break;
                    default:
                        maps.Add(values);
                        break;
                }
            }
            catch (RegexMatchTimeoutException e)
            {
                throw new MappingEvaluationException(
                    MappingErrorKind.RegexTimeout,
                    rule.Index,
                    requirement.JsonPath,
                    $"regular expression did not finish within {PythonRegexTranslator.MatchTimeout.TotalMilliseconds} ms on attribute '{requirement.Type}'",
                    e);
            }
        }

        return true;
    }

    private static bool AnyMatches(RemoteRequirement requirement, IReadOnlyList<string> values)
    {
        // Indexed loops: foreach over an IReadOnlyList would allocate an enumerator per call.
        for (var i = 0; i < values.Count; i++)
        {
            if (requirement.Matches(values[i]))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> Filter(RemoteRequirement requirement, IReadOnlyList<string> values, bool keepMatches, bool distinct)
    {
        var kept = new List<string>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i];
            // Attribute value lists are short: a linear duplicate check beats a HashSet here.
            if (requirement.Matches(value) == keepMatches && !(distinct && kept.Contains(value)))
            {
                kept.Add(value);
            }
        }

        return kept;
    }

    /// <summary>
    /// When the value is exactly "{N}" over a list of other than one value, Keystone formats the
    /// list as Python text and literal_eval gives the same list back: skip the round trip.
    /// </summary>
    private static IReadOnlyList<string>? SoleListValues(LocalValue? value, DirectMaps maps)
    {
        var sole = value?.Template.SolePlaceholder ?? -1;
        return sole >= 0 && sole < maps.Count && maps[sole].Count != 1 ? maps[sole] : null;
    }

    private static bool NeedsReprEscape(IReadOnlyList<string> values)
    {
        for (var i = 0; i < values.Count; i++)
        {
            foreach (var c in values[i])
            {
                if (c < 0x20 || c >= 0x7f || c == '\\')
                {
                    return true;
                }
            }
        }

        return false;
    }

    private static ResolvedLocalEntry Resolve(LocalEntryTemplate local, DirectMaps maps, int rule)
    {
        MappedUser? user = null;
        if (local.User is { } u)
        {
            user = new MappedUser(u.Id?.Resolve(maps, rule), u.Name?.Resolve(maps, rule), u.Email?.Resolve(maps, rule), u.Domain?.Resolve(maps, rule), u.Type?.Resolve(maps, rule));
        }

        string? groupId = null;
        MappedGroup? groupByName = null;
        if (local.Group is { } g)
        {
            if (g.Id is not null)
            {
                groupId = g.Id.Resolve(maps, rule);
            }
            else
            {
                groupByName = new MappedGroup(g.Name!.Resolve(maps, rule), g.Domain!.Resolve(maps, rule));
            }
        }

        IReadOnlyList<MappedProject>? projects = local.ConstantProjects;
        if (projects is null && local.Projects is { } projectTemplates)
        {
            var resolved = new List<MappedProject>(projectTemplates.Count);
            for (var j = 0; j < projectTemplates.Count; j++)
            {
                var p = projectTemplates[j];
                var roles = p.ConstantRoles;
                if (roles is null)
                {
                    var resolvedRoles = new string[p.Roles.Count];
                    for (var r = 0; r < resolvedRoles.Length; r++)
                    {
                        resolvedRoles[r] = p.Roles[r].Resolve(maps, rule);
                    }

                    roles = resolvedRoles;
                }

                resolved.Add(new MappedProject(p.Name.Resolve(maps, rule), roles, p.Domain?.Resolve(maps, rule)));
            }

            projects = resolved;
        }

        var groupsValues = SoleListValues(local.Groups, maps);
        string? groupsText = null;
        var groupsMentionName = false;
        if (groupsValues is not null)
        {
            // Keystone tests 'name' in the Python list text; when no value needs escaping, that is
            // the same as testing the values (quotes, commas and brackets cannot form "name").
            if (NeedsReprEscape(groupsValues))
            {
                groupsText = PythonRepr.OfList(groupsValues);
                groupsMentionName = groupsText.Contains("name", StringComparison.Ordinal);
            }
            else
            {
                for (var i = 0; i < groupsValues.Count; i++)
                {
                    groupsMentionName |= groupsValues[i].Contains("name", StringComparison.Ordinal);
                }
            }
        }
        else if (local.Groups is not null)
        {
            groupsText = local.Groups.Resolve(maps, rule);
            groupsMentionName = groupsText.Contains("name", StringComparison.Ordinal);
        }

        var groupIdsValues = SoleListValues(local.GroupIds, maps);
        return new ResolvedLocalEntry
        {
            RuleIndex = rule,
            JsonPath = local.JsonPath,
            User = user,
            GroupId = groupId,
            GroupByName = groupByName,
            HasGroups = local.Groups is not null,
            GroupsText = groupsValues is null ? local.Groups?.Resolve(maps, rule) : groupsText,
            GroupsValues = groupsValues,
            GroupsMentionName = groupsMentionName,
            HasGroupIds = local.GroupIds is not null,
            GroupIdsText = groupIdsValues is null ? local.GroupIds?.Resolve(maps, rule) : null,
            GroupIdsValues = groupIdsValues,
            Domain = local.Domain?.Resolve(maps, rule),
            Projects = projects,
            Kubernetes = local.Kubernetes is null ? null : KubernetesGrantResolver.Resolve(local.Kubernetes, maps, rule),
        };
    }
}
