using System.Globalization;
using ScsFederation.Rdf.Model;
using ScsFederation.Shacl.Constraints;
using ScsFederation.Shacl.Graph;
using ScsFederation.Shacl.Literals;
using ScsFederation.Shacl.Paths;
using ScsFederation.Shacl.Report;

namespace ScsFederation.Shacl.Shapes;

/// <summary>
/// Reads a shapes graph once into <see cref="Shape"/> objects: paths, lists and patterns are parsed here, so
/// validation never looks at the shapes graph again and every error of the shapes surfaces at load time.
/// </summary>
internal sealed class ShapesCompiler
{
    private static readonly Iri[] TargetPredicates = [Sh.TargetClass, Sh.TargetNode, Sh.TargetSubjectsOf, Sh.TargetObjectsOf];

    // The parameters that make a node a shape with constraints (the SHACL Core components' parameters).
    private static readonly Iri[] Parameters =
    [
        Sh.Class, Sh.Datatype, Sh.NodeKind, Sh.MinCount, Sh.MaxCount, Sh.MinInclusive, Sh.MaxInclusive, Sh.MinExclusive,
        Sh.MaxExclusive, Sh.MinLength, Sh.MaxLength, Sh.Pattern, Sh.LanguageIn, Sh.UniqueLang, Sh.In, Sh.HasValue,
        Sh.Not, Sh.And, Sh.Or, Sh.Xone, Sh.Node, Sh.Property, Sh.QualifiedValueShape, Sh.Closed, Sh.Equals_, Sh.Disjoint,
        Sh.LessThan, Sh.LessThanOrEquals,
    ];

    private readonly TripleIndex _g;
    private readonly Dictionary<RdfTerm, Shape> _shapes = new();
    private readonly List<(Shape Shape, QualifiedCountConstraint Constraint, RdfTerm Qualified)> _disjointQualified = [];

    private ShapesCompiler(TripleIndex graph) => _g = graph;

    public static (IReadOnlyList<Shape> Targeted, int ShapeCount) Compile(TripleIndex graph)
    {
        var c = new ShapesCompiler(graph);
        var candidates = new List<RdfTerm>();
        var seen = new HashSet<RdfTerm>();
        foreach (var p in Parameters)
            foreach (var (s, _) in graph.WithPredicate(p))
                if (seen.Add(s)) candidates.Add(s);
        var targeted = new List<Shape>();
        foreach (var node in candidates)
        {
            bool implicitClass = c.IsClass(node);
            bool hasTarget = TargetPredicates.Any(t => graph.Objects(node, t).Count > 0);
            var shape = c.Get(node);
            if (!implicitClass && !hasTarget) continue;
            shape.Targets = new ShapeTargets(implicitClass, graph.Objects(node, Sh.TargetClass), graph.Objects(node, Sh.TargetNode),
                graph.Objects(node, Sh.TargetSubjectsOf), graph.Objects(node, Sh.TargetObjectsOf));
            targeted.Add(shape);
        }
        c.LinkDisjointSiblings();
        return (targeted, c._shapes.Count);
    }

    // rdf:type rdfs:Class, or a type that is an rdfs:subClassOf* rdfs:Class in the shapes graph (owl:Class when declared so).
    private bool IsClass(RdfTerm node)
    {
        foreach (var t in _g.Objects(node, RdfVocabulary.RdfType))
        {
            var stack = new Stack<RdfTerm>([t]);
            var visited = new HashSet<RdfTerm>();
            while (stack.Count > 0)
            {
                var x = stack.Pop();
                if (!visited.Add(x)) continue;
                if (x.Equals(Sh.RdfsClass)) return true;
                foreach (var sup in _g.Objects(x, Sh.RdfsSubClassOf)) stack.Push(sup);
            }
        }
        return false;
    }

    private Shape Get(RdfTerm node)
    {
        if (_shapes.TryGetValue(node, out var existing)) return existing;
        var shape = new Shape(node);
        _shapes[node] = shape; // registered before its constraints: recursive shapes refer to the same object
        Fill(shape);
        return shape;
    }

    private static string Name(RdfTerm node) => TermText.Format(node);

    private ShapesGraphException Error(string code, RdfTerm shape, string message) => new(code, Name(shape), message);

