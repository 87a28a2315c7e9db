using System.Globalization;
using System.Text;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.NQuads;
using ScsFederation.Rdf.Syntax;

namespace ScsFederation.Rdf.Turtle;

/// <summary>
/// Turtle 1.1 reader: @prefix/@base and SPARQL-style PREFIX/BASE, prefixed names with local escapes,
/// collections, blank-node property lists, all four string forms, numeric and boolean shorthands.
/// </summary>
/// <remarks>
/// Nesting ('[' and '(') is kept on an explicit heap stack, not the call stack, so hostile input with
/// deeply nested lists or property lists cannot overflow the stack. Blank nodes get fresh labels
/// (b0, b1, …): document labels are document-scoped and generated ones must not collide with them.
/// </remarks>
public sealed class TurtleParser
{
    private const string FormatName = "Turtle";

    private readonly string? _baseIri;

    /// <param name="baseIri">Base IRI for relative references until the document sets its own; null means relative IRIs are errors.</param>
    public TurtleParser(string? baseIri = null) => _baseIri = baseIri;

    public RdfDataset Parse(string text, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(text);
        var dataset = new RdfDataset(Math.Max(16, text.Length / 12)); // ~14 bytes per triple in typical Turtle; avoid a final rehash
        new Reader(text, _baseIri, dataset, cancellationToken).ReadDocument();
        return dataset;
    }

    public async Task<RdfDataset> ParseAsync(TextReader input, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        string text = await input.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
        return Parse(text, cancellationToken);
    }

    public async Task<RdfDataset> ParseAsync(Stream input, CancellationToken cancellationToken = default)
    {
        using var reader = new StreamReader(input, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true, leaveOpen: true);
        return await ParseAsync(reader, cancellationToken).ConfigureAwait(false);
    }

    private enum FrameKind : byte { Statement, PropertyList, Collection }

    private enum FrameState : byte
    {
        ExpectSubject,
        ExpectVerb,              // a verb is required
        ExpectVerbOrEnd,         // after ';' or after a non-empty [ … ] subject: verb, or the end of the list
        ExpectVerbOrClose,       // just after '[': verb or ']' (ANON)
        ExpectObject,
        AfterObject,             // ',' ';' or the end ('.' / ']')
        ExpectItem,              // collection: object or ')'
    }

    private sealed class Frame
    {
        public FrameKind Kind;
        public FrameState State;
        public RdfTerm? Subject;
        public RdfTerm? Predicate;
        public BlankNode? ListHead;   // collection: first node
        public BlankNode? ListTail;   // collection: last node
        public bool HasTriples;       // property list: not ANON
        public int Start;             // position of the opening bracket, for errors
    }

    private sealed class Reader(string text, string? baseIri, RdfDataset dataset, CancellationToken cancellationToken) : RdfTextScanner(text)
    {
        private string? _base = baseIri;
        private readonly Dictionary<string, string> _prefixes = new(StringComparer.Ordinal);
        private readonly Dictionary<string, BlankNode> _labels = new(StringComparer.Ordinal);
        private readonly RdfTermInterner _terms = new(Math.Min(2048, text.Length / 256));
        private readonly Dictionary<string, Iri> _expandedNames = new(StringComparer.Ordinal);
        private const int MaxCachedLiteralChars = 256;
        private readonly Dictionary<string, Literal> _literals = new(Math.Min(4096, text.Length / 256), StringComparer.Ordinal);
        private Dictionary<string, Literal>.AlternateLookup<ReadOnlySpan<char>> _literalLookup;
        private readonly List<Frame> _stack = new();
        private readonly Stack<Frame> _pool = new();
        private int _blankCounter;
        private int _statements;

        private Dictionary<string, Iri>.AlternateLookup<ReadOnlySpan<char>> PrefixedNameCache => _expandedNames.GetAlternateLookup<ReadOnlySpan<char>>();

