using System.Text.Json;
using System.Text.RegularExpressions;

namespace ScsFederation.Mapping;

/// <summary>
/// Evaluates a rule set against an assertion exactly as Keystone's RuleProcessor (Zed, the
/// version Debian 12 ships) does: every matching rule contributes its local entries, which are
/// then merged (first non-empty user wins, groups accumulate, the last <c>projects</c> wins).
/// Keystone leaves the order of set-based results undefined (<c>group_ids</c>, non-regex
/// whitelist and blacklist values); this engine keeps assertion/rule order there.
/// </summary>
public static class MappingEngine
{
    /// <param name="assertion">Attribute name to values, already split on ';' (see <see cref="AssertionAttributes"/>).</param>
    /// <exception cref="MappingEvaluationException">A placeholder is out of range, a local value is inconsistent, or a regex timed out.</exception>
    public static MappingOutcome Evaluate(KeystoneMappingRuleSet ruleSet, IReadOnlyDictionary<string, IReadOnlyList<string>> assertion)
    {
        ArgumentNullException.ThrowIfNull(ruleSet);
        ArgumentNullException.ThrowIfNull(assertion);
        var identityValues = new List<ResolvedLocalEntry>();
        DirectMaps? maps = null;
        foreach (var rule in ruleSet.Rules)
        {
            // A matched rule's direct maps stay referenced by its resolved entries only through
            // strings, so one DirectMaps can be reused until a rule matches.
            maps ??= new DirectMaps();
            if (!MatchRemote(rule, assertion, maps))
            {
                maps.Clear();
                continue;
            }

            for (var i = 0; i < rule.Local.Count; i++)
            {
                identityValues.Add(Resolve(rule.Local[i], maps, rule.Index));
            }

            maps = null;
        }

        return identityValues.Count == 0
            ? MappingOutcome.NoMatch
            : MappingOutcome.Mapped(LocalEntryMerger.Merge(identityValues, ruleSet.SchemaVersion));
    }

    private static bool MatchRemote(KeystoneMappingRule rule, IReadOnlyDictionary<string, IReadOnlyList<string>> assertion, DirectMaps maps)
    {
        foreach (var requirement in rule.Remote)
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
        foreach (var value in values)
        {
            if (requirement.Matches(value))
            {
                return true;
            }
        }

        return false;
    }

    private static List<string> Filter(RemoteRequirement requirement, IReadOnlyList<string> values, bool keepMatches, bool distinct)
    {
        var kept = new List<string>(values.Count);
        foreach (var value in values)
        {
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

        List<MappedProject>? projects = null;
        if (local.Projects is { } projectTemplates)
        {
            projects = new List<MappedProject>(projectTemplates.Count);
            foreach (var p in projectTemplates)
            {
                var roles = new List<string>(p.Roles.Count);
                foreach (var role in p.Roles)
                {
                    roles.Add(role.Resolve(maps, rule));
                }

                projects.Add(new MappedProject(p.Name.Resolve(maps, rule), roles, p.Domain?.Resolve(maps, rule)));
            }
        }

        return new ResolvedLocalEntry
        {
            RuleIndex = rule,
            JsonPath = local.JsonPath,
            User = user,
            GroupId = groupId,
            GroupByName = groupByName,
            Groups = local.Groups?.Resolve(maps, rule),
            GroupsValues = SoleListValues(local.Groups, maps),
            GroupIds = local.GroupIds?.Resolve(maps, rule),
            GroupIdsValues = SoleListValues(local.GroupIds, maps),
            Domain = local.Domain?.Resolve(maps, rule),
            Projects = projects,
            Kubernetes = local.Kubernetes is null ? null : KubernetesGrantResolver.Resolve(local.Kubernetes, maps, rule),
        };
    }
}
