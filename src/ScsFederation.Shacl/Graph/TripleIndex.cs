using ScsFederation.Rdf.Model;

namespace ScsFederation.Shacl.Graph;

/// <summary>
/// Subject→predicate→objects and object→predicate→subjects over the union of a dataset's graphs
/// (SHACL validates a graph; credentials put their subjects in named graphs, so the union is what is meant).
/// Triples are a set: one asserted in two graphs counts once. Immutable after construction.
/// </summary>
public sealed class TripleIndex
{
    private static readonly IReadOnlyList<RdfTerm> None = [];
    private readonly Dictionary<RdfTerm, Dictionary<RdfTerm, List<RdfTerm>>> _out = new();
    private readonly Dictionary<RdfTerm, Dictionary<RdfTerm, List<RdfTerm>>> _in = new();
    private readonly Dictionary<RdfTerm, List<(RdfTerm Subject, RdfTerm Object)>> _byPredicate = new();

    public TripleIndex(IEnumerable<IEnumerable<Quad>> sources)
    {
        var seen = new HashSet<(RdfTerm, RdfTerm, RdfTerm)>();
        foreach (var source in sources)
        {
            foreach (var q in source)
            {
                if (!seen.Add((q.Subject, q.Predicate, q.Object))) continue;
                Add(_out, q.Subject, q.Predicate, q.Object);
                Add(_in, q.Object, q.Predicate, q.Subject);
                if (!_byPredicate.TryGetValue(q.Predicate, out var list)) _byPredicate[q.Predicate] = list = [];
                list.Add((q.Subject, q.Object));
            }
        }
        Count = seen.Count;
    }

    public int Count { get; }

    private static void Add(Dictionary<RdfTerm, Dictionary<RdfTerm, List<RdfTerm>>> index, RdfTerm a, RdfTerm p, RdfTerm b)
    {
        if (!index.TryGetValue(a, out var byP)) index[a] = byP = new Dictionary<RdfTerm, List<RdfTerm>>(4);
        if (!byP.TryGetValue(p, out var list)) byP[p] = list = new List<RdfTerm>(1);
        list.Add(b);
    }

    public IReadOnlyList<RdfTerm> Objects(RdfTerm subject, RdfTerm predicate) =>
        _out.TryGetValue(subject, out var byP) && byP.TryGetValue(predicate, out var list) ? list : None;

    public IReadOnlyList<RdfTerm> Subjects(RdfTerm predicate, RdfTerm @object) =>
        _in.TryGetValue(@object, out var byP) && byP.TryGetValue(predicate, out var list) ? list : None;

    public RdfTerm? Object(RdfTerm subject, RdfTerm predicate)
    {
        var list = Objects(subject, predicate);
        return list.Count == 0 ? null : list[0];
    }

    /// <summary>All (predicate, object) pairs of a subject.</summary>
    public IEnumerable<(RdfTerm Predicate, RdfTerm Object)> Out(RdfTerm subject)
    {
        if (!_out.TryGetValue(subject, out var byP)) yield break;
        foreach (var (p, objects) in byP)
            foreach (var o in objects) yield return (p, o);
    }

    public bool HasSubject(RdfTerm subject) => _out.ContainsKey(subject);

    public bool Contains(RdfTerm subject, RdfTerm predicate, RdfTerm @object)
    {
        var list = Objects(subject, predicate);
        for (int i = 0; i < list.Count; i++) if (list[i].Equals(@object)) return true;
        return false;
    }

    public IReadOnlyList<(RdfTerm Subject, RdfTerm Object)> WithPredicate(RdfTerm predicate) =>
        _byPredicate.TryGetValue(predicate, out var list) ? list : [];

    /// <summary>Subjects that have at least one triple (in first-seen order is not kept; callers needing order sort).</summary>
    public IEnumerable<RdfTerm> AllSubjects => _out.Keys;
}
