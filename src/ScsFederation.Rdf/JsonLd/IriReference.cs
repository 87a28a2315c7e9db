namespace ScsFederation.Rdf.JsonLd;

/// <summary>
/// IRI reference handling JSON-LD needs: absolute-IRI test, RFC 3986 section 5.2 resolution (no
/// normalization beyond dot-segment removal, as the JSON-LD API requires) and the well-formedness test
/// the RDF deserialization uses to drop quads with unusable IRIs.
/// </summary>
internal static class IriReference
{
    /// <summary>True when <paramref name="value"/> starts with a scheme and a colon (RFC 3986 <c>scheme ":"</c>).</summary>
    public static bool IsAbsolute(string value)
    {
        if (value.Length < 2 || !char.IsAsciiLetter(value[0])) return false;
        for (int i = 1; i < value.Length; i++)
        {
            char c = value[i];
            if (c == ':') return true;
            if (!(char.IsAsciiLetterOrDigit(c) || c == '+' || c == '-' || c == '.')) return false;
        }
        return false;
    }

    /// <summary>An absolute IRI without characters that IRIs may not contain (space, angle brackets, quotes, braces, ...).</summary>
    public static bool IsWellFormedAbsolute(string value)
    {
        if (!IsAbsolute(value)) return false;
        bool seenHash = false;
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (c <= ' ' || c == '<' || c == '>' || c == '"' || c == '{' || c == '}' || c == '|' || c == '\\' || c == '^' || c == '`')
                return false;
            if (c == '#')
            {
                // RFC 3987: one fragment, and '#' is not allowed inside it.
                if (seenHash) return false;
                seenHash = true;
            }
            else if (c == '%' && (i + 2 >= value.Length || !char.IsAsciiHexDigit(value[i + 1]) || !char.IsAsciiHexDigit(value[i + 2])))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>Resolves <paramref name="reference"/> against <paramref name="baseIri"/> (RFC 3986 5.2.2). A null base leaves the reference as is.</summary>
    public static string Resolve(string? baseIri, string reference)
    {
        if (baseIri is null) return reference;
        var r = Split(reference);
        if (r.Scheme is not null)
            return Compose(r.Scheme, r.Authority, RemoveDotSegments(r.Path), r.Query, r.Fragment);

        var b = Split(baseIri);
        string? authority, path, query;
        if (r.Authority is not null)
        {
            authority = r.Authority;
            path = RemoveDotSegments(r.Path);
            query = r.Query;
        }
        else
        {
            authority = b.Authority;
            if (r.Path.Length == 0)
            {
                path = b.Path;
                query = r.Query ?? b.Query;
            }
            else
            {
                path = r.Path[0] == '/' ? RemoveDotSegments(r.Path) : RemoveDotSegments(Merge(b, r.Path));
                query = r.Query;
            }
        }

        return Compose(b.Scheme, authority, path, query, r.Fragment);
    }

    private readonly record struct Parts(string? Scheme, string? Authority, string Path, string? Query, string? Fragment);

    // RFC 3986 appendix B, by hand.
    private static Parts Split(string s)
    {
        string? scheme = null, authority = null, query = null, fragment = null;
        int pos = 0;
        if (IsAbsolute(s))
        {
            int colon = s.IndexOf(':');
            scheme = s[..colon];
            pos = colon + 1;
        }

        int hash = s.IndexOf('#', pos);
        int end = s.Length;
        if (hash >= 0)
        {
            fragment = s[(hash + 1)..];
            end = hash;
        }

        int question = s.IndexOf('?', pos, end - pos);
        if (question >= 0)
        {
            query = s[(question + 1)..end];
            end = question;
        }

        if (end - pos >= 2 && s[pos] == '/' && s[pos + 1] == '/')
        {
            int slash = s.IndexOf('/', pos + 2, end - pos - 2);
            int authEnd = slash < 0 ? end : slash;
            authority = s[(pos + 2)..authEnd];
            pos = authEnd;
        }

        return new Parts(scheme, authority, s[pos..end], query, fragment);
    }

    private static string Merge(Parts b, string relativePath)
    {
        if (b.Authority is not null && b.Path.Length == 0) return "/" + relativePath;
        int lastSlash = b.Path.LastIndexOf('/');
        return lastSlash < 0 ? relativePath : string.Concat(b.Path.AsSpan(0, lastSlash + 1), relativePath);
    }

    private static string Compose(string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var sb = new System.Text.StringBuilder(path.Length + 32);
        if (scheme is not null) sb.Append(scheme).Append(':');
        if (authority is not null) sb.Append("//").Append(authority);
        sb.Append(path);
        if (query is not null) sb.Append('?').Append(query);
        if (fragment is not null) sb.Append('#').Append(fragment);
        return sb.ToString();
    }

    /// <summary>RFC 3986 5.2.4, working on segments rather than repeated string rewrites.</summary>
    public static string RemoveDotSegments(string path)
    {
        if (path.IndexOf('.') < 0) return path;
        var output = new List<string>();
        int i = 0;
        bool absolute = path.StartsWith('/');
        if (absolute) i = 1;
        var segments = path[i..].Split('/');
        for (int s = 0; s < segments.Length; s++)
        {
            string seg = segments[s];
            bool last = s == segments.Length - 1;
            if (seg == ".")
            {
                if (last) output.Add("");
                continue;
            }
            if (seg == "..")
            {
                if (output.Count > 0) output.RemoveAt(output.Count - 1);
                if (last) output.Add("");
                continue;
            }
            output.Add(seg);
        }
        var joined = string.Join('/', output);
        return absolute ? "/" + joined : joined;
    }
}
