namespace ScsFederation.Hub.Login;

/// <summary>Return URLs after login must stay on the hub: an open redirect here would hand codes to an attacker.</summary>
public static class LocalReturnUrl
{
    public static bool IsLocal(string? url) =>
        !string.IsNullOrEmpty(url) && url[0] == '/' && (url.Length == 1 || (url[1] != '/' && url[1] != '\\')) && !url.Contains('\n') && !url.Contains('\r');

    public static string OrHome(string? url) => IsLocal(url) ? url! : "/";
}
