using System.Text;
using System.Text.RegularExpressions;

namespace ScsFederation.Shacl.Literals;

/// <summary>
/// sh:pattern / sh:flags: an XPath 3.1 (fn:matches) regular expression translated to .NET. What differs and is
/// rewritten outside character classes: '.' matches anything but \n and \r (.NET: anything but \n); '$' without
/// the m flag is the end of the string only (.NET: also before a final \n); \i and \c (XML name characters)
/// do not exist in .NET. Flags: s, m, i, x (whitespace removed outside classes), q (pattern taken literally).
/// Compiled non-backtracking when the pattern allows it, so a hostile pattern cannot take exponential time;
/// otherwise backtracking with a match timeout.
/// </summary>
public sealed class XPathRegex
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(1);
    private readonly Regex _regex;

    public XPathRegex(string pattern, string? flags)
    {
        Pattern = pattern;
        Flags = flags ?? "";
        var options = RegexOptions.CultureInvariant;
        foreach (var f in Flags)
        {
            options |= f switch
            {
                's' => RegexOptions.Singleline,
                'm' => RegexOptions.Multiline,
                'i' => RegexOptions.IgnoreCase,
                'x' or 'q' => RegexOptions.None,
                _ => throw new ArgumentException($"unknown flag '{f}' (XPath allows s, m, i, x, q)"),
            };
        }
        var translated = Flags.Contains('q') ? Regex.Escape(pattern) : Translate(pattern, Flags.Contains('s'), Flags.Contains('m'), Flags.Contains('x'));
        try { _regex = new Regex(translated, options | RegexOptions.NonBacktracking); }
        catch (NotSupportedException) { _regex = new Regex(translated, options, Timeout); }
    }

    public string Pattern { get; }

    public string Flags { get; }

    public bool IsMatch(string input) => _regex.IsMatch(input);

    private static string Translate(string p, bool dotAll, bool multiline, bool extended)
    {
        var sb = new StringBuilder(p.Length + 16);
        int classDepth = 0;
        for (int i = 0; i < p.Length; i++)
        {
            char c = p[i];
            if (c == '\\' && i + 1 < p.Length)
            {
                char n = p[++i];
                switch (n)
                {
                    case 'i': sb.Append(classDepth > 0 ? @"\p{L}_:" : @"[\p{L}_:]"); break;
                    case 'I': sb.Append(@"[^\p{L}_:]"); break;
                    case 'c': sb.Append(classDepth > 0 ? @"\p{L}\p{Nd}\p{Mn}\p{Mc}.\-_:\u00B7" : @"[\p{L}\p{Nd}\p{Mn}\p{Mc}.\-_:\u00B7]"); break;
                    case 'C': sb.Append(@"[^\p{L}\p{Nd}\p{Mn}\p{Mc}.\-_:\u00B7]"); break;
                    default: sb.Append('\\').Append(n); break;
                }
                continue;
            }
            if (classDepth > 0)
            {
                if (c == '[') classDepth++;
                else if (c == ']') classDepth--;
                sb.Append(c);
                continue;
            }
            if (extended && c is ' ' or '\t' or '\n' or '\r') continue;
            switch (c)
            {
                case '[': classDepth++; sb.Append(c); if (i + 1 < p.Length && p[i + 1] == '^') { sb.Append('^'); i++; } if (i + 1 < p.Length && p[i + 1] == ']') { sb.Append(@"\]"); i++; } break;
                case '.': sb.Append(dotAll ? "." : @"[^\n\r]"); break;
                case '$': sb.Append(multiline ? "$" : @"\z"); break;
                default: sb.Append(c); break;
            }
        }
        return sb.ToString();
    }
}
