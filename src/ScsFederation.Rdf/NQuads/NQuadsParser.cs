using System.Text;
using ScsFederation.Rdf.Model;

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

    private sealed class Reader(string text, RdfTermInterner terms)
    {
        private readonly string _s = text;
        private int _pos;
        private int _line = 1;
        private int _lineStart;
        private readonly StringBuilder _scratch = new();

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
            bool escaped = false;
            while (true)
            {
                int skip = _s.AsSpan(_pos).IndexOfAny(RdfCharacterClasses.IriStops);
                if (skip < 0) { _pos = _s.Length; throw Error("unterminated IRI"); }
                _pos += skip;
                char c = _s[_pos];
                if (c == '>') break;
                if (c == '\\') { escaped = true; _pos++; if (_pos >= _s.Length) throw Error("unterminated IRI"); _pos++; continue; }
                if (RdfCharacterClasses.IsForbiddenInIri(c)) throw Error($"character U+{(int)c:X4} is not allowed in an IRI");
                _pos++;
            }
            int end = _pos;
            _pos++; // '>'
            if (!escaped)
            {
                var span = _s.AsSpan(start, end - start);
                if (!RdfCharacterClasses.HasScheme(span)) throw ErrorAt(start - 1, "relative IRI; N-Quads requires absolute IRIs");
                return terms.Iri(span);
            }
            _scratch.Clear();
            for (int i = start; i < end; i++)
            {
                char c = _s[i];
                if (c != '\\') { _scratch.Append(c); continue; }
                char kind = _s[i + 1];
                if (kind != 'u' && kind != 'U') throw ErrorAt(i, "only \\u and \\U escapes are allowed in an IRI");
                int cp = ReadUcharAt(i);
                if (RdfCharacterClasses.IsForbiddenInIri(cp)) throw ErrorAt(i, $"escaped character U+{cp:X4} is not allowed in an IRI");
                AppendCodePoint(cp);
                i += kind == 'u' ? 5 : 9;
            }
            string value = _scratch.ToString();
            if (!RdfCharacterClasses.HasScheme(value)) throw ErrorAt(start - 1, "relative IRI; N-Quads requires absolute IRIs");
            return terms.Iri(value);
        }

        private BlankNode ReadBlankNode()
        {
            int start = _pos;
            if (_pos + 1 >= _s.Length || _s[_pos + 1] != ':') throw Error("expected '_:' of a blank node label");
            _pos += 2;
            int labelStart = _pos;
            int cp = CodePointAt(_pos, out int width);
            if (!(RdfCharacterClasses.IsPnCharsU(cp) || (cp >= '0' && cp <= '9'))) throw Error("invalid first character of a blank node label");
            _pos += width;
            while (_pos < _s.Length)
            {
                cp = CodePointAt(_pos, out width);
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
            _ = start;
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
                int tagStart = ++_pos;
                while (_pos < _s.Length && char.IsAsciiLetter(_s[_pos])) _pos++;
                if (_pos == tagStart) throw Error("empty language tag");
                while (_pos < _s.Length && _s[_pos] == '-')
                {
                    int sub = ++_pos;
                    while (_pos < _s.Length && char.IsAsciiLetterOrDigit(_s[_pos])) _pos++;
                    if (_pos == sub) throw Error("empty language subtag");
                }
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

        private string Unescape(int start, int end)
        {
            _scratch.Clear();
            for (int i = start; i < end; i++)
            {
                char c = _s[i];
                if (c != '\\') { _scratch.Append(c); continue; }
                char kind = i + 1 < end ? _s[i + 1] : '\0';
                switch (kind)
                {
                    case 't': _scratch.Append('\t'); i++; break;
                    case 'b': _scratch.Append('\b'); i++; break;
                    case 'n': _scratch.Append('\n'); i++; break;
                    case 'r': _scratch.Append('\r'); i++; break;
                    case 'f': _scratch.Append('\f'); i++; break;
                    case '"': _scratch.Append('"'); i++; break;
                    case '\'': _scratch.Append('\''); i++; break;
                    case '\\': _scratch.Append('\\'); i++; break;
                    case 'u':
                        AppendCodePoint(ReadUcharAt(i));
                        i += 5;
                        break;
                    case 'U':
                        AppendCodePoint(ReadUcharAt(i));
                        i += 9;
                        break;
                    default:
                        throw ErrorAt(i, $"invalid escape sequence '\\{kind}'");
                }
            }
            return _scratch.ToString();
        }

        /// <summary>Decodes \uXXXX or \UXXXXXXXX starting at the backslash.</summary>
        private int ReadUcharAt(int backslash)
        {
            int digits = _s[backslash + 1] == 'u' ? 4 : 8;
            if (backslash + 2 + digits > _s.Length) throw ErrorAt(backslash, "truncated \\u escape");
            int cp = 0;
            for (int k = 0; k < digits; k++)
            {
                int h = RdfCharacterClasses.HexValue(_s[backslash + 2 + k]);
                if (h < 0) throw ErrorAt(backslash, "invalid hex digit in \\u escape");
                cp = (cp << 4) | h;
            }
            if (cp > 0x10FFFF || cp < 0 || (cp >= 0xD800 && cp <= 0xDFFF)) throw ErrorAt(backslash, $"escape is not a Unicode scalar value (U+{cp:X})");
            return cp;
        }

        private void AppendCodePoint(int cp)
        {
            if (cp < 0x10000) _scratch.Append((char)cp);
            else _scratch.Append(char.ConvertFromUtf32(cp));
        }

        private int CodePointAt(int index, out int width)
        {
            width = 1;
            if (index >= _s.Length) return -1;
            char c = _s[index];
            if (char.IsHighSurrogate(c) && index + 1 < _s.Length && char.IsLowSurrogate(_s[index + 1]))
            {
                width = 2;
                return char.ConvertToUtf32(c, _s[index + 1]);
            }
            return c;
        }

        private RdfSyntaxException Error(string reason) => ErrorAt(_pos, reason);

        private RdfSyntaxException ErrorAt(int index, string reason) =>
            new(FormatName, _line, Math.Max(1, index - _lineStart + 1), reason);
    }
}
