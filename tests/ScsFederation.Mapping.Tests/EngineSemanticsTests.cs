using static ScsFederation.Mapping.Tests.MappingTestInput;

namespace ScsFederation.Mapping.Tests;

/// <summary>
/// Keystone RuleProcessor behaviours, each stated from Keystone's documented/observed semantics
/// (OS-FEDERATION mapping docs and keystone/federation/utils.py at zed-eom).
/// </summary>
public sealed class EngineSemanticsTests
{
    [Fact]
    public void SingleValueIsSubstitutedAsItself()
    {
        var result = Mapped("""{"rules":[{"remote":[{"type":"UserName"}],"local":[{"user":{"name":"{0}"}}]}]}""", Env(("UserName", "alice")));
        Assert.Equal("alice", result.User.Name);
        Assert.Equal("ephemeral", result.User.Type);
    }

    [Fact]
    public void MultiValuedAttributeIsSplitOnSemicolonAndSubstitutedAsPythonList()
    {
        var result = Mapped("""{"rules":[{"remote":[{"type":"Groups"}],"local":[{"user":{"name":"{0}"}}]}]}""", Env(("Groups", "a;it's;b")));
        Assert.Equal("['a', \"it's\", 'b']", result.User.Name);
    }

    [Fact]
    public void AnyOneOfYieldsNoDirectMapSoTheNextRequirementIsPlaceholderZero()
    {
        const string rules = """{"rules":[{"remote":[{"type":"Role","any_one_of":["admin"]},{"type":"UserName"}],"local":[{"user":{"name":"{0}"}}]}]}""";
        Assert.Equal("bob", Mapped(rules, Env(("Role", "x;admin"), ("UserName", "bob"))).User.Name);
        Assert.False(MappingEngine.Evaluate(KeystoneMappingRuleSet.Parse(rules), Env(("Role", "user"), ("UserName", "bob"))).IsMapped);
    }

    [Fact]
    public void NotAnyOfRejectsWhenAnyValueMatches()
    {
        const string rules = """{"rules":[{"remote":[{"type":"Role","not_any_of":["banned"]}],"local":[{"group":{"id":"g"}}]}]}""";
        Assert.True(MappingEngine.Evaluate(KeystoneMappingRuleSet.Parse(rules), Env(("Role", "a;b"))).IsMapped);
        Assert.False(MappingEngine.Evaluate(KeystoneMappingRuleSet.Parse(rules), Env(("Role", "a;banned"))).IsMapped);
    }

    [Fact]
    public void RegexSearchesAnywhereInTheValue()
    {
        // Keystone uses re.search, not re.match: "dmi" matches inside "admin".
        const string rules = """{"rules":[{"remote":[{"type":"Role","any_one_of":["dmi"],"regex":true}],"local":[{"group":{"id":"g"}}]}]}""";
        Assert.True(MappingEngine.Evaluate(KeystoneMappingRuleSet.Parse(rules), Env(("Role", "admin"))).IsMapped);
    }

    [Fact]
    public void RegexWhitelistKeepsOrderAndDuplicates()
    {
        const string rules = """{"rules":[{"remote":[{"type":"G","whitelist":["^[ab]$"],"regex":true}],"local":[{"groups":"{0}","domain":{"id":"d"}}]}]}""";
        var result = Mapped(rules, Env(("G", "b;c;a;b")));
        Assert.Equal(["b", "a", "b"], result.GroupNames.Select(g => g.Name));
        Assert.All(result.GroupNames, g => Assert.Equal(new DomainReference("d", null), g.Domain));
    }

    [Fact]
    public void BlacklistRemovesListedValuesAndDuplicates()
    {
        const string rules = """{"rules":[{"remote":[{"type":"G","blacklist":["secret"]}],"local":[{"group_ids":"{0}"}]}]}""";
        var result = Mapped(rules, Env(("G", "x;secret;y;x")));
        Assert.Equal(["x", "y"], result.GroupIds.Order());
    }

