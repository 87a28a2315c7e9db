using ScsFederation.Rdf.NQuads;

namespace ScsFederation.Rdf.Canonicalization;

/// <summary>
/// The three growable byte buffers a canonicalization run works in, kept per calling thread between
/// runs. Fresh buffers per call were a large share of small runs, and for large runs they were
/// large-object-heap allocations that forced a full GC each time.
/// </summary>
internal sealed class CanonicalizationBuffers
{
    private const int MaxRetainedBytes = 2 << 20;

    [ThreadStatic] private static CanonicalizationBuffers? t_cached;

    /// <summary>Serialized quads being hashed or output.</summary>
    public Utf8Buffer Lines { get; } = new(4096);

    /// <summary>Sorted copy of the lines for one-shot hashing.</summary>
    public Utf8Buffer Sorted { get; } = new(4096);

    /// <summary>Canonical bytes of every distinct non-blank term of the input.</summary>
    public Utf8Buffer Terms { get; } = new(4096);

    /// <summary>(start, length) of each serialized quad in <see cref="Lines"/>, sorted before hashing/output.</summary>
    public List<(int Start, int Length)> Ranges { get; } = new(64);

    public static CanonicalizationBuffers Rent()
    {
        var buffers = t_cached ?? new CanonicalizationBuffers();
        t_cached = null;
        buffers.Lines.Clear();
        buffers.Sorted.Clear();
        buffers.Terms.Clear();
        buffers.Ranges.Clear();
        return buffers;
    }

    /// <summary>Keeps the buffers for the next run on this thread unless one grew beyond what is worth holding.</summary>
    public static void Return(CanonicalizationBuffers buffers)
    {
        if (buffers.Lines.Capacity > MaxRetainedBytes || buffers.Sorted.Capacity > MaxRetainedBytes || buffers.Terms.Capacity > MaxRetainedBytes
            || buffers.Ranges.Capacity > MaxRetainedBytes / 8) return;
        t_cached = buffers;
    }
}
