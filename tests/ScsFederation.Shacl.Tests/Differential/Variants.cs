using ScsFederation.Rdf.Model;

namespace ScsFederation.Shacl.Tests.Differential;

/// <summary>
/// Invalid variants of a sample, made on its triples: each changes one thing a Gaia-X shape checks — a property
/// dropped (minCount), a second value (maxCount), a literal with the wrong datatype or an ill-formed lexical form
/// (datatype, ranges), an IRI where a literal belongs and the reverse (nodeKind), the class of a referenced node
/// replaced (class, node), an undeclared property (closed), a value outside a list or pattern (in, pattern).
/// Deterministic: the same sample always gives the same variants, in the same order.
/// </summary>
internal static class Variants
{
    private static readonly Iri Integer = RdfVocabulary.XsdInteger;
    private static readonly Iri Extra = new("urn:scsfed:test:undeclaredProperty");
    private static readonly Iri WrongClass = new("urn:scsfed:test:WrongClass");

    /// <param name="targetClasses">The sh:targetClass values of the shapes: variants change the nodes the shapes look at (and the nodes those refer to), not credential envelopes.</param>
    public static IEnumerable<(string Name, RdfDataset Data)> Of(string sample, RdfDataset data, int perKind, IReadOnlySet<RdfTerm> targetClasses)
    {
        var quads = data.Quads;
        var targeted = quads.Where(q => q.Predicate.Equals(RdfVocabulary.RdfType) && targetClasses.Contains(q.Object)).Select(q => q.Subject).ToHashSet();
        var reached = quads.Where(q => targeted.Contains(q.Subject) && q.Object is not Literal).Select(q => q.Object).ToHashSet();
        reached.UnionWith(targeted);
        var candidates = quads.Where(q => reached.Contains(q.Subject) && !q.Predicate.Equals(RdfVocabulary.RdfType)).ToList();
        var kinds = new List<(string Kind, Func<Quad, RdfDataset?> Make)>
        {
            ("drop", q => Rebuild(quads, q, null)),
            ("duplicate", q => Rebuild(quads, null, new Quad(q.Subject, q.Predicate, q.Object is Literal l ? new Literal(l.Lexical + "-second", l.Datatype, l.Language) : new Iri("urn:scsfed:test:second"), q.Graph))),
            ("ill-formed", q => q.Object is Literal l && !l.Datatype.Equals(RdfVocabulary.XsdString) && l.Language is null ? Replace(quads, q, new Literal("not-a-" + Local(l.Datatype), l.Datatype)) : null),
            ("wrong-datatype", q => q.Object is Literal l ? Replace(quads, q, l.Datatype.Equals(Integer) ? Literal.Plain(l.Lexical) : new Literal("42", Integer)) : null),
            ("literal-for-node", q => q.Object is not Literal ? Replace(quads, q, Literal.Plain("a literal")) : null),
            ("node-for-literal", q => q.Object is Literal ? Replace(quads, q, new Iri("urn:scsfed:test:node")) : null),
            ("wrong-class", q => q.Object is not Literal && quads.Any(x => x.Subject.Equals(q.Object) && x.Predicate.Equals(RdfVocabulary.RdfType))
                ? Retype(quads, q.Object) : null),
            ("undeclared-property", q => Rebuild(quads, null, new Quad(q.Subject, Extra, Literal.Plain("x"), q.Graph))),
            ("bad-value", q => q.Object is Literal l ? Replace(quads, q, new Literal("!! " + l.Lexical + " ??", l.Datatype, l.Language)) : null),
            ("empty-string", q => q.Object is Literal l ? Replace(quads, q, new Literal("", l.Datatype, l.Language)) : null),
            ("negative", q => q.Object is Literal l && l.Datatype.Value.StartsWith(RdfVocabulary.Xsd, StringComparison.Ordinal) && char.IsDigit(l.Lexical.FirstOrDefault()) ? Replace(quads, q, new Literal("-1", l.Datatype)) : null),
        };
        foreach (var (kind, make) in kinds)
        {
            int made = 0;
            // Spread over the sample: every k-th candidate, so variants touch different properties and nodes.
            int stride = Math.Max(1, candidates.Count / Math.Max(1, perKind * 2));
            for (int i = 0; i < candidates.Count && made < perKind; i += stride)
            {
                var variant = make(candidates[i]);
                if (variant is null) continue;
                made++;
                yield return ($"{sample}#{kind}-{i}({Local(candidates[i].Predicate)})", variant);
            }
        }
    }

    private static string Local(RdfTerm t)
    {
        var s = t.ToString() ?? "";
        return s[(Math.Max(s.LastIndexOf('#'), s.LastIndexOf('/')) + 1)..];
    }

    private static RdfDataset Replace(IReadOnlyList<Quad> quads, Quad old, RdfTerm newObject) =>
        Rebuild(quads, old, new Quad(old.Subject, old.Predicate, newObject, old.Graph));

    private static RdfDataset Rebuild(IReadOnlyList<Quad> quads, Quad? remove, Quad? add)
    {
        var d = new RdfDataset(quads.Count + 1);
        foreach (var q in quads) if (remove is null || !q.Equals(remove)) d.Add(q);
        if (add is not null) d.Add(add);
        return d;
    }

    private static RdfDataset Retype(IReadOnlyList<Quad> quads, RdfTerm node)
    {
        var d = new RdfDataset(quads.Count);
        foreach (var q in quads)
            d.Add(q.Subject.Equals(node) && q.Predicate.Equals(RdfVocabulary.RdfType) ? new Quad(q.Subject, q.Predicate, WrongClass, q.Graph) : q);
        return d;
    }
}
