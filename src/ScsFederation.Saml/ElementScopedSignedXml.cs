using System.Security.Cryptography.Xml;
using System.Xml;

namespace ScsFederation.Saml;

/// <summary>
/// SignedXml whose same-document references resolve to exactly one element chosen by the caller. The default
/// GetIdElement searches the whole document for Id/ID/id attributes, so the element it digests may differ from
/// the element the caller then reads; here the digested element and the read element are the same node.
/// </summary>
internal sealed class ElementScopedSignedXml : SignedXml
{
    private readonly XmlElement _target;
    private readonly string _targetId;

    public ElementScopedSignedXml(XmlElement target, string targetId) : base(target)
    {
        _target = target;
        _targetId = targetId;
    }

    public override XmlElement? GetIdElement(XmlDocument? document, string idValue) =>
        string.Equals(idValue, _targetId, StringComparison.Ordinal) ? _target : null;
}
