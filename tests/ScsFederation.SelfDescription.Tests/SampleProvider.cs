using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;

namespace ScsFederation.SelfDescription.Tests;

/// <summary>A provider entry and a cloud inventory as Keystone would report them, for the builder tests.</summary>
internal static class SampleProvider
{
    public const string Issuer = "https://hub.example/";

    public static CloudProvider Entry(Action<GaiaXProviderSettings>? change = null)
    {
        var gx = new GaiaXProviderSettings
        {
            LegalName = "SCS One GmbH",
            Description = "A sovereign cloud provider",
            RegistrationNumber = new GaiaXRegistrationNumber { VatId = "DE123456789" },
            HeadquartersAddress = new GaiaXAddress { CountryCode = "DE", CountryName = "Germany", Locality = "Berlin", PostalCode = "10115", StreetAddress = "Chausseestr. 1" },
            TermsAndConditions = new GaiaXDocument { Url = "https://scs-one.example/terms", Hash = new string('a', 64) },
            ServicePolicy = new GaiaXPolicy { Language = "Rego", Document = "package scs\ndefault allow := true" },
            DataAccountExport = new GaiaXDataAccountExport(),
            Keywords = ["sovereign cloud"],
        };
        change?.Invoke(gx);
        return new CloudProvider { Id = "scs-one", DisplayName = "SCS One", GaiaX = gx };
    }

    public static CloudInventory Inventory => new(
    [
        new CloudService("identity", "keystone", [new("public", "RegionOne", "https://keystone.scs-one.example/v3"), new("internal", "RegionOne", "http://10.0.0.5:5000/v3")]),
        new CloudService("compute", "nova", [new("public", "RegionOne", "https://nova.scs-one.example/v2.1"), new("admin", "RegionOne", "http://10.0.0.6:8774/v2.1")]),
        new CloudService("image", "glance", [new("public", "RegionTwo", "https://glance-2.scs-one.example"), new("public", "RegionOne", "https://glance.scs-one.example")]),
        new CloudService("placement", "placement", [new("internal", "RegionOne", "http://10.0.0.7:8778")]),
    ],
    [new KubernetesCluster("k8s-one", "https://k8s.scs-one.example:6443", "v1.33.1", Issuer, "kube-one") { Platform = "linux/amd64" }])
    {
        // As Nova and Glance report them behind the public endpoints above (see the recorded answers in Discovery/).
        Compute = [new ComputeCatalog("https://nova.scs-one.example/v2.1", "RegionOne",
        [
            new NovaFlavor("1a5d4233-34da-4af1-9ad5-e627ec82a8b1", "SCS-2V-4-20", 2, 4096, 20, 0, 0, "general purpose",
                new Dictionary<string, string> { ["scs:name-v1"] = "SCS-2V:4:20", ["aggregate_instance_extra_specs:pool"] = "internal" }),
            new NovaFlavor("7", "SCS-4V-16", 4, 16384, 0, 10, 1024, null, new Dictionary<string, string>()),
        ])],
        Images =
        [
            new ImageCatalog("https://glance.scs-one.example", "RegionOne",
            [
                new GlanceImage("ba74ee22-a6ef-48df-bdbf-57946a834876", "Debian 12", "qcow2", 1024, 512, 2, "sha512", new string('3', 128),
                    new Dictionary<string, string> { ["os_distro"] = "debian", ["os_version"] = "12", ["architecture"] = "x86_64", ["hw_firmware_type"] = "uefi",
                        ["license"] = "GPL-2.0-or-later", ["copyright_owner"] = "Debian Project" }),
                new GlanceImage("0b0c1d2e-0000-4000-8000-000000000001", "Ubuntu 24.04", "raw", null, 0, 0, null, null,
                    new Dictionary<string, string> { ["license"] = "https://ubuntu.com/legal/intellectual-property-policy", ["copyright_owner"] = "Canonical Ltd." }),
                new GlanceImage("0b0c1d2e-0000-4000-8000-000000000002", "Custom appliance", "ami", 42, 0, 0, "md5", "abc", new Dictionary<string, string>()),
            ]),
            new ImageCatalog("https://glance-2.scs-one.example", "RegionTwo", []),
        ],
        Notes = ["compute (nova-2) https://nova-2.scs-one.example/v2.1: flavors not read (unreachable): …"],
    };

    /// <summary>The subject of the registration-number credential a notary would issue for the set (gx:VatID).</summary>
    public static JsonObject NotarySubject(ProviderCredentialSet set) => new()
    {
        ["id"] = set.RegistrationNumber.SubjectId,
        ["type"] = "gx:VatID",
        ["gx:vatID"] = set.RegistrationNumber.Number,
        ["gx:countryCode"] = "DE",
    };
}
