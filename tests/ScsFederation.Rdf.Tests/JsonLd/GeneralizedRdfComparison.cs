using ScsFederation.Rdf.Model;

namespace ScsFederation.Rdf.Tests.JsonLd;

/// <summary>
/// Isomorphism check for the few generalized-RDF expectations (blank-node predicates), which standard
/// N-Quads parsers and RDFC-1.0 reject. Reads a tiny N-Quads subset (IRIs, blank nodes, plain literals
/// without escapes) and tries every blank-node bijection, so it is only for small test graphs.
/// </summary>
internal static class GeneralizedRdfComparison
{
    public static string? Compare(string expectedNQuads, RdfDataset actual)
    {
        var expected = new List<string[]>();
        foreach (var raw in expectedNQuads.Split('\n'))
        {
            var line = raw.Trim();
            if (line.Length == 0) continue;
            var terms = Tokenize(line);
            if (terms is null) return $"cannot read expected line (outside the generalized subset): {line}";
            expected.Add(terms);
        }

        var actualQuads = actual.Quads.Select(q => new[] { Encode(q.Subject), Encode(q.Predicate), Encode(q.Object), q.Graph is null ? "" : Encode(q.Graph) }).ToList();
        if (expected.Count != actualQuads.Count) return $"expected {expected.Count} quads, got {actualQuads.Count}";
        var expectedBlanks = expected.SelectMany(t => t).Where(t => t.StartsWith("_:")).Distinct().ToList();
        var actualBlanks = actualQuads.SelectMany(t => t).Where(t => t.StartsWith("_:")).Distinct().ToList();
        if (expectedBlanks.Count != actualBlanks.Count) return "different number of blank nodes";
        if (expectedBlanks.Count > 8) return "too many blank nodes for the brute-force comparison";
        var expectedSet = expected.Select(t => string.Join(' ', t)).ToHashSet();
        foreach (var permutation in Permutations(actualBlanks))
        {
            var map = new Dictionary<string, string>();
            for (int i = 0; i < permutation.Count; i++) map[permutation[i]] = expectedBlanks[i];
            var mapped = actualQuads.Select(t => string.Join(' ', t.Select(x => map.TryGetValue(x, out var m) ? m : x))).ToHashSet();
            if (mapped.SetEquals(expectedSet)) return null;
        }
        return "no blank-node mapping makes the datasets equal";
    }

    private static string Encode(RdfTerm term) => term switch
    {
        Iri i => "<" + i.Value + ">",
        BlankNode b => "_:" + b.Label,
        Literal l when l.Datatype.Value == RdfVocabulary.Xsd + "string" && l.Language is null => "\"" + l.Lexical + "\"",
        Literal l => "\"" + l.Lexical + "\"^^<" + l.Datatype.Value + ">" + (l.Language is null ? "" : "@" + l.Language),
        _ => term.ToString()!,
    };

    private static string[]? Tokenize(string line)
    {
        var terms = new List<string>();
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (c == ' ') { i++; continue; }
            if (c == '.') break;
            int end;
            if (c == '<') end = line.IndexOf('>', i) + 1;
            else if (c == '"') end = line.IndexOf('"', i + 1) + 1;
            else if (c == '_') { end = line.IndexOf(' ', i); if (end < 0) end = line.Length; }
            else return null;
            if (end <= i) return null;
            terms.Add(line[i..end]);
            i = end;
        }
        if (terms.Count == 3) terms.Add("");
        return terms.Count == 4 ? terms.ToArray() : null;
    }

    private static IEnumerable<List<string>> Permutations(List<string> items)
    {
        if (items.Count <= 1)
        {
            yield return new List<string>(items);
            yield break;
        }
        for (int i = 0; i < items.Count; i++)
        {
            var rest = new List<string>(items);
            rest.RemoveAt(i);
            foreach (var p in Permutations(rest))
            {
                p.Insert(0, items[i]);
                yield return p;
            }
        }
    }
}
