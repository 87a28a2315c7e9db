using System.Text.Json.Nodes;

namespace ScsFederation.SelfDescription.Tests;

/// <summary>
/// The built set against the real Gaia-X 25.11 shapes, checked by the JavaScript reference validator
/// (rdf-validate-shacl, tests/interop/gaiax/shacl-check.mjs). The class hierarchy
/// (gx-2511-class-hierarchy.ttl) is published under <c>https://w3id.org/gaia-x/2511#</c> while the 25.11
/// shapes use <c>https://w3id.org/gaia-x/development#</c>: it is loaded with that prefix rewritten, so
/// <c>gx:VatID</c> counts as a <c>gx:RegistrationNumber</c>.
/// </summary>
public sealed class GaiaXShapesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);

    private static async Task<JsonNode> CheckAsync(JsonObject data) => await NodeProcess.RunJobAsync("gaiax/shacl-check.mjs", new JsonObject
    {
        ["shapes"] = new JsonArray("tests/conformance/gaia-x/shapes/gx-25.11-development.shacl.ttl"),
        ["dataTurtle"] = new JsonArray("tests/conformance/gaia-x/shapes/gx-2511-class-hierarchy.ttl"),
        ["rewrite"] = new JsonObject { ["from"] = "https://w3id.org/gaia-x/2511#", ["to"] = ProviderCredentialBuilder.GxNamespace },
        ["data"] = data,
    }, TimeSpan.FromMinutes(3));

    private static ProviderCredentialSet Build(Action<Core.Configuration.GaiaXProviderSettings>? change = null, CloudInventory? inventory = null) =>
        new ProviderCredentialBuilder(SampleProvider.Issuer).Build(SampleProvider.Entry(change), inventory ?? SampleProvider.Inventory, Now);

    private static readonly Lazy<Shacl.ShapesGraph> Shapes = new(() => Shacl.ShapesGraph.Load(
        new Rdf.Turtle.TurtleParser().Parse(File.ReadAllText(RepositoryRoot.Combine("tests", "conformance", "gaia-x", "shapes", "gx-25.11-development.shacl.ttl")))));

    /// <summary>The same check with our own SHACL engine (ScsFederation.Shacl), the class hierarchy rewritten the same way.</summary>
    private static Shacl.Report.ValidationReport CheckWithOurEngine(JsonObject data)
    {
        var dataset = Rdf.JsonLd.JsonLdProcessor.ToRdfAsync(System.Text.Encoding.UTF8.GetBytes(data.ToJsonString())).GetAwaiter().GetResult();
        var hierarchy = new Rdf.Turtle.TurtleParser().Parse(File.ReadAllText(RepositoryRoot.Combine("tests", "conformance", "gaia-x", "shapes", "gx-2511-class-hierarchy.ttl"))
            .Replace("https://w3id.org/gaia-x/2511#", ProviderCredentialBuilder.GxNamespace, StringComparison.Ordinal));
        foreach (var q in hierarchy.Quads) dataset.Add(q);
        return Shapes.Value.Validate(dataset);
    }

    [Fact]
    public async Task The_set_with_flavors_images_and_cluster_version_conforms_for_both_validators()
    {
        var set = Build();
        Assert.Contains(set.Offerings, o => (string?)o.Credential["credentialSubject"]!["type"] == "gx:VirtualMachineServiceOffering");
        var data = set.SubjectGraph(SampleProvider.NotarySubject(set));
        var ours = CheckWithOurEngine(data);
        Assert.True(ours.Conforms, ours.ToJson());
        var reference = await CheckAsync(data);
        Assert.True((bool)reference["conforms"]!, reference.ToJsonString());
    }

    [Fact]
    public async Task A_compute_offering_with_flavors_only_conforms_for_both_validators()
    {
        var set = Build(inventory: SampleProvider.Inventory with { Images = [] });
        Assert.Contains(set.Offerings, o => (string?)o.Credential["credentialSubject"]!["type"] == "gx:ComputeServiceOffering");
        var data = set.SubjectGraph(SampleProvider.NotarySubject(set));
        Assert.True(CheckWithOurEngine(data).Conforms);
        Assert.True((bool)(await CheckAsync(data))["conforms"]!);
    }

    [Fact]
    public async Task An_image_license_outside_the_spdx_list_is_reported_by_both_validators()
    {
        var inventory = SampleProvider.Inventory;
        var bad = inventory.Images[0] with { };
        var images = bad.Images.Select(i => i.Name == "Debian 12" ? i with { Properties = new Dictionary<string, string>(i.Properties) { ["license"] = "Whatever-1.0" } } : i).ToList();
        var set = Build(inventory: inventory with { Images = [bad with { Images = images }, .. inventory.Images.Skip(1)] });
        var data = set.SubjectGraph(SampleProvider.NotarySubject(set));
        var ours = CheckWithOurEngine(data);
        Assert.False(ours.Conforms);
        Assert.Contains(ProviderCredentialBuilder.GxNamespace + "license", ours.ToJson());
        var reference = await CheckAsync(data);
        Assert.False((bool)reference["conforms"]!);
        Assert.Contains(reference["results"]!.AsArray(), r => (string?)r!["path"] == ProviderCredentialBuilder.GxNamespace + "license");
    }

    [Fact]
    public async Task The_whole_set_conforms_to_the_25_11_shapes()
    {
        var set = Build();
        var report = await CheckAsync(set.SubjectGraph(SampleProvider.NotarySubject(set)));
        Assert.True((bool)report["conforms"]!, report.ToJsonString());
    }

    [Fact]
    public async Task Without_the_notary_subject_the_registration_number_is_missing()
    {
        var set = Build();
        var report = await CheckAsync(set.SubjectGraph());
        Assert.False((bool)report["conforms"]!);
        Assert.Contains(report["results"]!.AsArray(), r =>
            (string?)r!["path"] == ProviderCredentialBuilder.GxNamespace + "registrationNumber" &&
            (string?)r["component"] == "http://www.w3.org/ns/shacl#ClassConstraintComponent");
    }

    [Fact]
    public async Task A_country_code_outside_the_shape_list_is_reported()
    {
        var set = Build(g => g.HeadquartersAddress.CountryCode = "XX");
        var report = await CheckAsync(set.SubjectGraph(SampleProvider.NotarySubject(set)));
        Assert.False((bool)report["conforms"]!);
        Assert.True(report["results"]!.AsArray().Any(r =>
            (string?)r!["path"] == ProviderCredentialBuilder.GxNamespace + "countryCode" &&
            (string?)r["focusNode"] == set.Credentials.Single(c => c.GxType == "gx:Address").Id + "#cs" &&
            (string?)r["component"] == "http://www.w3.org/ns/shacl#OrConstraintComponent"), report.ToJsonString()); // the shape: sh:or of the country-code lists
    }
}
