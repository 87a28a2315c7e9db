using System.Text.Json;

namespace ScsFederation.Mapping.Tests;

public sealed class AssertionAttributesTests
{
    [Fact]
    public void KeystoneManageInputFormat()
    {
        // keystone-manage mapping_engine --input: "KEY: value" lines, split at the first ':', trimmed.
        var env = AssertionAttributes.ParseKeystoneEnvironment("UserName: bob\r\n  Groups :  a;b  \nURL: https://x:1/\n\nUserName: alice\n");
        Assert.Equal(["alice"], env["UserName"]);
        Assert.Equal(["a", "b"], env["Groups"]);
        Assert.Equal(["https://x:1/"], env["URL"]);
    }

    [Fact]
    public void PrefixKeepsOnlyMatchingKeys()
    {
        var env = AssertionAttributes.ParseKeystoneEnvironment("OIDC-sub: 1\nOther: 2", prefix: "OIDC-");
        Assert.Equal(["OIDC-sub"], env.Keys);
    }

    [Fact]
    public void JsonClaims()
    {
        using var doc = JsonDocument.Parse("""{"sub":"u1","groups":["a","b;c"],"n":3,"ok":true,"addr":{"x":1},"none":null,"empty":[]}""");
        var env = AssertionAttributes.FromJsonClaims(doc.RootElement);
        Assert.Equal(["u1"], env["sub"]);
        Assert.Equal(["a", "b", "c"], env["groups"]);
        Assert.Equal(["3"], env["n"]);
        Assert.Equal(["true"], env["ok"]);
        Assert.False(env.ContainsKey("addr"));
        Assert.False(env.ContainsKey("none"));
        Assert.False(env.ContainsKey("empty"));
    }
}
