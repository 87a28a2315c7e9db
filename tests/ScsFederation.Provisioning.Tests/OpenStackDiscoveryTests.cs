using System.Text.Json.Nodes;
using ScsFederation.Provisioning.Tests.Fixtures;

namespace ScsFederation.Provisioning.Tests;

/// <summary>
/// <c>scsfed sd build</c> against a real cloud (<see cref="OpenStackServicesFixture"/>: real Keystone, Glance and
/// Nova APIs): the compute offering lists exactly the public flavors Nova serves, the image offering exactly the
/// public images Glance serves, nothing private leaks, a Nova that is down is a note rather than a failure, and the
/// set still conforms to the Gaia-X 25.11 shapes for both validators (our engine through <c>scsfed sd validate</c>,
/// rdf-validate-shacl through tests/interop).
/// </summary>
public sealed class OpenStackDiscoveryTests(OpenStackServicesFixture fx) : IClassFixture<OpenStackServicesFixture>
{
    private static readonly string Shapes = RepositoryRoot.Combine("tests", "conformance", "gaia-x", "shapes", "gx-25.11-development.shacl.ttl");
    private static readonly string Classes = RepositoryRoot.Combine("tests", "conformance", "gaia-x", "shapes", "gx-2511-class-hierarchy.ttl");
    private const string Gx = "https://w3id.org/gaia-x/development#";

