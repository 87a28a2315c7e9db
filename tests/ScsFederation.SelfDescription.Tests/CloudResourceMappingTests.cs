using System.Text.Json.Nodes;

namespace ScsFederation.SelfDescription.Tests;

/// <summary>
/// What the builder makes of the flavors, public images and cluster versions discovery read: nested gx:ServerFlavor
/// and gx:VMImage nodes (only what the APIs say), the compute offering a gx:VirtualMachineServiceOffering when both
/// are there, and a note for everything left out.
/// </summary>
public sealed class CloudResourceMappingTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 12, 0, 0, TimeSpan.Zero);
    private const string Base = "https://hub.example/gaia-x/providers/scs-one/";

    private static ProviderCredentialSet Build(CloudInventory? inventory = null) =>
        new ProviderCredentialBuilder(SampleProvider.Issuer).Build(SampleProvider.Entry(), inventory ?? SampleProvider.Inventory, Now);

    private static JsonObject Offering(ProviderCredentialSet set, string slug) =>
        (JsonObject)set.Offerings.Single(o => o.Id == Base + "services/" + slug).Credential["credentialSubject"]!;

    private static List<string> Names(JsonNode? nodes) => nodes is JsonArray a ? [.. a.Select(n => (string)n!["schema:name"]!)] : [];

    [Fact]
    public void The_compute_offering_is_a_virtual_machine_offering_with_the_public_flavors_and_the_regions_images()
    {
        var set = Build();
        var compute = Offering(set, "compute-nova-regionone");
        Assert.Equal("gx:VirtualMachineServiceOffering", (string?)compute["type"]);
        Assert.Equal("gx:VirtualMachineServiceOffering", (string?)set.Offerings.Single(o => o.Id == Base + "services/compute-nova-regionone").Credential["type"]![1]);
        Assert.Equal(["SCS-2V-4-20", "SCS-4V-16"], Names(compute["gx:instantiationReq"]));
        Assert.Equal(["Debian 12", "Ubuntu 24.04"], Names(compute["gx:codeArtifact"])); // RegionOne's licensed public images
        Assert.Contains("public flavors: SCS-2V-4-20, SCS-4V-16", (string?)compute["schema:description"]);

        var flavor = (JsonObject)compute["gx:instantiationReq"]![0]!;
        Assert.Equal(Base + "flavors/regionone-scs-2v-4-20", (string?)flavor["id"]);
        Assert.Equal("gx:ServerFlavor", (string?)flavor["type"]);
        Assert.Equal(2, (int)flavor["gx:cpu"]!["gx:vCPUs"]!);
        var ram = flavor["gx:memory"]!["gx:memory"]!["gx:memorySize"]!;
        Assert.Equal("4096", (string?)ram["http://qudt.org/schema/qudt/quantityValue"]!["@value"]);
        Assert.Equal("http://qudt.org/vocab/unit/MebiBYTE", (string?)ram["http://qudt.org/schema/qudt/applicableUnit"]);
        Assert.Equal("20", (string?)flavor["gx:bootVolume"]!["gx:diskSize"]!["http://qudt.org/schema/qudt/quantityValue"]!["@value"]);
        Assert.Contains("scs:name-v1=SCS-2V:4:20", (string?)flavor["schema:description"]);
        Assert.DoesNotContain("aggregate_instance_extra_specs", compute.ToJsonString()); // scheduling internals are not published

        var second = (JsonObject)compute["gx:instantiationReq"]![1]!;
        Assert.Equal("0", (string?)second["gx:bootVolume"]!["gx:diskSize"]!["http://qudt.org/schema/qudt/quantityValue"]!["@value"]); // boot from volume
        Assert.Equal("10", (string?)second["gx:additionalVolume"]!["gx:diskSize"]!["http://qudt.org/schema/qudt/quantityValue"]!["@value"]);
        Assert.Contains("1024 MiB swap", (string?)second["schema:description"]);
    }

    [Fact]
    public void The_image_offering_aggregates_the_licensed_public_images_and_names_all_of_them()
    {
        var set = Build();
        var images = Offering(set, "image-glance-regionone");
        Assert.Equal("gx:ServiceOffering", (string?)images["type"]);
        Assert.Equal(["Debian 12", "Ubuntu 24.04"], Names(images["gx:aggregationOfResources"]));
        Assert.Contains("public images: Custom appliance, Debian 12, Ubuntu 24.04", (string?)images["schema:description"]);
        Assert.Contains(set.Notes, n => n.Contains("Custom appliance (no license and copyright_owner)", StringComparison.Ordinal));
        Assert.Contains(set.Notes, n => n.Contains("https://glance-2.scs-one.example: Glance lists no public image", StringComparison.Ordinal));

        var debian = (JsonObject)images["gx:aggregationOfResources"]![0]!;
        Assert.Equal(Base + "images/regionone-ba74ee22-a6ef-48df-bdbf-57946a834876", (string?)debian["id"]);
        Assert.Equal("gx:VMImage", (string?)debian["type"]);
        Assert.Equal("GPL-2.0-or-later", (string?)debian["gx:license"]);
        Assert.Equal("Debian Project", (string?)debian["gx:copyrightOwnedBy"]);
        Assert.Equal("QCOW2", (string?)debian["gx:vmImageDiskFormat"]);
        Assert.Equal("UEFI", (string?)debian["gx:firmwareType"]);
        Assert.Equal("x86-64", (string?)debian["gx:cpuReq"]!["gx:cpuArchitecture"]);
        Assert.Equal("sha-512", (string?)debian["gx:checkSum"]!["gx:checkSumCalculation"]);
        Assert.Equal("512", (string?)debian["gx:ramReq"]!["gx:memorySize"]!["http://qudt.org/schema/qudt/quantityValue"]!["@value"]);
        Assert.Equal("12", (string?)debian["gx:version"]);
        // A license URL is a document link, typed xsd:anyURI as the shape's sh:or wants.
        var ubuntu = (JsonObject)images["gx:aggregationOfResources"]![1]!;
        Assert.Equal("xsd:anyURI", (string?)ubuntu["gx:license"]!["@type"]);
        Assert.Equal("RAW", (string?)ubuntu["gx:vmImageDiskFormat"]);
        Assert.Null(ubuntu["gx:fileSize"]); // Glance reported no size: nothing invented
    }

    [Fact]
    public void The_same_image_nested_in_two_offerings_is_the_same_node()
    {
        var set = Build();
        var inCompute = Offering(set, "compute-nova-regionone")["gx:codeArtifact"]![0]!.ToJsonString();
        var inImages = Offering(set, "image-glance-regionone")["gx:aggregationOfResources"]![0]!.ToJsonString();
        Assert.Equal(inCompute, inImages);
    }

    [Fact]
    public void Flavors_without_a_published_image_make_a_compute_offering_and_without_flavors_the_offering_stays_plain()
    {
        var noImages = SampleProvider.Inventory with { Images = [] };
        var set = Build(noImages);
        Assert.Equal("gx:ComputeServiceOffering", (string?)Offering(set, "compute-nova-regionone")["type"]);
        Assert.Contains(set.Notes, n => n.Contains("not a gx:VirtualMachineServiceOffering", StringComparison.Ordinal));

        var notRead = Build(SampleProvider.Inventory with { Compute = [] });
        var compute = Offering(notRead, "compute-nova-regionone");
        Assert.Equal("gx:ServiceOffering", (string?)compute["type"]);
        Assert.Null(compute["gx:instantiationReq"]);
    }

    [Fact]
    public void Discovery_notes_are_the_sets_notes()
    {
        Assert.Contains(Build().Notes, n => n.StartsWith("compute (nova-2) https://nova-2.scs-one.example/v2.1: flavors not read (unreachable)", StringComparison.Ordinal));
    }

    [Fact]
    public void The_cluster_offering_carries_the_version_its_api_server_reported()
    {
        var set = Build();
        var k8s = Offering(set, "kubernetes-k8s-one");
        Assert.Contains("Kubernetes v1.33.1 cluster k8s-one", (string?)k8s["schema:description"]);
        Assert.Contains("on linux/amd64", (string?)k8s["schema:description"]);
        Assert.Contains("OIDC, audience kube-one", (string?)k8s["schema:description"]);
        Assert.Contains("v1.33.1", k8s["gx:keyword"]!.AsArray().Select(k => (string?)k));

        var unknown = Build(SampleProvider.Inventory with { Clusters = [new KubernetesCluster("k8s-one", "https://k8s.scs-one.example:6443", null, SampleProvider.Issuer, null)] });
        Assert.StartsWith("Kubernetes cluster k8s-one", (string?)Offering(unknown, "kubernetes-k8s-one")["schema:description"]);
    }
}