    private void Fill(Shape shape)
    {
        var n = shape.Node;
        if (_g.Object(n, Sh.Path) is { } pathNode) shape.Path = ParsePath(n, pathNode, 0);
        if (_g.Object(n, Sh.Severity) is { } sev)
            shape.Severity = sev as Iri ?? throw Error(ShaclErrorCodes.InvalidParameter, n, "sh:severity must be an IRI");
        shape.Deactivated = _g.Objects(n, Sh.Deactivated).Any(v => v is Literal { Lexical: "true" } l && l.Datatype.Equals(RdfVocabulary.XsdBoolean));
        shape.Messages = [.. _g.Objects(n, Sh.Message).OfType<Literal>()];
        var constraints = new List<Constraint>();
        bool property = shape.Path is not null;

        foreach (var v in _g.Objects(n, Sh.Class)) constraints.Add(new ClassConstraint(v));
        foreach (var v in _g.Objects(n, Sh.Datatype)) constraints.Add(new DatatypeConstraint(IriParam(n, v, "sh:datatype")));
        foreach (var v in _g.Objects(n, Sh.NodeKind))
        {
            var kind = IriParam(n, v, "sh:nodeKind");
            if (!new[] { Sh.BlankNode, Sh.IRI, Sh.Literal, Sh.BlankNodeOrIRI, Sh.BlankNodeOrLiteral, Sh.IRIOrLiteral }.Contains(kind))
                throw Error(ShaclErrorCodes.InvalidParameter, n, $"sh:nodeKind {kind.Value} is not a SHACL node kind");
            constraints.Add(new NodeKindConstraint(kind));
        }
        foreach (var v in _g.Objects(n, Sh.MinCount)) constraints.Add(new CountConstraint(IntParam(n, v, "sh:minCount", property), true));
        foreach (var v in _g.Objects(n, Sh.MaxCount)) constraints.Add(new CountConstraint(IntParam(n, v, "sh:maxCount", property), false));
        AddRange(n, constraints, Sh.MinInclusive, "MinInclusive", c => c >= 0, "greater than or equal to");
        AddRange(n, constraints, Sh.MaxInclusive, "MaxInclusive", c => c <= 0, "less than or equal to");
        AddRange(n, constraints, Sh.MinExclusive, "MinExclusive", c => c > 0, "greater than");
        AddRange(n, constraints, Sh.MaxExclusive, "MaxExclusive", c => c < 0, "less than");
        foreach (var v in _g.Objects(n, Sh.MinLength)) constraints.Add(new LengthConstraint("MinLength", IntParam(n, v, "sh:minLength", true), true));
        foreach (var v in _g.Objects(n, Sh.MaxLength)) constraints.Add(new LengthConstraint("MaxLength", IntParam(n, v, "sh:maxLength", true), false));
        var flags = _g.Objects(n, Sh.Flags).OfType<Literal>().Select(l => l.Lexical).DefaultIfEmpty(null).ToList();
        foreach (var v in _g.Objects(n, Sh.Pattern))
        {
            if (v is not Literal p) throw Error(ShaclErrorCodes.InvalidParameter, n, "sh:pattern must be a literal");
            foreach (var f in flags)
            {
                try { constraints.Add(new PatternConstraint(new XPathRegex(p.Lexical, f))); }
                catch (ArgumentException e) { throw new ShapesGraphException(ShaclErrorCodes.InvalidPattern, Name(n), $"sh:pattern \"{p.Lexical}\": {e.Message}", e); }
            }
        }
        foreach (var v in _g.Objects(n, Sh.LanguageIn))
            constraints.Add(new LanguageInConstraint([.. List(n, v, "sh:languageIn").Select(t => t is Literal l ? l.Lexical : throw Error(ShaclErrorCodes.InvalidParameter, n, "sh:languageIn members must be literals"))]));
        foreach (var v in _g.Objects(n, Sh.UniqueLang))
            if (IsTrue(v)) { RequireProperty(n, property, "sh:uniqueLang"); constraints.Add(new UniqueLangConstraint()); }
        foreach (var v in _g.Objects(n, Sh.In)) constraints.Add(new InConstraint(List(n, v, "sh:in")));
        foreach (var v in _g.Objects(n, Sh.HasValue)) constraints.Add(new HasValueConstraint(v));
        foreach (var v in _g.Objects(n, Sh.Not)) constraints.Add(new NotConstraint(Get(v)));
        foreach (var v in _g.Objects(n, Sh.And)) constraints.Add(new LogicalConstraint("And", [.. List(n, v, "sh:and").Select(Get)]));
        foreach (var v in _g.Objects(n, Sh.Or)) constraints.Add(new LogicalConstraint("Or", [.. List(n, v, "sh:or").Select(Get)]));
        foreach (var v in _g.Objects(n, Sh.Xone)) constraints.Add(new LogicalConstraint("Xone", [.. List(n, v, "sh:xone").Select(Get)]));
        foreach (var v in _g.Objects(n, Sh.Node)) constraints.Add(new NodeConstraint(Get(v)));
        foreach (var v in _g.Objects(n, Sh.Property))
        {
            var p = Get(v);
            if (!p.IsPropertyShape) throw Error(ShaclErrorCodes.InvalidPath, v, "a sh:property value must have sh:path");
            constraints.Add(new PropertyConstraint(p));
        }
        foreach (var q in _g.Objects(n, Sh.QualifiedValueShape))
        {
            RequireProperty(n, property, "sh:qualifiedValueShape");
            bool disjoint = _g.Objects(n, Sh.QualifiedValueShapesDisjoint).Any(IsTrue);
            var qualified = Get(q);
            foreach (var v in _g.Objects(n, Sh.QualifiedMinCount)) Qualified(shape, constraints, new QualifiedCountConstraint(qualified, IntParam(n, v, "sh:qualifiedMinCount", true), true), q, disjoint);
            foreach (var v in _g.Objects(n, Sh.QualifiedMaxCount)) Qualified(shape, constraints, new QualifiedCountConstraint(qualified, IntParam(n, v, "sh:qualifiedMaxCount", true), false), q, disjoint);
        }
        foreach (var v in _g.Objects(n, Sh.Closed))
        {
            if (!IsTrue(v)) continue;
            var allowed = new HashSet<RdfTerm>();
            foreach (var p in _g.Objects(n, Sh.Property))
                foreach (var path in _g.Objects(p, Sh.Path))
                    if (path is Iri) allowed.Add(path);
            foreach (var ignored in _g.Objects(n, Sh.IgnoredProperties)) allowed.UnionWith(List(n, ignored, "sh:ignoredProperties"));
            constraints.Add(new ClosedConstraint(allowed));
        }
        foreach (var (pred, name) in new[] { (Sh.Equals_, "Equals"), (Sh.Disjoint, "Disjoint"), (Sh.LessThan, "LessThan"), (Sh.LessThanOrEquals, "LessThanOrEquals") })
        {
            foreach (var v in _g.Objects(n, pred))
            {
                if (name != "Equals" && name != "Disjoint") RequireProperty(n, property, "sh:" + char.ToLowerInvariant(name[0]) + name[1..]);
                constraints.Add(new PairConstraint(name, IriParam(n, v, "sh:" + char.ToLowerInvariant(name[0]) + name[1..])));
            }
        }
        shape.Constraints = [.. constraints];
    }

