using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using ScsFederation.Rdf.Model;
using ScsFederation.Rdf.NQuads;

namespace ScsFederation.Rdf.Canonicalization;

/// <summary>
/// RDF Dataset Canonicalization, RDFC-1.0 (W3C Recommendation 2024; URDNA2015 with SHA-256).
/// Thread-safe: all state of a run lives in a per-call object.
/// </summary>
/// <remarks>
/// Blank nodes are numbered once and handled as integers; every non-blank term is encoded to
/// canonical UTF-8 bytes once per run. Quads are serialized into one reusable byte buffer and sorted
/// as byte ranges, which is the code point order the specification asks for.
/// </remarks>
public sealed class RdfCanonicalizer
{
    private const int LargeInputQuads = 2_000;
    private const int LargeInputStackBytes = 256 * 1024 * 1024;

    private readonly RdfCanonicalizationOptions _options;

    public RdfCanonicalizer(RdfCanonicalizationOptions? options = null) => _options = options ?? RdfCanonicalizationOptions.Default;

    public RdfCanonicalizationResult Canonicalize(RdfDataset dataset, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(dataset);
        return Canonicalize(dataset.Quads, cancellationToken);
    }

    /// <summary>Canonicalizes a list of quads; duplicates must already be removed (an <see cref="RdfDataset"/> does that).</summary>
    public RdfCanonicalizationResult Canonicalize(IReadOnlyList<Quad> quads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(quads);
        var buffers = CanonicalizationBuffers.Rent();
        try
        {
            if (quads.Count < LargeInputQuads) return new CanonicalizationRun(quads, _options, buffers, cancellationToken).Run();
            return RunOnLargeStack(quads, buffers, cancellationToken);
        }
        finally
        {
            CanonicalizationBuffers.Return(buffers);
        }
    }

