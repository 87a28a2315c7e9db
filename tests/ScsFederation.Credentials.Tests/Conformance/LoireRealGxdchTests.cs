using System.Text.Json.Nodes;
using ScsFederation.Credentials.Compliance;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Jwt;
using ScsFederation.Credentials.Model;

namespace ScsFederation.Credentials.Tests.Conformance;

/// <summary>
/// Credentials issued by live GXDCH services (samples/loire/real-gxdch). Their signatures CANNOT be
/// checked offline: no repository holds the public keys of those services (their did:web documents
/// would have to be fetched). These tests decode them, check structure, header profiles and dates,
/// and recompute every gx:digestSRI of both labels.
/// </summary>
public class LoireRealGxdchTests
{
    public static TheoryData<string> Presentations => new()
    {
        "posedio-opa_vp_label-CD25.10_leicode-aerospace-notary.vp.jwt",
        "posedio-opa_vp_label-CD25.10_vatid-deltadao-notary.vp.jwt",
    };

    private static string Jwt(string file) => file.EndsWith(".json", StringComparison.Ordinal)
        ? TestData.Json(TestData.Loire("real-gxdch", file))["input"]!["jwt"]!.GetValue<string>()
        : TestData.Text(TestData.Loire("real-gxdch", file));

    private static (CompactJws Jws, VerifiableCredential Vc) Decode(string jwt)
    {
        var jws = CompactJws.Parse(jwt);
        return (jws, new VerifiableCredential((JsonObject)JsonNode.Parse(jws.Payload)!));
    }

    private static IReadOnlyList<string> EnvelopedJwts(VerifiableCredential vp) =>
        vp.VerifiableCredentials.Select(e => EnvelopedCredential.FromEntry(e)!.Jwt).ToList();

    [Theory]
    [MemberData(nameof(Presentations))]
    public void Every_digestSRI_of_the_label_recomputes(string file)
    {
        var (_, vp) = Decode(Jwt(file));
        var envelopes = EnvelopedJwts(vp);
        var labels = envelopes.Select(j => Decode(j).Vc).Where(vc => vc.Types.Contains("gx:LabelCredential")).ToList();
        var label = Assert.Single(labels);
        Assert.Equal("did:web:compliance.lab.gaia-x.eu:main", label.Issuer);
        var digests = LabelDigestCheck.Check(label, envelopes);
        Assert.Equal(4, digests.Count);
        Assert.All(digests, d => Assert.True(d.Found && d.Matches, $"{d.Id}: {d.DigestSri}"));
    }

    [Theory]
    [MemberData(nameof(Presentations))]
    public void A_changed_credential_no_longer_matches_its_digest(string file)
    {
        var (_, vp) = Decode(Jwt(file));
        var envelopes = EnvelopedJwts(vp);
        var label = envelopes.Select(j => Decode(j).Vc).Single(vc => vc.Types.Contains("gx:LabelCredential"));
        var first = label.CredentialSubjects[0]["gx:compliantCredentials"]![0]!["id"]!.GetValue<string>();
        // Re-encode the covered credential's payload with one changed value (signature irrelevant here).
        var tampered = envelopes.Select(j =>
        {
            var (jws, vc) = Decode(j);
            if (vc.Id != first) return j;
            var json = (JsonObject)vc.Json.DeepClone();
            json["validFrom"] = "2020-01-01T00:00:00Z";
            return jws.EncodedHeader + "." + Base64Url.Encode(System.Text.Encoding.UTF8.GetBytes(json.ToJsonString())) + ".AA";
        }).ToList();
        var digests = LabelDigestCheck.Check(label, tampered);
        Assert.False(digests.Single(d => d.Id == first).Matches);
        Assert.All(digests.Where(d => d.Id != first), d => Assert.True(d.Matches));
    }

