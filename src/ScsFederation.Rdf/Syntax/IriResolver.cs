using System.Text;
using ScsFederation.Rdf.NQuads;

namespace ScsFederation.Rdf.Syntax;

/// <summary>How <see cref="IriResolver"/> removes dot segments.</summary>
internal enum DotSegmentRemoval : byte
{
    /// <summary>RFC 3986 5.2.4 to the letter (Turtle).</summary>
    Rfc3986,

    /// <summary>
    /// Segment by segment, as JSON-LD processors (jsonld.js) do. Same result as <see cref="Rfc3986"/> for every
    /// path that starts with '/'; differs only on rootless paths (no authority), e.g. tag:a/b + ../c gives tag:c, not tag:/c.
    /// </summary>
    SegmentWise,
}

/// <summary>RFC 3986 section 5.2 reference resolution (relative IRI against a base), shared by Turtle and JSON-LD.</summary>
internal static class IriResolver
{
    public static string Resolve(string baseIri, string reference, DotSegmentRemoval dots)
    {
        var r = Split(reference);
        if (r.Scheme is not null)
            return Compose(r.Scheme, r.Authority, RemoveDotSegments(r.Path, dots), r.Query, r.Fragment);
        var b = Split(baseIri);
        string? authority, path, query;
        if (r.Authority is not null)
        {
            authority = r.Authority;
            path = RemoveDotSegments(r.Path, dots);
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
                path = RemoveDotSegments(r.Path[0] == '/' ? r.Path : Merge(b, r.Path), dots);
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
        if (RdfCharacterClasses.HasScheme(s))
        {
            int colon = s.IndexOf(':');
            scheme = s[..colon];
            pos = colon + 1;
        }
        int end = s.Length;
        int hash = s.IndexOf('#', pos);
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
        var sb = new StringBuilder(path.Length + 32);
        if (scheme is not null) sb.Append(scheme).Append(':');
        if (authority is not null) sb.Append("//").Append(authority);
        sb.Append(path);
        if (query is not null) sb.Append('?').Append(query);
        if (fragment is not null) sb.Append('#').Append(fragment);
        return sb.ToString();
    }

    private static string RemoveDotSegments(string path, DotSegmentRemoval dots)
    {
        if (path.IndexOf('.') < 0) return path;
        return dots == DotSegmentRemoval.Rfc3986 ? RemoveDotSegmentsRfc(path) : RemoveDotSegmentsSegmentWise(path);
    }

    private static string RemoveDotSegmentsRfc(string path)
    {
        var input = path;
        var output = new StringBuilder(path.Length);
        while (input.Length > 0)
        {
            if (input.StartsWith("../", StringComparison.Ordinal)) input = input[3..];
            else if (input.StartsWith("./", StringComparison.Ordinal)) input = input[2..];
            else if (input.StartsWith("/./", StringComparison.Ordinal)) input = input[2..];
            else if (input == "/.") input = "/";
            else if (input.StartsWith("/../", StringComparison.Ordinal) || input == "/..")
            {
                input = input.Length == 3 ? "/" : input[3..];
                int last = output.ToString().LastIndexOf('/');
                output.Length = last >= 0 ? last : 0;
            }
            else if (input == "." || input == "..") input = "";
            else
            {
                int start = input[0] == '/' ? 1 : 0;
                int next = input.IndexOf('/', start);
                string segment = next >= 0 ? input[..next] : input;
                output.Append(segment);
                input = next >= 0 ? input[next..] : "";
            }
        }
        return output.ToString();
    }

    private static string RemoveDotSegmentsSegmentWise(string path)
    {
        var output = new List<string>();
        bool absolute = path.StartsWith('/');
        var segments = path[(absolute ? 1 : 0)..].Split('/');
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