    private RdfCanonicalizationResult RunOnLargeStack(IReadOnlyList<Quad> quads, CanonicalizationBuffers buffers, CancellationToken cancellationToken)
    {
        // Hash N-Degree Quads recurses once per blank node of a look-alike chain (the 25.11 shapes need
        // ~2,000 levels). Large inputs run on a thread with a big stack so real data never hits the
        // recursion guard, which is there for hostile input.
        RdfCanonicalizationResult? result = null;
        System.Runtime.ExceptionServices.ExceptionDispatchInfo? failure = null;
        var thread = new Thread(() =>
        {
            try { result = new CanonicalizationRun(quads, _options, buffers, cancellationToken).Run(); }
            catch (Exception e) { failure = System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e); }
        }, LargeInputStackBytes) { IsBackground = true, Name = "RDFC-1.0" };
        thread.Start();
        thread.Join();
        failure?.Throw();
        return result!;
    }

    /// <summary>The state of one run of the algorithm (section 4.4.2's canonicalization state).</summary>
    private sealed class CanonicalizationRun
    {
        private static readonly byte[] SelfLabel = "_:a"u8.ToArray();
        private static readonly byte[] OtherLabel = "_:z"u8.ToArray();

        private readonly IReadOnlyList<Quad> _quads;
        private readonly RdfCanonicalizationOptions _options;
        private readonly CancellationToken _cancellationToken;
        private readonly bool _sha384;

        // Per quad slot (4 per quad): where the canonical bytes of a non-blank term sit in the term arena,
        // and the blank-node index of the slot (-1: not a blank node, -2: default graph, nothing written).
        private readonly int[] _termStart;
        private readonly int[] _termLength;
        private readonly int[] _blankIndex;
        private readonly Utf8Buffer _terms;

        private readonly List<string> _blankLabels = new();
        // Blank node to quads map as compressed rows: quads of node n are _quadIndex[_quadOffset[n].._quadOffset[n+1]].
        private int[] _quadOffset = [];
        private int[] _quadIndex = [];
        // First-degree digests, raw, _digestSize bytes per blank node. Raw byte order equals the code point
        // order of their lower-case hex form, so sorting needs no strings; hex is made only where the
        // algorithm feeds a hash into another hash (Hash Related Blank Node).
        private byte[] _firstDegreeDigests = [];
        private readonly int _digestSize;
        private readonly IdentifierIssuer _canonicalIssuer = new("c14n");


        private readonly Utf8Buffer _buffer;
        private readonly List<(int Start, int Length)> _ranges;
        private readonly Comparison<(int Start, int Length)> _compareRanges;
        private readonly Utf8Buffer _sorted;

        private long _callsRemaining;
        private long _callLimit;
        private long _calls;
        private long _permutationsRemaining;
        private int _nonUniqueCount;

        public CanonicalizationRun(IReadOnlyList<Quad> quads, RdfCanonicalizationOptions options, CanonicalizationBuffers buffers, CancellationToken cancellationToken)
        {
            _quads = quads;
            _options = options;
            _cancellationToken = cancellationToken;
            _sha384 = options.HashAlgorithm == CanonicalizationHashAlgorithm.Sha384;
            _digestSize = _sha384 ? 48 : 32;
            _sorted = buffers.Sorted;
            _ranges = buffers.Ranges;
            _compareRanges = CompareRanges;
            _buffer = buffers.Lines;
            _terms = buffers.Terms;
            _termStart = new int[quads.Count * 4];
            _termLength = new int[quads.Count * 4];
            _blankIndex = new int[quads.Count * 4];
        }

        public RdfCanonicalizationResult Run()
        {
            IndexQuads();
            var result = Canonicalize();
            return result;
        }

        // Step 2: blank node to quads map; plus the per-run term encoding (each distinct term encoded once).
        private void IndexQuads()
        {
            // Presized: growing these dictionaries was a visible share of small runs.
            // Capped so the initial tables stay below the large-object heap threshold (LOH allocations cost full GCs).
            var termCache = new Dictionary<RdfTerm, long>(Math.Min(_quads.Count + 16, 2048));
            var blankIds = new Dictionary<RdfTerm, int>(Math.Min(_quads.Count / 2 + 8, 2048));
            for (int q = 0; q < _quads.Count; q++)
            {
                var quad = _quads[q];
                int slot = q * 4;
                SetPosition(slot, quad.Subject, termCache, blankIds);
                SetPosition(slot + 1, quad.Predicate, termCache, blankIds);
                SetPosition(slot + 2, quad.Object, termCache, blankIds);
                if (quad.Graph is null) _blankIndex[slot + 3] = -2;
                else SetPosition(slot + 3, quad.Graph, termCache, blankIds);
            }

            // Counting sort of (blank node, quad) pairs into rows; a node used twice in one quad lists it once.
            int blankCount = _blankLabels.Count;
            _quadOffset = new int[blankCount + 1];
            for (int slot = 0; slot < _blankIndex.Length; slot++)
            {
                int n = _blankIndex[slot];
                if (n >= 0 && !SeenEarlierInQuad(slot, n)) _quadOffset[n + 1]++;
            }
            for (int n = 0; n < blankCount; n++) _quadOffset[n + 1] += _quadOffset[n];
            _quadIndex = new int[_quadOffset[blankCount]];
            var fill = _quadOffset.AsSpan(0, blankCount).ToArray();
            for (int slot = 0; slot < _blankIndex.Length; slot++)
            {
                int n = _blankIndex[slot];
                if (n >= 0 && !SeenEarlierInQuad(slot, n)) _quadIndex[fill[n]++] = slot >> 2;
            }
        }

        private bool SeenEarlierInQuad(int slot, int node)
        {
            for (int s = slot & ~3; s < slot; s++)
                if (_blankIndex[s] == node) return true;
            return false;
        }

        private ReadOnlySpan<int> QuadsOf(int node) => _quadIndex.AsSpan(_quadOffset[node], _quadOffset[node + 1] - _quadOffset[node]);

        private void SetPosition(int slot, RdfTerm term, Dictionary<RdfTerm, long> cache, Dictionary<RdfTerm, int> blankIds)
        {
            if (term.Kind == RdfTermKind.BlankNode)
            {
                if (!blankIds.TryGetValue(term, out int id))
                {
                    id = _blankLabels.Count;
                    blankIds.Add(term, id);
                    _blankLabels.Add(((BlankNode)term).Label);
                }
                _blankIndex[slot] = id;
                return;
            }
            _blankIndex[slot] = -1;
            if (!cache.TryGetValue(term, out long packed))
            {
                int start = _terms.Length;
                NQuadsTermEncoder.AppendTerm(_terms, term);
                packed = ((long)start << 32) | (uint)(_terms.Length - start);
                cache.Add(term, packed);
            }
            _termStart[slot] = (int)(packed >> 32);
            _termLength[slot] = (int)packed;
        }

        private RdfCanonicalizationResult Canonicalize()
        {
            int blankCount = _blankLabels.Count;
            _firstDegreeDigests = new byte[blankCount * _digestSize];

            // Step 3: first-degree hashes. The hash to blank nodes map is built by sorting node indexes by
            // hash (code point order), so equal hashes form runs — no dictionary of lists.
            for (int n = 0; n < blankCount; n++)
            {
                if ((n & 0xFF) == 0) _cancellationToken.ThrowIfCancellationRequested();
                HashFirstDegreeQuads(n, _firstDegreeDigests.AsSpan(n * _digestSize, _digestSize));
            }
            var byHash = new int[blankCount];
            for (int n = 0; n < blankCount; n++) byHash[n] = n;
            var digests = _firstDegreeDigests;
            int size = _digestSize;
            Array.Sort(byHash, (x, y) =>
            {
                int c = digests.AsSpan(x * size, size).SequenceCompareTo(digests.AsSpan(y * size, size));
                return c != 0 ? c : x - y;
            });

            // Step 4: issue canonical identifiers for unique hashes, in code point order of the hash.
            var nonUnique = new List<(int Start, int Count)>();
            for (int i = 0; i < blankCount;)
            {
                int j = i + 1;
                while (j < blankCount && FirstDegreeDigest(byHash[j]).SequenceEqual(FirstDegreeDigest(byHash[i]))) j++;
                if (j - i == 1) _canonicalIssuer.Issue(byHash[i]);
                else
                {
                    nonUnique.Add((i, j - i));
                    _nonUniqueCount += j - i;
                }
                i = j;
            }

            _callLimit = _options.MaxHashNDegreeQuadsCalls
                         ?? (_options.MaxWorkFactor <= 0 ? 0 : (long)Math.Min(long.MaxValue / 2, Math.Pow(Math.Max(1, _nonUniqueCount), _options.MaxWorkFactor)));
            _callsRemaining = _callLimit;
            _permutationsRemaining = _options.MaxPermutations;

            // Step 5: the remaining (shared) hashes, still in code point order of the hash.
            foreach (var (groupStart, groupCount) in nonUnique)
            {
                var hashPathList = new List<(string Hash, IdentifierIssuer Issuer)>(groupCount);
                foreach (int n in byHash.AsSpan(groupStart, groupCount))
                {
                    if (_canonicalIssuer.Has(n)) continue;
                    var temporary = new IdentifierIssuer("b");
                    temporary.Issue(n);
                    hashPathList.Add(HashNDegreeQuads(n, temporary));
                }
                // Stable sort by hash: ties keep list order, as a stable sort in the reference does.
                var ordered = hashPathList.Select((r, i) => (r, i)).OrderBy(x => x.r.Hash, StringComparer.Ordinal).ThenBy(x => x.i);
                foreach (var (result, _) in ordered)
                {
                    foreach (int existing in result.Issuer.IssuedOrder) _canonicalIssuer.Issue(existing);
                }
            }

            // Step 6/7: relabel, serialize, sort.
            _buffer.Clear();
            _ranges.Clear();
            for (int q = 0; q < _quads.Count; q++)
            {
                int start = _buffer.Length;
                WriteQuad(q, relatedTo: -1);
                _ranges.Add((start, _buffer.Length - start));
            }
            SortRanges();
            var output = new byte[_buffer.Length];
            int offset = 0;
            foreach (var (start, length) in _ranges)
            {
                _buffer.Slice(start, length).CopyTo(output.AsSpan(offset));
                offset += length;
            }

            var canonicalIssuer = _canonicalIssuer;
            var labels = _blankLabels;
            return new RdfCanonicalizationResult(output, () =>
            {
                var map = new Dictionary<string, string>(labels.Count, StringComparer.Ordinal);
                foreach (int n in canonicalIssuer.IssuedOrder)
                {
                    canonicalIssuer.TryGet(n, out var id);
                    map.Add(labels[n], id);
                }
                return map;
            }, _calls);
        }

        /// <summary>
        /// Writes quad q as an N-Quads line. With relatedTo ≥ 0 (first-degree hashing) blank nodes are
        /// written as _:a (the reference node) or _:z; with relatedTo = -1 as their canonical identifier.
        /// </summary>
        private void WriteQuad(int q, int relatedTo)
        {
            int baseSlot = q * 4;
            for (int position = 0; position < 4; position++)
            {
                int slot = baseSlot + position;
                int blank = _blankIndex[slot];
                if (blank == -2) break;
                if (position > 0) _buffer.Append((byte)' ');
                if (blank == -1) _buffer.Append(_terms.Slice(_termStart[slot], _termLength[slot]));
                else if (relatedTo >= 0) _buffer.Append(blank == relatedTo ? SelfLabel : OtherLabel);
                else
                {
                    _canonicalIssuer.TryGet(blank, out var id);
                    _buffer.Append("_:"u8);
                    _buffer.AppendUtf8(id);
                }
            }
            _buffer.Append(" .\n"u8);
        }

        // One delegate per run, not one closure per sort (sorting happens once per blank node).
        private void SortRanges() => _ranges.Sort(_compareRanges);

        private int CompareRanges((int Start, int Length) x, (int Start, int Length) y) =>
            _buffer.Slice(x.Start, x.Length).SequenceCompareTo(_buffer.Slice(y.Start, y.Length));

        private ReadOnlySpan<byte> FirstDegreeDigest(int node) => _firstDegreeDigests.AsSpan(node * _digestSize, _digestSize);

        // Section 4.6: Hash First Degree Quads (the raw digest; its hex form is the specification's hash).
        private void HashFirstDegreeQuads(int node, Span<byte> digest)
        {
            _buffer.Clear();
            _ranges.Clear();
            foreach (int q in QuadsOf(node))
            {
                int start = _buffer.Length;
                WriteQuad(q, node);
                _ranges.Add((start, _buffer.Length - start));
            }
            if (_ranges.Count == 1)
            {
                HashRaw(_buffer.WrittenSpan, digest);
                return;
            }
            SortRanges();
            // One-shot hashing of the sorted lines copied together: one native call instead of one per line.
            _sorted.Clear();
            foreach (var (start, length) in _ranges) _sorted.Append(_buffer.Slice(start, length));
            HashRaw(_sorted.WrittenSpan, digest);
        }

        private void HashRaw(ReadOnlySpan<byte> data, Span<byte> digest)
        {
            if (_sha384) SHA384.HashData(data, digest);
            else SHA256.HashData(data, digest);
        }

        private string HashBytes(ReadOnlySpan<byte> data)
        {
            Span<byte> digest = stackalloc byte[48];
            int written = _sha384 ? SHA384.HashData(data, digest) : SHA256.HashData(data, digest);
            return Convert.ToHexStringLower(digest[..written]);
        }

        private string HashString(string text)
        {
            _buffer.Clear();
            _buffer.AppendUtf8(text);
            return HashBytes(_buffer.WrittenSpan);
        }

        // Section 4.7: Hash Related Blank Node.
        private string HashRelatedBlankNode(int related, int q, IdentifierIssuer issuer, char position)
        {
            _buffer.Clear();
            _buffer.Append((byte)position);
            if (position != 'g')
            {
                // The predicate's IRI value itself, between angle brackets (not its escaped N-Quads form).
                _buffer.Append((byte)'<');
                _buffer.AppendUtf8(((Iri)_quads[q].Predicate).Value);
                _buffer.Append((byte)'>');
            }
            if (_canonicalIssuer.TryGet(related, out var id) || issuer.TryGet(related, out id))
            {
                _buffer.Append("_:"u8);
                _buffer.AppendUtf8(id);
            }
            else
            {
                Span<char> hex = stackalloc char[96];
                Convert.TryToHexStringLower(FirstDegreeDigest(related), hex, out int written);
                _buffer.AppendUtf8(hex[..written]);
            }
            return HashBytes(_buffer.WrittenSpan);
        }

        // Section 4.8: Hash N-Degree Quads.
        private (string Hash, IdentifierIssuer Issuer) HashNDegreeQuads(int node, IdentifierIssuer issuer)
        {
            if (_callsRemaining <= 0)
                throw new CanonicalizationLimitExceededException("Hash N-Degree Quads calls", _callLimit, _nonUniqueCount);
            // The recursion follows chains of look-alike blank nodes; stop cleanly instead of overflowing the stack.
            if (!RuntimeHelpers.TryEnsureSufficientExecutionStack())
                throw new CanonicalizationLimitExceededException("recursion depth", _calls, _nonUniqueCount);
            _callsRemaining--;
            _calls++;
            _cancellationToken.ThrowIfCancellationRequested();

            // Steps 1–3: hash to related blank nodes map.
            var hashToRelated = new Dictionary<string, List<int>>(StringComparer.Ordinal);
            foreach (int q in QuadsOf(node))
            {
                int baseSlot = q * 4;
                AddRelated(hashToRelated, _blankIndex[baseSlot], node, q, issuer, 's');
                AddRelated(hashToRelated, _blankIndex[baseSlot + 2], node, q, issuer, 'o');
                AddRelated(hashToRelated, _blankIndex[baseSlot + 3], node, q, issuer, 'g');
            }

            var relatedHashes = new List<string>(hashToRelated.Keys);
            relatedHashes.Sort(StringComparer.Ordinal);
            var dataToHash = new StringBuilder();
            foreach (var relatedHash in relatedHashes)
            {
                dataToHash.Append(relatedHash);
                string? chosenPath = null;
                IdentifierIssuer? chosenIssuer = null;
                var blankNodes = hashToRelated[relatedHash].ToArray();
                Array.Sort(blankNodes);
                var path = new StringBuilder();
                var recursionList = new List<int>();
                // With a single permutation it is always the chosen one and the incoming issuer is not
                // used afterwards (the caller replaces it with our result), so it can be extended in place.
                // This turns long chains of look-alike blank nodes from O(n²) issuer copying into O(n).
                bool onlyPermutation = blankNodes.Length == 1;
                do
                {
                    if (--_permutationsRemaining < 0)
                        throw new CanonicalizationLimitExceededException("permutations", _options.MaxPermutations, _nonUniqueCount);
                    var issuerCopy = onlyPermutation ? issuer : issuer.Clone();
                    path.Clear();
                    recursionList.Clear();
                    bool skip = false;
                    foreach (int related in blankNodes)
                    {
                        if (_canonicalIssuer.TryGet(related, out var canonicalId))
                        {
                            path.Append("_:").Append(canonicalId);
                        }
                        else
                        {
                            if (!issuerCopy.Has(related)) recursionList.Add(related);
                            path.Append("_:").Append(issuerCopy.Issue(related));
                        }
                        if (chosenPath is not null && path.Length >= chosenPath.Length && IsGreater(path, chosenPath)) { skip = true; break; }
                    }
                    if (skip) continue;
                    foreach (int related in recursionList)
                    {
                        var result = HashNDegreeQuads(related, issuerCopy);
                        path.Append("_:").Append(issuerCopy.Issue(related));
                        path.Append('<').Append(result.Hash).Append('>');
                        issuerCopy = result.Issuer;
                        if (chosenPath is not null && path.Length >= chosenPath.Length && IsGreater(path, chosenPath)) { skip = true; break; }
                    }
                    if (skip) continue;
                    if (chosenPath is null || IsLess(path, chosenPath))
                    {
                        chosenPath = path.ToString();
                        chosenIssuer = issuerCopy;
                    }
                }
                while (NextPermutation(blankNodes));
                dataToHash.Append(chosenPath);
                issuer = chosenIssuer!;
            }
            return (HashString(dataToHash.ToString()), issuer);
        }

        private void AddRelated(Dictionary<string, List<int>> hashToRelated, int related, int node, int q, IdentifierIssuer issuer, char position)
        {
            if (related < 0 || related == node) return;
            string hash = HashRelatedBlankNode(related, q, issuer, position);
            if (!hashToRelated.TryGetValue(hash, out var list)) hashToRelated.Add(hash, list = new List<int>(2));
            list.Add(related);
        }

        // Paths are ASCII ("_:", identifiers, hex hashes), so char order is code point order.
        private static int Compare(StringBuilder path, string chosen)
        {
            int n = Math.Min(path.Length, chosen.Length);
            for (int i = 0; i < n; i++)
            {
                int d = path[i] - chosen[i];
                if (d != 0) return d;
            }
            return path.Length - chosen.Length;
        }

        private static bool IsGreater(StringBuilder path, string chosen) => Compare(path, chosen) > 0;

        private static bool IsLess(StringBuilder path, string chosen) => Compare(path, chosen) < 0;

        /// <summary>Next lexicographic permutation; false after the last one. Every permutation is visited once.</summary>
        private static bool NextPermutation(int[] items)
        {
            int i = items.Length - 2;
            while (i >= 0 && items[i] >= items[i + 1]) i--;
            if (i < 0) return false;
            int j = items.Length - 1;
            while (items[j] <= items[i]) j--;
            (items[i], items[j]) = (items[j], items[i]);
            Array.Reverse(items, i + 1, items.Length - i - 1);
            return true;
        }
    }
}
