namespace ScsFederation.Credentials.Verification;

/// <summary>Stable reason codes for every refusal (logs, CLI output and tests share them).</summary>
public static class Refusal
{
    /// <summary>Not a compact JWS / not JSON / not a credential object.</summary>
    public const string Malformed = "malformed";
    /// <summary><c>alg: none</c> (or a missing alg): unsecured JWS are never accepted.</summary>
    public const string AlgNone = "alg_none";
    public const string AlgUnsupported = "alg_unsupported";
    /// <summary>The JWS alg does not fit the key (kty/crv, the JWK's own alg, use).</summary>
    public const string AlgKeyMismatch = "alg_key_mismatch";
    public const string KidMissing = "kid_missing";
    /// <summary>The kid is not a verificationMethod id of the DID document (exact match) / not in the JWKS.</summary>
    public const string KidNotFound = "kid_not_found";
    /// <summary>The key exists but cannot be used (wrong type, no publicKeyJwk, private key published, too short).</summary>
    public const string KeyUnusable = "key_unusable";
    public const string BadSignature = "bad_signature";
    public const string Expired = "expired";
    public const string NotYetValid = "not_yet_valid";
    /// <summary>The header typ/cty is none of the accepted profiles, or says VC for a VP (or the reverse).</summary>
    public const string TypNotAccepted = "typ_not_accepted";
    /// <summary>A <c>crit</c> header parameter this verifier does not understand (RFC 7515 §4.1.11).</summary>
    public const string CritUnsupported = "crit_unsupported";
    /// <summary>Header iss, payload iss, issuer/holder and the kid's DID do not agree.</summary>
    public const string IssuerMismatch = "issuer_mismatch";
    /// <summary>The credential lacks required members or has invalid dates.</summary>
    public const string InvalidCredential = "invalid_credential";
    /// <summary>A presentation's enveloped credential was refused (its own result says why).</summary>
    public const string EnvelopedCredentialRefused = "enveloped_credential_refused";
    public const string ProofMissing = "proof_missing";
    public const string ProofUnsupported = "proof_unsupported";
    /// <summary>JSON-LD expansion or RDFC-1.0 canonicalization failed (unknown context, limits).</summary>
    public const string CanonicalizationFailed = "canonicalization_failed";
    public const string DigestMismatch = "digest_mismatch";
    public const string X5uMalformed = "x5u_malformed";
    /// <summary>The certificate chain's leaf public key is not the JWK.</summary>
    public const string X5uLeafKeyMismatch = "x5u_leaf_key_mismatch";
    /// <summary>The leaf's subject alternative names do not cover the DID's host.</summary>
    public const string X5uSanMismatch = "x5u_san_mismatch";
    /// <summary>The chain does not link (issuer/signature), or a certificate is expired / not yet valid.</summary>
    public const string X5uChainInvalid = "x5u_chain_invalid";
    /// <summary>The chain ends in a self-signed root that is neither trusted nor allowed (lab mode).</summary>
    public const string X5uUntrustedRoot = "x5u_untrusted_root";
}
