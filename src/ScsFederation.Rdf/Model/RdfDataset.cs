namespace ScsFederation.Rdf.Model;

/// <summary>
/// A set of quads (duplicates are dropped) that keeps insertion order, so writers and tests are deterministic.
/// </summary>
public sealed class RdfDataset
{
    private readonly List<Quad> _quads;
    private readonly HashSet<Quad> _seen;

    public RdfDataset(int capacity = 16)
    {
        _quads = new List<Quad>(capacity);
        _seen = new HashSet<Quad>(capacity);
    }

    public int Count => _quads.Count;

    public IReadOnlyList<Quad> Quads => _quads;

    /// <summary>Adds the quad unless an equal one is already present; returns whether it was added.</summary>
    public bool Add(Quad quad)
    {
        if (!_seen.Add(quad)) return false;
        _quads.Add(quad);
        return true;
    }

    public bool Contains(Quad quad) => _seen.Contains(quad);
}
