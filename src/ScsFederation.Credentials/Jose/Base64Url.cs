using System.Buffers;

namespace ScsFederation.Credentials.Jose;

/// <summary>Base64url without padding (RFC 7515 §2). Decoding is strict: padding, whitespace or
/// characters outside the URL-safe alphabet are refused, so two spellings never verify as one.</summary>
public static class Base64Url
{
    private static readonly SearchValues<char> Alphabet = SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    public static string Encode(ReadOnlySpan<byte> data) => System.Buffers.Text.Base64Url.EncodeToString(data);

    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length % 4 == 1) throw new FormatException("base64url text has an impossible length");
        var bad = text.AsSpan().IndexOfAnyExcept(Alphabet);
        if (bad >= 0) throw new FormatException($"'{text[bad]}' is not a base64url character");
        // Non-canonical trailing bits (e.g. "AB" vs "AA" decode alike) would let a signature have two spellings:
        // the bits of the last character that no byte uses must be zero (4 of them after 2 characters, 2 after 3).
        var tail = text.Length % 4;
        if (tail != 0 && (Sextet(text[^1]) & (tail == 2 ? 0x0F : 0x03)) != 0) throw new FormatException("base64url text is not in canonical form");
        return System.Buffers.Text.Base64Url.DecodeFromChars(text);
    }

    private static int Sextet(char c) => c switch
    {
        >= 'A' and <= 'Z' => c - 'A',
        >= 'a' and <= 'z' => c - 'a' + 26,
        >= '0' and <= '9' => c - '0' + 52,
        '-' => 62,
        _ => 63,
    };

    public static bool TryDecode(string text, out byte[] bytes)
    {
        try { bytes = Decode(text); return true; }
        catch (FormatException) { bytes = []; return false; }
    }
}
