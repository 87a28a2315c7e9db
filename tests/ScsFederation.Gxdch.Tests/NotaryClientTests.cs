using ScsFederation.Credentials.Verification;
using ScsFederation.Gxdch.Notary;
using ScsFederation.Gxdch.Transport;

namespace ScsFederation.Gxdch.Tests;

/// <summary>The notary client against the stand-in: the wire format it sends, and every lie it refuses.</summary>
[Collection(StandInCollection.Name)]
public sealed class NotaryClientTests(GxdchStandIn standIn)
{
    private const string VcId = "https://hub.example/providers/scs-one/registration-number";
    private const string SubjectId = "https://hub.example/providers/scs-one/registration-number#subject";

    [Fact]
    public async Task Vat_id_credential_is_verified_and_the_request_has_the_documented_form()
    {
        var result = await standIn.Notary().RequestAsync(RegistrationNumberKind.VatId, "DE123456789", VcId, SubjectId);

        Assert.True(result.Ok, result.Detail);
        Assert.Equal("vc+ld+jwt/vc+ld", result.Verification!.Profile);
        Assert.Equal("header-ms", result.Verification.TimeClaims);
        Assert.Equal(standIn.NotaryDid, result.Verification.Credential!.Issuer);
        var sent = (await standIn.RequestsAsync()).Last()!;
        Assert.Equal("GET", (string?)sent["method"]);
        Assert.Equal("/notary/v2/registration-numbers/vat-id/DE123456789", (string?)sent["path"]);
        Assert.Equal(VcId, (string?)sent["query"]!["vcId"]);
        Assert.Equal(SubjectId, (string?)sent["query"]!["subjectId"]);
    }

    [Theory]
    [InlineData("lei-code", "9695007586GCAKPYJ703")]
    [InlineData("eori", "DE1234567890123")]
    [InlineData("euid", "DEB1101R.HRB12345")]
    [InlineData("tax-id", "12/345/67890")]
    public async Task Every_registration_number_kind_round_trips(string segment, string number)
    {
        var result = await standIn.Notary().RequestAsync(RegistrationNumberKind.Find(segment)!, number, VcId, SubjectId);
        Assert.True(result.Ok, result.Detail);
        var sent = (await standIn.RequestsAsync()).Last()!;
        Assert.Equal($"/notary/v2/registration-numbers/{segment}/{Uri.EscapeDataString(number)}", (string?)sent["path"]);
    }

    [Theory]
    [InlineData("unsigned-key", Refusal.BadSignature)]
    [InlineData("other-did", GxdchRefusal.IssuerNotPinned)]
    [InlineData("wrong-subject", GxdchRefusal.AnswerMismatch)]
    [InlineData("wrong-number", GxdchRefusal.AnswerMismatch)]
    [InlineData("wrong-id", GxdchRefusal.AnswerMismatch)]
    [InlineData("error-500", GxdchRefusal.ServiceRefused)]
    [InlineData("huge", GxdchRefusal.ResponseTooLarge)]
    public async Task A_lying_notary_is_refused_with_a_stable_reason(string lie, string reason)
    {
        await standIn.LieAsync(lie);
        try
        {
            var result = await standIn.Notary().RequestAsync(RegistrationNumberKind.VatId, "DE123456789", VcId, SubjectId);
            Assert.False(result.Ok);
            Assert.Equal(reason, result.Reason);
            Assert.Null(result.Jwt);
        }
        finally { await standIn.Honest(); }
    }

    [Fact]
    public async Task A_notary_pinned_to_another_did_is_not_believed()
    {
        var result = await standIn.Notary(pinnedDid: "did:web:registrationnumber.notary.lab.gaia-x.eu:main")
            .RequestAsync(RegistrationNumberKind.VatId, "DE123456789", VcId, SubjectId);
        Assert.Equal(GxdchRefusal.IssuerNotPinned, result.Reason);
    }

    [Fact]
    public async Task Plain_http_to_loopback_is_refused_unless_enabled()
    {
        var strict = new OutboundPolicy { AllowedHosts = [$"127.0.0.1:{standIn.Port}"] };
        var before = (await standIn.RequestsAsync()).Count;
        var result = await standIn.Notary(strict).RequestAsync(RegistrationNumberKind.VatId, "DE123456789", VcId, SubjectId);
        Assert.Equal(GxdchRefusal.HostNotAllowed, result.Reason);
        Assert.Equal(before, (await standIn.RequestsAsync()).Count); // refused before any connection
    }
}