    private void Qualified(Shape shape, List<Constraint> constraints, QualifiedCountConstraint c, RdfTerm qualified, bool disjoint)
    {
        constraints.Add(c);
        if (disjoint) _disjointQualified.Add((shape, c, qualified));
    }

    // Siblings: the qualified value shapes of the other property shapes of the same parent shape(s).
    private void LinkDisjointSiblings()
    {
        foreach (var (shape, constraint, qualified) in _disjointQualified)
        {
            var siblings = new List<Shape>();
            foreach (var parent in _g.Subjects(Sh.Property, shape.Node))
                foreach (var sibling in _g.Objects(parent, Sh.Property))
                    foreach (var q in _g.Objects(sibling, Sh.QualifiedValueShape))
                        if (!q.Equals(qualified) && !siblings.Any(s => s.Node.Equals(q))) siblings.Add(Get(q));
            constraint.Siblings = siblings;
        }
    }

    private void AddRange(RdfTerm n, List<Constraint> constraints, Iri parameter, string component, Func<int, bool> ok, string relation)
    {
        foreach (var v in _g.Objects(n, parameter))
        {
            if (v is not Literal bound) throw Error(ShaclErrorCodes.InvalidParameter, n, $"sh:{char.ToLowerInvariant(component[0])}{component[1..]} must be a literal");
            constraints.Add(new RangeConstraint(component, bound, ok, relation));
        }
    }

