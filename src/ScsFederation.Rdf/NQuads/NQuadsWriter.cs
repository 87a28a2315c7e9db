using System.Text;
using ScsFederation.Rdf.Model;

namespace ScsFederation.Rdf.NQuads;

/// <summary>
/// Writes quads as N-Quads in the canonical form (same escaping as RDFC-1.0 output), one line per quad,
/// in the given order. Sorting and blank-node relabelling are the canonicalizer's job, not this writer's.
/// </summary>
public static class NQuadsWriter
{
    public static string Write(IEnumerable<Quad> quads) => Encoding.UTF8.GetString(WriteUtf8(quads));

    public static byte[] WriteUtf8(IEnumerable<Quad> quads)
    {
        ArgumentNullException.ThrowIfNull(quads);
        var buffer = new Utf8Buffer(4096);
        foreach (var quad in quads) AppendQuad(buffer, quad);
        return buffer.ToArray();
    }

    public static async Task WriteAsync(Stream output, IEnumerable<Quad> quads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(quads);
        var buffer = new Utf8Buffer(64 * 1024);
        foreach (var quad in quads)
        {
            AppendQuad(buffer, quad);
            if (buffer.Length >= 60 * 1024)
            {
                await output.WriteAsync(buffer.ToArray(), cancellationToken).ConfigureAwait(false);
                buffer.Clear();
            }
        }
        await output.WriteAsync(buffer.ToArray(), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>One quad as a canonical N-Quads line (with the trailing '\n').</summary>
    public static string FormatQuad(Quad quad)
    {
        var buffer = new Utf8Buffer(128);
        AppendQuad(buffer, quad);
        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    internal static void AppendQuad(Utf8Buffer buffer, Quad quad)
    {
        NQuadsTermEncoder.AppendTerm(buffer, quad.Subject);
        buffer.Append((byte)' ');
        NQuadsTermEncoder.AppendTerm(buffer, quad.Predicate);
        buffer.Append((byte)' ');
        NQuadsTermEncoder.AppendTerm(buffer, quad.Object);
        if (quad.Graph is not null)
        {
            buffer.Append((byte)' ');
            NQuadsTermEncoder.AppendTerm(buffer, quad.Graph);
        }
        buffer.Append(" .\n"u8);
    }
}
