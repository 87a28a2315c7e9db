using ScsFederation.Rdf.Model;

namespace ScsFederation.Rdf.NQuads;

/// <summary>
/// Canonical N-Quads form of single terms, as RDFC-1.0 (section 4.3) and canonical N-Triples
/// require: literals escape only \b \t \n \f \r \" \\ as ECHAR and the other controls
/// (U+0000–U+001F, U+007F) as upper-case \uXXXX; everything else is written as UTF-8 verbatim.
/// IRIs are written verbatim except characters IRIREF forbids, which become \uXXXX so the output
/// always parses again.
/// </summary>
internal static class NQuadsTermEncoder
{
    private static readonly byte[] HexDigits = "0123456789ABCDEF"u8.ToArray();

    public static void AppendTerm(Utf8Buffer buffer, RdfTerm term)
    {
        switch (term.Kind)
        {
            case RdfTermKind.Iri:
                AppendIri(buffer, ((Iri)term).Value);
                break;
            case RdfTermKind.BlankNode:
                buffer.Append("_:"u8);
                buffer.AppendUtf8(((BlankNode)term).Label);
                break;
            default:
                AppendLiteral(buffer, (Literal)term);
                break;
        }
    }

    /// <summary>The canonical bytes of one term; callers cache these per term.</summary>
    public static byte[] Encode(RdfTerm term)
    {
        var buffer = new Utf8Buffer(term is Literal l ? l.Lexical.Length + 48 : 64);
        AppendTerm(buffer, term);
        return buffer.ToArray();
    }

    /// <summary>What an IRI writes as \\u escapes: controls and space (≤ U+0020), &lt; &gt; " { } | ^ ` \\.</summary>
    private static readonly System.Buffers.SearchValues<char> IriEscaped = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x21).Select(c => (char)c)) + "<>\"{}|^`\\");

    /// <summary>What a string literal escapes: controls (&lt; U+0020), U+007F, " and \\.</summary>
    private static readonly System.Buffers.SearchValues<char> StringEscaped = System.Buffers.SearchValues.Create(
        string.Concat(Enumerable.Range(0, 0x20).Select(c => (char)c)) + "\"\\\u007F");

    public static void AppendIri(Utf8Buffer buffer, string iri)
    {
        buffer.Append((byte)'<');
        ReadOnlySpan<char> s = iri;
        // Runs without a character to escape are copied whole; the search for the next one is vectorized.
        int found;
        while ((found = s.IndexOfAny(IriEscaped)) >= 0)
        {
            buffer.AppendUtf8(s[..found]);
            AppendUchar(buffer, s[found]);
            s = s[(found + 1)..];
        }
        buffer.AppendUtf8(s);
        buffer.Append((byte)'>');
    }

    public static void AppendLiteral(Utf8Buffer buffer, Literal literal)
    {
        buffer.Append((byte)'"');
        AppendEscapedString(buffer, literal.Lexical);
        buffer.Append((byte)'"');
        if (literal.Language is not null)
        {
            buffer.Append((byte)'@');
            buffer.AppendUtf8(literal.Language);
            if (literal.Direction is not null)
            {
                buffer.Append("--"u8);
                buffer.AppendUtf8(literal.Direction);
            }
        }
        else if (!ReferenceEquals(literal.Datatype, RdfVocabulary.XsdString)
                 && literal.Datatype.Value != RdfVocabulary.XsdString.Value)
        {
            buffer.Append("^^"u8);
            AppendIri(buffer, literal.Datatype.Value);
        }
    }

    public static void AppendEscapedString(Utf8Buffer buffer, ReadOnlySpan<char> s)
    {
        int runStart = 0;
        for (int i = 0; i < s.Length; i++)
        {
            // Jump (vectorized) to the next character to escape.
            var next = s[i..].IndexOfAny(StringEscaped);
            if (next < 0) break;
            i += next;
            char c = s[i];
            buffer.AppendUtf8(s[runStart..i]);
            runStart = i + 1;
            switch (c)
            {
                case '\b': buffer.Append("\\b"u8); break;
                case '\t': buffer.Append("\\t"u8); break;
                case '\n': buffer.Append("\\n"u8); break;
                case '\f': buffer.Append("\\f"u8); break;
                case '\r': buffer.Append("\\r"u8); break;
                case '"': buffer.Append("\\\""u8); break;
                case '\\': buffer.Append("\\\\"u8); break;
                default: AppendUchar(buffer, c); break;
            }
        }
        buffer.AppendUtf8(s[runStart..]);
    }

    private static void AppendUchar(Utf8Buffer buffer, char c)
    {
        buffer.Append("\\u"u8);
        buffer.Append(HexDigits[(c >> 12) & 0xF]);
        buffer.Append(HexDigits[(c >> 8) & 0xF]);
        buffer.Append(HexDigits[(c >> 4) & 0xF]);
        buffer.Append(HexDigits[c & 0xF]);
    }
}
