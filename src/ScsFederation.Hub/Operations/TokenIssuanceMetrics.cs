using OpenIddict.Server;
using static OpenIddict.Server.OpenIddictServerEvents;

namespace ScsFederation.Hub.Operations;

/// <summary>Counts token endpoint responses that carry tokens, by client and grant type (refusals carry none and are not counted).</summary>
public sealed class TokenIssuanceMetrics(HubMetrics metrics) : IOpenIddictServerHandler<ApplyTokenResponseContext>
{
    public static OpenIddictServerHandlerDescriptor Descriptor { get; } =
        OpenIddictServerHandlerDescriptor.CreateBuilder<ApplyTokenResponseContext>()
            .UseSingletonHandler<TokenIssuanceMetrics>()
            .SetOrder(int.MinValue + 50_000)
            .SetType(OpenIddictServerHandlerType.Custom)
            .Build();

    public ValueTask HandleAsync(ApplyTokenResponseContext context)
    {
        if (context.Response.Error is null && (context.Response.AccessToken is not null || context.Response.IdToken is not null)
            && context.Request?.ClientId is { } client && context.Request.GrantType is { } grant)
        {
            metrics.TokensIssued(client, grant);
        }
        return ValueTask.CompletedTask;
    }
}
