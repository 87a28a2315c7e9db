using System.Text;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.Syntax;

namespace ScsFederation.Rdf.NQuads;

/// <summary>
/// Strict N-Quads 1.1 reader (also reads N-Triples). Every deviation from the grammar — relative
/// IRIs, bad escapes, missing dots, unterminated strings — is an <see cref="RdfSyntaxException"/>
/// with line and column; nothing is silently repaired. Single pass, no recursion, no regular expressions.
/// </summary>
public static class NQuadsParser
{
    private const string FormatName = "N-Quads";

    public static RdfDataset Parse(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dataset = new RdfDataset(Math.Max(16, text.Length / 80));
        var reader = new Reader(text, new RdfTermInterner(Math.Min(2048, text.Length / 128)));
        reader.ReadAll(dataset, cancellationToken);
        return dataset;
    }

    public static async Task<RdfDataset> ParseAsync(TextReader input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        string text = await input.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return Parse(text, cancellationToken);
    }

    public static async Task<RdfDataset> ParseAsync(Stream input, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: false, leaveOpen: true);
        return await ParseAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private sealed class Reader(string text, RdfTermInterner terms) : RdfTextScanner(text)
    {
        private int _line = 1;
        private int _lineStart;

        public void ReadAll(RdfDataset dataset, CancellationToken cancellationToken)
        {
            if (_s.Length > 0 && _s[0] == '\uFEFF') _pos = _lineStart = 1; // a UTF-8 byte order mark is not content
            while (true)
            {
                SkipBlankLinesAndComments();
                if (_pos >= _s.Length) return;
                if ((_line & 0x3FF) == 0) cancellationToken.ThrowIfCancellationRequested();
                dataset.Add(ReadStatement());
            }
        }

        private Quad ReadStatement()
        {
            RdfTerm subject = Peek() switch
            {
                '<' => ReadIri(),
                '_' => ReadBlankNode(),
                _ => throw Error("expected an IRI or blank node as subject"),
            };
            SkipSpaces();
            if (Peek() != '<') throw Error("expected an IRI as predicate");
            RdfTerm predicate = ReadIri();
            SkipSpaces();
            RdfTerm obj = Peek() switch
            {
                '<' => ReadIri(),
                '_' => ReadBlankNode(),
                '"' => ReadLiteral(),
                _ => throw Error("expected an IRI, blank node or literal as object"),
            };
            SkipSpaces();
            RdfTerm? graph = null;
            char c = Peek();
            if (c == '<') graph = ReadIri();
            else if (c == '_') graph = ReadBlankNode();
            SkipSpaces();
            if (Peek() != '.') throw Error(graph is null && c != '.' ? "expected a graph label or '.'" : "expected '.' at the end of the statement");
            _pos++;
            SkipSpaces();
            if (_pos < _s.Length)
            {
                c = _s[_pos];
                if (c == '#') SkipToEndOfLine();
                else if (c != '\n' && c != '\r') throw Error("expected end of line after '.'");
            }
            return new Quad(subject, predicate, obj, graph);
        }

        private char Peek() => _pos < _s.Length ? _s[_pos] : '\0';

        private void SkipSpaces()
        {
            while (_pos < _s.Length && (_s[_pos] == ' ' || _s[_pos] == '\t')) _pos++;
        }

        private void SkipToEndOfLine()
        {
            while (_pos < _s.Length && _s[_pos] != '\n' && _s[_pos] != '\r') _pos++;
        }

        private void SkipBlankLinesAndComments()
        {
            while (_pos < _s.Length)
            {
                char c = _s[_pos];
                if (c == ' ' || c == '\t') _pos++;
                else if (c == '\n' || c == '\r')
                {
                    _pos++;
                    if (c == '\r' && _pos < _s.Length && _s[_pos] == '\n') _pos++;
                    _line++;
                    _lineStart = _pos;
                }
                else if (c == '#') SkipToEndOfLine();
                else return;
            }
        }

        private Iri ReadIri()
        {
            int start = ++_pos; // after '<'
            if (!ScanIriRef(out bool escaped)) { _pos = _s.Length; throw Error("unterminated IRI"); }
            int end = _pos;
            _pos++; // '>'
            if (!escaped)
            {
                var span = _s.AsSpan(start, end - start);
                if (!RdfCharacterClasses.HasScheme(span)) throw ErrorAt(start - 1, "relative IRI; N-Quads requires absolute IRIs");
                return terms.Iri(span);
            }
            string value = UnescapeIri(start, end);
            if (!RdfCharacterClasses.HasScheme(value)) throw ErrorAt(start - 1, "relative IRI; N-Quads requires absolute IRIs");
            return terms.Iri(value);
        }

        private BlankNode ReadBlankNode()
        {
            int labelStart = ScanBlankNodeLabelStart();
            while (_pos < _s.Length)
            {
                int cp = CodePointAt(_pos, out int width);
                if (RdfCharacterClasses.IsPnChars(cp)) { _pos += width; continue; }
                if (cp == '.')
                {
                    // A '.' belongs to the label only if a name character follows it.
                    int next = _pos + 1;
                    while (next < _s.Length && _s[next] == '.') next++;
                    if (next < _s.Length && RdfCharacterClasses.IsPnChars(CodePointAt(next, out _))) { _pos = next; continue; }
                }
                break;
            }
            return terms.BlankNode(_s.AsSpan(labelStart, _pos - labelStart));
        }

        private Literal ReadLiteral()
        {
            int start = ++_pos; // after '"'
            bool escaped = false;
            while (true)
            {
                int skip = _pos < _s.Length ? _s.AsSpan(_pos).IndexOfAny(RdfCharacterClasses.DoubleQuoteStringStops) : -1;
                if (skip < 0) throw ErrorAt(start - 1, "unterminated string literal");
                _pos += skip;
                char c = _s[_pos];
                if (c == '"') break;
                if (c == '\n' || c == '\r') throw Error("line break inside a string literal (use \\n or \\r)");
                if (c == '\\') { escaped = true; _pos += 2; continue; }
                _pos++;
            }
            int end = _pos;
            _pos++;
            string lexical = escaped ? Unescape(start, end) : _s.Substring(start, end - start);
            char next = Peek();
            if (next == '@')
            {
                int tagStart = ScanLanguageTag();
                return new Literal(lexical, RdfVocabulary.RdfLangString, _s.Substring(tagStart, _pos - tagStart));
            }
            if (next == '^')
            {
                if (_pos + 1 >= _s.Length || _s[_pos + 1] != '^') throw Error("expected '^^' before a datatype IRI");
                _pos += 2;
                if (Peek() != '<') throw Error("expected a datatype IRI after '^^'");
                var datatype = ReadIri();
                if (ReferenceEquals(datatype, RdfVocabulary.RdfLangString)) throw Error("rdf:langString literal without a language tag");
                return new Literal(lexical, datatype);
            }
            return new Literal(lexical, RdfVocabulary.XsdString);
        }

        protected override RdfSyntaxException ErrorAt(int index, string reason) =>
            new(FormatName, _line, Math.Max(1, index - _lineStart + 1), reason);
    }
}
