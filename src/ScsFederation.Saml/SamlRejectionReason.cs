namespace ScsFederation.Saml;

/// <summary>Why a SAML message was refused. Each value names one check, so logs and error pages are specific.</summary>
public enum SamlRejectionReason
{
    /// <summary>The encoded message is larger than the configured limit.</summary>
    MessageTooLarge,
    /// <summary>The message is not valid base64 (or not valid DEFLATE for the redirect binding).</summary>
    MalformedEncoding,
    /// <summary>The XML is not well-formed or exceeds the parser's size limits.</summary>
    MalformedXml,
    /// <summary>The XML carries a DOCTYPE (DTDs, external entities and entity expansion are refused).</summary>
    DtdProhibited,
    /// <summary>The root element is not the expected SAML protocol message, or a required element is missing or malformed.</summary>
    MalformedMessage,
    /// <summary>Two elements carry the same ID attribute (a signature-wrapping precondition).</summary>
    DuplicateId,
    /// <summary>Neither the Response nor the Assertion carries a signature (or the policy requires one that is missing).</summary>
    SignatureMissing,
    /// <summary>The ds:Signature element does not have the structure this SP accepts.</summary>
    SignatureMalformed,
    /// <summary>The signature's Reference does not point at the element that carries it.</summary>
    SignatureReferenceMismatch,
    /// <summary>A canonicalization or transform other than exclusive c14n / enveloped-signature is used.</summary>
    DisallowedTransform,
    /// <summary>SHA-1 signature or digest while the identity provider is not allowed to use SHA-1.</summary>
    WeakAlgorithm,
    /// <summary>A signature or digest algorithm this SP does not implement.</summary>
    UnsupportedAlgorithm,
    /// <summary>The signature does not verify with any signing key from the IdP metadata (modified after signing, or signed by another key).</summary>
    SignatureInvalid,
    /// <summary>The IdP configuration has no usable signing certificate.</summary>
    NoTrustedSigningKey,
    /// <summary>The response does not contain exactly one assertion as a direct child of the Response.</summary>
    AssertionNotUnique,
    /// <summary>The EncryptedAssertion cannot be decrypted with the SP's key, or uses refused algorithms.</summary>
    DecryptionFailed,
    /// <summary>The Issuer is not the configured identity provider.</summary>
    WrongIssuer,
    /// <summary>The Response Destination is not this SP's ACS URL.</summary>
    WrongDestination,
    /// <summary>No bearer SubjectConfirmationData names this SP's ACS URL as Recipient.</summary>
    WrongRecipient,
    /// <summary>The AudienceRestriction does not include this SP's entity id.</summary>
    WrongAudience,
    /// <summary>NotOnOrAfter (Conditions or SubjectConfirmationData) has passed.</summary>
    Expired,
    /// <summary>NotBefore or IssueInstant lies in the future.</summary>
    NotYetValid,
    /// <summary>No bearer SubjectConfirmation is present, or it lacks required data.</summary>
    NoBearerSubjectConfirmation,
    /// <summary>The IdP answered with a status other than Success.</summary>
    StatusNotSuccess,
    /// <summary>InResponseTo does not name a pending request sent by this SP to this IdP.</summary>
    InResponseToMismatch,
    /// <summary>An unsolicited (IdP-initiated) response from an IdP that is not allowed to send one.</summary>
    UnsolicitedNotAllowed,
    /// <summary>The assertion was already used once.</summary>
    Replayed,
    /// <summary>The Subject has no NameID.</summary>
    MissingNameId,
}
