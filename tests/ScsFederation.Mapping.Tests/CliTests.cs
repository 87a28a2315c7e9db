using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ScsFederation.Mapping.Tests;

/// <summary><c>scsfed mapping</c> end to end: output shape, exit codes 0/1/2, and agreement with <c>keystone-manage mapping_engine</c>.</summary>
public sealed class CliTests : IDisposable
{
    private const string Rules = """
    {"rules":[{"remote":[{"type":"UserName"},{"type":"Groups","whitelist":["dev","ops"]},{"type":"orgPersonType","not_any_of":["Contractor"]}],
      "local":[{"user":{"name":"{0}","email":"{0}@example.org"}},{"groups":"{1}","domain":{"name":"Default"}},
               {"projects":[{"name":"proj-{0}","roles":[{"name":"member"}]}]},
               {"kubernetes":{"cluster":"prod","namespaces":[{"name":"{1}","clusterRole":"edit"}]}}]}]}
    """;

    private readonly string _dir = Directory.CreateTempSubdirectory("scsfed-mapping-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void MappedAssertionPrintsKeystoneShapeAndExitsZero()
    {
        var (exit, stdout, _) = Run("mapping", "test", "--rules", Write("rules.json", Rules), "--input", Write("in.txt", "UserName: bob\nGroups: dev;x\norgPersonType: Staff\n"));
        Assert.Equal(0, exit);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal("bob", json["user"]!["name"]!.GetValue<string>());
        Assert.Equal("ephemeral", json["user"]!["type"]!.GetValue<string>());
        Assert.Empty(json["group_ids"]!.AsArray());
        Assert.Equal("dev", json["group_names"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("proj-bob", json["projects"]![0]!["name"]!.GetValue<string>());
        Assert.Equal("edit", json["kubernetes"]![0]!["namespaces"]![0]!["clusterRole"]!.GetValue<string>());
    }

    [Fact]
    public void JsonClaimsInputIsAccepted()
    {
        var (exit, stdout, _) = Run("mapping", "test", "--rules", Write("rules.json", Rules), "--input", Write("in.json", """{"UserName":"amy","Groups":["ops","dev"],"orgPersonType":"Staff"}"""));
        Assert.Equal(0, exit);
        Assert.Equal(["ops", "dev"], JsonNode.Parse(stdout)!["group_names"]!.AsArray().Select(g => g!["name"]!.GetValue<string>()));
    }

    [Fact]
    public void NoMatchExitsOneWithKeystonesMessage()
    {
        var (exit, stdout, _) = Run("mapping", "test", "--rules", Write("rules.json", Rules), "--input", Write("in.txt", "UserName: bob\nGroups: dev\norgPersonType: Contractor\n"));
        Assert.Equal(1, exit);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal("no_match", json["error"]!.GetValue<string>());
        Assert.StartsWith("Could not map any federated user properties", json["message"]!.GetValue<string>());
    }

    [Fact]
    public void PlaceholderOutOfRangeExitsTwoWithPath()
    {
        var rules = Write("bad.json", """[{"remote":[{"type":"UserName"}],"local":[{"user":{"name":"{1}"}}]}]""");
        var (exit, stdout, _) = Run("mapping", "test", "--rules", rules, "--input", Write("in.txt", "UserName: bob\n"));
        Assert.Equal(2, exit);
        var json = JsonNode.Parse(stdout)!;
        Assert.Equal("direct_mapping_error", json["error"]!.GetValue<string>());
        Assert.Equal("$.rules[0].local[0].user.name", json["path"]!.GetValue<string>());

        var (validateExit, validateOut, _) = Run("mapping", "validate", rules);
        Assert.Equal(2, validateExit);
        Assert.Contains("$.rules[0].local[0].user.name", validateOut);
    }

    [Fact]
    public void InvalidRulesAndInputExitTwo()
    {
        var (exit, stdout, stderr) = Run("mapping", "validate", Write("bad.json", """{"rules":[{"remote":[{"type":"U","bogus":1}],"local":[]}]}"""));
        Assert.Equal(2, exit);
        Assert.Equal("$.rules[0].remote[0].bogus", JsonNode.Parse(stdout)!["path"]!.GetValue<string>());
        Assert.Contains("unknown key", stderr);

        var (inputExit, _, inputErr) = Run("mapping", "test", "--rules", Write("rules.json", Rules), "--input", Write("in.txt", "UserName bob\n"));
        Assert.Equal(2, inputExit);
        Assert.Contains("line 1", inputErr);

        var (validExit, validOut, _) = Run("mapping", "validate", Write("ok.json", Rules));
        Assert.Equal(0, validExit);
        Assert.True(JsonNode.Parse(validOut)!["valid"]!.GetValue<bool>());
    }

    [Fact]
    public void SameResultAsKeystoneManageMappingEngine()
    {
        var exported = Write("keystone.json", Run("mapping", "export", Write("rules.json", Rules)).Stdout);
        var input = Write("in.txt", "UserName: carol\nGroups: ops;dev;x\norgPersonType: Staff\n");
        var (exit, stdout, _) = Run("mapping", "test", "--rules", exported, "--input", input);
        Assert.Equal(0, exit);

        var keystone = RunProcess("/usr/bin/keystone-manage", ["mapping_engine", "--rules", exported, "--input", input]);
        Assert.True(keystone.Exit == 0, $"keystone-manage failed (run scripts/install-keystone.sh): {keystone.Stderr}");
        var expected = OutcomeJson.Normalize(JsonNode.Parse(keystone.Stdout)!, orderDefined: false);
        var ours = JsonNode.Parse(stdout)!.AsObject();
        ours.Remove("kubernetes");
        var actual = OutcomeJson.Normalize(ours, orderDefined: false);
        Assert.True(JsonNode.DeepEquals(expected, actual), $"keystone-manage: {expected.ToJsonString()}\nscsfed:         {actual.ToJsonString()}");
    }

    private string Write(string name, string content)
    {
        var path = Path.Combine(_dir, name);
        File.WriteAllText(path, content);
        return path;
    }

    internal static (int Exit, string Stdout, string Stderr) Run(params string[] args)
    {
        // Same configuration as this test assembly (bin/<Configuration>/net10.0).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar)).Parent!.Name;
        var dll = RepositoryRoot.Combine("src", "ScsFederation.Cli", "bin", configuration, "net10.0", "scsfed.dll");
        Assert.True(File.Exists(dll), $"{dll} not found: build src/ScsFederation.Cli ({configuration})");
        return RunProcess("dotnet", [dll, .. args]);
    }

    private static (int Exit, string Stdout, string Stderr) RunProcess(string file, string[] args)
    {
        var start = new ProcessStartInfo(file, args) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(TimeSpan.FromMinutes(2)))
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{file} did not finish");
        }

        return (process.ExitCode, stdout.Result, stderr.Result);
    }
}
