using System.Text.Json;
using System.Text.Json.Nodes;

namespace ScsFederation.Mapping.Tests;

/// <summary>
/// The one claims view (<see cref="MappingAssertion"/>): the same claims give the same answer whether they come from a
/// login, the admin dry-run or <c>scsfed mapping test</c>; the hub's own facts beat what an upstream says.
/// </summary>
public sealed class ClaimsViewTests : IDisposable
{
    private const string Rules = """
        {"rules":[{"remote":[{"type":"OIDC-preferred_username"},{"type":"OIDC-idp","any_one_of":["uni-a"]},{"type":"OIDC-groups","any_one_of":["scs-admins"]}],
                   "local":[{"user":{"name":"{0}"}},{"projects":[{"name":"p-{0}","roles":[{"name":"member"}]}]}]}]}
        """;

    private readonly string _dir = Directory.CreateTempSubdirectory("scsfed-view-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void A_semicolon_value_is_split_and_bare_claims_are_also_seen_with_the_oidc_prefix()
    {
        using var claims = JsonDocument.Parse("""{"groups":"x;scs-admins","preferred_username":"alice","idp":"uni-a"}""");
        var view = MappingAssertion.FromJson(claims.RootElement);
        Assert.Equal(["x", "scs-admins"], view["OIDC-groups"]);
        Assert.Equal(["x", "scs-admins"], view["groups"]);
        // The same claims as a login stores them (already-split lists) give the same view.
        var stored = new Dictionary<string, IReadOnlyList<string>> { ["groups"] = ["x;scs-admins"], ["preferred_username"] = ["alice"], ["idp"] = ["uni-a"] };
        Assert.Equal(view.OrderBy(p => p.Key).Select(p => (p.Key, string.Join('|', p.Value))), MappingAssertion.Build(stored).OrderBy(p => p.Key).Select(p => (p.Key, string.Join('|', p.Value))));
    }

    [Fact]
    public void The_hubs_facts_replace_what_the_upstream_claims_under_the_same_names()
    {
        // Upstream B pretends to be upstream A, with A's username and an address B may not vouch for.
        var claims = new Dictionary<string, IReadOnlyList<string>>
        {
            ["idp"] = ["uni-a"], ["OIDC-idp"] = ["uni-a"], ["preferred_username"] = ["alice"], ["email"] = ["alice@uni-a.example"], ["email_verified"] = ["true"],
        };
        var view = MappingAssertion.Build(claims, new HubAssertedFacts("uni-b", "https://hub.example/", "acct-1", "alice@uni-b", Email: null));
        Assert.Equal(["uni-b"], view["OIDC-idp"]);
        Assert.Equal(["uni-b"], view["idp"]);
        Assert.Equal(["alice@uni-b"], view["OIDC-preferred_username"]);
        Assert.Equal(["acct-1"], view["OIDC-sub"]);
        Assert.False(view.ContainsKey("OIDC-email"));
        Assert.False(view.ContainsKey("email"));
        Assert.False(view.ContainsKey("OIDC-email_verified"));

        var verified = MappingAssertion.Build(claims, new HubAssertedFacts("uni-a", "https://hub.example/", "acct-2", "alice@uni-a", "alice@uni-a.example"));
        Assert.Equal(["alice@uni-a.example"], verified["OIDC-email"]);
        Assert.Equal(["true"], verified["OIDC-email_verified"]);
    }

    [Fact]
    public void The_cli_and_the_library_view_give_the_same_result_for_the_same_claims()
    {
        var rules = Path.Combine(_dir, "rules.json");
        File.WriteAllText(rules, Rules);
        var input = Path.Combine(_dir, "claims.json");
        const string Claims = """{"preferred_username":"alice@uni-a","idp":"uni-a","groups":"x;scs-admins"}""";
        File.WriteAllText(input, Claims);

        var (exit, stdout, stderr) = CliTests.Run("mapping", "test", "--rules", rules, "--input", input);
        Assert.True(exit == 0, stdout + stderr);
        using var claims = JsonDocument.Parse(Claims);
        var library = MappingEngine.Evaluate(KeystoneMappingRuleSet.Parse(Rules), MappingAssertion.FromJson(claims.RootElement));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(MappingResultJson.ToJson(library.Result!)), JsonNode.Parse(stdout)), stdout);
        Assert.Equal("p-alice@uni-a", JsonNode.Parse(stdout)!["projects"]![0]!["name"]!.GetValue<string>());
    }
}
