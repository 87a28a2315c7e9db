using Microsoft.EntityFrameworkCore;
using ScsFederation.Core.Configuration;
using ScsFederation.Mapping;
using ScsFederation.Provisioning.Keystone;
using ScsFederation.Provisioning.Onboarding;
using ScsFederation.Provisioning.Reconciliation;
using ScsFederation.Storage;
using ScsFederation.Storage.Entities;
using ScsFederation.Storage.Provisioning;

namespace ScsFederation.Provisioning.Tests.Fixtures;

/// <summary>
/// One test's world: a federation with providers on the real Keystones, each test with its own domain and
/// identity provider id (the Keystones are shared by the collection), a fresh SQLite hub database, the stores,
/// and accounts whose grants come from the real mapping engine evaluating the rule set against their claims.
/// </summary>
internal sealed class ProvisioningScenario
{
    // Keystone wants remote ids unique across identity providers; the Keystones are shared, so each scenario is its own issuer.
    public string Issuer => "http://127.0.0.1:8085/t-" + Suffix;

    private ProvisioningScenario(TwoKeystonesFixture fx, string suffix, IDbContextFactory<HubDbContext> db, FederationConfig config, string rulesPath)
    {
        Fixture = fx;
        Suffix = suffix;
        Db = db;
        Config = config;
        RulesPath = rulesPath;
        Journal = new EfProvisioningJournal(db);
        Ownership = new EfOwnershipStore(db);
        Audit = new EfProvisioningAuditLog(db);
        Grants = new EfDesiredGrantSource(db);
        RuleSet = KeystoneMappingRuleSet.Parse(File.ReadAllText(rulesPath));
    }

    public TwoKeystonesFixture Fixture { get; }
    public string Suffix { get; }
    public string Domain => "d-" + Suffix;
    public IDbContextFactory<HubDbContext> Db { get; }
    public FederationConfig Config { get; }
    public string RulesPath { get; }
    public KeystoneMappingRuleSet RuleSet { get; }
    public EfProvisioningJournal Journal { get; }
    public EfOwnershipStore Ownership { get; }
    public EfProvisioningAuditLog Audit { get; }
    public EfDesiredGrantSource Grants { get; }

    /// <summary>
    /// Rules: upstream group scs-admins → role member on project p-{user} (Keystone 22 puts mapped projects into the
    /// identity provider's domain); team-red/team-blue → Keystone groups of the same name in the scenario's domain.
    /// </summary>
    public static string RulesJson(string domain) => $$"""
        {
          "rules": [
            {
              "remote": [ { "type": "OIDC-preferred_username" }, { "type": "OIDC-groups", "any_one_of": ["scs-admins"] } ],
              "local": [ { "user": { "name": "{0}" } }, { "projects": [ { "name": "p-{0}", "roles": [ { "name": "member" } ] } ] } ]
            },
            {
              "remote": [ { "type": "OIDC-preferred_username" }, { "type": "OIDC-groups", "whitelist": ["team-red", "team-blue"] } ],
              "local": [ { "user": { "name": "{0}" } }, { "groups": "{1}", "domain": { "name": "{{domain}}" } } ]
            }
          ]
        }
        """;

    public static async Task<ProvisioningScenario> CreateAsync(TwoKeystonesFixture fx, bool twoProviders = false, Action<CloudProvider>? adjust = null)
    {
        var suffix = Guid.NewGuid().ToString("n")[..8];
        var folder = Path.Combine(fx.WorkFolder, "scenario-" + suffix);
        Directory.CreateDirectory(folder);
        var rulesPath = Path.Combine(folder, "mapping.json");
        await File.WriteAllTextAsync(rulesPath, RulesJson("d-" + suffix));
        var config = new FederationConfig { Hub = new HubSettings { Issuer = "http://127.0.0.1:8085/t-" + suffix, DataFolder = folder } };
        config.Providers.Add(Provider("cloud-a", fx.CloudA, suffix, rulesPath));
        if (twoProviders) config.Providers.Add(Provider("cloud-b", fx.CloudB, suffix, rulesPath));
        foreach (var p in config.Providers) adjust?.Invoke(p);
        var db = await TestDatabase.CreateAsync(Path.Combine(folder, "hub.db"));
        return new ProvisioningScenario(fx, suffix, db, config, rulesPath);
    }