    [Fact]
    public void EmptyWhitelistResultIsAnEmptyPythonList()
    {
        const string rules = """{"rules":[{"remote":[{"type":"G","whitelist":["z"]}],"local":[{"user":{"name":"n-{0}"}},{"groups":"{0}","domain":{"id":"d"}}]}]}""";
        var result = Mapped(rules, Env(("G", "x")));
        Assert.Equal("n-[]", result.User.Name);
        Assert.Empty(result.GroupNames);
    }

    [Fact]
    public void SeveralMatchingRulesMergeAsKeystoneDoes()
    {
        // First non-empty user wins, group ids accumulate without duplicates, the last projects list wins.
        const string rules = """
        {"rules":[
          {"remote":[{"type":"UserName"}],"local":[{"user":{"name":"{0}"}},{"group":{"id":"g1"}},{"projects":[{"name":"p1","roles":[{"name":"member"}]}]}]},
          {"remote":[{"type":"Email"}],"local":[{"user":{"name":"{0}","type":"local"}},{"group_ids":"['g1', 'g2']"},{"projects":[{"name":"p2","roles":[{"name":"reader"},{"name":"{0}"}]}]}]}
        ]}
        """;
        var result = Mapped(rules, Env(("UserName", "alice"), ("Email", "a@example.org")));
        Assert.Equal("alice", result.User.Name);
        Assert.Equal("ephemeral", result.User.Type);
        Assert.Equal(["g1", "g2"], result.GroupIds.Order());
        var project = Assert.Single(result.Projects);
        Assert.Equal("p2", project.Name);
        Assert.Equal(["reader", "a@example.org"], project.Roles);
    }

    [Fact]
    public void EveryGroupEntryReappendsTheNamedGroupsSeenSoFar()
    {
        // Zed's _transform extends group_names with all groups collected per domain after each 'group' entry.
        const string rules = """{"rules":[{"remote":[{"type":"U"}],"local":[{"group":{"name":"g1","domain":{"name":"d"}}},{"group":{"id":"x"}},{"group":{"name":"g2","domain":{"name":"d"}}}]}]}""";
        var result = Mapped(rules, Env(("U", "u")));
        Assert.Equal(["g1", "g1", "g1", "g2"], result.GroupNames.Select(g => g.Name));
        Assert.Equal(["x"], result.GroupIds);
    }

    [Fact]
    public void SchemaVersion2FollowsNewerKeystoneForGroupsById()
    {
        // keystone/federation/utils.py after Zed: only a named group re-appends the groups collected so far.
        const string rules = """{"schema_version":"2.0","rules":[{"remote":[{"type":"U"}],"local":[{"group":{"name":"g1","domain":{"name":"d"}}},{"group":{"id":"x"}},{"group":{"name":"g2","domain":{"name":"d"}}}]}]}""";
        Assert.Equal(["g1", "g1", "g2"], Mapped(rules, Env(("U", "u"))).GroupNames.Select(g => g.Name));
    }

    [Fact]
    public void GroupsListLiteralAndJsonGroups()
    {
        const string rules = """{"rules":[{"remote":[{"type":"U"}],"local":[{"groups":"['a', 'b']","domain":{"name":"dom"}},{"groups":"['JSON:{{\"name\": \"j\", \"domain\": {{\"id\": \"d9\"}}}}']"}]}]}""";
        var result = Mapped(rules, Env(("U", "u")));
        Assert.Equal(
            [new MappedGroup("a", new DomainReference(null, "dom")), new MappedGroup("b", new DomainReference(null, "dom")), new MappedGroup("j", new DomainReference("d9", null))],
            result.GroupNames);
    }

    [Fact]
    public void GroupsWithoutDomainIsKeystonesValidationError()
    {
        const string rules = """{"rules":[{"remote":[{"type":"U"}],"local":[{"groups":"{0}"}]}]}""";
        var e = Assert.Throws<MappingEvaluationException>(() => MappingEngine.Evaluate(KeystoneMappingRuleSet.Parse(rules), Env(("U", "u"))));
        Assert.Equal(MappingErrorKind.InvalidLocalValue, e.Kind);
        Assert.Equal("$.rules[0].local[0].groups", e.JsonPath);
    }

