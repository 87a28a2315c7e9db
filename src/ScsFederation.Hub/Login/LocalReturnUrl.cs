namespace ScsFederation.Hub.Login;

/// <summary>
/// Return URLs after login must stay on the hub: an open redirect here would hand codes to an attacker.
/// The rule is ASP.NET Core's <c>IsLocalUrl</c>, because browsers are lenient where a hand-made check is not:
/// they drop TAB/CR/LF anywhere in a URL and read <c>\</c> as <c>/</c>, so <c>/&lt;TAB&gt;/evil.example</c> and
/// <c>/\evil.example</c> are both the protocol-relative <c>//evil.example</c> to them.
/// </summary>
public static class LocalReturnUrl
{
    public static bool IsLocal(string? url)
    {
        if (string.IsNullOrEmpty(url)) return false;
        // "/" or "/path", never "//host" or "/\host".
        if (url[0] == '/')
        {
            return url.Length == 1 || (url[1] != '/' && url[1] != '\\' && !HasControlCharacter(url.AsSpan(1)));
        }
        // "~/" or "~/path" (the app root), never "~//host" or "~/\host".
        if (url[0] == '~' && url.Length > 1 && url[1] == '/')
        {
            return url.Length == 2 || (url[2] != '/' && url[2] != '\\' && !HasControlCharacter(url.AsSpan(2)));
        }
        return false;
    }

    /// <summary>The URL to redirect to: <paramref name="url"/> when local (<c>~/</c> made root-relative), else the start page.</summary>
    public static string OrHome(string? url) => !IsLocal(url) ? "/" : url![0] == '~' ? url[1..] : url;

    // C0 controls, DEL and C1 controls (char.IsControl): none belongs in a URL, and some are silently removed by browsers.
    private static bool HasControlCharacter(ReadOnlySpan<char> value)
    {
        foreach (var c in value)
        {
            if (char.IsControl(c)) return true;
        }
        return false;
    }
}
