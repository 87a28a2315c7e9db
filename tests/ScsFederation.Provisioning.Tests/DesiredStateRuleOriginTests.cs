using ScsFederation.Core.Configuration;
using ScsFederation.Mapping;
using ScsFederation.Provisioning.Desired;
using ScsFederation.Provisioning.Reconciliation;

namespace ScsFederation.Provisioning.Tests;

/// <summary>
/// Rule origins from the mapping engine through the stored grant JSON into the desired state's reasons (the audit
/// log's "why"). No Keystone needed: these run on the real engine, JSON writer and reader only.
/// </summary>
public sealed class DesiredStateRuleOriginTests
{
    // 0: the user (domain d1). 1: group admins (d1) and projects p-early. 2: group ops (d1).
    // 3: projects p-{0} (the last projects wins; in the user's domain, as Keystone places projects without one).
    private const string Rules = """
        {"rules": [
          {"remote": [{"type": "UserName"}], "local": [{"user": {"name": "{0}", "domain": {"name": "d1"}}}]},
          {"remote": [{"type": "Groups", "any_one_of": ["staff"]}],
           "local": [{"groups": "admins", "domain": {"name": "d1"}}, {"projects": [{"name": "p-early", "roles": [{"name": "reader"}]}]}]},
          {"remote": [{"type": "Groups", "any_one_of": ["staff"]}], "local": [{"groups": "ops", "domain": {"name": "d1"}}]},
          {"remote": [{"type": "UserName"}], "local": [{"projects": [{"name": "p-{0}", "roles": [{"name": "member"}]}]}]}
        ]}
        """;

    private static readonly CloudProvider Provider = new() { Id = "cloud-a", Keystone = new KeystoneSettings { Domain = "d1" } };

    private static string StoredGrantJson()
    {
        var assertion = AssertionAttributes.FromEnvironment([new("UserName", "alice"), new("Groups", "staff")]);
        var result = MappingEngine.Evaluate(KeystoneMappingRuleSet.Parse(Rules), assertion).Result!;
        return MappingResultJson.ToJson(result, indented: false, includeRuleOrigins: true);
    }

    private static DesiredKeystoneState Build(MappingResult result) =>
        DesiredKeystoneStateBuilder.Build(Provider, [new AccountProviderGrant("acc-1", "cloud-a", result)], _ => null);

    private static string Why(DesiredKeystoneState state, KeystoneObjectKey key) =>
        (state.Find(key.Text) ?? throw new Xunit.Sdk.XunitException($"{key.Text} is not wanted")).Why;

    [Fact]
    public void Origins_survive_the_stored_grant_json()
    {
        var read = GrantJsonReader.Read("acc-1", "cloud-a", StoredGrantJson());

        Assert.Equal([0, 1, 2, 3], read.MatchedRules);
        Assert.Equal(0, read.UserRule);
        Assert.Equal(3, read.ProjectsRule);
        Assert.Equal(["admins", "ops"], read.GroupNames.Select(g => g.Name));
        Assert.Equal([1, 2], read.GroupNameRules);
        Assert.Equal("p-alice", Assert.Single(read.Projects).Name);
    }

    [Fact]
    public void Reasons_name_the_rule_that_granted_each_object()
    {
        var state = Build(GrantJsonReader.Read("acc-1", "cloud-a", StoredGrantJson()));
        const string by = "account acc-1 (alice) by the mapping of provider cloud-a";
        var user = KeystoneObjectKey.ForUser("d1", "alice");
        var admins = KeystoneObjectKey.ForGroup("d1", "admins");
        var ops = KeystoneObjectKey.ForGroup("d1", "ops");
        var project = KeystoneObjectKey.ForProject("d1", "p-alice");

        Assert.Equal($"{by}, rule 0: user", Why(state, user));
        Assert.Equal($"{by}, rule 1: group_names admins", Why(state, KeystoneObjectKey.ForMembership(admins, user)));
        Assert.Equal($"{by}, rule 2: group_names ops", Why(state, KeystoneObjectKey.ForMembership(ops, user)));
        Assert.Equal($"{by}, rule 3: projects p-alice roles [member]", Why(state, KeystoneObjectKey.ForProjectAssignment("member", project, user)));
        Assert.Null(state.Find(KeystoneObjectKey.ForProject("d1", "p-early").Text)); // rule 1's projects lost to rule 3's
    }

    [Fact]
    public void Grants_stored_without_origins_say_nothing_about_rules()
    {
        // A row written before origins were stored: the Keystone-shaped JSON alone.
        var assertion = AssertionAttributes.FromEnvironment([new("UserName", "alice"), new("Groups", "staff")]);
        var old = MappingResultJson.ToJson(MappingEngine.Evaluate(KeystoneMappingRuleSet.Parse(Rules), assertion).Result!, indented: false);
        var read = GrantJsonReader.Read("acc-1", "cloud-a", old);
        Assert.False(read.HasRuleOrigins);

        var state = Build(read);
        const string by = "account acc-1 (alice) by the mapping of provider cloud-a";
        var user = KeystoneObjectKey.ForUser("d1", "alice");
        Assert.Equal(by, Why(state, user));
        Assert.Equal($"{by}: group_names admins", Why(state, KeystoneObjectKey.ForMembership(KeystoneObjectKey.ForGroup("d1", "admins"), user)));
        Assert.All(state.Objects, o => Assert.DoesNotContain("rule", o.Why));
    }

    [Theory]
    [InlineData("[0]", "$.origins", "expected an object")]
    [InlineData("""{"user":0,"projects":3,"group_names":[1,2]}""", "$.origins.matched", "missing")]
    [InlineData("""{"matched":[0,1,"2",3],"user":0,"projects":3,"group_names":[1,2]}""", "$.origins.matched[2]", "rule index")]
    [InlineData("""{"matched":[0,2,1,3],"user":0,"projects":3,"group_names":[1,2]}""", "$.origins.matched[2]", "ascending")]
    [InlineData("""{"matched":[0,1,2,3],"user":-1,"projects":3,"group_names":[1,2]}""", "$.origins.user", "rule index")]
    [InlineData("""{"matched":[0,1,2,3],"user":0,"projects":7,"group_names":[1,2]}""", "$.origins.projects", "not among the matched rules")]
    [InlineData("""{"matched":[0,1,2,3],"user":0,"group_names":[1,2]}""", "$.origins.projects", "missing")]
    [InlineData("""{"matched":[0,1,2,3],"user":0,"projects":3,"group_names":[1]}""", "$.origins.group_names", "1 rule(s) for 2")]
    [InlineData("""{"matched":[0,1,2,3],"user":0,"projects":3,"group_names":[1,1.5]}""", "$.origins.group_names[1]", "rule index")]
    public void Malformed_origins_are_refused_with_their_json_path(string origins, string path, string reason)
    {
        var json = StoredGrantJson();
        var at = json.LastIndexOf(",\"origins\":", StringComparison.Ordinal);
        Assert.True(at > 0, json);
        var tampered = json[..at] + ",\"origins\":" + origins + "}";

        var e = Assert.Throws<GrantJsonException>(() => GrantJsonReader.Read("acc-1", "cloud-a", tampered));
        Assert.Equal(path, e.JsonPath);
        Assert.Contains(reason, e.Message);
        Assert.Equal("acc-1", e.AccountId);
    }
}