    [Fact]
    public void NoRuleMatchedAndMatchedRuleWithoutLocalsAreNoMatch()
    {
        Assert.False(MappingEngine.Evaluate(KeystoneMappingRuleSet.Parse("""{"rules":[{"remote":[{"type":"X"}],"local":[{"group":{"id":"g"}}]}]}"""), Env(("U", "u"))).IsMapped);
        Assert.False(MappingEngine.Evaluate(KeystoneMappingRuleSet.Parse("""{"rules":[{"remote":[{"type":"U"}],"local":[]}]}"""), Env(("U", "u"))).IsMapped);
    }

    [Fact]
    public void PlaceholderOutOfRangeIsDirectMappingErrorWithPath()
    {
        const string rules = """{"rules":[{"remote":[{"type":"U"},{"type":"R","any_one_of":["x"]}],"local":[{"user":{"name":"{0}"}},{"user":{"email":"{1}"}}]}]}""";
        var ruleSet = KeystoneMappingRuleSet.Parse(rules);
        Assert.Contains(ruleSet.Diagnostics, d => d.StartsWith("$.rules[0].local[1].user.email", StringComparison.Ordinal));
        var e = Assert.Throws<MappingEvaluationException>(() => MappingEngine.Evaluate(ruleSet, Env(("U", "u"), ("R", "x"))));
        Assert.Equal(MappingErrorKind.DirectMapping, e.Kind);
        Assert.Equal(0, e.RuleIndex);
        Assert.Equal("$.rules[0].local[1].user.email", e.JsonPath);
    }

    [Fact]
    public void LiteralsAreFormattedEvenWithoutDirectMaps()
    {
        // Keystone formats every local string of a matched rule: "{{x}}" becomes "{x}", and "{0}" with no direct map fails.
        var result = Mapped("""{"rules":[{"remote":[{"type":"R","any_one_of":["x"]}],"local":[{"user":{"name":"{{x}}"}}]}]}""", Env(("R", "x")));
        Assert.Equal("{x}", result.User.Name);
        var e = Assert.Throws<MappingEvaluationException>(() => MappingEngine.Evaluate(
            KeystoneMappingRuleSet.Parse("""{"rules":[{"remote":[{"type":"R","any_one_of":["x"]}],"local":[{"user":{"name":"{0}"}}]}]}"""), Env(("R", "x"))));
        Assert.Equal(MappingErrorKind.DirectMapping, e.Kind);
    }

    [Fact]
    public void AutomaticNumberingFollowsPythonFormat()
    {
        var result = Mapped("""{"rules":[{"remote":[{"type":"A"},{"type":"B"}],"local":[{"user":{"name":"{}.{}"}}]}]}""", Env(("A", "x"), ("B", "y")));
        Assert.Equal("x.y", result.User.Name);
    }

    [Fact]
    public void SchemaVersion2UsesTheMappingDomainAsDefault()
    {
        const string rules = """
        {"schema_version":"2.0","rules":[{"remote":[{"type":"U"}],"local":[
          {"user":{"name":"{0}"}},
          {"projects":[{"name":"p","roles":[{"name":"member"}]},{"name":"q","roles":[],"domain":{"id":"other"}}],"domain":{"name":"corp"}}]}]}
        """;
        var result = Mapped(rules, Env(("U", "u")));
        Assert.Equal(new DomainReference(null, "corp"), result.User.Domain);
        Assert.Equal(new DomainReference(null, "corp"), result.Projects[0].Domain);
        Assert.Equal(new DomainReference("other", null), result.Projects[1].Domain);
    }

    [Fact]
    public void ProjectDomainIsRejectedBeforeSchemaVersion2()
    {
        var e = Assert.Throws<MappingRuleException>(() => KeystoneMappingRuleSet.Parse(
            """{"rules":[{"remote":[{"type":"U"}],"local":[{"projects":[{"name":"p","roles":[],"domain":{"id":"d"}}]}]}]}"""));
        Assert.Equal("$.rules[0].local[0].projects[0].domain", e.JsonPath);
    }
}
