using ScsFederation.Rdf.NQuads;
using ScsFederation.Rdf.Syntax;

namespace ScsFederation.Rdf.JsonLd;

/// <summary>
/// IRI reference handling JSON-LD needs: absolute-IRI test, RFC 3986 section 5.2 resolution (no
/// normalization beyond dot-segment removal, as the JSON-LD API requires) and the well-formedness test
/// the RDF deserialization uses to drop quads with unusable IRIs.
/// </summary>
internal static class IriReference
{
    /// <summary>True when <paramref name="value"/> starts with a scheme and a colon (RFC 3986 <c>scheme ":"</c>).</summary>
    public static bool IsAbsolute(string value) => RdfCharacterClasses.HasScheme(value);

    /// <summary>An absolute IRI without characters that IRIs may not contain (space, angle brackets, quotes, braces, ...).</summary>
    public static bool IsWellFormedAbsolute(string value)
    {
        if (!IsAbsolute(value)) return false;
        bool seenHash = false;
        var span = value.AsSpan();
        // Jump (vectorized) from one character that needs a look to the next: the forbidden ones, '#' and '%'.
        for (int i = span.IndexOfAny(Special); i >= 0; )
        {
            char c = span[i];
            if (c == '#')
            {
                // RFC 3987: one fragment, and '#' is not allowed inside it.
                if (seenHash) return false;
                seenHash = true;
            }
            else if (c == '%')
            {
                if (i + 2 >= span.Length || !char.IsAsciiHexDigit(span[i + 1]) || !char.IsAsciiHexDigit(span[i + 2])) return false;
            }
            else
            {
                return false;
            }
            var next = span[(i + 1)..].IndexOfAny(Special);
            i = next < 0 ? -1 : i + 1 + next;
        }
        return true;
    }

    /// <summary>Characters <see cref="IsWellFormedAbsolute"/> looks at: controls and space (≤ U+0020), &lt; &gt; " { } | \ ^ `, and '#', '%'.</summary>
    private static readonly System.Buffers.SearchValues<char> Special = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x21).Select(c => (char)c)) + "<>\"{}|\\^`#%");

    /// <summary>Resolves <paramref name="reference"/> against <paramref name="baseIri"/> (RFC 3986 5.2.2). A null base leaves the reference as is.</summary>
    public static string Resolve(string? baseIri, string reference) =>
        baseIri is null ? reference : IriResolver.Resolve(baseIri, reference, DotSegmentRemoval.SegmentWise);
}