    private static CloudProvider Provider(string id, KeystoneInstance ks, string suffix, string rulesPath)
    {
        var settings = ks.Settings("d-" + suffix);
        settings.IdentityProviderId = "hub-" + suffix;
        settings.PublicUrl = "http://127.0.0.1:9360";
        settings.ClientId = "keystone-" + id;
        return new CloudProvider { Id = id, Mapping = rulesPath, Keystone = settings };
    }

    public KeystoneClient Client(string providerId = "cloud-a") => KeystoneClient.Create(Config.FindProvider(providerId)!.Keystone!);

    public ProviderOnboarding Onboarding() => new(Config, Ownership, p => KeystoneClient.Create(p.Keystone!));

    public ProvisioningReconciler Reconciler(ProvisioningOptions? options = null) =>
        new(Config, Grants, Journal, Ownership, p => KeystoneClient.Create(p.Keystone!), options);

    public async Task OnboardAllAsync()
    {
        foreach (var p in Config.Providers) await Onboarding().OnboardAsync(p.Id, null, CancellationToken.None);
    }

    /// <summary>Logs an account in as the hub would: evaluate each provider's rules on its claims and store the grant (null = no rule matched).</summary>
    public async Task SetAccountAsync(string accountId, string username, params string[] groups)
    {
        var assertion = new Dictionary<string, IReadOnlyList<string>>
        {
            ["OIDC-preferred_username"] = [username],
            ["OIDC-groups"] = groups,
            ["OIDC-iss"] = [Issuer],
        };
        var outcome = MappingEngine.Evaluate(RuleSet, assertion);
        await using var db = await Db.CreateDbContextAsync();
        foreach (var p in Config.Providers)
        {
            var row = await db.AccountGrants.FindAsync(accountId, p.Id);
            if (row is null)
            {
                row = new AccountGrant { AccountId = accountId, ProviderId = p.Id };
                db.AccountGrants.Add(row);
            }
            row.GrantJson = outcome.Result is null ? null : MappingResultJson.ToJson(outcome.Result, indented: false);
            row.UpdatedAt = DateTimeOffset.UtcNow;
        }
        await db.SaveChangesAsync();
    }

    /// <summary>The scenario as a federation file the CLI reads (schema-checked), with the admin password from the environment.</summary>
    public string WriteFederationFile()
    {
        var folder = Config.Hub.DataFolder;
        var sb = new System.Text.StringBuilder();
        sb.Append("hub:\n  issuer: ").Append(Config.Hub.Issuer).Append("\n  dataFolder: ").Append(folder).Append('\n');
        sb.Append("  storage:\n    provider: sqlite\n    connectionString: \"Data Source=").Append(Path.Combine(folder, "hub.db")).Append("\"\n");
        sb.Append("providers:\n");
        foreach (var p in Config.Providers)
        {
            var ks = p.Keystone!;
            sb.Append("  - id: ").Append(p.Id).Append('\n');
            sb.Append("    mapping: ").Append(p.Mapping).Append('\n');
            sb.Append("    keystone:\n      url: ").Append(ks.Url).Append("\n      domain: ").Append(ks.Domain)
              .Append("\n      identityProviderId: ").Append(ks.IdentityProviderId)
              .Append("\n      admin:\n        password: ${env:SCSFED_CLOUD_A_PASSWORD}\n");
        }
        var path = Path.Combine(folder, "federation.yaml");
        File.WriteAllText(path, sb.ToString());
        return path;
    }

    public static ProvisioningRequest Cli(string? provider = null, string? account = null) => new(ProvisioningRequest.CliTrigger, "test-operator", provider, account);
}
