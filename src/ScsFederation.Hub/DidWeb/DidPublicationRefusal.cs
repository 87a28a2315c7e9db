using ScsFederation.Credentials.Verification;

namespace ScsFederation.Hub.DidWeb;

/// <summary>
/// Why the hub did not publish an issuer's key (log, admin API, tests). The certificate checks reuse the credential
/// library's x5u codes, so a verifier and the publishing hub name the same defect alike.
/// </summary>
public static class DidPublicationRefusal
{
    /// <summary>No <c>certificateChain</c> configured yet: the key waits for the operator's certificate (see its CSR).</summary>
    public const string CertificateMissing = "certificate_missing";
    /// <summary>The chain file cannot be read.</summary>
    public const string CertificateUnreadable = "certificate_unreadable";
    public const string X5uMalformed = Refusal.X5uMalformed;
    public const string LeafKeyMismatch = Refusal.X5uLeafKeyMismatch;
    public const string SanMismatch = Refusal.X5uSanMismatch;
    public const string ChainInvalid = Refusal.X5uChainInvalid;
    /// <summary>The registry does not list the root (or was not asked) and self-signed lab chains are not allowed.</summary>
    public const string UntrustedRoot = Refusal.X5uUntrustedRoot;
}
