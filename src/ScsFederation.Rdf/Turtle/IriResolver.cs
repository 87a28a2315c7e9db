using System.Text;

namespace ScsFederation.Rdf.Turtle;

/// <summary>RFC 3986 section 5.2 reference resolution (relative IRI against a base), with dot-segment removal.</summary>
public static class IriResolver
{
    public static string Resolve(string baseIri, string reference)
    {
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

    private static Parts Split(string iri)
    {
        string? scheme = null, authority = null, query = null, fragment = null;
        int i = 0;
        int colon = iri.IndexOf(':');
        if (colon > 0 && NQuads.RdfCharacterClasses.HasScheme(iri.AsSpan(0, colon + 1)))
        {
            scheme = iri[..colon];
            i = colon + 1;
        }
        int hash = iri.IndexOf('#', i);
        string rest = hash >= 0 ? iri[i..hash] : iri[i..];
        if (hash >= 0) fragment = iri[(hash + 1)..];
        int q = rest.IndexOf('?');
        if (q >= 0) { query = rest[(q + 1)..]; rest = rest[..q]; }
        if (rest.StartsWith("//", StringComparison.Ordinal))
        {
            int slash = rest.IndexOf('/', 2);
            authority = slash >= 0 ? rest[2..slash] : rest[2..];
            rest = slash >= 0 ? rest[slash..] : "";
        }
        return new Parts(scheme, authority, rest, query, fragment);
    }

    private static string Merge(Parts b, string relativePath)
    {
        if (b.Authority is not null && b.Path.Length == 0) return "/" + relativePath;
        int lastSlash = b.Path.LastIndexOf('/');
        return lastSlash >= 0 ? b.Path[..(lastSlash + 1)] + relativePath : relativePath;
    }

    private static string RemoveDotSegments(string path)
    {
        if (path.IndexOf('.') < 0) return path;
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

    private static string Compose(string? scheme, string? authority, string path, string? query, string? fragment)
    {
        var sb = new StringBuilder();
        if (scheme is not null) sb.Append(scheme).Append(':');
        if (authority is not null) sb.Append("//").Append(authority);
        sb.Append(path);
        if (query is not null) sb.Append('?').Append(query);
        if (fragment is not null) sb.Append('#').Append(fragment);
        return sb.ToString();
    }
}
