using System.Xml;

namespace ScsFederation.Saml;

/// <summary>
/// Namespace-exact lookups of direct child elements and attributes. No document-wide search: what the validator
/// reads through these is always inside the element whose signature was verified.
/// </summary>
internal static class SamlXmlElements
{
    public static XmlElement? FirstChild(XmlElement parent, string ns, string localName)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement e && e.LocalName == localName && e.NamespaceURI == ns) return e;
        }
        return null;
    }

    public static IEnumerable<XmlElement> Children(XmlElement parent, string ns, string localName)
    {
        for (var node = parent.FirstChild; node is not null; node = node.NextSibling)
        {
            if (node is XmlElement e && e.LocalName == localName && e.NamespaceURI == ns) yield return e;
        }
    }

    public static XmlElement RequiredChild(XmlElement parent, string ns, string localName, string path)
    {
        XmlElement? found = null;
        foreach (var child in Children(parent, ns, localName))
        {
            if (found is not null)
                throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"{path} appears more than once");
            found = child;
        }
        return found ?? throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"{path} is missing");
    }

    public static string? Attribute(XmlElement element, string name) =>
        element.GetAttributeNode(name) is { } attribute ? attribute.Value : null;

    public static DateTimeOffset? Instant(XmlElement element, string name, string path)
    {
        var value = Attribute(element, name);
        if (value is null) return null;
        try
        {
            return new DateTimeOffset(XmlConvert.ToDateTime(value, XmlDateTimeSerializationMode.Utc), TimeSpan.Zero);
        }
        catch (FormatException)
        {
            throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"{path}/@{name} is not an xs:dateTime: '{value}'");
        }
    }
}
