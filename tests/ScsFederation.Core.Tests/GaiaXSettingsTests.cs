using ScsFederation.Core.Configuration;

namespace ScsFederation.Core.Tests;

/// <summary>A provider's gaiaX entry: read as written, and every mistake reported at once with its path.</summary>
public sealed class GaiaXSettingsTests
{
    private static string File(string gaiaX) => $"""
        hub:
          issuer: http://127.0.0.1:8085
        providers:
          - id: cloud-a
            gaiaX:
        {gaiaX}
        """;

    private const string Valid = """
              legalName: Cloud A GmbH
              registrationNumber: { leiCode: 9695007586GCAKPYJ703 }
              headquartersAddress: { countryCode: DE, locality: Berlin }
              termsAndConditions: { url: "https://a.example/terms", hash: 2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824 }
        """;

    private static FederationConfig Parse(string yaml) => FederationFileReader.Parse(yaml, "/tmp/federation.yaml", _ => null);

    [Fact]
    public void A_valid_entry_is_read_with_defaults()
    {
        var gx = Parse(File(Valid)).Providers[0].GaiaX!;
        Assert.Equal("Cloud A GmbH", gx.LegalName);
        Assert.Equal(("lei-code", "9695007586GCAKPYJ703"), gx.RegistrationNumber.Single());
        Assert.Equal(["GDPR2016"], gx.DataProtectionRegime);
        Assert.Null(gx.LegalAddress);
    }

    [Fact]
    public void Every_mistake_is_reported_with_its_path()
    {
        var bad = Valid
            .Replace("{ leiCode: 9695007586GCAKPYJ703 }", "{ leiCode: 9695007586GCAKPYJ703, vatId: DE1234 }")
            .Replace("countryCode: DE", "countryCode: Germany")
            .Replace("hash: 2cf24dba", "hash: ZZ24dba")
            .Replace("\"https://a.example/terms\"", "\"http://a.example/terms\"");
        var errors = Assert.Throws<FederationConfigException>(() => Parse(File(bad))).Errors;
        Assert.Contains(errors, e => e.Path == "/providers/0/gaiaX/registrationNumber");
        Assert.Contains(errors, e => e.Path == "/providers/0/gaiaX/headquartersAddress/countryCode");
        Assert.Contains(errors, e => e.Path == "/providers/0/gaiaX/termsAndConditions/hash");
        Assert.Contains(errors, e => e.Path == "/providers/0/gaiaX/termsAndConditions/url");
    }

    [Fact]
    public void Required_fields_are_named()
    {
        var errors = Assert.Throws<FederationConfigException>(() => Parse(File("      legalName: Cloud A GmbH\n"))).Errors;
        Assert.Contains(errors, e => e.Path.StartsWith("/providers/0/gaiaX", StringComparison.Ordinal) && e.Message.Contains("registrationNumber"));
    }
}