    private void RequireProperty(RdfTerm n, bool property, string parameter)
    {
        if (!property) throw Error(ShaclErrorCodes.ParameterNotAllowed, n, $"{parameter} is only allowed on property shapes");
    }

    private static bool IsTrue(RdfTerm v) => v is Literal { Lexical: "true" } l && l.Datatype.Equals(RdfVocabulary.XsdBoolean);

    private Iri IriParam(RdfTerm n, RdfTerm v, string name) => v as Iri ?? throw Error(ShaclErrorCodes.InvalidParameter, n, $"{name} must be an IRI, not {Name(v)}");

    private long IntParam(RdfTerm n, RdfTerm v, string name, bool allowed)
    {
        RequireProperty(n, allowed, name);
        if (v is Literal l && long.TryParse(l.Lexical, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var x) && x >= 0) return x;
        throw Error(ShaclErrorCodes.InvalidParameter, n, $"{name} must be a non-negative integer, not {Name(v)}");
    }

    private IReadOnlyList<RdfTerm> List(RdfTerm shape, RdfTerm head, string name)
    {
        var items = new List<RdfTerm>();
        var visited = new HashSet<RdfTerm>();
        var node = head;
        while (!node.Equals(RdfVocabulary.RdfNil))
        {
            if (!visited.Add(node)) throw Error(ShaclErrorCodes.InvalidList, shape, $"{name}: the list is cyclic");
            var first = _g.Objects(node, RdfVocabulary.RdfFirst);
            var rest = _g.Objects(node, RdfVocabulary.RdfRest);
            if (first.Count != 1 || rest.Count != 1) throw Error(ShaclErrorCodes.InvalidList, shape, $"{name}: {Name(node)} is not a well-formed RDF list node");
            items.Add(first[0]);
            node = rest[0];
        }
        return items;
    }

    private PropertyPath ParsePath(RdfTerm shape, RdfTerm node, int depth)
    {
        if (depth > 64) throw Error(ShaclErrorCodes.InvalidPath, shape, "sh:path nests too deeply");
        switch (node)
        {
            case Iri iri when !iri.Equals(RdfVocabulary.RdfNil): return new PredicatePath(iri);
            case BlankNode:
                if (_g.Objects(node, RdfVocabulary.RdfFirst).Count > 0)
                {
                    var steps = List(shape, node, "sh:path sequence");
                    if (steps.Count < 2) throw Error(ShaclErrorCodes.InvalidPath, shape, "a sequence path needs at least two members");
                    return new SequencePath(node, [.. steps.Select(s => ParsePath(shape, s, depth + 1))]);
                }
                if (_g.Object(node, Sh.InversePath) is { } inv) return new InversePath(node, ParsePath(shape, inv, depth + 1));
                if (_g.Object(node, Sh.AlternativePath) is { } alt)
                {
                    var options = List(shape, alt, "sh:alternativePath");
                    if (options.Count < 2) throw Error(ShaclErrorCodes.InvalidPath, shape, "an alternative path needs at least two members");
                    return new AlternativePath(node, [.. options.Select(s => ParsePath(shape, s, depth + 1))]);
                }
                if (_g.Object(node, Sh.ZeroOrMorePath) is { } zm) return new RepetitionPath(node, RepetitionKind.ZeroOrMore, ParsePath(shape, zm, depth + 1));
                if (_g.Object(node, Sh.OneOrMorePath) is { } om) return new RepetitionPath(node, RepetitionKind.OneOrMore, ParsePath(shape, om, depth + 1));
                if (_g.Object(node, Sh.ZeroOrOnePath) is { } zo) return new RepetitionPath(node, RepetitionKind.ZeroOrOne, ParsePath(shape, zo, depth + 1));
                break;
        }
        throw Error(ShaclErrorCodes.InvalidPath, shape, $"sh:path {Name(node)} is not an IRI or a SHACL property path");
    }
}
