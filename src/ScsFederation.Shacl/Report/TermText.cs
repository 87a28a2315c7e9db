using System.Globalization;
using System.Text;
using ScsFederation.Rdf.Model;

namespace ScsFederation.Shacl.Report;

/// <summary>N-Triples / Turtle spelling of a term (IRIs in angle brackets, escaped literals).</summary>
public static class TermText
{
    public static string Format(RdfTerm term)
    {
        var sb = new StringBuilder();
        Append(sb, term);
        return sb.ToString();
    }

    public static void Append(StringBuilder sb, RdfTerm term)
    {
        switch (term)
        {
            case Iri i: AppendIri(sb, i.Value); break;
            case BlankNode b: sb.Append("_:").Append(b.Label); break;
            case Literal l:
                AppendString(sb, l.Lexical);
                if (l.Language is not null) sb.Append('@').Append(l.Language);
                else if (!l.Datatype.Equals(RdfVocabulary.XsdString)) { sb.Append("^^"); AppendIri(sb, l.Datatype.Value); }
                break;
        }
    }

    private static void AppendIri(StringBuilder sb, string iri)
    {
        sb.Append('<');
        foreach (var c in iri)
        {
            if (c <= 0x20 || c is '<' or '>' or '"' or '{' or '}' or '|' or '^' or '`' or '\\') sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
            else sb.Append(c);
        }
        sb.Append('>');
    }

    public static void AppendString(StringBuilder sb, string s)
    {
        sb.Append('"');
        foreach (var c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                default:
                    if (c < 0x20 || c == 0x7F) sb.Append("\\u").Append(((int)c).ToString("X4", CultureInfo.InvariantCulture));
                    else sb.Append(c);
                    break;
            }
        }
        sb.Append('"');
    }
}
