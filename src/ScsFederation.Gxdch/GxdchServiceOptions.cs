namespace ScsFederation.Gxdch;

/// <summary>One Gaia-X service as the operator configured it: where it is and which DID signs its answers.</summary>
public sealed record GxdchServiceOptions(Uri BaseUrl, string Did)
{
    /// <summary>A URL under the base, keeping the base's path (<c>https://host/main</c> + <c>v2/x</c> → <c>https://host/main/v2/x</c>).</summary>
    internal Uri Resolve(string relative)
    {
        var text = BaseUrl.AbsoluteUri;
        return new Uri(new Uri(text.EndsWith('/') ? text : text + "/", UriKind.Absolute), relative);
    }
}
