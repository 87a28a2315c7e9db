using System.Text.Json.Nodes;
using static ScsFederation.Mapping.Tests.MappingTestInput;

namespace ScsFederation.Mapping.Tests;

/// <summary>Which rule granted what (MappingResult's rule origins), for the provisioning audit log.</summary>
public sealed class RuleOriginTests
{
    // 0: the user. 1: groups admins, ops and projects p-early. 2: group readers.
    // 3: a later user (loses: the first non-empty one wins) and projects p-{0} (wins: the last projects does).
    // 4: does not match (no "nobody" group). 5: matches with an empty local.
    private const string Rules = """
        {"rules": [
          {"remote": [{"type": "UserName"}], "local": [{"user": {"name": "{0}"}}]},
          {"remote": [{"type": "Groups", "any_one_of": ["staff"]}],
           "local": [{"groups": "['admins', 'ops']", "domain": {"name": "d1"}}, {"projects": [{"name": "p-early", "roles": [{"name": "reader"}]}]}]},
          {"remote": [{"type": "Groups", "any_one_of": ["staff"]}], "local": [{"group": {"name": "readers", "domain": {"name": "d1"}}}]},
          {"remote": [{"type": "UserName"}], "local": [{"user": {"name": "late-{0}"}}, {"projects": [{"name": "p-{0}", "roles": [{"name": "member"}]}]}]},
          {"remote": [{"type": "Groups", "any_one_of": ["nobody"]}], "local": [{"user": {"name": "never"}}]},
          {"remote": [{"type": "UserName"}], "local": []}
        ]}
        """;

    private static MappingResult Alice() => Mapped(Rules, Env(("UserName", "alice"), ("Groups", "staff;dev")));

    [Fact]
    public void EachPartNamesTheRuleThatGrantedIt()
    {
        var result = Alice();

        Assert.Equal("alice", result.User.Name);
        Assert.Equal(0, result.UserRule);
        Assert.Equal(["admins", "ops", "readers"], result.GroupNames.Select(g => g.Name));
        Assert.Equal([1, 1, 2], result.GroupNameRules);
        Assert.Equal("p-alice", Assert.Single(result.Projects).Name);
        Assert.Equal(3, result.ProjectsRule);
        Assert.Equal([0, 1, 2, 3, 5], result.MatchedRules);
        Assert.True(result.HasRuleOrigins);
    }

    [Fact]
    public void ReappendedGroupKeepsTheRuleThatFirstNamedIt()
    {
        // Zed re-appends the named groups seen so far (per domain, one per name) after each group entry:
        // after rule 0's g1: g1; after rule 1's g2: g1 g2; after rule 1's g1 again: g1 g2 — g1 is still rule 0's.
        const string rules = """
            {"rules": [
              {"remote": [{"type": "U"}], "local": [{"group": {"name": "g1", "domain": {"name": "d"}}}]},
              {"remote": [{"type": "U"}], "local": [{"group": {"name": "g2", "domain": {"name": "d"}}}, {"group": {"name": "g1", "domain": {"name": "d"}}}, {"group_ids": "x"}]}
            ]}
            """;
        var result = Mapped(rules, Env(("U", "u")));

        Assert.Equal(["g1", "g1", "g2", "g1", "g2"], result.GroupNames.Select(g => g.Name));
        Assert.Equal([0, 0, 1, 0, 1], result.GroupNameRules);
        Assert.Null(result.UserRule);
        Assert.Null(result.ProjectsRule);
        Assert.Equal([0, 1], result.MatchedRules);
    }

    [Fact]
    public void DefaultJsonStaysKeystoneShaped()
    {
        var json = JsonNode.Parse(MappingResultJson.ToJson(Alice()))!.AsObject();
        Assert.Equal(["user", "group_ids", "group_names", "projects", "kubernetes"], json.Select(p => p.Key));
    }

    [Fact]
    public void OptInJsonAddsOriginsAndNothingElse()
    {
        var result = Alice();
        var plain = JsonNode.Parse(MappingResultJson.ToJson(result, indented: false))!.AsObject();
        var withOrigins = JsonNode.Parse(MappingResultJson.ToJson(result, indented: false, includeRuleOrigins: true))!.AsObject();

        var origins = withOrigins["origins"];
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""{"matched":[0,1,2,3,5],"user":0,"projects":3,"group_names":[1,1,2]}"""), origins),
            origins?.ToJsonString());
        withOrigins.Remove("origins");
        Assert.True(JsonNode.DeepEquals(plain, withOrigins));
    }

    [Fact]
    public void ResultWithoutOriginsNeverWritesThem()
    {
        // A result built by hand (or read from a grant stored without origins) has nothing to say about rules.
        var result = new MappingResult(new MappedUser(null, "bob", null, null, "ephemeral"), [], [], [], []);
        Assert.False(result.HasRuleOrigins);
        var json = JsonNode.Parse(MappingResultJson.ToJson(result, includeRuleOrigins: true))!.AsObject();
        Assert.False(json.ContainsKey("origins"));
    }
}