        public void ReadDocument()
        {
            if (_s.Length > 0 && _s[0] == '\uFEFF') _pos = 1;
            _literalLookup = _literals.GetAlternateLookup<ReadOnlySpan<char>>();
            var names = PrefixedNameCache;
            while (true)
            {
                SkipWhitespace();
                if (_stack.Count == 0)
                {
                    if (_pos >= _s.Length) return;
                    if ((++_statements & 0xFF) == 0) cancellationToken.ThrowIfCancellationRequested();
                    if (TryReadDirective()) continue;
                    Push(FrameKind.Statement, FrameState.ExpectSubject, null, _pos);
                    continue;
                }
                if (_pos >= _s.Length) throw Unterminated();
                var frame = _stack[^1];
                char c = _s[_pos];
                switch (frame.State)
                {
                    case FrameState.ExpectSubject:
                        if (c == '[') { _pos++; Push(FrameKind.PropertyList, FrameState.ExpectVerbOrClose, NewBlankNode(), _pos - 1); }
                        else if (c == '(') { _pos++; Push(FrameKind.Collection, FrameState.ExpectItem, null, _pos - 1); }
                        else if (c == '<') Deliver(ReadIriRef(), fromPropertyList: false);
                        else if (c == '_') Deliver(ReadBlankNodeLabel(), fromPropertyList: false);
                        else if (c == '"' || c == '\'' || c == '+' || c == '-' || char.IsAsciiDigit(c)) throw Error("a literal cannot be a subject");
                        else Deliver(ReadPrefixedName(names, "subject"), fromPropertyList: false);
                        break;

                    case FrameState.ExpectVerbOrClose:
                        if (c == ']') { _pos++; PopPropertyList(frame); break; }
                        frame.Predicate = ReadVerb(names);
                        frame.State = FrameState.ExpectObject;
                        break;

                    case FrameState.ExpectVerbOrEnd:
                        if (c == '.' && frame.Kind == FrameKind.Statement) { _pos++; Pop(); break; }
                        if (c == ']' && frame.Kind == FrameKind.PropertyList) { _pos++; PopPropertyList(frame); break; }
                        if (c == ';') { _pos++; break; }
                        frame.Predicate = ReadVerb(names);
                        frame.State = FrameState.ExpectObject;
                        break;

                    case FrameState.ExpectVerb:
                        frame.Predicate = ReadVerb(names);
                        frame.State = FrameState.ExpectObject;
                        break;

                    case FrameState.ExpectObject:
                    case FrameState.ExpectItem:
                        if (c == ')' && frame.State == FrameState.ExpectItem) { _pos++; PopCollection(frame); break; }
                        if (c == '[') { _pos++; Push(FrameKind.PropertyList, FrameState.ExpectVerbOrClose, NewBlankNode(), _pos - 1); break; }
                        if (c == '(') { _pos++; Push(FrameKind.Collection, FrameState.ExpectItem, null, _pos - 1); break; }
                        Deliver(ReadObjectTerm(names), fromPropertyList: false);
                        break;

                    case FrameState.AfterObject:
                        if (c == ',') { _pos++; frame.State = FrameState.ExpectObject; }
                        else if (c == ';') { _pos++; frame.State = FrameState.ExpectVerbOrEnd; }
                        else if (c == '.' && frame.Kind == FrameKind.Statement) { _pos++; Pop(); }
                        else if (c == ']' && frame.Kind == FrameKind.PropertyList) { _pos++; PopPropertyList(frame); }
                        else throw Error(frame.Kind == FrameKind.Statement ? "expected ',', ';' or '.' after an object" : "expected ',', ';' or ']' after an object");
                        break;
                }
            }
        }

        private void Push(FrameKind kind, FrameState state, RdfTerm? subject, int start)
        {
            var frame = _pool.Count > 0 ? _pool.Pop() : new Frame();
            frame.Kind = kind;
            frame.State = state;
            frame.Subject = subject;
            frame.Predicate = null;
            frame.ListHead = null;
            frame.ListTail = null;
            frame.HasTriples = false;
            frame.Start = start;
            _stack.Add(frame);
        }

        private void Pop()
        {
            var frame = _stack[^1];
            _stack.RemoveAt(_stack.Count - 1);
            _pool.Push(frame);
        }

        private void PopPropertyList(Frame frame)
        {
            var node = frame.Subject!;
            bool nonEmpty = frame.HasTriples;
            Pop();
            Deliver(node, fromPropertyList: nonEmpty);
        }

        private void PopCollection(Frame frame)
        {
            RdfTerm result = RdfVocabulary.RdfNil;
            if (frame.ListHead is not null)
            {
                Emit(frame.ListTail!, RdfVocabulary.RdfRest, RdfVocabulary.RdfNil);
                result = frame.ListHead;
            }
            Pop();
            Deliver(result, fromPropertyList: false);
        }