    [Fact]
    public void Digest_is_over_the_JCS_form_not_the_raw_payload_bytes_or_the_compact_jwt()
    {
        var (_, vp) = Decode(Jwt("posedio-opa_vp_label-CD25.10_leicode-aerospace-notary.vp.jwt"));
        var envelopes = EnvelopedJwts(vp);
        var label = envelopes.Select(j => Decode(j).Vc).Single(vc => vc.Types.Contains("gx:LabelCredential"));
        var entry = label.CredentialSubjects[0]["gx:compliantCredentials"]![0]!;
        var sri = entry["gx:digestSRI"]!.GetValue<string>();
        var jwt = envelopes.Single(j => Decode(j).Vc.Id == entry["id"]!.GetValue<string>());
        Assert.Equal(sri, DigestSri.Compute(CompactJws.Parse(jwt).Payload));
        var hexOfJwt = "sha256-" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.ASCII.GetBytes(jwt)));
        Assert.NotEqual(sri, hexOfJwt);
        // The base64 SRI spelling of the same digest is accepted too.
        var base64 = "sha256-" + Convert.ToBase64String(Convert.FromHexString(sri["sha256-".Length..]));
        Assert.True(DigestSri.Matches(base64, CompactJws.Parse(jwt).Payload));
        Assert.False(DigestSri.Matches("sha256-" + new string('0', 64), CompactJws.Parse(jwt).Payload));
    }

    public static TheoryData<string, string, string?> Credentials => new()
    {
        { "posedio-go_leicode_tsystems-notary.vc.jwt", "vc+ld+jwt/vc+ld", "gx:LeiCode" },
        { "posedio-go_leicode_gxlab-notary-main.vc.jwt", "vc+ld+jwt/vc+ld", "gx:LeiCode" },
        { "posedio-go_leicode_deltadao-notary.vc.jwt", "vc+ld+jwt/vc+ld", null }, // older notary build: type only VerifiableCredential
    };

    [Theory]
    [MemberData(nameof(Credentials))]
    public void Notary_credentials_decode_with_the_notary_profile_and_ms_header_times(string file, string profile, string? type)
    {
        var (jws, vc) = Decode(Jwt(file));
        Assert.Equal(profile, VcJwtVerifier.MatchProfile(jws.Header["typ"]!.GetValue<string>(), jws.Header["cty"]!.GetValue<string>(), false, out _));
        Assert.Equal("PS256", jws.Algorithm);
        Assert.Equal(vc.Issuer, jws.Header["iss"]!.GetValue<string>());
        Assert.StartsWith(vc.Issuer + "#", jws.Header["kid"]!.GetValue<string>());
        Assert.True(jws.Header["iat"]!.GetValue<long>() > 1e12); // milliseconds
        Assert.Empty(vc.StructuralProblems());
        Assert.Equal(CredentialVersion.V2_0, vc.Version);
        if (type is not null) Assert.Contains(type, vc.Types);
        Assert.Contains(jws.Signature.Length, new[] { 256, 512 }); // RSA-2048/4096 PS256; not checkable offline (no key)
    }

    [Theory]
    [InlineData("posedio-opa_vp_label-CD25.10_leicode-aerospace-notary.vp.jwt", 5)]
    [InlineData("posedio-opa_vp_label-CD25.10_vatid-deltadao-notary.vp.jwt", 5)]
    [InlineData("posedio-opa_example_participant.json", 4)]
    [InlineData("posedio-opa_example_offering.json", 41)]
    public void Presentations_decode_and_every_envelope_is_a_structurally_valid_credential(string file, int count)
    {
        var (jws, vp) = Decode(Jwt(file));
        Assert.True(vp.IsPresentation);
        Assert.Equal("vp+jwt/vp", VcJwtVerifier.MatchProfile(jws.Header["typ"]!.GetValue<string>(), jws.Header["cty"]!.GetValue<string>(), true, out _));
        var envelopes = EnvelopedJwts(vp);
        Assert.Equal(count, envelopes.Count);
        foreach (var jwt in envelopes)
        {
            var (inner, vc) = Decode(jwt);
            Assert.False(vc.IsPresentation);
            Assert.Empty(vc.StructuralProblems());
            Assert.NotNull(VcJwtVerifier.MatchProfile(inner.Header["typ"]!.GetValue<string>(), inner.Header["cty"]?.GetValue<string>(), false, out var problem));
            Assert.Null(problem);
        }
        if (file.Contains("offering")) Assert.Contains(envelopes, j => Decode(j).Vc.Types.Contains("gx:ServiceOffering"));
    }
}
