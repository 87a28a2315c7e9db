using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Jwt;
using ScsFederation.Credentials.Verification;
using ScsFederation.Gxdch.Compliance;

namespace ScsFederation.Gxdch.Tests;

/// <summary>The compliance client against the stand-in: submission wire format, label checks, lies refused.</summary>
[Collection(StandInCollection.Name)]
public sealed class ComplianceClientTests(GxdchStandIn standIn)
{
    private const string Provider = "did:web:provider.example";
    private const string LabelId = "https://hub.example/providers/scs-one/compliance";
    private static readonly JsonWebKey ProviderKey = JsonWebKey.Generate("ES256");

    /// <summary>A provider VP-JWT with a legal person and an issuer credential, enveloped, as the hub would submit.</summary>
    private static (string Vp, string[] Ids) Presentation()
    {
        var signer = new VcJwtSigner(JwsKey.Create(ProviderKey, "ES256"), Provider + "#key-1");
        string[] ids = ["https://hub.example/providers/scs-one/legal-person", "https://hub.example/providers/scs-one/issuer"];
        string Vc(string id, string type, JsonObject subject) => signer.Sign(new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2", "https://w3id.org/gaia-x/development#"),
            ["type"] = new JsonArray("VerifiableCredential", type),
            ["id"] = id,
            ["issuer"] = Provider,
            ["validFrom"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-ddTHH:mm:ssZ"),
            ["credentialSubject"] = subject,
        });
        var legal = Vc(ids[0], "gx:LegalPerson", new JsonObject { ["id"] = ids[0] + "#cs", ["schema:name"] = "SCS One GmbH (ünïcödé, \"quoted\")", ["gx:number"] = 1.5e3 });
        var issuer = Vc(ids[1], "gx:Issuer", new JsonObject { ["id"] = ids[1] + "#cs", ["gx:gaiaxTermsAndConditions"] = "067dcac5efd18c1927deb1ffed3feab6d0ad044c0a9a263e6d5d8bdc43224515" });
        var vp = signer.SignPresentation(new JsonObject
        {
            ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
            ["type"] = "VerifiablePresentation",
            ["issuer"] = Provider,
        }, [legal, issuer]);
        return (vp, ids);
    }

    [Fact]
    public async Task A_label_is_verified_and_every_digest_recomputes()
    {
        var (vp, ids) = Presentation();
        var result = await standIn.Compliance().SubmitAsync(vp, LabelId);

        Assert.True(result.Ok, result.Detail);
        Assert.Equal("vc+jwt/vc", result.Verification!.Profile);
        Assert.Equal(ids.Order(), result.Digests.Select(d => d.Id!).Order());
        Assert.All(result.Digests, d => Assert.True(d.Matches));
        Assert.Empty(result.Uncovered);

        var sent = (await standIn.RequestsAsync()).Last()!;
        Assert.Equal("POST", (string?)sent["method"]);
        Assert.Equal("/compliance/api/credential-offers/standard-compliance", (string?)sent["path"]);
        Assert.Equal(LabelId, (string?)sent["query"]!["vcid"]);
        Assert.Equal("application/vp+jwt", (string?)sent["contentType"]);
        Assert.Equal(vp, (string?)sent["body"]);
    }

    [Theory]
    [InlineData("label-level-1")]
    [InlineData("label-level-3")]
    public async Task Label_levels_go_to_their_own_offer(string level)
    {
        var result = await standIn.Compliance().SubmitAsync(Presentation().Vp, LabelId, level);
        Assert.True(result.Ok, result.Detail);
        Assert.Equal($"/compliance/api/credential-offers/{level}", (string?)(await standIn.RequestsAsync()).Last()!["path"]);
    }

    [Theory]
    [InlineData("bad-digest", GxdchRefusal.LabelDigestMismatch)]
    [InlineData("unknown-credential", GxdchRefusal.LabelUnknownCredential)]
    [InlineData("not-label", GxdchRefusal.NotALabel)]
    [InlineData("wrong-id", GxdchRefusal.AnswerMismatch)]
    [InlineData("other-did", GxdchRefusal.IssuerNotPinned)]
    [InlineData("unsigned-key", Refusal.BadSignature)]
    [InlineData("error-500", GxdchRefusal.ServiceRefused)]
    [InlineData("huge", GxdchRefusal.ResponseTooLarge)]
    public async Task A_lying_compliance_service_is_refused_with_a_stable_reason(string lie, string reason)
    {
        await standIn.LieAsync(lie);
        try
        {
            var result = await standIn.Compliance().SubmitAsync(Presentation().Vp, LabelId);
            Assert.False(result.Ok);
            Assert.Equal(reason, result.Reason);
            Assert.Null(result.Jwt);
        }
        finally { await standIn.Honest(); }
    }

    [Fact]
    public async Task A_service_error_reaches_the_operator_as_one_bounded_line()
    {
        await standIn.LieAsync("error-500");
        try
        {
            var result = await standIn.Compliance().SubmitAsync(Presentation().Vp, LabelId);
            Assert.Equal(GxdchRefusal.ServiceRefused, result.Reason);
            Assert.Contains("500", result.Detail);
            Assert.DoesNotContain('\n', result.Detail!);
            Assert.True(result.Detail!.Length < 600);
        }
        finally { await standIn.Honest(); }
    }

    [Fact]
    public async Task An_unknown_level_is_a_caller_error()
    {
        await Assert.ThrowsAsync<ArgumentException>(() => standIn.Compliance().SubmitAsync(Presentation().Vp, LabelId, "label-level-9"));
    }
}
