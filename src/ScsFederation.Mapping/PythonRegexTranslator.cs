using System.Text;
using System.Text.RegularExpressions;

namespace ScsFederation.Mapping;

/// <summary>
/// Compiles a Keystone <c>regex</c> value (Python <c>re</c> syntax, applied with <c>re.search</c>)
/// into a .NET <see cref="Regex"/> that cannot hang: the linear-time NonBacktracking engine when
/// the pattern allows it, otherwise the backtracking engine with a match timeout.
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
