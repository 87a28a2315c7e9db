using System.IO.Compression;
using System.Xml;

namespace ScsFederation.Saml.Tests;

/// <summary>HTTP-Redirect encoding of the hub's AuthnRequest, and the limits on what the hub inflates.</summary>
public sealed class SamlRedirectBindingTests
{
    [Fact]
    public void AuthnRequest_redirect_carries_the_request_relay_state_and_a_signature()
    {
        var idp = SamlScenario.IdentityProvider() with { RequestedNameIdFormat = SamlConstants.NameIdFormats.Persistent };
        var message = new SamlAuthnRequestBuilder().CreateRedirect(SamlScenario.ServiceProvider(), idp, relayState: "r&s=1");
        var url = new Uri(message.RedirectUrl!);
        Assert.Equal(SamlScenario.IdpSsoUrl, url.GetLeftPart(UriPartial.Path));
        var query = url.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => Uri.UnescapeDataString(p[1]));
        Assert.Equal(["SAMLRequest", "RelayState", "SigAlg", "Signature"], query.Keys);
        Assert.Equal("r&s=1", query["RelayState"]);
        Assert.Equal(SamlConstants.Algorithms.RsaSha256, query["SigAlg"]);

        using var inflate = new DeflateStream(new MemoryStream(Convert.FromBase64String(query["SAMLRequest"])), CompressionMode.Decompress);
        var doc = new XmlDocument();
        doc.Load(inflate);
        var root = doc.DocumentElement!;
        Assert.Equal("AuthnRequest", root.LocalName);
        Assert.Equal(message.Id, root.GetAttribute("ID"));
        Assert.Equal(SamlScenario.Acs, root.GetAttribute("AssertionConsumerServiceURL"));
        Assert.Equal(SamlConstants.HttpPostBinding, root.GetAttribute("ProtocolBinding"));
        Assert.Equal(SamlConstants.NameIdFormats.Persistent, ((XmlElement)root.GetElementsByTagName("NameIDPolicy", SamlConstants.ProtocolNamespace)[0]!).GetAttribute("Format"));
        Assert.Equal(SamlScenario.SpEntityId, root.GetElementsByTagName("Issuer", SamlConstants.AssertionNamespace)[0]!.InnerText);
    }

    [Fact]
    public void Message_ids_are_unpredictable_and_valid_xml_ids()
    {
        var ids = Enumerable.Range(0, 100).Select(_ => SamlMessageId.Create()).ToHashSet();
        Assert.Equal(100, ids.Count);
        Assert.All(ids, id => Assert.Equal(id, XmlConvert.VerifyNCName(id)));
    }

    [Fact]
    public void Deflate_bomb_is_refused_while_inflating()
    {
        var bomb = Convert.ToBase64String(SamlRedirectBinding.Deflate(new string('a', SamlRedirectBinding.MaxInflatedBytes + 1)));
        Assert.True(bomb.Length < 4096);
        Assert.Equal(SamlRejectionReason.MessageTooLarge, Assert.Throws<SamlRejectionException>(() => SamlRedirectBinding.Inflate(bomb)).Reason);
    }

    [Fact]
    public void Unsigned_redirect_message_is_refused()
    {
        var query = "SAMLResponse=" + Uri.EscapeDataString(Convert.ToBase64String(SamlRedirectBinding.Deflate("<x/>")));
        var e = Assert.Throws<SamlRejectionException>(() => SamlRedirectBinding.ReadVerified(query, "SAMLResponse", [TestKeys.IdpCertificate], false, out _));
        Assert.Equal(SamlRejectionReason.SignatureMissing, e.Reason);
    }
}
