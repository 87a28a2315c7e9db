namespace ScsFederation.Saml;

/// <summary>A request the SP sends to an IdP, ready for either binding.</summary>
/// <param name="Id">The message ID; store it (see <see cref="ToPendingRequest"/>) to match InResponseTo later.</param>
/// <param name="Destination">The IdP endpoint the message is sent to.</param>
/// <param name="Xml">The message XML (signed in the POST form when the SP has a signing certificate).</param>
/// <param name="RedirectUrl">The complete HTTP-Redirect URL (with SigAlg/Signature when signed), or null for POST.</param>
/// <param name="PostValue">The base64 value of the SAMLRequest form field for HTTP-POST, or null for redirect.</param>
public sealed record SamlOutgoingMessage(string Id, string IdentityProviderEntityId, string Destination, string Xml, string? RedirectUrl, string? PostValue, string? RelayState)
{
    public SamlPendingRequest ToPendingRequest(DateTimeOffset notOnOrAfter) => new(Id, IdentityProviderEntityId, notOnOrAfter);
}
