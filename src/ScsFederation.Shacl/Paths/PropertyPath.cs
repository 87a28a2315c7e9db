using System.Text;
using System.Text.Json.Nodes;
using ScsFederation.Rdf.Model;
using ScsFederation.Shacl.Graph;

namespace ScsFederation.Shacl.Paths;

/// <summary>A SHACL property path (§2.3.1), compiled from the shapes graph. <see cref="Node"/> is the path's node there (the sh:resultPath of results).</summary>
public abstract class PropertyPath
{
    private protected PropertyPath(RdfTerm node) => Node = node;

    public RdfTerm Node { get; }

    /// <summary>Adds every node reachable from <paramref name="focus"/> to <paramref name="output"/> (a set: each value once).</summary>
    internal abstract void Evaluate(TripleIndex graph, RdfTerm focus, ValueSet output);

    /// <summary>SPARQL 1.1 property-path syntax, for messages and the JSON report.</summary>
    public abstract void Write(StringBuilder text);

    /// <summary>The path as the JSON-LD node SHACL defines (a predicate IRI or a blank node with sh:inversePath etc.).</summary>
    public abstract JsonNode ToJsonLd();

    public override string ToString()
    {
        var sb = new StringBuilder();
        Write(sb);
        return sb.ToString();
    }

    public IReadOnlyList<RdfTerm> Values(TripleIndex graph, RdfTerm focus)
    {
        var set = new ValueSet();
        Evaluate(graph, focus, set);
        return set.Items;
    }
}

/// <summary>An insertion-ordered set of terms: value nodes are a set in SHACL, and a stable order keeps reports deterministic.</summary>
internal sealed class ValueSet
{
    private readonly HashSet<RdfTerm> _seen = new();
    private readonly List<RdfTerm> _items = new();

    public IReadOnlyList<RdfTerm> Items => _items;

    public bool Add(RdfTerm term)
    {
        if (!_seen.Add(term)) return false;
        _items.Add(term);
        return true;
    }

    public bool Contains(RdfTerm term) => _seen.Contains(term);
}

public sealed class PredicatePath(Iri predicate) : PropertyPath(predicate)
{
    public Iri Predicate { get; } = predicate;

    internal override void Evaluate(TripleIndex graph, RdfTerm focus, ValueSet output)
    {
        var objects = graph.Objects(focus, Predicate);
        for (int i = 0; i < objects.Count; i++) output.Add(objects[i]);
    }

    public override void Write(StringBuilder text) => text.Append('<').Append(Predicate.Value).Append('>');

    public override JsonNode ToJsonLd() => JsonValue.Create(Predicate.Value)!;
}

public sealed class InversePath(RdfTerm node, PropertyPath inner) : PropertyPath(node)
{
    public PropertyPath Inner { get; } = inner;

    internal override void Evaluate(TripleIndex graph, RdfTerm focus, ValueSet output)
    {
        if (Inner is PredicatePath p)
        {
            foreach (var s in graph.Subjects(p.Predicate, focus)) output.Add(s);
            return;
        }
        // ^(complex): the nodes from which the inner path reaches the focus. Rare; a scan of the subjects is fine.
        foreach (var s in graph.AllSubjects)
            if (Inner.Values(graph, s).Contains(focus)) output.Add(s);
    }

    public override void Write(StringBuilder text) { text.Append('^'); Inner.Write(text); }

    public override JsonNode ToJsonLd() => new JsonObject { ["sh:inversePath"] = Inner.ToJsonLd() };
}

public sealed class SequencePath(RdfTerm node, IReadOnlyList<PropertyPath> steps) : PropertyPath(node)
{
    public IReadOnlyList<PropertyPath> Steps { get; } = steps;

    internal override void Evaluate(TripleIndex graph, RdfTerm focus, ValueSet output)
    {
        IReadOnlyList<RdfTerm> current = [focus];
        for (int i = 0; i < Steps.Count; i++)
        {
            var next = new ValueSet();
            foreach (var n in current) Steps[i].Evaluate(graph, n, next);
            current = next.Items;
        }
        foreach (var n in current) output.Add(n);
    }

    public override void Write(StringBuilder text)
    {
        text.Append('(');
        for (int i = 0; i < Steps.Count; i++) { if (i > 0) text.Append('/'); Steps[i].Write(text); }
        text.Append(')');
    }

    public override JsonNode ToJsonLd() => new JsonObject { ["@list"] = new JsonArray([.. Steps.Select(s => s.ToJsonLd())]) };
}

public sealed class AlternativePath(RdfTerm node, IReadOnlyList<PropertyPath> options) : PropertyPath(node)
{
    public IReadOnlyList<PropertyPath> Options { get; } = options;

    internal override void Evaluate(TripleIndex graph, RdfTerm focus, ValueSet output)
    {
        foreach (var o in Options) o.Evaluate(graph, focus, output);
    }

    public override void Write(StringBuilder text)
    {
        text.Append('(');
        for (int i = 0; i < Options.Count; i++) { if (i > 0) text.Append('|'); Options[i].Write(text); }
        text.Append(')');
    }

    public override JsonNode ToJsonLd() => new JsonObject { ["sh:alternativePath"] = new JsonObject { ["@list"] = new JsonArray([.. Options.Select(s => s.ToJsonLd())]) } };
}

public enum RepetitionKind { ZeroOrMore, OneOrMore, ZeroOrOne }

public sealed class RepetitionPath(RdfTerm node, RepetitionKind kind, PropertyPath inner) : PropertyPath(node)
{
    public RepetitionKind Repetition { get; } = kind;

    public PropertyPath Inner { get; } = inner;

    internal override void Evaluate(TripleIndex graph, RdfTerm focus, ValueSet output)
    {
        if (Repetition != RepetitionKind.OneOrMore) output.Add(focus);
        if (Repetition == RepetitionKind.ZeroOrOne)
        {
            Inner.Evaluate(graph, focus, output);
            return;
        }
        // Breadth-first with a visited set: cycles in the data terminate.
        var visited = new HashSet<RdfTerm> { focus };
        var frontier = new List<RdfTerm> { focus };
        while (frontier.Count > 0)
        {
            var step = new ValueSet();
            foreach (var n in frontier) Inner.Evaluate(graph, n, step);
            frontier = [];
            foreach (var n in step.Items)
            {
                output.Add(n);
                if (visited.Add(n)) frontier.Add(n);
            }
        }
    }

    public override void Write(StringBuilder text)
    {
        Inner.Write(text);
        text.Append(Repetition switch { RepetitionKind.ZeroOrMore => '*', RepetitionKind.OneOrMore => '+', _ => '?' });
    }

    public override JsonNode ToJsonLd()
    {
        var key = Repetition switch { RepetitionKind.ZeroOrMore => "sh:zeroOrMorePath", RepetitionKind.OneOrMore => "sh:oneOrMorePath", _ => "sh:zeroOrOnePath" };
        return new JsonObject { [key] = Inner.ToJsonLd() };
    }
}
