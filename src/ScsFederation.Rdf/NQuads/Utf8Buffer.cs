using System.Text;

namespace ScsFederation.Rdf.NQuads;

/// <summary>
/// A growable UTF-8 byte buffer. Canonicalization serializes many quads per hash; writing their
/// bytes into one reusable buffer avoids a string per quad and gives code point order for free
/// (UTF-8 byte order equals Unicode code point order, UTF-16 ordinal order does not).
/// </summary>
internal sealed class Utf8Buffer
{
    private byte[] _bytes;

    public Utf8Buffer(int capacity = 1024) => _bytes = new byte[Math.Max(16, capacity)];

    public int Length { get; private set; }

    public int Capacity => _bytes.Length;

    public ReadOnlySpan<byte> WrittenSpan => _bytes.AsSpan(0, Length);

    public ReadOnlySpan<byte> Slice(int start, int length) => _bytes.AsSpan(start, length);

    public void Clear() => Length = 0;

    public void Append(byte b)
    {
        if (Length == _bytes.Length) Grow(1);
        _bytes[Length++] = b;
    }

    public void Append(ReadOnlySpan<byte> bytes)
    {
        if (Length + bytes.Length > _bytes.Length) Grow(bytes.Length);
        bytes.CopyTo(_bytes.AsSpan(Length));
        Length += bytes.Length;
    }

    public void AppendUtf8(ReadOnlySpan<char> chars)
    {
        if (chars.IsEmpty) return;
        int max = Encoding.UTF8.GetMaxByteCount(chars.Length);
        if (Length + max > _bytes.Length) Grow(max);
        Length += Encoding.UTF8.GetBytes(chars, _bytes.AsSpan(Length));
    }

    public byte[] ToArray() => WrittenSpan.ToArray();

    private void Grow(int needed)
    {
        int size = Math.Max(_bytes.Length * 2, Length + needed);
        Array.Resize(ref _bytes, size);
    }
}
