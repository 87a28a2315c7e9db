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
        RequireMaxDepth(document);
        return document;
    }

    /// <summary>Deepest element nesting accepted; SAML messages and metadata stay far below it.</summary>
    public const int MaxDepth = 64;

    /// <summary>
    /// Refuses documents nested deeper than <see cref="MaxDepth"/>. The DOM loads deep input iteratively, but
    /// canonicalization and other tree walks recurse: a few hundred kilobytes of nested tags would otherwise
    /// overflow the stack and take the whole process down.
    /// </summary>
    public static void RequireMaxDepth(XmlDocument document)
    {
        XmlNode root = document.DocumentElement!;
        var current = root;
        var depth = 1;
        while (true)
        {
            if (FirstElement(current.FirstChild) is { } child)
            {
                if (++depth > MaxDepth)
                    throw new SamlRejectionException(SamlRejectionReason.MalformedXml, $"the XML nests elements deeper than {MaxDepth} levels");
                current = child;
                continue;
            }
            // No element children: continue with the next element sibling, climbing up as needed.
            while (true)
            {
                if (current == root) return;
                if (FirstElement(current.NextSibling) is { } sibling)
                {
                    current = sibling;
                    break;
                }
                current = current.ParentNode!;
                depth--;
            }
        }

        static XmlNode? FirstElement(XmlNode? node)
        {
            for (; node is not null; node = node.NextSibling)
            {
                if (node is XmlElement) return node;
            }
            return null;
        }
    }

    private static bool ContainsDoctype(byte[] xml) =>
        xml.AsSpan().IndexOf("<!DOCTYPE"u8) >= 0;
}
