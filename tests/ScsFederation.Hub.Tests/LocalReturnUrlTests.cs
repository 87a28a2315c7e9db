using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Abstractions;
using Microsoft.AspNetCore.Mvc.Routing;
using Microsoft.AspNetCore.Routing;
using ScsFederation.Hub.Login;

namespace ScsFederation.Hub.Tests;

/// <summary>
/// Return URLs after login: only what ASP.NET Core's own local-URL rule (MVC's <c>IUrlHelper.IsLocalUrl</c>, the
/// oracle here) accepts — so no variant a browser reads as another host (<c>//x</c>, <c>/\x</c>, <c>/&lt;TAB&gt;/x</c>).
/// </summary>
public sealed class LocalReturnUrlTests
{
    private static readonly UrlHelper AspNetCore = new(new ActionContext(new DefaultHttpContext(), new RouteData(), new ActionDescriptor()));

    public static TheoryData<string, bool> Variants() => new()
    {
        { "/", true },
        { "/connect/authorize?client_id=a&redirect_uri=https%3A%2F%2Frp.example%2Fcb", true },
        { "/account/whoami", true },
        { "~/", true },
        { "~/account/whoami", true },
        // Literal percent escapes stay a path on the hub: the browser does not decode them before resolving.
        { "/%09/evil.example/x", true },
        { "/%5C/evil.example/x", true },
        { "/%2F/evil.example/x", true },
        // Protocol-relative and its backslash spellings.
        { "//evil.example/x", false },
        { "/\\evil.example/x", false },
        { "\\\\evil.example/x", false },
        { "\\/evil.example/x", false },
        { "~//evil.example/x", false },
        { "~/\\evil.example/x", false },
        // Control characters browsers strip before parsing (TAB, CR, LF) and every other C0, DEL and C1.
        { "/\t/evil.example/x", false },
        { "/\n/evil.example/x", false },
        { "/\r/evil.example/x", false },
        { "/\r\nLocation: https://evil.example/", false },
        { "/a\tb", false },
        { "/\0/evil.example", false },
        { "/\u0001x", false },
        { "/\u001fx", false },
        { "/\u007fx", false },
        { "/\u0085x", false },
        { "~/\t/evil.example/x", false },
        // Absolute URLs, schemes, userinfo and things that are not URLs at all.
        { "https://evil.example/x", false },
        { "http://127.0.0.1:8085/", false },
        { "javascript:alert(1)", false },
        { "data:text/html,<script>alert(1)</script>", false },
        { "https://hub@evil.example/", false },
        { "//hub.example@evil.example/", false },
        { "evil.example/x", false },
        { " /x", false },
        { "\t/x", false },
        { "~", false },
        { "", false },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public void Accepts_exactly_what_the_aspnetcore_local_url_rule_accepts(string url, bool local)
    {
        Assert.Equal(local, AspNetCore.IsLocalUrl(url));
        Assert.Equal(local, LocalReturnUrl.IsLocal(url));
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void The_redirect_target_never_leaves_the_hub(string url, bool local)
    {
        var target = LocalReturnUrl.OrHome(url);
        var hub = new Uri("https://hub.example/");
        // How a browser resolves the Location header: it drops TAB/CR/LF and reads '\' as '/'.
        var asBrowser = target.Replace("\t", "").Replace("\r", "").Replace("\n", "").Replace('\\', '/');
        Assert.Equal(hub.Authority, new Uri(hub, asBrowser).Authority);
        Assert.Equal(local ? url.TrimStart('~') : "/", target);
    }

    [Fact]
    public void Null_goes_home() => Assert.Equal("/", LocalReturnUrl.OrHome(null));
}
