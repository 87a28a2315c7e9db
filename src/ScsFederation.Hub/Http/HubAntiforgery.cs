using Microsoft.AspNetCore.Antiforgery;
using static ScsFederation.Hub.Login.HtmlPage;

namespace ScsFederation.Hub.Http;

/// <summary>
/// Antiforgery for the hub's own POST forms (demo login, consent, device verification, logout): each form carries a
/// token bound to the browser's antiforgery cookie and to the signed-in person, and the handler refuses a POST
/// without it — so another site cannot submit these forms in a visitor's browser (log them in or out, approve a
/// device or a client). The handlers read their forms themselves, so the check is an explicit filter rather than
/// ASP.NET Core's form-binding check. Protocol endpoints that other sites POST to by design (SAML ACS and SLO,
/// OAuth token and authorize requests) are not forms of the hub and are protected by their protocols instead.
/// </summary>
public static class HubAntiforgery
{
    /// <summary>The stable refusal code of a POST without a valid token.</summary>
    public const string RefusalCode = "antiforgery_failed";

    public static IServiceCollection AddHubAntiforgery(this IServiceCollection services, HubCookies cookies) =>
        services.AddAntiforgery(o =>
        {
            o.Cookie.Name = cookies.Name("scsfed.af");
            o.Cookie.Path = "/";
            o.Cookie.SecurePolicy = cookies.Https ? CookieSecurePolicy.Always : CookieSecurePolicy.SameAsRequest;
            // Every answer already says X-Frame-Options: DENY (HubHttpHardening); antiforgery would add SAMEORIGIN.
            o.SuppressXFrameOptionsHeader = true;
        });

    /// <summary>The hidden input a POST form of the hub carries (also sets the antiforgery cookie).</summary>
    public static string Field(HttpContext http)
    {
        var tokens = http.RequestServices.GetRequiredService<IAntiforgery>().GetAndStoreTokens(http);
        return $"<input type=\"hidden\" name=\"{E(tokens.FormFieldName)}\" value=\"{E(tokens.RequestToken)}\">";
    }

    public static Task<bool> IsValidAsync(HttpContext http) =>
        http.RequestServices.GetRequiredService<IAntiforgery>().IsRequestValidAsync(http);

    public static IResult Refusal() =>
        Error("Request refused", RefusalCode, "This form was not sent from the hub's own page, or it has expired. Please go back, reload the page and try again.", 400);

    /// <summary>Refuses the endpoint's POSTs that carry no valid antiforgery token.</summary>
    public static RouteHandlerBuilder RequireHubAntiforgery(this RouteHandlerBuilder builder) =>
        builder.AddEndpointFilter(async (context, next) => await IsValidAsync(context.HttpContext) ? await next(context) : Refusal());
}
