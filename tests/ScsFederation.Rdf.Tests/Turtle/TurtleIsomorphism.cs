using ScsFederation.Rdf.Canonicalization;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.NQuads;

namespace ScsFederation.Rdf.Tests.Turtle;

/// <summary>Compares a parsed dataset with hand-written N-Quads up to blank-node renaming (via RDFC-1.0).</summary>
internal static class TurtleIsomorphism
{
    public static void AssertIsomorphic(string expectedNQuads, RdfDataset actual)
    {
        var expected = NQuadsParser.Parse(expectedNQuads);
        var canon = new RdfCanonicalizer();
        Assert.Equal(canon.Canonicalize(expected).NQuads, canon.Canonicalize(actual).NQuads);
    }
}
