namespace ScsFederation.Rdf.Canonicalization;

/// <summary>The hash function RDFC-1.0 runs with. SHA-256 is the specification's default.</summary>
public enum CanonicalizationHashAlgorithm
{
    Sha256,
    Sha384,
}
