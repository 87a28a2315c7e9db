namespace ScsFederation.Gxdch;

/// <summary>
/// Stable reason codes for everything a Gaia-X service answer can be refused for (logs, CLI output
/// and tests share them). Credential-level reasons (bad_signature, expired, …) come from
/// <see cref="ScsFederation.Credentials.Verification.Refusal"/> unchanged.
/// </summary>
public static class GxdchRefusal
{
    /// <summary>The service URL is not https (loopback excepted) or its host is not operator-allowed.</summary>
    public const string HostNotAllowed = "host_not_allowed";
    /// <summary>Connection failed or timed out.</summary>
    public const string ServiceUnreachable = "service_unreachable";
    /// <summary>The service answered with a status other than the documented success status.</summary>
    public const string ServiceRefused = "service_refused";
    /// <summary>The answer is larger than the configured cap.</summary>
    public const string ResponseTooLarge = "response_too_large";
    /// <summary>The answer is not what the API documents (not a compact JWS, not a DID document, …).</summary>
    public const string ResponseMalformed = "response_malformed";
    /// <summary>The DID is not a did:web DID this resolver can turn into a URL.</summary>
    public const string DidUnsupported = "did_unsupported";
    /// <summary>The fetched DID document's id is not the DID that was resolved.</summary>
    public const string DidDocumentMismatch = "did_document_mismatch";
    /// <summary>The answer is signed by a DID other than the one configured for that service.</summary>
    public const string IssuerNotPinned = "issuer_not_pinned";
    /// <summary>The answer is about another credential id / subject / registration number than asked for.</summary>
    public const string AnswerMismatch = "answer_mismatch";
    /// <summary>The compliance answer is not a gx:LabelCredential.</summary>
    public const string NotALabel = "not_a_label";
    /// <summary>A label's gx:digestSRI does not recompute over the credential it names.</summary>
    public const string LabelDigestMismatch = "label_digest_mismatch";
    /// <summary>A label names a credential that was not submitted, or names none.</summary>
    public const string LabelUnknownCredential = "label_unknown_credential";
}
