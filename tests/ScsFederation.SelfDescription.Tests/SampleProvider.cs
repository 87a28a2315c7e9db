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
    [new KubernetesCluster("k8s-one", "https://k8s.scs-one.example:6443", "v1.33", Issuer, "kube-one")]);

    /// <summary>The subject of the registration-number credential a notary would issue for the set (gx:VatID).</summary>
    public static JsonObject NotarySubject(ProviderCredentialSet set) => new()
    {
        ["id"] = set.RegistrationNumber.SubjectId,
        ["type"] = "gx:VatID",
        ["gx:vatID"] = set.RegistrationNumber.Number,
        ["gx:countryCode"] = "DE",
    };
}
