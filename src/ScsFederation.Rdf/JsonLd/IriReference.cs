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
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '\\' || c == '^' || c == '`')
                return false;
            if (c == '#')
            {
                // RFC 3987: one fragment, and '#' is not allowed inside it.
                if (seenHash) return false;
                seenHash = true;
            }
            else if (c == '%' && (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2])))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Resolves <paramref name="reference"/> against <paramref name="baseIri"/> (RFC 3986 5.2.2). A null base leaves the reference as is.</summary>
    public static string Resolve(string? baseIri, string reference) =>
        baseIri is null ? reference : IriResolver.Resolve(baseIri, reference, DotSegmentRemoval.SegmentWise);
}
