namespace ScsFederation.Credentials.Proofs;

/// <summary>What the detached JWS of a JsonWebSignature2020 proof signs (the payload bytes).</summary>
public enum Jws2020Flavour
{
    /// <summary>Gaia-X compliance service / 22.10 signer: UTF-8 of the lowercase hex SHA-256 of the
    /// RDFC-1.0 canonical N-Quads of the document without its proof (64 ASCII bytes). Proof options are not signed.</summary>
    GaiaX,

    /// <summary>W3C CCG JSON Web Signature 2020: SHA-256(canonical proof options with the document's
    /// @context, without jws) || SHA-256(canonical document without proof) (64 raw bytes).</summary>
    Spec,
}
