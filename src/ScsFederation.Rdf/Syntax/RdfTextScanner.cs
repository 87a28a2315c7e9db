using System.Text;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.NQuads;

namespace ScsFederation.Rdf.Syntax;

/// <summary>
/// Cursor over an N-Quads or Turtle document with the lexical pieces both grammars share: IRIREF scanning,
/// ECHAR/UCHAR decoding, language tags and code points. Subclasses only decide how an error position is reported.
/// </summary>
internal abstract class RdfTextScanner(string text)
{
    protected readonly string _s = text;
    protected int _pos;
    protected readonly StringBuilder _scratch = new();

    protected abstract RdfSyntaxException ErrorAt(int index, string reason);

    protected RdfSyntaxException Error(string reason) => ErrorAt(_pos, reason);

    /// <summary>
    /// Scans an IRIREF body from just after '<' up to '>' (left at the '>'). False when the input ends first;
    /// the caller reports that, since the two formats place the error differently.
    /// </summary>
    protected bool ScanIriRef(out bool escaped)
    {
        escaped = false;
        while (true)
        {
            int skip = _pos < _s.Length ? _s.AsSpan(_pos).IndexOfAny(RdfCharacterClasses.IriStops) : -1;
            if (skip < 0) return false;
            _pos += skip;
            char c = _s[_pos];
            if (c == '>') return true;
            if (c == '\\') { escaped = true; _pos += 2; continue; }
            if (RdfCharacterClasses.IsForbiddenInIri(c)) throw Error($"character U+{(int)c:X4} is not allowed in an IRI");
            _pos++;
        }
    }

    /// <summary>Decodes the \u / \U escapes of an IRIREF body (the only escapes IRIREF allows).</summary>
    protected string UnescapeIri(int start, int end)
    {
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
        return _scratch.ToString();
    }

    /// <summary>Decodes ECHAR and UCHAR escapes of a string literal body.</summary>
    protected string Unescape(int start, int end)
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
                case 'u': AppendCodePoint(ReadUcharAt(i)); i += 5; break;
                case 'U': AppendCodePoint(ReadUcharAt(i)); i += 9; break;
                default: throw ErrorAt(i, $"invalid escape sequence '\\{kind}'");
            }
        }
        return _scratch.ToString();
    }

    /// <summary>Consumes "_:" and the label's first character; returns where the label starts.</summary>
    protected int ScanBlankNodeLabelStart()
    {
        if (_pos + 1 >= _s.Length || _s[_pos + 1] != ':') throw Error("expected '_:' of a blank node label");
        _pos += 2;
        int start = _pos;
        int cp = CodePointAt(_pos, out int width);
        if (!(RdfCharacterClasses.IsPnCharsU(cp) || (cp >= '0' && cp <= '9'))) throw Error("invalid first character of a blank node label");
        _pos += width;
        return start;
    }

    /// <summary>Scans LANGTAG from the '@'; returns where the tag starts, the cursor is left after it.</summary>
    protected int ScanLanguageTag()
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
        return tagStart;
    }

    /// <summary>Decodes \uXXXX or \UXXXXXXXX starting at the backslash.</summary>
    protected int ReadUcharAt(int backslash)
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

    protected void AppendCodePoint(int cp)
    {
        if (cp < 0x10000) _scratch.Append((char)cp);
        else _scratch.Append(char.ConvertFromUtf32(cp));
    }

    /// <summary>The code point at <paramref name="index"/> (a surrogate pair counts as one), or -1 past the end.</summary>
    protected int CodePointAt(int index, out int width)
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
}
