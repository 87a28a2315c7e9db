using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ScsFederation.Mapping;

/// <summary>
/// The part of Python's <c>ast.literal_eval</c> Keystone relies on for <c>groups</c> and
/// <c>group_ids</c>: does a mapped string read as a Python list literal, and if so what are its
/// items. Keystone treats anything that is not a list literal as one single value.
/// Items that are str come back as strings; any other literal item (number, None, tuple, ...)
/// comes back as null so the caller can refuse it.
/// </summary>
internal sealed partial class PythonListLiteral
{
    private readonly string _text;
    private int _pos;

    private PythonListLiteral(string text)
    {
        _text = text;
    }

    public static bool TryParse(string text, out List<string?> items)
    {
        items = [];
        var trimmed = text.AsSpan().TrimStart(" \t");
        if (trimmed.Length == 0 || trimmed[0] != '[')
        {
            return false;
        }

        var parser = new PythonListLiteral(trimmed.ToString());
        try
        {
            var value = parser.ParseExpression();
            parser.SkipWhitespace();
            if (parser._pos != parser._text.Length || value is not ListValue list)
            {
                return false;
            }

            foreach (var item in list.Items)
            {
                items.Add(item as string);
            }

            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    private sealed record ListValue(List<object> Items);

    private sealed record OtherValue;

    private static readonly OtherValue Other = new();

    private object ParseExpression()
    {
        SkipWhitespace();
        if (_pos >= _text.Length)
        {
            throw new FormatException("unexpected end");
        }

        var c = _text[_pos];
        switch (c)
        {
            case '[':
                return new ListValue(ParseSequence(']', allowDictItems: false));
            case '(':
            {
                var items = ParseSequence(')', allowDictItems: false, out var trailingComma);
                return items.Count == 1 && !trailingComma ? items[0] : Other;
            }
            case '{':
                ParseSequence('}', allowDictItems: true);
                return Other;
            case '-':
            case '+':
                _pos++;
                SkipWhitespace();
                if (ParseNumberToken() is null)
                {
                    throw new FormatException("unary operator on a non-number");
                }

                return Other;
        }

        if (c == '.' || char.IsAsciiDigit(c))
        {
            return ParseNumberToken() ?? throw new FormatException("bad number");
        }

        if (char.IsLetter(c) || c == '_' || c == '\'' || c == '"')
        {
            return ParseNameOrStrings();
        }

        throw new FormatException("unexpected character");
    }

    private List<object> ParseSequence(char close, bool allowDictItems) => ParseSequence(close, allowDictItems, out _);

    private List<object> ParseSequence(char close, bool allowDictItems, out bool trailingComma)
    {
        _pos++; // opening bracket
        var items = new List<object>();
        trailingComma = false;
        bool? isDict = null;
        while (true)
        {
            SkipWhitespace();
            if (_pos < _text.Length && _text[_pos] == close)
            {
                _pos++;
                return items;
            }

            items.Add(ParseExpression());
            SkipWhitespace();
            if (allowDictItems)
            {
                var colon = _pos < _text.Length && _text[_pos] == ':';
                if (isDict is not null && isDict != colon)
                {
                    throw new FormatException("mixed dict and set display");
                }

                isDict = colon;
                if (colon)
                {
                    _pos++;
                    ParseExpression();
                    SkipWhitespace();
                }
            }

            if (_pos >= _text.Length)
            {
                throw new FormatException("unclosed bracket");
            }

            if (_text[_pos] == ',')
            {
                _pos++;
                trailingComma = true;
                continue;
            }

            trailingComma = false;
            if (_text[_pos] != close)
            {
                throw new FormatException("expected separator");
            }
        }
    }

    private object ParseNameOrStrings()
    {
        var start = _pos;
        while (_pos < _text.Length && (char.IsLetterOrDigit(_text[_pos]) || _text[_pos] == '_'))
        {
            _pos++;
        }

        var name = _text[start.._pos];
        if (_pos < _text.Length && (_text[_pos] == '\'' || _text[_pos] == '"') && IsStringPrefix(name))
        {
            _pos = start;
            return ParseAdjacentStrings();
        }

        if (name.Length == 0)
        {
            return ParseAdjacentStrings();
        }

        return name is "None" or "True" or "False" ? Other : throw new FormatException("name is not a literal");
    }

    private static bool IsStringPrefix(string prefix) =>
        prefix.ToLowerInvariant() is "r" or "u" or "b" or "br" or "rb";

    private object ParseAdjacentStrings()
    {
        // Python concatenates adjacent string literals; mixing bytes and str is a SyntaxError.
        var text = new StringBuilder();
        bool? isBytes = null;
        while (true)
        {
            var start = _pos;
            while (_pos < _text.Length && char.IsLetter(_text[_pos]))
            {
                _pos++;
            }

            var prefix = _text[start.._pos].ToLowerInvariant();
            if (prefix.Length > 0 && !IsStringPrefix(prefix))
            {
                throw new FormatException("bad string prefix");
            }

            if (_pos >= _text.Length || (_text[_pos] != '\'' && _text[_pos] != '"'))
            {
                throw new FormatException("expected string");
            }

            var bytes = prefix.Contains('b');
            if (isBytes is not null && isBytes != bytes)
            {
                throw new FormatException("cannot mix bytes and str");
            }

            isBytes = bytes;
            ParseStringBody(text, raw: prefix.Contains('r'));
            var save = _pos;
            SkipWhitespace();
            var next = _pos;
            while (next < _text.Length && char.IsLetter(_text[next]))
            {
                next++;
            }

            if (next < _text.Length && (_text[next] == '\'' || _text[next] == '"') && IsStringPrefixOrEmpty(_text[_pos..next]))
            {
                continue;
            }

            _pos = save;
            return isBytes == true ? Other : text.ToString();
        }
    }

    private static bool IsStringPrefixOrEmpty(string prefix) => prefix.Length == 0 || IsStringPrefix(prefix);

    private void ParseStringBody(StringBuilder output, bool raw)
    {
        var quote = _text[_pos];
        var triple = _pos + 2 < _text.Length && _text[_pos + 1] == quote && _text[_pos + 2] == quote;
        _pos += triple ? 3 : 1;
        while (true)
        {
            if (_pos >= _text.Length)
            {
                throw new FormatException("unterminated string");
            }

            var c = _text[_pos];
            if (c == quote)
            {
                if (!triple)
                {
                    _pos++;
                    return;
                }

                if (_pos + 2 < _text.Length && _text[_pos + 1] == quote && _text[_pos + 2] == quote)
                {
                    _pos += 3;
                    return;
                }
            }

            if (!triple && (c == '\n' || c == '\r'))
            {
                throw new FormatException("newline in string");
            }

            if (c == '\\' && _pos + 1 < _text.Length)
            {
                if (raw)
                {
                    output.Append(c).Append(_text[_pos + 1]);
                    _pos += 2;
                    continue;
                }

                _pos++;
                AppendEscape(output);
                continue;
            }

            output.Append(c);
            _pos++;
        }
    }

    private void AppendEscape(StringBuilder output)
    {
        var c = _text[_pos++];
        switch (c)
        {
            case '\n': return;
            case '\\': output.Append('\\'); return;
            case '\'': output.Append('\''); return;
            case '"': output.Append('"'); return;
            case 'a': output.Append('\a'); return;
            case 'b': output.Append('\b'); return;
            case 'f': output.Append('\f'); return;
            case 'n': output.Append('\n'); return;
            case 'r': output.Append('\r'); return;
            case 't': output.Append('\t'); return;
            case 'v': output.Append('\v'); return;
            case 'x': output.Append(ReadHex(2)); return;
            case 'u': output.Append(ReadHex(4)); return;
            case 'U': output.Append(ReadHex(8)); return;
            case 'N': throw new FormatException("named escapes are not supported");
        }

        if (c >= '0' && c <= '7')
        {
            var value = c - '0';
            for (var i = 0; i < 2 && _pos < _text.Length && _text[_pos] >= '0' && _text[_pos] <= '7'; i++)
            {
                value = (value * 8) + (_text[_pos++] - '0');
            }

            output.Append(char.ConvertFromUtf32(value));
            return;
        }

        // Unknown escapes keep the backslash, as Python does.
        output.Append('\\').Append(c);
    }

    private string ReadHex(int digits)
    {
        if (_pos + digits > _text.Length ||
            !int.TryParse(_text.AsSpan(_pos, digits), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var value))
        {
            throw new FormatException("truncated escape");
        }

        _pos += digits;
        if (value > 0x10ffff)
        {
            throw new FormatException("escape out of range");
        }

        return value is >= 0xd800 and <= 0xdfff ? ((char)value).ToString() : char.ConvertFromUtf32(value);
    }

    private object? ParseNumberToken()
    {
        var start = _pos;
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (char.IsAsciiLetterOrDigit(c) || c == '_' || c == '.')
            {
                _pos++;
            }
            else if ((c == '+' || c == '-') && _pos > start && (_text[_pos - 1] == 'e' || _text[_pos - 1] == 'E') && !IsHexToken(start))
            {
                _pos++;
            }
            else
            {
                break;
            }
        }

        return NumberPattern().IsMatch(_text.AsSpan(start, _pos - start)) ? Other : null;
    }

    private bool IsHexToken(int start) =>
        _pos - start >= 2 && _text[start] == '0' && (_text[start + 1] == 'x' || _text[start + 1] == 'X');

    private void SkipWhitespace()
    {
        while (_pos < _text.Length)
        {
            var c = _text[_pos];
            if (c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f')
            {
                _pos++;
            }
            else if (c == '\\' && _pos + 1 < _text.Length && _text[_pos + 1] == '\n')
            {
                _pos += 2;
            }
            else if (c == '#')
            {
                while (_pos < _text.Length && _text[_pos] != '\n')
                {
                    _pos++;
                }
            }
            else
            {
                return;
            }
        }
    }

    [GeneratedRegex(@"^(?:0[xX](?:_?[0-9a-fA-F])+|0[oO](?:_?[0-7])+|0[bB](?:_?[01])+|0(?:_?0)*|[1-9](?:_?[0-9])*|(?:(?:(?:[0-9](?:_?[0-9])*)?\.[0-9](?:_?[0-9])*|[0-9](?:_?[0-9])*\.)(?:[eE][+-]?[0-9](?:_?[0-9])*)?|[0-9](?:_?[0-9])*[eE][+-]?[0-9](?:_?[0-9])*)[jJ]?|[0-9](?:_?[0-9])*[jJ])$")]
    private static partial Regex NumberPattern();
}
