using System.Text;
using System.Text.RegularExpressions;

namespace ScsFederation.Mapping;

/// <summary>
/// Compiles a Keystone <c>regex</c> value (Python <c>re</c> syntax, applied with <c>re.search</c>)
/// into a .NET <see cref="Regex"/> that cannot hang: simple patterns on the compiled backtracking
/// engine, others on the linear-time NonBacktracking engine when it supports them, otherwise
/// backtracking; every one of them with a match timeout.
/// </summary>
internal static class PythonRegexTranslator
{
    public static readonly TimeSpan MatchTimeout = TimeSpan.FromMilliseconds(200);

    public const int MaxPatternLength = 1024;

    public static Regex Compile(string pythonPattern)
    {
        if (pythonPattern.Length > MaxPatternLength)
        {
            throw new ArgumentException($"pattern is longer than {MaxPatternLength} characters");
        }

        var pattern = Translate(pythonPattern);
        const RegexOptions options = RegexOptions.CultureInvariant;
        if (HasLinearBacktracking(pattern))
        {
            // At most one unbounded quantifier and no quantified group: backtracking cannot blow
            // up, and the compiled backtracking engine is several times faster on short values.
            return new Regex(pattern, options | RegexOptions.Compiled, MatchTimeout);
        }

        try
        {
            return new Regex(pattern, options | RegexOptions.NonBacktracking, MatchTimeout);
        }
        catch (NotSupportedException)
        {
            // Backreferences, lookarounds and atomic groups need backtracking: keep the timeout.
            return new Regex(pattern, options, MatchTimeout);
        }
    }

    /// <summary>
    /// Conservative test: no backreference, no lookaround/atomic group, no quantifier after a
    /// group, and at most one unbounded quantifier (*, +, {n,}). Anything else goes to the
    /// non-backtracking engine (or, if it cannot run the pattern, backtracking with the timeout).
    /// </summary>
    private static bool HasLinearBacktracking(string pattern)
    {
        var unbounded = 0;
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 < pattern.Length && (char.IsAsciiDigit(pattern[i + 1]) || pattern[i + 1] == 'k'))
                {
                    return false; // backreference
                }

                i++;
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                continue;
            }

            switch (c)
            {
                case '[':
                    inClass = true;
                    if (i + 1 < pattern.Length && pattern[i + 1] == '^') i++;
                    if (i + 1 < pattern.Length && pattern[i + 1] == ']') i++;
                    break;
                case '(':
                    if (i + 2 < pattern.Length && pattern[i + 1] == '?' && pattern[i + 2] is '=' or '!' or '<' or '>')
                    {
                        if (!(pattern[i + 2] == '<' && i + 3 < pattern.Length && pattern[i + 3] is not ('=' or '!')))
                        {
                            return false; // lookaround or atomic group
                        }
                    }

                    break;
                case ')':
                    if (i + 1 < pattern.Length && pattern[i + 1] is '*' or '+' or '?' or '{')
                    {
                        return false; // quantified group
                    }

                    break;
                case '*':
                case '+':
                    unbounded++;
                    break;
                case '{':
                    var close = pattern.IndexOf('}', i);
                    if (close > i && pattern.AsSpan(i + 1, close - i - 1).EndsWith(","))
                    {
                        unbounded++;
                    }

                    break;
            }
        }

        return unbounded <= 1;
    }

    /// <summary>Rewrites the Python-only spellings: (?P&lt;n&gt;…), (?P=n) and \Z (absolute end).</summary>
    private static string Translate(string pattern)
    {
        if (!pattern.Contains("(?P", StringComparison.Ordinal) && !pattern.Contains("\\Z", StringComparison.Ordinal))
        {
            return pattern;
        }

        var builder = new StringBuilder(pattern.Length);
        var inClass = false;
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\' && i + 1 < pattern.Length)
            {
                var next = pattern[i + 1];
                builder.Append(!inClass && next == 'Z' ? "\\z" : string.Concat(c, next));
                i++;
                continue;
            }

            if (inClass)
            {
                inClass = c != ']';
                builder.Append(c);
                continue;
            }

            if (c == '[')
            {
                inClass = true;
                builder.Append(c);
                if (i + 1 < pattern.Length && pattern[i + 1] == '^')
                {
                    builder.Append('^');
                    i++;
                }

                if (i + 1 < pattern.Length && pattern[i + 1] == ']')
                {
                    builder.Append(']');
                    i++;
                }

                continue;
            }

            if (string.CompareOrdinal(pattern, i, "(?P<", 0, 4) == 0)
            {
                builder.Append("(?<");
                i += 3;
                continue;
            }

            if (string.CompareOrdinal(pattern, i, "(?P=", 0, 4) == 0)
            {
                var close = pattern.IndexOf(')', i);
                if (close > 0)
                {
                    builder.Append("(?:\\k<").Append(pattern, i + 4, close - i - 4).Append(">)");
                    i = close;
                    continue;
                }
            }

            builder.Append(c);
        }

        return builder.ToString();
    }
}
