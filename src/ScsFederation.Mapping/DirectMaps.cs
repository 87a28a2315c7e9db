namespace ScsFederation.Mapping;

/// <summary>
/// The values a rule's remote part captured, one entry per requirement that is not
/// <c>any_one_of</c>/<c>not_any_of</c>, in order. As in Keystone, a one-value entry is
/// substituted as that value and any other entry as the Python repr of the list.
/// </summary>
internal sealed class DirectMaps
{
    [ThreadStatic]
    private static DirectMaps? _cached;

    /// <summary>A cleared instance for this thread; the engine is not re-entrant, so one per thread suffices.</summary>
    public static DirectMaps Rent()
    {
        var maps = _cached ??= new DirectMaps();
        maps.Clear();
        return maps;
    }

    private readonly List<IReadOnlyList<string>> _values = new(4);
    private readonly List<string?> _formatted = new(4);

    public int Count => _values.Count;

    public void Clear()
    {
        _values.Clear();
        _formatted.Clear();
    }

    public void Add(IReadOnlyList<string> values)
    {
        _values.Add(values);
        _formatted.Add(null);
    }

    public IReadOnlyList<string> this[int index] => _values[index];

    public string FormatArgument(int index)
    {
        var cached = _formatted[index];
        if (cached is not null)
        {
            return cached;
        }

        var values = _values[index];
        var text = values.Count == 1 ? values[0] : PythonRepr.OfList(values);
        _formatted[index] = text;
        return text;
    }
}
