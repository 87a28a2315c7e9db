using System.Security.Cryptography.Xml;
using System.Text.Json.Nodes;
using System.Xml;

namespace ScsFederation.Saml.Tests;

/// <summary>
/// SP-initiated login and logout against samlify as the IdP: samlify reads the hub's signed SP metadata, verifies
/// the hub's AuthnRequest / LogoutRequest signatures with it, and answers; the hub validates the answers.
/// </summary>
public sealed class SpInitiatedFlowTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("scsfed-saml-flow-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    private string WriteSpMetadata()
    {
        var path = Path.Combine(_dir, "sp-metadata.xml");
        File.WriteAllText(path, new SamlMetadataWriter().Write(SamlScenario.ServiceProvider(), TimeSpan.FromDays(7)));
        return path;
    }

    [Fact]
    public void Sp_metadata_is_signed_by_the_sp_key_and_names_acs_slo_and_key()
    {
        var xml = new SamlMetadataWriter().Write(SamlScenario.ServiceProvider(TestKeys.ServiceProvider.Certificate), TimeSpan.FromDays(7));
        var doc = ResponseMutations.Load(xml);
        var root = doc.DocumentElement!;
        Assert.Equal(SamlScenario.SpEntityId, root.GetAttribute("entityID"));

        // Checked with plain SignedXml and the SP certificate: independent of the SP's own verifier.
        var signedXml = new SignedXml(doc);
        signedXml.LoadXml((XmlElement)doc.GetElementsByTagName("Signature", SamlConstants.XmlDsigNamespace)[0]!);
        Assert.True(signedXml.CheckSignature(TestKeys.ServiceProvider.Certificate, verifySignatureOnly: true));
        Assert.Equal("#" + root.GetAttribute("ID"), Assert.Single(signedXml.SignedInfo!.References.Cast<Reference>()).Uri);

        var ns = new XmlNamespaceManager(doc.NameTable);
        ns.AddNamespace("md", SamlConstants.MetadataNamespace);
        Assert.Equal(SamlScenario.Acs, root.SelectSingleNode("md:SPSSODescriptor/md:AssertionConsumerService[@Binding='" + SamlConstants.HttpPostBinding + "']/@Location", ns)?.Value);
        Assert.Equal(SamlScenario.SpSlo, root.SelectSingleNode("md:SPSSODescriptor/md:SingleLogoutService[@Binding='" + SamlConstants.HttpRedirectBinding + "']/@Location", ns)?.Value);
        Assert.Equal(SamlScenario.SpSlo, root.SelectSingleNode("md:SPSSODescriptor/md:SingleLogoutService[@Binding='" + SamlConstants.HttpPostBinding + "']/@Location", ns)?.Value);
        Assert.Equal(2, root.SelectNodes("md:SPSSODescriptor/md:KeyDescriptor", ns)!.Count);
        Assert.Equal("true", root.SelectSingleNode("md:SPSSODescriptor/@AuthnRequestsSigned", ns)?.Value);

        // A modified copy no longer verifies.
        var tampered = ResponseMutations.Load(xml.Replace(SamlScenario.Acs, "https://evil.example/acs", StringComparison.Ordinal));
        var tamperedXml = new SignedXml(tampered);
        tamperedXml.LoadXml((XmlElement)tampered.GetElementsByTagName("Signature", SamlConstants.XmlDsigNamespace)[0]!);
        Assert.False(tamperedXml.CheckSignature(TestKeys.ServiceProvider.Certificate, verifySignatureOnly: true));
    }

    [Theory]
    [InlineData("redirect")]
    [InlineData("post")]
    public async Task Signed_AuthnRequest_is_verified_by_samlify_and_its_answer_is_accepted_once(string binding)
    {
        var sp = SamlScenario.ServiceProvider();
        var idp = SamlScenario.IdentityProvider(allowUnsolicited: false);
        var builder = new SamlAuthnRequestBuilder();
        var request = binding == "redirect" ? builder.CreateRedirect(sp, idp, relayState: "state-42") : builder.CreatePost(sp, idp, relayState: "state-42");
        var requests = new InMemorySamlRequestStore();
        await requests.AddAsync(request.ToPendingRequest(DateTimeOffset.UtcNow.AddMinutes(10)), CancellationToken.None);

        var job = new JsonObject
        {
            ["idp"] = SamlifyResponses.Idp(),
            ["authnRequests"] = new JsonArray(new JsonObject
            {
                ["name"] = "request", ["binding"] = binding, ["spMetadataFile"] = WriteSpMetadata(),
                ["url"] = request.RedirectUrl, ["samlRequest"] = request.PostValue,
            }),
            ["responses"] = new JsonArray(SamlifyResponses.With(SamlifyResponses.Spec("answer", "both", nameId: "9d2e-persistent", format: SamlConstants.NameIdFormats.Persistent),
                new JsonObject { ["inResponseTo"] = request.Id })),
        };
        var result = await SamlifyIdentityProvider.RunAsync(job);

        var parsed = result["authnRequests"]!["request"]!;
        Assert.True(parsed["ok"]!.GetValue<bool>(), parsed.ToJsonString());
        Assert.Equal(request.Id, parsed["id"]!.GetValue<string>());
        Assert.Equal(SamlScenario.SpEntityId, parsed["issuer"]!.GetValue<string>());
        Assert.Equal(SamlScenario.Acs, parsed["acs"]!.GetValue<string>());

        var validator = SamlScenario.Validator(requests);
        var expectations = new SamlResponseExpectations(sp, idp, SamlScenario.Acs);
        var answer = result["responses"]!["answer"]!.GetValue<string>();
        var accepted = await validator.ValidateAsync(answer, expectations, CancellationToken.None);
        Assert.True(accepted.Succeeded, accepted.ToString());
        Assert.Equal(request.Id, accepted.Assertion.InResponseTo);
        Assert.Equal("9d2e-persistent", accepted.Assertion.NameId);

        var again = await validator.ValidateAsync(answer, expectations, CancellationToken.None);
        Assert.False(again.Succeeded);
        Assert.Equal(SamlRejectionReason.InResponseToMismatch, again.Reason);
    }

    [Fact]
    public async Task Samlify_refuses_an_AuthnRequest_whose_signature_was_altered()
    {
        // Shows the positive test above is meaningful: samlify really checks the hub's signature.
        var request = new SamlAuthnRequestBuilder().CreateRedirect(SamlScenario.ServiceProvider(), SamlScenario.IdentityProvider(), relayState: "state-42");
        var forged = request.RedirectUrl!.Replace("RelayState=state-42", "RelayState=state-43", StringComparison.Ordinal);
        var job = new JsonObject
        {
            ["idp"] = SamlifyResponses.Idp(),
            ["authnRequests"] = new JsonArray(new JsonObject { ["name"] = "forged", ["binding"] = "redirect", ["spMetadataFile"] = WriteSpMetadata(), ["url"] = forged }),
        };
        var parsed = (await SamlifyIdentityProvider.RunAsync(job))["authnRequests"]!["forged"]!;
        Assert.False(parsed["ok"]!.GetValue<bool>(), parsed.ToJsonString());
    }

    [Fact]
    public async Task Single_logout_round_trip_with_samlify()
    {
        var sp = SamlScenario.ServiceProvider();
        var idp = SamlScenario.IdentityProvider();
        var logout = new SamlLogoutRequestBuilder().CreateRedirect(sp, idp, "alice@example.org", SamlConstants.NameIdFormats.EmailAddress, "_session-1", relayState: "bye");
        var job = new JsonObject
        {
            ["idp"] = SamlifyResponses.Idp(),
            ["logoutRequests"] = new JsonArray(new JsonObject { ["name"] = "logout", ["spMetadataFile"] = WriteSpMetadata(), ["url"] = logout.RedirectUrl, ["relayState"] = "bye" }),
        };
        var answer = (await SamlifyIdentityProvider.RunAsync(job))["logoutRequests"]!["logout"]!;
        Assert.True(answer["ok"]!.GetValue<bool>(), answer.ToJsonString());
        Assert.Equal("alice@example.org", answer["nameId"]!.GetValue<string>());

        var responseUrl = new Uri(answer["responseUrl"]!.GetValue<string>());
        Assert.StartsWith(SamlScenario.SpSlo, responseUrl.GetLeftPart(UriPartial.Path));
        var result = SamlLogoutResponseReader.ReadRedirect(responseUrl.Query, sp, idp, logout.Id);
        Assert.True(result.Succeeded, result.StatusCode);
        Assert.Equal(logout.Id, result.InResponseTo);
        Assert.Equal("bye", result.RelayState);

        var wrongRequest = Assert.Throws<SamlRejectionException>(() => SamlLogoutResponseReader.ReadRedirect(responseUrl.Query, sp, idp, "_another_request"));
        Assert.Equal(SamlRejectionReason.InResponseToMismatch, wrongRequest.Reason);

        var forged = Assert.Throws<SamlRejectionException>(() => SamlLogoutResponseReader.ReadRedirect(responseUrl.Query.Replace("RelayState=bye", "RelayState=evil", StringComparison.Ordinal), sp, idp, logout.Id));
        Assert.Equal(SamlRejectionReason.SignatureInvalid, forged.Reason);

        var otherKey = idp with { SigningCertificates = [TestKeys.Attacker.Certificate] };
        Assert.Equal(SamlRejectionReason.SignatureInvalid, Assert.Throws<SamlRejectionException>(() => SamlLogoutResponseReader.ReadRedirect(responseUrl.Query, sp, otherKey, logout.Id)).Reason);
    }

    [Fact]
    public async Task Single_logout_with_a_post_binding_response_from_samlify()
    {
        var sp = SamlScenario.ServiceProvider();
        var idp = SamlScenario.IdentityProvider();
        var logout = new SamlLogoutRequestBuilder().CreateRedirect(sp, idp, "alice@example.org", SamlConstants.NameIdFormats.EmailAddress, "_session-2", relayState: null);
        var job = new JsonObject
        {
            ["idp"] = SamlifyResponses.Idp(),
            ["logoutRequests"] = new JsonArray(new JsonObject { ["name"] = "logout", ["spMetadataFile"] = WriteSpMetadata(), ["url"] = logout.RedirectUrl, ["responseBinding"] = "post" }),
        };
        var answer = (await SamlifyIdentityProvider.RunAsync(job))["logoutRequests"]!["logout"]!;
        Assert.True(answer["ok"]!.GetValue<bool>(), answer.ToJsonString());
        var samlResponse = answer["samlResponse"]!.GetValue<string>();

        var result = SamlLogoutResponseReader.ReadPost(samlResponse, "bye", sp, idp, logout.Id);
        Assert.True(result.Succeeded, result.StatusCode);
        Assert.Equal(logout.Id, result.InResponseTo);

        var tampered = ResponseMutations.Edit(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(samlResponse)), doc =>
            doc.DocumentElement!.SetAttribute("InResponseTo", "_another_request"));
        Assert.Equal(SamlRejectionReason.SignatureInvalid, Assert.Throws<SamlRejectionException>(() => SamlLogoutResponseReader.ReadPost(tampered, null, sp, idp, "_another_request")).Reason);

        var unsigned = ResponseMutations.Edit(System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(samlResponse)), doc =>
        {
            var signature = doc.GetElementsByTagName("Signature", SamlConstants.XmlDsigNamespace)[0]!;
            signature.ParentNode!.RemoveChild(signature);
        });
        Assert.Equal(SamlRejectionReason.SignatureMissing, Assert.Throws<SamlRejectionException>(() => SamlLogoutResponseReader.ReadPost(unsigned, null, sp, idp, logout.Id)).Reason);
    }

    [Fact]
    public async Task Idp_initiated_logout_is_verified_and_answered_in_a_way_samlify_accepts()
    {
        var sp = SamlScenario.ServiceProvider();
        var idp = SamlScenario.IdentityProvider();
        var metadata = WriteSpMetadata();
        var request = (await SamlifyIdentityProvider.RunAsync(new JsonObject
        {
            ["idp"] = SamlifyResponses.Idp(),
            ["idpLogoutRequests"] = new JsonArray(new JsonObject { ["name"] = "logout", ["spMetadataFile"] = metadata, ["nameId"] = "alice@example.org", ["sessionIndex"] = "_session-7", ["relayState"] = "rs" }),
        }))["idpLogoutRequests"]!["logout"]!;
        var requestUrl = new Uri(request["url"]!.GetValue<string>());

        var incoming = new SamlLogoutRequestReader().ReadRedirect(requestUrl.Query, sp, idp);
        Assert.Equal(request["id"]!.GetValue<string>(), incoming.Id);
        Assert.Equal("alice@example.org", incoming.NameId);
        Assert.Equal(["_session-7"], incoming.SessionIndexes);
        Assert.Equal("rs", incoming.RelayState);

        var forged = requestUrl.Query.Replace("RelayState=rs", "RelayState=xx", StringComparison.Ordinal);
        Assert.Equal(SamlRejectionReason.SignatureInvalid, Assert.Throws<SamlRejectionException>(() => new SamlLogoutRequestReader().ReadRedirect(forged, sp, idp)).Reason);
        var otherIdp = idp with { EntityId = "https://other-idp.example/idp" };
        Assert.Equal(SamlRejectionReason.WrongIssuer, Assert.Throws<SamlRejectionException>(() => new SamlLogoutRequestReader().ReadRedirect(requestUrl.Query, sp, otherIdp)).Reason);
        var late = new SamlLogoutRequestReader(new FixedTimeProvider(DateTimeOffset.UtcNow.AddHours(-1)));
        Assert.Equal(SamlRejectionReason.NotYetValid, Assert.Throws<SamlRejectionException>(() => late.ReadRedirect(requestUrl.Query, sp, idp)).Reason);

        var answer = new SamlLogoutResponseBuilder().CreateRedirect(sp, idp, incoming.Id, SamlConstants.StatusSuccess, incoming.RelayState);
        var parsed = (await SamlifyIdentityProvider.RunAsync(new JsonObject
        {
            ["idp"] = SamlifyResponses.Idp(),
            ["logoutResponses"] = new JsonArray(
                new JsonObject { ["name"] = "answer", ["spMetadataFile"] = metadata, ["url"] = answer.RedirectUrl },
                new JsonObject { ["name"] = "forged", ["spMetadataFile"] = metadata, ["url"] = answer.RedirectUrl!.Replace("RelayState=rs", "RelayState=xx", StringComparison.Ordinal) }),
        }))["logoutResponses"]!;
        Assert.True(parsed["answer"]!["ok"]!.GetValue<bool>(), parsed.ToJsonString());
        Assert.Equal(SamlScenario.SpEntityId, parsed["answer"]!["issuer"]!.GetValue<string>());
        Assert.False(parsed["forged"]!["ok"]!.GetValue<bool>(), parsed.ToJsonString());
    }
}
