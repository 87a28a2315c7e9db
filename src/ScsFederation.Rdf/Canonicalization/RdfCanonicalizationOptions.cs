namespace ScsFederation.Rdf.Canonicalization;

/// <summary>
/// Settings of one canonicalization. The limits exist because RDFC-1.0 is exponential on
/// adversarial ("poison") graphs; a canonicalizer fed with untrusted input must stop instead of
/// burning CPU (RDFC-1.0 section 4.4 / security considerations).
/// </summary>
public sealed record RdfCanonicalizationOptions
{
    public static RdfCanonicalizationOptions Default { get; } = new();

    public CanonicalizationHashAlgorithm HashAlgorithm { get; init; } = CanonicalizationHashAlgorithm.Sha256;

    /// <summary>
    /// Calls of Hash N-Degree Quads allowed, as a power of the number of blank nodes whose first-degree
    /// hash is not unique: limit = max(1, n)^factor. 0 allows none (only graphs that first-degree hashing
    /// settles). The default 3 (cubic) covers the W3C suite's poison graphs (#test044c needs 468 calls for
    /// 12 such nodes, 1,728 allowed) and still stops the 10-node clique #test074c after 1,000 calls. Ignored when <see cref="MaxHashNDegreeQuadsCalls"/> is set.
    /// </summary>
    public double MaxWorkFactor { get; init; } = 3;

    /// <summary>An absolute cap on Hash N-Degree Quads calls; overrides <see cref="MaxWorkFactor"/> when set.</summary>
    public long? MaxHashNDegreeQuadsCalls { get; init; }

    /// <summary>
    /// Permutations of related blank nodes examined in total. Permutations that recurse are bounded by the
    /// call limit, but a group whose members are all issued already never recurses, so it needs its own cap.
    /// </summary>
    public long MaxPermutations { get; init; } = 1_000_000;
}