    private string FederationFile()
    {
        var folder = Path.Combine(fx.WorkFolder, "sd-" + Guid.NewGuid().ToString("n")[..6]);
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, "federation.yaml");
        File.WriteAllText(path, $"""
            hub:
              issuer: http://127.0.0.1:8085
              dataFolder: {folder}
            providers:
              - id: cloud-os
                displayName: "Cloud OS"
                keystone:
                  url: {fx.Keystone.Url}
                  admin:
                    password: ${"{"}env:SCSFED_CLOUD_A_PASSWORD{"}"}
                gaiaX:
                  legalName: "Cloud OS GmbH"
                  registrationNumber: {"{"} vatId: "DE333333333" {"}"}
                  headquartersAddress: {"{"} countryCode: DE, locality: Dresden {"}"}
                  termsAndConditions: {"{"} url: "https://cloud-os.example/terms", hash: "{new string('c', 64)}" {"}"}
            """);
        return path;
    }

    private async Task<JsonObject> BuildAsync()
    {
        await ScsfedCli.EnsureBuiltAsync();
        var (code, output) = await ScsfedCli.RunAsync(fx.Keystone.AdminPassword, "sd", "build", "--config", FederationFile(), "--provider", "cloud-os");
        Assert.True(code == 0, output);
        return (JsonNode.Parse(output[..(output.LastIndexOf('}') + 1)]) as JsonObject)!;
    }

    private static JsonObject Offering(JsonObject set, string endpointUrl) => set["credentials"]!.AsArray()
        .Where(c => (string?)c!["type"] == "gx:ServiceOffering")
        .Select(c => (JsonObject)c!["credential"]!["credentialSubject"]!)
        .Single(s => (string?)s["gx:endpoint"]!["gx:endpointURL"]!["@value"] == endpointUrl);

    private static List<string> Names(JsonNode? nodes) => nodes is JsonArray a ? [.. a.Select(n => (string)n!["schema:name"]!).Order(StringComparer.Ordinal)] : [];

    [Fact]
    public async Task The_offerings_list_exactly_the_public_flavors_and_images_of_the_real_nova_and_glance()
    {
        var set = await BuildAsync();

        var compute = Offering(set, fx.NovaUrl);
        Assert.Equal("gx:VirtualMachineServiceOffering", (string?)compute["type"]);
        Assert.Equal(OpenStackServicesFixture.PublicFlavors, Names(compute["gx:instantiationReq"]));
        Assert.Equal([OpenStackServicesFixture.LicensedImage], Names(compute["gx:codeArtifact"]));
        var general = compute["gx:instantiationReq"]!.AsArray().Single(f => (string?)f!["schema:name"] == "SCS-2V-4-20")!;
        Assert.Equal(2, (int)general["gx:cpu"]!["gx:vCPUs"]!);
        Assert.Equal("4096", (string?)general["gx:memory"]!["gx:memory"]!["gx:memorySize"]!["http://qudt.org/schema/qudt/quantityValue"]!["@value"]);
        Assert.Contains("scs:name-v1=SCS-2V:4:20", (string?)general["schema:description"]);
        Assert.Contains("general purpose", (string?)general["schema:description"]);

        var images = Offering(set, fx.GlanceUrl);
        Assert.Equal([OpenStackServicesFixture.LicensedImage], Names(images["gx:aggregationOfResources"]));
        Assert.EndsWith($"public images: {OpenStackServicesFixture.UnlicensedImage}, {OpenStackServicesFixture.LicensedImage}", (string?)images["schema:description"]);
        var debian = images["gx:aggregationOfResources"]![0]!;
        Assert.Equal(("GPL-2.0-or-later", "Debian Project", "QCOW2", "x86-64"),
            ((string?)debian["gx:license"], (string?)debian["gx:copyrightOwnedBy"], (string?)debian["gx:vmImageDiskFormat"], (string?)debian["gx:cpuReq"]!["gx:cpuArchitecture"]));

        var text = set.ToJsonString();
        Assert.DoesNotContain(OpenStackServicesFixture.PrivateFlavor, text);
        Assert.DoesNotContain(OpenStackServicesFixture.PrivateImage, text);
        Assert.DoesNotContain("10.20.0.5", text); // the internal compute endpoint

        // "Where reachable": the Nova nobody serves is a note; its offering is still published from the catalog.
        var notes = set["notes"]!.AsArray().Select(n => (string)n!).ToList();
        Assert.Contains(notes, n => n.StartsWith($"compute (nova-down) {OpenStackServicesFixture.DownNovaUrl}: flavors not read (unreachable)", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.Contains($"{OpenStackServicesFixture.UnlicensedImage} (no license and copyright_owner)", StringComparison.Ordinal));
        Assert.Contains(notes, n => n.StartsWith($"image (glance-remote) {OpenStackServicesFixture.InsecureGlanceUrl}: public images not read (refused: insecure URL)", StringComparison.Ordinal));
        var down = Offering(set, OpenStackServicesFixture.DownNovaUrl);
        Assert.Equal("gx:ServiceOffering", (string?)down["type"]);
        Assert.Null(down["gx:instantiationReq"]);
    }

    [Fact]
    public async Task The_discovered_set_conforms_to_the_25_11_shapes_for_both_validators()
    {
        var set = await BuildAsync();
        var credentials = set["credentials"]!.AsArray();
        var graph = new JsonArray(credentials.Select(c => c!["credential"]!["credentialSubject"]!.DeepClone()).ToArray());
        graph.Add(new JsonObject
        {
            // The notary's registration-number subject the set refers to.
            ["id"] = (string)set["registrationNumber"]!["subjectId"]!, ["type"] = "gx:VatID",
            ["gx:vatID"] = (string)set["registrationNumber"]!["number"]!, ["gx:countryCode"] = "DE",
        });
        var data = new JsonObject { ["@context"] = credentials[0]!["credential"]!["@context"]!.DeepClone(), ["@graph"] = graph };
        Assert.Contains("VirtualMachineServiceOffering", data.ToJsonString());

        var file = Path.Combine(fx.WorkFolder, $"subjects-{Guid.NewGuid():N}.jsonld");
        await File.WriteAllTextAsync(file, data.ToJsonString());
        var (code, report) = await ScsfedCli.RunAsync(fx.Keystone.AdminPassword, "sd", "validate", "--shapes", Shapes, "--classes", Classes,
            "--classes-namespace", $"https://w3id.org/gaia-x/2511#={Gx}", file);
        Assert.True(code == 0, report);

        var reference = await NodeProcess.RunJobAsync("gaiax/shacl-check.mjs", new JsonObject
        {
            ["shapes"] = new JsonArray("tests/conformance/gaia-x/shapes/gx-25.11-development.shacl.ttl"),
            ["dataTurtle"] = new JsonArray("tests/conformance/gaia-x/shapes/gx-2511-class-hierarchy.ttl"),
            ["rewrite"] = new JsonObject { ["from"] = "https://w3id.org/gaia-x/2511#", ["to"] = Gx },
            ["data"] = data,
        }, TimeSpan.FromMinutes(3));
        Assert.True((bool)reference["conforms"]!, reference.ToJsonString());
    }
}