        /// <summary>Hands a finished term to the frame on top of the stack.</summary>
        private void Deliver(RdfTerm term, bool fromPropertyList)
        {
            var frame = _stack[^1];
            switch (frame.State)
            {
                case FrameState.ExpectSubject:
                    frame.Subject = term;
                    // "[ :p :o ] ." is a complete statement; a plain subject needs predicates.
                    frame.State = fromPropertyList ? FrameState.ExpectVerbOrEnd : FrameState.ExpectVerb;
                    break;
                case FrameState.ExpectObject:
                    Emit(frame.Subject!, frame.Predicate!, term);
                    frame.HasTriples = true;
                    frame.State = FrameState.AfterObject;
                    break;
                case FrameState.ExpectItem:
                    var node = NewBlankNode();
                    if (frame.ListTail is null) frame.ListHead = node;
                    else Emit(frame.ListTail, RdfVocabulary.RdfRest, node);
                    Emit(node, RdfVocabulary.RdfFirst, term);
                    frame.ListTail = node;
                    break;
                default:
                    throw new InvalidOperationException($"Turtle reader in state {frame.State} received a term");
            }
        }

        private void Emit(RdfTerm subject, RdfTerm predicate, RdfTerm obj) => dataset.Add(new Quad(subject, predicate, obj));

        // Generated labels are unique by construction, so they skip the interner.
        private BlankNode NewBlankNode() => new("b" + (_blankCounter++).ToString(CultureInfo.InvariantCulture));

        // ---- directives ----

        private bool TryReadDirective()
        {
            char c = _s[_pos];
            if (c == '@')
            {
                if (MatchWord("@prefix", caseInsensitive: false)) { ReadPrefixDirective(requireDot: true); return true; }
                if (MatchWord("@base", caseInsensitive: false)) { ReadBaseDirective(requireDot: true); return true; }
                throw Error("unknown directive (expected @prefix or @base)");
            }
            if (c == 'P' || c == 'p')
            {
                if (MatchWord("PREFIX", caseInsensitive: true)) { ReadPrefixDirective(requireDot: false); return true; }
            }
            else if (c == 'B' || c == 'b')
            {
                if (MatchWord("BASE", caseInsensitive: true)) { ReadBaseDirective(requireDot: false); return true; }
            }
            return false;
        }

        /// <summary>Consumes a keyword only if whitespace, '<' or a comment follows (so "prefix:x" stays a prefixed name).</summary>
        private bool MatchWord(string word, bool caseInsensitive)
        {
            if (_pos + word.Length > _s.Length) return false;
            if (!_s.AsSpan(_pos, word.Length).Equals(word, caseInsensitive ? StringComparison.OrdinalIgnoreCase : StringComparison.Ordinal)) return false;
            int after = _pos + word.Length;
            if (after < _s.Length)
            {
                char n = _s[after];
                if (!(n == ' ' || n == '\t' || n == '\r' || n == '\n' || n == '<' || n == '#')) return false;
            }
            _pos = after;
            return true;
        }

        private void ReadPrefixDirective(bool requireDot)
        {
            SkipWhitespace();
            int start = _pos;
            if (_pos < _s.Length && _s[_pos] != ':')
            {
                if (!RdfCharacterClasses.IsPnCharsBase(CodePointAt(_pos, out int w))) throw Error("invalid prefix name");
                _pos += w;
                ScanNameTail(allowColon: false, allowEscapes: false);
            }
            if (_pos >= _s.Length || _s[_pos] != ':') throw Error("expected ':' after the prefix name");
            string prefix = _s.Substring(start, _pos - start);
            _pos++;
            SkipWhitespace();
            if (_pos >= _s.Length || _s[_pos] != '<') throw Error("expected an IRI for the prefix");
            _prefixes[prefix] = ReadIriRef().Value;
            _expandedNames.Clear();
            _literals.Clear();
            FinishDirective(requireDot);
        }

        private void ReadBaseDirective(bool requireDot)
        {
            SkipWhitespace();
            if (_pos >= _s.Length || _s[_pos] != '<') throw Error("expected an IRI after base");
            _base = ReadIriRef().Value;
            _literals.Clear();
            FinishDirective(requireDot);
        }

        private void FinishDirective(bool requireDot)
        {
            SkipWhitespace();
            bool dot = _pos < _s.Length && _s[_pos] == '.';
            if (requireDot && !dot) throw Error("expected '.' after @prefix/@base");
            if (!requireDot && dot) throw Error("PREFIX/BASE (SPARQL form) must not end with '.'");
            if (dot) _pos++;
        }

        // ---- terms ----

