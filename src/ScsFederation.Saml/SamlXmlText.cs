using System.Text;
using System.Xml;

namespace ScsFederation.Saml;

/// <summary>Reads element text the same way exclusive c14n (without comments) sees it.</summary>
internal static class SamlXmlText
{
    /// <summary>
    /// The concatenation of every text node of <paramref name="element"/>, skipping comments. Reading only the first
    /// text node is the classic comment-injection bug: <c>alice@example.org&lt;!----&gt;.evil.com</c> has the signed
    /// canonical text <c>alice@example.org.evil.com</c>, and that full value is what must come out.
    /// </summary>
    public static string ReadSimpleContent(XmlElement element, string what)
    {
        var first = element.FirstChild;
        if (first is null) return string.Empty;
        if (first.NextSibling is null && first is XmlText single) return single.Value ?? string.Empty;

        var text = new StringBuilder();
        for (var node = first; node is not null; node = node.NextSibling)
        {
            switch (node.NodeType)
            {
                case XmlNodeType.Text:
                case XmlNodeType.CDATA:
                case XmlNodeType.Whitespace:
                case XmlNodeType.SignificantWhitespace:
                    text.Append(node.Value);
                    break;
                case XmlNodeType.Comment:
                case XmlNodeType.ProcessingInstruction:
                    break;
                default:
                    throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"{what} must contain text only, found <{node.Name}>");
            }
        }
        return text.ToString();
    }

    /// <summary>Text of all descendant text nodes (attribute values may wrap their value in an element, e.g. a NameID).</summary>
    public static string ReadDeepText(XmlElement element)
    {
        var text = new StringBuilder();
        Append(element, text);
        return text.ToString();

        static void Append(XmlNode node, StringBuilder text)
        {
            for (var child = node.FirstChild; child is not null; child = child.NextSibling)
            {
                switch (child.NodeType)
                {
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                    case XmlNodeType.Whitespace:
                    case XmlNodeType.SignificantWhitespace:
                        text.Append(child.Value);
                        break;
                    case XmlNodeType.Element:
                        Append(child, text);
                        break;
                }
            }
        }
    }
}
