using ScsFederation.Core.Configuration;

namespace ScsFederation.Core.Tests;

/// <summary>YAML anchors and aliases are refused where they appear (no silent sharing, no alias bombs).</summary>
public sealed class YamlAliasTests
{
    private static IReadOnlyList<ConfigError> Errors(string yaml) =>
        Assert.Throws<FederationConfigException>(() => FederationFileReader.Parse(yaml, Path.Combine(Path.GetTempPath(), "federation.yaml"), _ => null)).Errors;

    [Fact]
    public void An_alias_of_a_mapping_is_refused_at_both_places()
    {
        var errors = Errors("""
            hub:
              issuer: http://127.0.0.1:8085
            clients:
              - &rp
                clientId: rp-a
                clientSecret: secret-a
                redirectUris: [http://127.0.0.1:8090/cb]
              - *rp
            """);
        Assert.Contains(errors, e => e.Path == "/clients/0" && e.Message.Contains("anchor '&rp'"));
        Assert.Contains(errors, e => e.Path == "/clients/1" && e.Message.Contains("alias '*rp'"));
    }

    [Fact]
    public void An_alias_of_a_scalar_and_a_merge_key_are_refused()
    {
        var errors = Errors("""
            hub:
              issuer: &iss http://127.0.0.1:8085
              adminToken: *iss
            """);
        Assert.Contains(errors, e => e.Path == "/hub/issuer" && e.Message.Contains("anchor"));
        Assert.Contains(errors, e => e.Path == "/hub/adminToken" && e.Message.Contains("alias"));

        var merge = Errors("""
            hub:
              issuer: http://127.0.0.1:8085
              tokens: &t
                accessTokenMinutes: 5
            clients:
              - <<: *t
                clientId: x
            """);
        Assert.Contains(merge, e => e.Path == "/clients/0/<<" && e.Message.Contains("alias"));
    }

    [Fact]
    public void An_alias_bomb_is_refused_without_expanding_it()
    {
        var lines = new System.Text.StringBuilder("hub:\n  issuer: http://127.0.0.1:8085\nx0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
        for (var i = 1; i < 6; i++)
        {
            lines.Append($"x{i}: &a{i} [{string.Join(", ", Enumerable.Repeat($"*a{i - 1}", 9))}]\n");
        }
        var started = System.Diagnostics.Stopwatch.StartNew();
        var errors = Errors(lines.ToString());
        Assert.True(started.Elapsed < TimeSpan.FromSeconds(5), $"took {started.Elapsed}");
        Assert.Contains(errors, e => e.Path == "/x0" && e.Message.Contains("anchor '&a0'"));
        Assert.Contains(errors, e => e.Path == "/x5" && e.Message.Contains("anchor '&a5'"));
        Assert.Equal(6, errors.Count); // one per anchor: nothing below an anchored node is visited
    }
}
