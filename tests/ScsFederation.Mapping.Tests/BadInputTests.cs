using System.Diagnostics;
using static ScsFederation.Mapping.Tests.MappingTestInput;

namespace ScsFederation.Mapping.Tests;

/// <summary>Malformed or hostile rule sets and assertions give a clear error with a path, never a crash or a hang.</summary>
public sealed class BadInputTests
{
    [Theory]
    [InlineData("""{"rules":[""", "$")]
    [InlineData("""not json""", "$")]
    [InlineData("""[]""", "$")]
    [InlineData("""{"rules":[]}""", "$.rules")]
    [InlineData("""{"rules":[{"remote":[{"type":"U"}],"local":[{"user":{"nmae":"x"}}]}]}""", "$.rules[0].local[0].user.nmae")]
    [InlineData("""{"rules":[{"remote":[{"type":"U"}],"local":[{"kubernetes":{"cluster":"c","groups":["g"],"extra":1}}]}]}""", "$.rules[0].local[0].kubernetes.extra")]
    [InlineData("""{"rules":[{"remote":[{"type":"U","any_one_of":["a"],"whitelist":["b"]}],"local":[]}]}""", "$.rules[0].remote[0]")]
    [InlineData("""{"rules":[{"remote":[{"type":"U","regex":true}],"local":[]}]}""", "$.rules[0].remote[0].regex")]
    [InlineData("""{"rules":[{"remote":[{"type":"U","any_one_of":[1]}],"local":[]}]}""", "$.rules[0].remote[0].any_one_of[0]")]
    [InlineData("""{"rules":[{"remote":[{"type":"U","any_one_of":["(unclosed"],"regex":true}],"local":[]}]}""", "$.rules[0].remote[0].any_one_of[0]")]
    [InlineData("""{"rules":[{"remote":[{"type":"U"}],"local":[{"user":{"name":"{name}"}}]}]}""", "$.rules[0].local[0].user.name")]
    [InlineData("""{"rules":[{"remote":[{"type":"U"}],"local":[{"user":{"name":"a{0"}}]}]}""", "$.rules[0].local[0].user.name")]
    [InlineData("""{"rules":[{"remote":[{"type":"U"}],"local":[{"user":{"type":"admin"}}]}]}""", "$.rules[0].local[0].user.type")]
    [InlineData("""{"rules":[{"remote":[{"type":"U"}],"local":[{"group":{"id":"x","domain":{"id":"d"}}}]}]}""", "$.rules[0].local[0].group")]
    [InlineData("""{"rules":[{"remote":[{"type":"U"}],"local":[{"group":{"name":"x"}}]}]}""", "$.rules[0].local[0].group")]
    [InlineData("""{"rules":[{"remote":[{"type":"U","type":"V"}],"local":[]}]}""", "$.rules[0].remote[0].type")]
    [InlineData("""{"schema_version":"9.0","rules":[{"remote":[{"type":"U"}],"local":[]}]}""", "$.schema_version")]
    [InlineData("""{"rules":[{"remote":[{"type":"U"}]}]}""", "$.rules[0]")]
    public void InvalidRulesAreRejectedWithPathAndReason(string json, string expectedPath)
    {
        var e = Assert.Throws<MappingRuleException>(() => KeystoneMappingRuleSet.Parse(json));
        Assert.Equal(expectedPath, e.JsonPath);
        Assert.False(string.IsNullOrWhiteSpace(e.Reason));
    }

    [Fact]
    public void DeeplyNestedJsonIsRejectedNotOverflowed()
    {
        var json = new string('[', 10_000) + new string(']', 10_000);
        var e = Assert.Throws<MappingRuleException>(() => KeystoneMappingRuleSet.Parse(json));
        Assert.Equal("$", e.JsonPath);
    }

    [Fact]
    public void CatastrophicRegexRunsInLinearTime()
    {
        // (a+)+$ backtracks exponentially on "aaaa…!" in Python's re; here it runs on the non-backtracking engine.
        var ruleSet = KeystoneMappingRuleSet.Parse("""{"rules":[{"remote":[{"type":"U","any_one_of":["(a+)+$"],"regex":true}],"local":[{"group":{"id":"g"}}]}]}""");
        var watch = Stopwatch.StartNew();
        var outcome = MappingEngine.Evaluate(ruleSet, Env(("U", new string('a', 50_000) + "!")));
        Assert.False(outcome.IsMapped);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public void CatastrophicBacktrackingRegexTimesOutWithAClearError()
    {
        // A lookahead forces the backtracking engine; the match timeout stops it.
        var ruleSet = KeystoneMappingRuleSet.Parse("""{"rules":[{"remote":[{"type":"U","any_one_of":["^(?=(a+)+$)b"],"regex":true}],"local":[{"group":{"id":"g"}}]}]}""");
        var watch = Stopwatch.StartNew();
        var e = Assert.Throws<MappingEvaluationException>(() => MappingEngine.Evaluate(ruleSet, Env(("U", new string('a', 64) + "!"))));
        Assert.Equal(MappingErrorKind.RegexTimeout, e.Kind);
        Assert.Equal("$.rules[0].remote[0]", e.JsonPath);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
    }

    [Fact]
    public void OverlongRegexIsRejectedOnLoad()
    {
        var pattern = new string('a', 5000);
        var e = Assert.Throws<MappingRuleException>(() => KeystoneMappingRuleSet.Parse(
            $$"""{"rules":[{"remote":[{"type":"U","any_one_of":["{{pattern}}"],"regex":true}],"local":[]}]}"""));
        Assert.Equal("$.rules[0].remote[0].any_one_of[0]", e.JsonPath);
    }

    [Fact]
    public void AssertionLineWithoutColonNamesTheLine()
    {
        var e = Assert.Throws<AssertionFormatException>(() => AssertionAttributes.ParseKeystoneEnvironment("UserName: bob\n\nbroken line\n"));
        Assert.Equal(3, e.Line);
    }

    [Fact]
    public void HostileAssertionValuesStayData()
    {
        // Values that look like Python code or format fields are substituted verbatim, never evaluated.
        var result = Mapped("""{"rules":[{"remote":[{"type":"U"}],"local":[{"user":{"name":"{0}"}}]}]}""", Env(("U", "{0.__class__}__import__('os')")));
        Assert.Equal("{0.__class__}__import__('os')", result.User.Name);
    }
}
