using System.Text;
using System.Xml;

namespace ScsFederation.Saml.Tests;

/// <summary>
/// Attack variants made from a samlify-signed response: the eight XML Signature Wrapping layouts of
/// Somorovsky et al. ("On Breaking SAML", 2012, numbering as in SAML Raider) and plain tampering.
/// An "evil" assertion claims <see cref="SamlifyResponses.EvilNameId"/> and the group "cloud-admins".
/// </summary>
internal static class ResponseMutations
{
    private const string P = SamlConstants.ProtocolNamespace;
    private const string A = SamlConstants.AssertionNamespace;
    private const string Ds = SamlConstants.XmlDsigNamespace;

    public static string Base64(XmlDocument document) => Convert.ToBase64String(Encoding.UTF8.GetBytes(document.OuterXml));

    public static XmlDocument Load(string xml)
    {
        var document = new XmlDocument { PreserveWhitespace = true };
        document.LoadXml(xml);
        return document;
    }

    /// <summary>Applies XSW1..XSW8; XSW1/2 expect a Response-signed base, XSW3..8 an Assertion-signed base.</summary>
    public static string Xsw(int variant, string signedXml)
    {
        var doc = Load(signedXml);
        var response = doc.DocumentElement!;
        var assertion = Child(response, A, "Assertion");
        switch (variant)
        {
            case 1:
            {
                // Evil Response at the root; the signed original moves into the root's ds:Signature.
                var original = WithoutSignature((XmlElement)response.CloneNode(true));
                Child(response, Ds, "Signature").AppendChild(original);
                response.SetAttribute("ID", "_evil_response");
                InjectEvilIdentity(assertion, newId: "_evil_assertion");
                break;
            }
            case 2:
            {
                // Same, but the original sits next to the signature (detached-signature layout).
                var original = WithoutSignature((XmlElement)response.CloneNode(true));
                response.InsertBefore(original, Child(response, Ds, "Signature"));
                response.SetAttribute("ID", "_evil_response");
                InjectEvilIdentity(assertion, newId: "_evil_assertion");
                break;
            }
            case 3:
            {
                // Evil unsigned Assertion placed before the signed one.
                var evil = WithoutSignature((XmlElement)assertion.CloneNode(true));
                InjectEvilIdentity(evil, newId: "_evil_assertion");
                response.InsertBefore(evil, assertion);
                break;
            }
            case 4:
            {
                // Evil Assertion replaces the original, which becomes its child.
                var evil = WithoutSignature((XmlElement)assertion.CloneNode(true));
                InjectEvilIdentity(evil, newId: "_evil_assertion");
                response.ReplaceChild(evil, assertion);
                evil.AppendChild(assertion);
                break;
            }
            case 5:
            {
                // Original modified in place (new ID, keeps its Signature); unsigned copy of the original at the end.
                var copy = WithoutSignature((XmlElement)assertion.CloneNode(true));
                InjectEvilIdentity(assertion, newId: "_evil_assertion");
                response.AppendChild(copy);
                break;
            }
            case 6:
            {
                // Original modified in place (new ID); unsigned copy of the original inside its Signature.
                var copy = WithoutSignature((XmlElement)assertion.CloneNode(true));
                Child(assertion, Ds, "Signature").AppendChild(copy);
                InjectEvilIdentity(assertion, newId: "_evil_assertion");
                break;
            }
            case 7:
            {
                // samlp:Extensions before the Assertion holding an evil copy with the same ID.
                var extensions = doc.CreateElement("samlp", "Extensions", P);
                var evil = WithoutSignature((XmlElement)assertion.CloneNode(true));
                InjectEvilIdentity(evil, newId: null);
                extensions.AppendChild(evil);
                response.InsertBefore(extensions, assertion);
                break;
            }
            case 8:
            {
                // Original modified in place (same ID); unsigned original copy in a ds:Object inside its Signature.
                var copy = WithoutSignature((XmlElement)assertion.CloneNode(true));
                var obj = doc.CreateElement("ds", "Object", Ds);
                obj.AppendChild(copy);
                Child(assertion, Ds, "Signature").AppendChild(obj);
                InjectEvilIdentity(assertion, newId: null);
                break;
            }
            default:
                throw new ArgumentOutOfRangeException(nameof(variant));
        }
        return Base64(doc);
    }

    /// <summary>Changes the identity after signing (the digest no longer matches).</summary>
    public static string Tamper(string signedXml)
    {
        var doc = Load(signedXml);
        InjectEvilIdentity(Child(doc.DocumentElement!, A, "Assertion"), newId: null);
        return Base64(doc);
    }

    public static string RemoveSignatures(string xml)
    {
        var doc = Load(xml);
        foreach (var signature in doc.GetElementsByTagName("Signature", Ds).Cast<XmlElement>().ToList())
            signature.ParentNode!.RemoveChild(signature);
        InjectEvilIdentity(Child(doc.DocumentElement!, A, "Assertion"), newId: null);
        return Base64(doc);
    }

    public static string Edit(string xml, Action<XmlDocument> edit)
    {
        var doc = Load(xml);
        edit(doc);
        return Base64(doc);
    }

    public static XmlElement Child(XmlElement parent, string ns, string local) =>
        parent.ChildNodes.OfType<XmlElement>().First(e => e.NamespaceURI == ns && e.LocalName == local);

    private static XmlElement WithoutSignature(XmlElement element)
    {
        foreach (var signature in element.ChildNodes.OfType<XmlElement>().Where(e => e.NamespaceURI == Ds && e.LocalName == "Signature").ToList())
            element.RemoveChild(signature);
        return element;
    }

    private static void InjectEvilIdentity(XmlElement assertion, string? newId)
    {
        if (newId is not null) assertion.SetAttribute("ID", newId);
        var nameId = (XmlElement)assertion.GetElementsByTagName("NameID", A)[0]!;
        nameId.InnerText = SamlifyResponses.EvilNameId;
        foreach (XmlElement attribute in assertion.GetElementsByTagName("Attribute", A))
        {
            if (attribute.GetAttribute("Name") != "groups") continue;
            var value = (XmlElement)attribute.GetElementsByTagName("AttributeValue", A)[0]!.CloneNode(true);
            value.InnerText = "cloud-admins";
            attribute.AppendChild(value);
        }
    }
}
