using System.Text.Json;
using OpenIddict.Abstractions;
using OpenIddict.Server;
using static OpenIddict.Abstractions.OpenIddictConstants;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ScsFederation.Hub.Oidc;

/// <summary>
/// Makes the introspection answer say what the hub's tokens say, for resource servers that introspect instead of
/// validating the JWT:
/// <list type="bullet">
/// <item>RFC 7662's <c>username</c> is what resource servers key on. OpenIddict (AttachApplicationClaims) answers it
/// from the token's <c>Identity.Name</c>, which it always reads from the <c>name</c> claim — the display name an
/// upstream chose, so upstream B calling its user "alice" would introspect as A's alice. The hub answers the
/// per-upstream username the mapping was evaluated with (<c>preferred_username</c>, e.g. <c>alice@peer-saml</c>).</item>
/// <item>OpenIddict writes a claim held once as a bare value, so a person with one project would introspect as
/// <c>"projects": {…}</c> but with two as <c>[…]</c>. <c>groups</c> and <c>projects</c> are always arrays, as in the
/// ID and access tokens.</item>
/// </list>
/// </summary>
public sealed class IntrospectionAnswer : IOpenIddictServerHandler<HandleIntrospectionRequestContext>
{
    private static readonly string[] ListClaims = ["groups", "projects"];

    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<HandleIntrospectionRequestContext>()
            .UseSingletonHandler<IntrospectionAnswer>()
            .SetOrder(OpenIddictServerHandlers.Introspection.AttachApplicationClaims.Descriptor.Order + 1)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(HandleIntrospectionRequestContext context)
    {
        // Only where OpenIddict answered a username at all (the caller is an audience and not a public client).
        if (context.Username is not null) context.Username = context.GenericTokenPrincipal?.FindFirst(Claims.PreferredUsername)?.Value;
        foreach (var name in ListClaims)
        {
            if (!context.Claims.TryGetValue(name, out var value) || OpenIddictParameter.IsNullOrEmpty(value)) continue;
            var element = (JsonElement)value;
            if (element.ValueKind != JsonValueKind.Array)
                context.Claims[name] = new OpenIddictParameter(JsonSerializer.SerializeToElement(new[] { element }));
        }
        return ValueTask.CompletedTask;
    }
}
