using System.Xml;

namespace ScsFederation.Saml;

/// <summary>
/// The only way SAML input is turned into a DOM: no DTD (so no XXE and no entity expansion), no resolver,
/// bounded size. Whitespace is preserved because signatures are computed over it.
/// </summary>
internal static class SamlXmlParser
{
    public static XmlDocument Parse(byte[] xml, long maxCharacters)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersInDocument = maxCharacters,
            MaxCharactersFromEntities = 1024,
            CloseInput = true,
        };
        var document = new XmlDocument { PreserveWhitespace = true, XmlResolver = null };
        try
        {
            using var reader = XmlReader.Create(new MemoryStream(xml, writable: false), settings);
            document.Load(reader);
        }
        catch (XmlException e)
        {
            // The reader refuses a DOCTYPE with an XmlException; name it so the log says what the attack was.
            if (ContainsDoctype(xml))
                throw new SamlRejectionException(SamlRejectionReason.DtdProhibited, "the XML contains a DOCTYPE; DTDs and entities are not accepted", e);
            throw new SamlRejectionException(SamlRejectionReason.MalformedXml, $"the XML is not well-formed or too large: {e.Message}", e);
        }
        if (document.DocumentElement is null)
            throw new SamlRejectionException(SamlRejectionReason.MalformedXml, "the XML has no root element");
        return document;
    }

    private static bool ContainsDoctype(byte[] xml) =>
        xml.AsSpan().IndexOf("<!DOCTYPE"u8) >= 0;
}
