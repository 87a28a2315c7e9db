using System.Xml;

namespace ScsFederation.Saml;

/// <summary>
/// Every element carrying the SAML <c>ID</c> attribute. Duplicate IDs are refused outright: with two candidates,
/// "which element did the signature cover" has more than one answer, which is what signature wrapping exploits.
/// </summary>
internal static class SamlIdIndex
{
    public static void RequireUniqueIds(XmlDocument document)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        Walk(document.DocumentElement!, seen);

        static void Walk(XmlElement element, HashSet<string> seen)
        {
            var id = element.GetAttributeNode("ID");
            if (id is not null && !seen.Add(id.Value))
                throw new SamlRejectionException(SamlRejectionReason.DuplicateId, $"ID '{id.Value}' is used by more than one element");
            for (var node = element.FirstChild; node is not null; node = node.NextSibling)
            {
                if (node is XmlElement child) Walk(child, seen);
            }
        }
    }
}
