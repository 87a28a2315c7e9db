using System.Security.Claims;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using ScsFederation.Core.Configuration;
using ScsFederation.Hub.Accounts;
using ScsFederation.Hub.Broker;
using ScsFederation.Hub.Oidc;
using ScsFederation.Mapping;
using ScsFederation.Storage;
using ScsFederation.Storage.Entities;

namespace ScsFederation.Hub.Grants;

/// <summary>
/// Runs every provider's mapping rules on an account's upstream claims at login, stores the grants (the
/// provisioning broker's desired state), and turns them into token claims for that provider's clients.
/// </summary>
public sealed class ProviderGrantService(ProviderRuleSets rules, FederationConfig config, HubDbContext db, TimeProvider clock, LoginProvisioningQueue provisioning, Operations.HubMetrics metrics, ILogger<ProviderGrantService> logger) : IProviderGrantClaims
{
    /// <summary>The one claims view mapping rules see (<see cref="UpstreamFacts.Assertion"/>).</summary>
    public IReadOnlyDictionary<string, IReadOnlyList<string>> AssertionFor(UserAccount account) => UpstreamFacts.Assertion(config, account);

    /// <summary>The rule sets of the providers that accept the account's upstream (<c>upstreams</c>); the others grant nothing.</summary>
    private Dictionary<string, KeystoneMappingRuleSet> AcceptingRuleSets(UserAccount account) =>
        rules.ByProvider.Where(p => config.FindProvider(p.Key)?.Accepts(account.UpstreamId) ?? false)
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal);

    public async Task<ProviderGrantEvaluation> RecordAsync(UserAccount account, CancellationToken cancellationToken)
    {
        var evaluation = ProviderGrantEvaluator.Evaluate(AcceptingRuleSets(account), AssertionFor(account), cancellationToken);
        var now = clock.GetUtcNow();
        var stored = await db.AccountGrants.Where(g => g.AccountId == account.Id).ToDictionaryAsync(g => g.ProviderId, cancellationToken);
        var changed = new List<string>();
        foreach (var providerId in rules.ByProvider.Keys)
        {
            var grant = evaluation.Grants.FirstOrDefault(g => g.ProviderId == providerId);
            metrics.MappingEvaluated(providerId, grant is not null);
            if (!stored.TryGetValue(providerId, out var row))
            {
                row = new AccountGrant { AccountId = account.Id, ProviderId = providerId };
                db.AccountGrants.Add(row);
            }
            // No match stores null: the broker then removes what earlier logins granted.
            var json = grant is null ? null : MappingResultJson.ToJson(grant.Result, indented: false, includeRuleOrigins: true);
            if (db.Entry(row).State == EntityState.Added || !string.Equals(row.GrantJson, json, StringComparison.Ordinal))
            {
                changed.Add(providerId);
            }
            row.GrantJson = json;
            row.UpdatedAt = now;
        }
        await db.SaveChangesAsync(cancellationToken);
        // Only a changed grant needs a just-in-time run; unchanged ones are the schedule's to keep in shape.
        provisioning.Enqueue(account.Id, changed);
        foreach (var refusal in evaluation.Refusals)
        {
            logger.LogInformation("Provider {Provider} grants account {Account} nothing: {Reason}", refusal.ProviderId, account.Id, refusal.Reason);
        }
        return evaluation;
    }

    public async Task<IReadOnlyList<Claim>> GetClaimsAsync(UserAccount account, string providerId, CancellationToken cancellationToken)
    {
        if (!(config.FindProvider(providerId)?.Accepts(account.UpstreamId) ?? false)) return [];
        var row = await db.AccountGrants.AsNoTracking().SingleOrDefaultAsync(g => g.AccountId == account.Id && g.ProviderId == providerId, cancellationToken);
        if (row?.GrantJson is null) return [];
        using var json = JsonDocument.Parse(row.GrantJson);
        var claims = new List<Claim>();
        var root = json.RootElement;
        if (root.TryGetProperty("user", out var user) && user.ValueKind == JsonValueKind.Object && user.TryGetProperty("name", out var name) && name.ValueKind == JsonValueKind.String)
        {
            // The user name the mapping chose is the one the provider's tokens name.
            claims.Add(new Claim(OpenIddict.Abstractions.OpenIddictConstants.Claims.PreferredUsername, name.GetString()!));
        }
        if (root.TryGetProperty("projects", out var projects) && projects.GetArrayLength() > 0)
        {
            claims.Add(new Claim("projects", projects.GetRawText(), Microsoft.IdentityModel.JsonWebTokens.JsonClaimValueTypes.JsonArray));
        }
        // kube-apiserver has no mapping engine: the cluster's groups travel in the token's groups claim.
        var cluster = config.FindProvider(providerId)?.Kubernetes?.Cluster;
        if (cluster is not null && root.TryGetProperty("kubernetes", out var kubernetes))
        {
            foreach (var k in kubernetes.EnumerateArray())
            {
                if (k.GetProperty("cluster").GetString() != cluster) continue;
                foreach (var g in k.GetProperty("groups").EnumerateArray()) claims.Add(new Claim("groups", g.GetString()!));
            }
        }
        // Keystone replays the hub's result (MappingReplay): the rules that matched and the values they captured.
        if (rules.ByProvider.TryGetValue(providerId, out var ruleSet))
        {
            try
            {
                foreach (var (type, values) in MappingReplay.Capture(ruleSet, AssertionFor(account)))
                {
                    claims.Add(new Claim(type, JsonSerializer.Serialize(values), Microsoft.IdentityModel.JsonWebTokens.JsonClaimValueTypes.JsonArray));
                }
            }
            catch (MappingEvaluationException ex)
            {
                logger.LogInformation("Provider {Provider}: no replay claims for account {Account}: {Reason}", providerId, account.Id, ex.Message);
            }
        }
        return claims;
    }
}
