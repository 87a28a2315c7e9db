namespace ScsFederation.Credentials.Jose;

/// <summary>Base64url without padding (RFC 7515 §2). Decoding is strict: padding, whitespace or
/// characters outside the URL-safe alphabet are refused, so two spellings never verify as one.</summary>
public static class Base64Url
{
    public static string Encode(ReadOnlySpan<byte> data) =>
        Convert.ToBase64String(data).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] Decode(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (text.Length % 4 == 1) throw new FormatException("base64url text has an impossible length");
        foreach (var c in text)
        {
            if (!(c is >= 'A' and <= 'Z' or >= 'a' and <= 'z' or >= '0' and <= '9' or '-' or '_'))
                throw new FormatException($"'{c}' is not a base64url character");
        }
        var s = text.Replace('-', '+').Replace('_', '/');
        s = s.PadRight(s.Length + (4 - s.Length % 4) % 4, '=');
        var bytes = Convert.FromBase64String(s);
        // Non-canonical trailing bits (e.g. "AB" vs "AA" decode alike) would let a signature have two spellings.
        if (Encode(bytes) != text) throw new FormatException("base64url text is not in canonical form");
        return bytes;
    }

    public static bool TryDecode(string text, out byte[] bytes)
    {
        try { bytes = Decode(text); return true; }
        catch (FormatException) { bytes = []; return false; }
    }
}