        private RdfTerm ReadVerb(Dictionary<string, Iri>.AlternateLookup<ReadOnlySpan<char>> names)
        {
            char c = _s[_pos];
            if (c == 'a' && _pos + 1 < _s.Length)
            {
                char n = _s[_pos + 1];
                if (n == ' ' || n == '\t' || n == '\r' || n == '\n' || n == '<' || n == '[' || n == '(' || n == '"' || n == '\'' || n == '_' || n == '#')
                {
                    _pos++;
                    return RdfVocabulary.RdfType;
                }
            }
            if (c == '<') return ReadIriRef();
            if (c == '_' || c == '[' || c == '(') throw Error("a predicate must be an IRI");
            if (c == '"' || c == '\'') throw Error("a literal cannot be a predicate");
            return ReadPrefixedName(names, "predicate");
        }

        private RdfTerm ReadObjectTerm(Dictionary<string, Iri>.AlternateLookup<ReadOnlySpan<char>> names)
        {
            char c = _s[_pos];
            switch (c)
            {
                case '<': return ReadIriRef();
                case '_': return ReadBlankNodeLabel();
                case '"':
                case '\'':
                    return ReadRdfLiteral(names);
                case '+':
                case '-':
                case '.':
                    return ReadNumber();
            }
            if (char.IsAsciiDigit(c)) return ReadNumber();
            if (c == 't' && MatchKeyword("true")) return new Literal("true", RdfVocabulary.XsdBoolean);
            if (c == 'f' && MatchKeyword("false")) return new Literal("false", RdfVocabulary.XsdBoolean);
            return ReadPrefixedName(names, "object");
        }

        private bool MatchKeyword(string word)
        {
            if (!_s.AsSpan(_pos).StartsWith(word, StringComparison.Ordinal)) return false;
            int after = _pos + word.Length;
            if (after < _s.Length)
            {
                int cp = CodePointAt(after, out _);
                if (cp == ':' || RdfCharacterClasses.IsPnChars(cp) || cp == '.' && after + 1 < _s.Length && RdfCharacterClasses.IsPnChars(CodePointAt(after + 1, out _)))
                    return false;
            }
            _pos = after;
            return true;
        }

        private Iri ReadIriRef()
        {
            int start = ++_pos;
            if (!ScanIriRef(out bool escaped)) throw ErrorAt(start - 1, "unterminated IRI");
            int end = _pos++;
            ReadOnlySpan<char> raw = _s.AsSpan(start, end - start);
            string? value = null;
            if (escaped)
            {
                value = UnescapeIri(start, end);
                raw = value;
            }
            if (RdfCharacterClasses.HasScheme(raw)) return value is null ? _terms.Iri(raw) : _terms.Iri(value);
            if (_base is null) throw ErrorAt(start - 1, "relative IRI but no base IRI is set");
            return _terms.Iri(IriResolver.Resolve(_base, value ?? raw.ToString(), DotSegmentRemoval.Rfc3986));
        }

        private BlankNode ReadBlankNodeLabel()
        {
            int start = ScanBlankNodeLabelStart();
            ScanNameTail(allowColon: false, allowEscapes: false);
            string label = _s.Substring(start, _pos - start);
            if (!_labels.TryGetValue(label, out var node))
            {
                node = NewBlankNode();
                _labels.Add(label, node);
            }
            return node;
        }

        /// <summary>
        /// Scans (PN_CHARS | '.' [| ':' | PLX])* and backs off trailing dots, which end the statement instead.
        /// </summary>
        private void ScanNameTail(bool allowColon, bool allowEscapes)
        {
            int lastGood = _pos;
            while (_pos < _s.Length)
            {
                int cp = CodePointAt(_pos, out int width);
                if (cp == '.') { _pos++; continue; }
                if (RdfCharacterClasses.IsPnChars(cp) || (allowColon && cp == ':')) { _pos += width; lastGood = _pos; continue; }
                if (allowEscapes && cp == '%')
                {
                    if (_pos + 2 >= _s.Length || RdfCharacterClasses.HexValue(_s[_pos + 1]) < 0 || RdfCharacterClasses.HexValue(_s[_pos + 2]) < 0)
                        throw Error("'%' must be followed by two hex digits in a prefixed name");
                    _pos += 3; lastGood = _pos; continue;
                }
                if (allowEscapes && cp == '\\')
                {
                    if (_pos + 1 >= _s.Length || "_~.-!$&'\"()*+,;=/?#@%".IndexOf(_s[_pos + 1]) < 0)
                        throw Error("invalid escape in a prefixed name");
                    _pos += 2; lastGood = _pos; continue;
                }
                break;
            }
            _pos = lastGood;
        }

