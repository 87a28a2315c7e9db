using ScsFederation.Rdf.Model;

namespace ScsFederation.Shacl.Graph;

/// <summary>
/// The data graph of one validation: the data plus anything the caller adds for sh:class (e.g. the Gaia-X
/// class hierarchy). rdfs:subClassOf is read here, as SHACL says (never from the shapes graph).
/// Not thread-safe (it caches class closures); build one per validation — building is cheap.
/// </summary>
public sealed class DataGraph
{
    private readonly Dictionary<RdfTerm, HashSet<RdfTerm>> _superClasses = new();
    private readonly Dictionary<RdfTerm, HashSet<RdfTerm>> _subClasses = new();

    public DataGraph(params RdfDataset[] datasets)
        : this(datasets.Select(d => (IEnumerable<Quad>)d.Quads))
    {
    }

    public DataGraph(IEnumerable<IEnumerable<Quad>> sources) => Triples = new TripleIndex(sources);

    public TripleIndex Triples { get; }

    /// <summary>SHACL instance-of: some rdf:type of <paramref name="node"/> is <paramref name="cls"/> or a (transitive) subclass of it.</summary>
    public bool IsInstanceOf(RdfTerm node, RdfTerm cls)
    {
        var types = Triples.Objects(node, RdfVocabulary.RdfType);
        for (int i = 0; i < types.Count; i++)
            if (types[i].Equals(cls) || SuperClasses(types[i]).Contains(cls)) return true;
        return false;
    }

    /// <summary>Instances of <paramref name="cls"/> and of its subclasses, each once, in a stable order.</summary>
    public IEnumerable<RdfTerm> InstancesOf(RdfTerm cls)
    {
        var seen = new HashSet<RdfTerm>();
        foreach (var c in SubClasses(cls).Prepend(cls))
            foreach (var s in Triples.Subjects(RdfVocabulary.RdfType, c))
                if (seen.Add(s)) yield return s;
    }

    private HashSet<RdfTerm> SuperClasses(RdfTerm cls) => Closure(_superClasses, cls, (c) => Triples.Objects(c, Sh.RdfsSubClassOf));

    private HashSet<RdfTerm> SubClasses(RdfTerm cls) => Closure(_subClasses, cls, (c) => Triples.Subjects(Sh.RdfsSubClassOf, c));

    // Iterative walk with a visited set: a subClassOf cycle in hostile data terminates.
    private static HashSet<RdfTerm> Closure(Dictionary<RdfTerm, HashSet<RdfTerm>> cache, RdfTerm start, Func<RdfTerm, IReadOnlyList<RdfTerm>> step)
    {
        if (cache.TryGetValue(start, out var done)) return done;
        var result = new HashSet<RdfTerm>();
        var stack = new Stack<RdfTerm>();
        stack.Push(start);
        while (stack.Count > 0)
        {
            foreach (var next in step(stack.Pop()))
                if (result.Add(next)) stack.Push(next);
        }
        result.Remove(start);
        cache[start] = result;
        return result;
    }
}
