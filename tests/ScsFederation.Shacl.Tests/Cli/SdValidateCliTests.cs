using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ScsFederation.Shacl.Tests.Cli;

/// <summary><c>scsfed sd validate</c>: JSON report on stdout, exit 0 conforms / 1 not conforming / 2 usage or input error.</summary>
public sealed class SdValidateCliTests
{
    private static readonly string Scsfed = RepositoryRoot.Combine("src", "ScsFederation.Cli", "bin", "Release", "net10.0", "scsfed.dll");

    private static async Task<(int Exit, string Stdout, string Stderr)> RunAsync(string? stdin, params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        psi.ArgumentList.Add(Scsfed);
        foreach (var a in args) psi.ArgumentList.Add(a);
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        if (stdin is not null) await p.StandardInput.WriteAsync(stdin);
        p.StandardInput.Close();
        await p.WaitForExitAsync();
        return (p.ExitCode, await stdout, await stderr);
    }

    private static string Temp(string name, string content)
    {
        var path = Path.Combine(Path.GetTempPath(), $"scsfed-shacl-{Guid.NewGuid():N}-{name}");
        File.WriteAllText(path, content);
        return path;
    }

    private const string Shapes = Engine.Ttl.Prefixes + "ex:S sh:targetClass ex:Person ; sh:property [ sh:path ex:name ; sh:minCount 1 ; sh:datatype xsd:string ] .";

    [Fact]
    public async Task Conforming_data_exits_0_and_prints_a_conforming_report()
    {
        var shapes = Temp("shapes.ttl", Shapes);
        var (exit, stdout, _) = await RunAsync("{\"@id\":\"http://example.org/p\",\"@type\":\"http://example.org/Person\",\"http://example.org/name\":\"Ada\"}", "sd", "validate", "--shapes", shapes, "-");
        Assert.Equal(0, exit);
        Assert.True(JsonNode.Parse(stdout)!["conforms"]!.GetValue<bool>());
    }

    [Fact]
    public async Task Non_conforming_data_exits_1_with_the_result()
    {
        var shapes = Temp("shapes.ttl", Shapes);
        var data = Temp("data.ttl", Engine.Ttl.Prefixes + "ex:p a ex:Person .");
        var (exit, stdout, _) = await RunAsync(null, "sd", "validate", "--shapes", shapes, data);
        Assert.Equal(1, exit);
        var result = JsonNode.Parse(stdout)!["results"]!.AsArray().Single()!;
        Assert.Equal("http://example.org/p", result["focusNode"]!["@id"]!.GetValue<string>());
        Assert.Equal(Sh.Namespace + "MinCountConstraintComponent", result["sourceConstraintComponent"]!.GetValue<string>());
        Assert.Equal("http://example.org/name", result["resultPath"]!.GetValue<string>());
    }

    [Fact]
    public async Task Turtle_report_on_request()
    {
        var shapes = Temp("shapes.ttl", Shapes);
        var data = Temp("data.ttl", Engine.Ttl.Prefixes + "ex:p a ex:Person .");
        var (exit, stdout, _) = await RunAsync(null, "sd", "validate", "--format", "turtle", "--shapes", shapes, data);
        Assert.Equal(1, exit);
        var report = new Rdf.Turtle.TurtleParser().Parse(stdout);
        Assert.Contains(report.Quads, q => q.Predicate.Equals(new Rdf.Model.Iri(Sh.Namespace + "focusNode")) && q.Object.Equals(new Rdf.Model.Iri("http://example.org/p")));
    }

    [Fact]
    public async Task Bad_shapes_unreadable_input_and_missing_shapes_exit_2()
    {
        var bad = Temp("bad.ttl", Engine.Ttl.Prefixes + "ex:S sh:targetNode ex:x ; sh:property [ sh:path \"p\" ] .");
        var data = Temp("data.ttl", Engine.Ttl.Prefixes + "ex:p a ex:Person .");
        var (exit, _, stderr) = await RunAsync(null, "sd", "validate", "--shapes", bad, data);
        Assert.Equal(2, exit);
        Assert.Contains(ShaclErrorCodes.InvalidPath, stderr);
        Assert.Equal(2, (await RunAsync(null, "sd", "validate", "--shapes", Temp("s.ttl", Shapes), "/nonexistent/file.ttl")).Exit);
        Assert.Equal(2, (await RunAsync(null, "sd", "validate", data)).Exit);
    }

    [Fact]
    public async Task Real_Loire_presentation_against_the_25_11_shapes()
    {
        var vp = TestData.GaiaX("samples", "loire", "real-gxdch", "posedio-opa_vp_label-CD25.10_vatid-deltadao-notary.vp.jwt");
        var (exit, stdout, _) = await RunAsync(null, "sd", "validate", "--shapes", TestData.Shapes2511Path, "--classes", TestData.ClassHierarchyPath,
            "--classes-namespace", $"{TestData.Gx2511}={TestData.GxDevelopment}", vp);
        // The same verdict and results as the library on the same merged credentials (and, through DifferentialTests, as rdf-validate-shacl).
        var expected = TestData.Compiled2511.Validate(new Graph.DataGraph(TestData.Loire(Path.GetFileName(vp)), TestData.ClassHierarchy));
        Assert.Equal(expected.Conforms ? 0 : 1, exit);
        Assert.Equal(expected.Results.Count, JsonNode.Parse(stdout)!["results"]!.AsArray().Count);
    }
}
