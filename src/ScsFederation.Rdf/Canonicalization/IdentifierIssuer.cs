namespace ScsFederation.Rdf.Canonicalization;

/// <summary>
/// RDFC-1.0 identifier issuer (section 4.5) over blank-node indexes: prefix + counter, remembering
/// issuance order. Copies are cheap (only issued entries are copied) because Hash N-Degree Quads
/// copies an issuer per permutation.
/// </summary>
internal sealed class IdentifierIssuer
{
    private readonly string _prefix;
    private readonly Dictionary<int, string> _issued;
    private readonly List<int> _order;

    public IdentifierIssuer(string prefix)
    {
        _prefix = prefix;
        _issued = new Dictionary<int, string>();
        _order = new List<int>();
    }

    private IdentifierIssuer(IdentifierIssuer other)
    {
        _prefix = other._prefix;
        _issued = new Dictionary<int, string>(other._issued);
        _order = new List<int>(other._order);
    }

    /// <summary>Blank-node indexes in the order their identifiers were issued.</summary>
    public IReadOnlyList<int> IssuedOrder => _order;

    public bool TryGet(int node, out string identifier) => _issued.TryGetValue(node, out identifier!);

    public bool Has(int node) => _issued.ContainsKey(node);

    public string Issue(int node)
    {
        if (_issued.TryGetValue(node, out var existing)) return existing;
        string id = IdentifierText(_prefix, _order.Count);
        _issued.Add(node, id);
        _order.Add(node);
        return id;
    }

    public IdentifierIssuer Clone() => new(this);

    // The first identifiers of the two prefixes RDFC-1.0 uses are shared strings, not one allocation per issue.
    private static readonly string[] Canonical = Enumerable.Range(0, 1024).Select(i => "c14n" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();
    private static readonly string[] Temporary = Enumerable.Range(0, 1024).Select(i => "b" + i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToArray();

    private static string IdentifierText(string prefix, int counter)
    {
        if (counter < 1024)
        {
            if (ReferenceEquals(prefix, "c14n") || prefix == "c14n") return Canonical[counter];
            if (prefix == "b") return Temporary[counter];
        }
        return prefix + counter.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