        private Iri ReadPrefixedName(Dictionary<string, Iri>.AlternateLookup<ReadOnlySpan<char>> names, string role)
        {
            int start = _pos;
            if (_s[_pos] != ':')
            {
                int cp = CodePointAt(_pos, out int w);
                if (!RdfCharacterClasses.IsPnCharsBase(cp)) throw Error($"unexpected character '{char.ConvertFromUtf32(cp < 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0xFFFD : cp)}' where a {role} was expected");
                _pos += w;
                ScanNameTail(allowColon: false, allowEscapes: false);
                if (_pos >= _s.Length || _s[_pos] != ':') throw ErrorAt(start, $"expected a {role} (IRI, prefixed name or keyword)");
            }
            int colon = _pos++;
            int localStart = _pos;
            bool escapes = false;
            if (_pos < _s.Length)
            {
                int cp = CodePointAt(_pos, out int w);
                if (RdfCharacterClasses.IsPnCharsU(cp) || cp == ':' || (cp >= '0' && cp <= '9') || cp == '%' || cp == '\\')
                {
                    if (cp == '\\' || cp == '%')
                    {
                        ScanNameTail(allowColon: true, allowEscapes: true);
                        if (_pos == localStart) throw Error("invalid local name");
                    }
                    else
                    {
                        _pos += w;
                        ScanNameTail(allowColon: true, allowEscapes: true);
                    }
                    escapes = _s.AsSpan(localStart, _pos - localStart).Contains('\\');
                }
            }
            var whole = _s.AsSpan(start, _pos - start);
            if (!escapes && names.TryGetValue(whole, out var cached)) return cached;
            string prefix = _s.Substring(start, colon - start);
            if (!_prefixes.TryGetValue(prefix, out var ns)) throw ErrorAt(start, $"undefined prefix '{prefix}:'");
            string local;
            if (escapes)
            {
                _scratch.Clear();
                for (int i = localStart; i < _pos; i++)
                {
                    if (_s[i] == '\\') i++;
                    _scratch.Append(_s[i]);
                }
                local = _scratch.ToString();
            }
            else local = _s.Substring(localStart, _pos - localStart);
            var iri = _terms.Iri(ns + local);
            if (!escapes) _expandedNames[whole.ToString()] = iri;
            return iri;
        }

        private Literal ReadRdfLiteral(Dictionary<string, Iri>.AlternateLookup<ReadOnlySpan<char>> names)
        {
            int tokenStart = _pos;
            var (start, end, escaped) = ScanString();
            Iri datatype = RdfVocabulary.XsdString;
            int tagStart = -1;
            if (_pos < _s.Length && _s[_pos] == '@')
            {
                tagStart = ScanLanguageTag();
                datatype = RdfVocabulary.RdfLangString;
            }
            else if (_pos + 1 < _s.Length && _s[_pos] == '^' && _s[_pos + 1] == '^')
            {
                _pos += 2;
                if (_pos >= _s.Length) throw Unterminated();
                datatype = _s[_pos] == '<' ? ReadIriRef() : ReadPrefixedName(names, "datatype IRI");
            }

            // Real documents repeat short literals a lot (the 25.11 shapes: 78,844 strings, 9,590 distinct);
            // one instance per distinct token text saves the allocations. Keyed by the raw token, so the
            // cache is dropped whenever a prefix or the base changes.
            var token = _s.AsSpan(tokenStart, _pos - tokenStart);
            bool cacheable = token.Length <= MaxCachedLiteralChars;
            if (cacheable && _literalLookup.TryGetValue(token, out var cached)) return cached;
            string lexical = escaped ? Unescape(start, end) : _s.Substring(start, end - start);
            var literal = tagStart >= 0
                ? new Literal(lexical, RdfVocabulary.RdfLangString, _s.Substring(tagStart, _pos - tagStart))
                : new Literal(lexical, datatype);
            if (cacheable) _literals[token.ToString()] = literal;
            return literal;
        }

