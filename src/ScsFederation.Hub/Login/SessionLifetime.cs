using System.Globalization;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace ScsFederation.Hub.Login;

/// <summary>
/// An absolute end to the hub session besides the sliding one: a session kept alive by use (or by a stolen cookie
/// replayed now and then) would otherwise never end, and neither would the upstream's word behind it. The login
/// time is kept in the (encrypted) ticket; renewals of the sliding window keep it, a new login replaces it.
/// </summary>
public static class SessionLifetime
{
    private const string StartedKey = ".scsfed.started";

    public static void Apply(CookieAuthenticationOptions options, TimeSpan absolute)
    {
        options.Events.OnSigningIn = context =>
        {
            context.Properties.Items[StartedKey] = Now(context.HttpContext).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            return Task.CompletedTask;
        };
        options.Events.OnValidatePrincipal = async context =>
        {
            var started = context.Properties.Items.TryGetValue(StartedKey, out var value) && long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var seconds)
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : (DateTimeOffset?)null;
            // A ticket without a start (older than this check) counts as expired: one more login, not an endless session.
            if (started is null || Now(context.HttpContext) - started.Value >= absolute)
            {
                context.RejectPrincipal();
                await context.HttpContext.SignOutAsync(context.Scheme.Name);
            }
        };
    }

    private static DateTimeOffset Now(HttpContext http) => http.RequestServices.GetRequiredService<TimeProvider>().GetUtcNow();
}
