using System.Text;

namespace ScsFederation.Mapping;

/// <summary>
/// A local value with direct-mapping placeholders, compiled once. Follows Python's
/// <c>str.format</c> as Keystone applies it: <c>{0}</c>, <c>{1}</c>, automatic <c>{}</c>,
/// <c>{{</c> / <c>}}</c> escapes. Attribute/index access, conversions and format specs are
/// not supported and make the template invalid (Keystone would evaluate Python expressions there).
/// </summary>
internal sealed class PlaceholderTemplate
{
    private readonly string[] _literals; // literal before each field, plus the trailing literal
    private readonly int[] _fields;

    private PlaceholderTemplate(string source, string[] literals, int[] fields)
    {
        Source = source;
        _literals = literals;
        _fields = fields;
    }

    public string Source { get; }

    /// <summary>Highest placeholder index used, -1 when there is none.</summary>
    public int MaxIndex
    {
        get
        {
            var max = -1;
            foreach (var index in _fields)
            {
                max = Math.Max(max, index);
            }

            return max;
        }
    }

    /// <summary>The value when it has no placeholder (escapes resolved), else null.</summary>
    public string? Literal => _fields.Length == 0 ? _literals[0] : null;

    /// <summary>The placeholder index when the whole value is one placeholder such as "{2}", else -1.</summary>
    public int SolePlaceholder => _fields.Length == 1 && _literals[0].Length == 0 && _literals[1].Length == 0 ? _fields[0] : -1;

    public static bool TryCompile(string source, out PlaceholderTemplate? template, out string error)
    {
        template = null;
        error = string.Empty;
        var literals = new List<string>();
        var fields = new List<int>();
        var literal = new StringBuilder();
        var autoIndex = 0;
        bool? manual = null;
        for (var i = 0; i < source.Length; i++)
        {
            var c = source[i];
            if (c == '}')
            {
                if (i + 1 < source.Length && source[i + 1] == '}')
                {
                    literal.Append('}');
                    i++;
                    continue;
                }

                error = $"single '}}' at offset {i} (write '}}}}' for a literal brace)";
                return false;
            }

            if (c != '{')
            {
                literal.Append(c);
                continue;
            }

            if (i + 1 < source.Length && source[i + 1] == '{')
            {
                literal.Append('{');
                i++;
                continue;
            }

            var close = source.IndexOf('}', i + 1);
            if (close < 0)
            {
                error = $"unclosed '{{' at offset {i}";
                return false;
            }

            var name = source.AsSpan(i + 1, close - i - 1);
            int index;
            if (name.Length == 0)
            {
                if (manual == true)
                {
                    error = "cannot mix automatic '{}' and numbered '{N}' placeholders";
                    return false;
                }

                manual = false;
                index = autoIndex++;
            }
            else
            {
                foreach (var d in name)
                {
                    if (!char.IsAsciiDigit(d))
                    {
                        error = $"unsupported placeholder '{{{name}}}' at offset {i}: only {{N}} and {{}} are allowed";
                        return false;
                    }
                }

                if (manual == false)
                {
                    error = "cannot mix automatic '{}' and numbered '{N}' placeholders";
                    return false;
                }

                if (name.Length > 6)
                {
                    error = $"placeholder index '{name}' is too large";
                    return false;
                }

                manual = true;
                index = int.Parse(name, System.Globalization.CultureInfo.InvariantCulture);
            }

            literals.Add(literal.ToString());
            literal.Clear();
            fields.Add(index);
            i = close;
        }

        literals.Add(literal.ToString());
        template = new PlaceholderTemplate(source, literals.ToArray(), fields.ToArray());
        return true;
    }

    /// <summary>Substitutes the direct maps; returns false when an index is out of range.</summary>
    public bool TryFormat(DirectMaps maps, out string value, out int missingIndex)
    {
        missingIndex = -1;
        if (_fields.Length == 0)
        {
            value = _literals[0];
            return true;
        }

        foreach (var field in _fields)
        {
            if (field >= maps.Count)
            {
                missingIndex = field;
                value = string.Empty;
                return false;
            }
        }

        if (_fields.Length == 1)
        {
            value = string.Concat(_literals[0], maps.FormatArgument(_fields[0]), _literals[1]);
            return true;
        }

        var builder = new StringBuilder();
        for (var i = 0; i < _fields.Length; i++)
        {
            builder.Append(_literals[i]).Append(maps.FormatArgument(_fields[i]));
        }

        builder.Append(_literals[^1]);
        value = builder.ToString();
        return true;
    }
}