        private (int Start, int End, bool Escaped) ScanString()
        {
            char quote = _s[_pos];
            int open = _pos;
            bool isLong = _pos + 2 < _s.Length && _s[_pos + 1] == quote && _s[_pos + 2] == quote;
            _pos += isLong ? 3 : 1;
            int start = _pos;
            bool escaped = false;
            while (true)
            {
                int skip = _pos >= _s.Length ? -1
                    : isLong ? _s.AsSpan(_pos).IndexOfAny(quote, '\\')
                    : _s.AsSpan(_pos).IndexOfAny(quote == '"' ? RdfCharacterClasses.DoubleQuoteStringStops : RdfCharacterClasses.SingleQuoteStringStops);
                if (skip < 0) throw ErrorAt(open, "unterminated string literal");
                _pos += skip;
                char c = _s[_pos];
                if (c == '\\') { escaped = true; _pos += 2; continue; }
                if (c == quote)
                {
                    if (!isLong) break;
                    // The first run of three quotes closes a long string (the grammar allows at most two inside).
                    if (_pos + 2 < _s.Length && _s[_pos + 1] == quote && _s[_pos + 2] == quote) break;
                    _pos++;
                    continue;
                }
                if (!isLong && (c == '\n' || c == '\r')) throw Error("line break in a short string literal (use \"\"\" or \\n)");
                _pos++;
            }
            int end = _pos;
            _pos += isLong ? 3 : 1;
            if (end > _s.Length) throw ErrorAt(open, "unterminated string literal");
            return (start, end, escaped);
        }

        private Literal ReadNumber()
        {
            int start = _pos;
            if (_s[_pos] == '+' || _s[_pos] == '-') _pos++;
            int intDigits = SkipDigits();
            bool hasDot = false;
            int fracDigits = 0;
            if (_pos < _s.Length && _s[_pos] == '.' && _pos + 1 < _s.Length && (char.IsAsciiDigit(_s[_pos + 1]) || (intDigits > 0 && IsExponentAt(_pos + 1))))
            {
                hasDot = true;
                _pos++;
                fracDigits = SkipDigits();
            }
            if (intDigits == 0 && fracDigits == 0) throw ErrorAt(start, "expected a number");
            if (_pos < _s.Length && (_s[_pos] == 'e' || _s[_pos] == 'E'))
            {
                _pos++;
                if (_pos < _s.Length && (_s[_pos] == '+' || _s[_pos] == '-')) _pos++;
                if (SkipDigits() == 0) throw Error("expected digits in the exponent");
                return new Literal(_s.Substring(start, _pos - start), RdfVocabulary.XsdDouble);
            }
            if (hasDot)
            {
                if (fracDigits == 0) throw Error("a decimal needs digits after '.'");
                return new Literal(_s.Substring(start, _pos - start), XsdDecimal);
            }
            return new Literal(_s.Substring(start, _pos - start), RdfVocabulary.XsdInteger);
        }

        private bool IsExponentAt(int index) => index < _s.Length && (_s[index] == 'e' || _s[index] == 'E');

        private int SkipDigits()
        {
            int start = _pos;
            while (_pos < _s.Length && char.IsAsciiDigit(_s[_pos])) _pos++;
            return _pos - start;
        }

        private static readonly Iri XsdDecimal = new(RdfVocabulary.Xsd + "decimal");

        // ---- low level ----

        private void SkipWhitespace()
        {
            while (_pos < _s.Length)
            {
                char c = _s[_pos];
                if (c == ' ' || c == '\t' || c == '\n' || c == '\r') _pos++;
                else if (c == '#')
                {
                    while (_pos < _s.Length && _s[_pos] != '\n' && _s[_pos] != '\r') _pos++;
                }
                else return;
            }
        }

        private RdfSyntaxException Unterminated()
        {
            var open = _stack[^1];
            string what = open.Kind switch
            {
                FrameKind.PropertyList => "unterminated blank node property list '['",
                FrameKind.Collection => "unterminated collection '('",
                _ => "unexpected end of input inside a statement (missing '.'?)",
            };
            return open.Kind == FrameKind.Statement ? Error(what) : ErrorAt(open.Start, what);
        }

        /// <summary>Line and column are computed only when an error is raised, so the hot path tracks no lines.</summary>
        protected override RdfSyntaxException ErrorAt(int index, string reason)
        {
            index = Math.Clamp(index, 0, _s.Length);
            int line = 1, lineStart = 0;
            for (int i = 0; i < index; i++)
            {
                char c = _s[i];
                if (c == '\n' || (c == '\r' && (i + 1 >= _s.Length || _s[i + 1] != '\n'))) { line++; lineStart = i + 1; }
            }
            return new RdfSyntaxException(FormatName, line, index - lineStart + 1, reason);
        }
    }
}
