using System.Text;

namespace ScsFederation.Rdf.Canonicalization;

/// <summary>The outcome of RDFC-1.0: canonical N-Quads and the issued identifiers map.</summary>
public sealed class RdfCanonicalizationResult
{
    private string? _text;
    private readonly Lazy<IReadOnlyDictionary<string, string>> _issuedIdentifiers;

    // The map is built on first use: signing and hashing callers only need the bytes.
    internal RdfCanonicalizationResult(byte[] utf8, Func<IReadOnlyDictionary<string, string>> issuedIdentifiers, long hashNDegreeQuadsCalls)
    {
        Utf8 = utf8;
        _issuedIdentifiers = new Lazy<IReadOnlyDictionary<string, string>>(issuedIdentifiers);
        HashNDegreeQuadsCalls = hashNDegreeQuadsCalls;
    }

    /// <summary>Canonical N-Quads as UTF-8 — the exact bytes a signature hashes.</summary>
    public ReadOnlyMemory<byte> Utf8 { get; }

    /// <summary>Canonical N-Quads, every line ending in '\n', sorted in code point order.</summary>
    public string NQuads => _text ??= Encoding.UTF8.GetString(Utf8.Span);

    /// <summary>Input blank-node label (without "_:") → canonical label ("c14n0", …), in issuance order.</summary>
    public IReadOnlyDictionary<string, string> IssuedIdentifiers => _issuedIdentifiers.Value;

    /// <summary>How much Hash N-Degree Quads work the input needed (0 when first-degree hashes settled everything).</summary>
    public long HashNDegreeQuadsCalls { get; }
}
