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

    public static void AppendIri(Utf8Buffer buffer, string iri)
    {
        buffer.Append((byte)'<');
        ReadOnlySpan<char> s = iri;
        int runStart = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c > ' ' && c != '<' && c != '>' && c != '"' && c != '{' && c != '}' && c != '|' && c != '^' && c != '`' && c != '\\')
                continue;
            buffer.AppendUtf8(s[runStart..i]);
            AppendUchar(buffer, c);
            runStart = i + 1;
        }
        buffer.AppendUtf8(s[runStart..]);
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
            char c = s[i];
            if (c >= 0x20 && c != '"' && c != '\\' && c != 0x7F) continue;
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
