using ScsFederation.Rdf.Model;
using ScsFederation.Shacl.Shapes;
using ScsFederation.Shacl.Validation;

namespace ScsFederation.Shacl.Constraints;

/// <summary>sh:minCount / sh:maxCount: one result per focus node, without sh:value.</summary>
internal sealed class CountConstraint(long limit, bool isMin) : Constraint(isMin ? "MinCount" : "MaxCount")
{
    public override string DefaultMessage => isMin ? $"Less than {limit} values" : $"More than {limit} values";

    public override void Evaluate(ValidationRun run, Shape shape, RdfTerm focus, IReadOnlyList<RdfTerm> values, IResultSink sink)
    {
        if (isMin ? values.Count < limit : values.Count > limit) sink.Add(shape, this, focus, null);
    }
}

/// <summary>sh:hasValue: on a property shape some value equals it; on a node shape the focus node is it.</summary>
internal sealed class HasValueConstraint(RdfTerm expected) : Constraint("HasValue")
{
    public override string DefaultMessage => $"Missing expected value {expected}";

    public override void Evaluate(ValidationRun run, Shape shape, RdfTerm focus, IReadOnlyList<RdfTerm> values, IResultSink sink)
    {
        for (int i = 0; i < values.Count; i++) if (values[i].Equals(expected)) return;
        sink.Add(shape, this, focus, shape.IsPropertyShape ? null : focus);
    }
}

/// <summary>sh:uniqueLang true: one result per language tag (case-insensitive) used by more than one value.</summary>
internal sealed class UniqueLangConstraint() : Constraint("UniqueLang")
{
    public override string DefaultMessage => "Language used more than once";

    public override void Evaluate(ValidationRun run, Shape shape, RdfTerm focus, IReadOnlyList<RdfTerm> values, IResultSink sink)
    {
        var counts = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (var v in values)
            if (v is Literal { Language: { Length: > 0 } lang }) counts[lang] = counts.GetValueOrDefault(lang) + 1;
        foreach (var (lang, n) in counts)
        {
            if (n < 2) continue;
            sink.Add(shape, this, focus, null, message: $"Language \"{lang}\" has been used by {n} values");
            if (sink.Done) return;
        }
    }
}

/// <summary>sh:equals / sh:disjoint / sh:lessThan / sh:lessThanOrEquals: value nodes against the focus node's values of a predicate.</summary>
internal sealed class PairConstraint(string component, Iri predicate) : Constraint(component)
{
    public override string DefaultMessage => $"{component} {predicate.Value} violated";

    public override void Evaluate(ValidationRun run, Shape shape, RdfTerm focus, IReadOnlyList<RdfTerm> values, IResultSink sink)
    {
        var others = run.Data.Triples.Objects(focus, predicate);
        switch (component)
        {
            case "Equals":
                foreach (var v in values) if (!others.Contains(v)) { sink.Add(shape, this, focus, v); if (sink.Done) return; }
                foreach (var o in others) if (!values.Contains(o)) { sink.Add(shape, this, focus, o); if (sink.Done) return; }
                break;
            case "Disjoint":
                foreach (var v in values) if (others.Contains(v)) { sink.Add(shape, this, focus, v); if (sink.Done) return; }
                break;
            default:
                bool orEqual = component == "LessThanOrEquals";
                foreach (var v in values)
                foreach (var o in others)
                {
                    var c = v is Literal a && o is Literal b ? Literals.LiteralComparer.Compare(a, b) : null;
                    if (c is null || (orEqual ? c > 0 : c >= 0)) { sink.Add(shape, this, focus, v); if (sink.Done) return; }
                }
                break;
        }
    }
}
