namespace ScsFederation.Rdf.Canonicalization;

/// <summary>
/// Canonicalization was aborted because the input needs more Hash N-Degree Quads work than allowed —
/// typically a poison graph built to exhaust the canonicalizer. Fail closed: the input has no canonical form here.
/// </summary>
public sealed class CanonicalizationLimitExceededException : Exception
{
    public CanonicalizationLimitExceededException(string limitName, long limit, int nonUniqueBlankNodes)
        : base($"RDFC-1.0 canonicalization aborted: {limitName} limit of {limit} exceeded " +
               $"({nonUniqueBlankNodes} blank nodes without a unique first-degree hash); the input may be a poison graph")
    {
        LimitName = limitName;
        Limit = limit;
        NonUniqueBlankNodes = nonUniqueBlankNodes;
    }

    /// <summary>"Hash N-Degree Quads calls" or "permutations".</summary>
    public string LimitName { get; }

    public long Limit { get; }

    public int NonUniqueBlankNodes { get; }
}
