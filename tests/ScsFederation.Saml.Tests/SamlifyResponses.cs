using System.Text;
using System.Text.Json.Nodes;

namespace ScsFederation.Saml.Tests;

/// <summary>
/// Every Response the tests need, signed by samlify in one node run (the IdP key is the committed interop test key).
/// </summary>
public sealed class SamlifyResponses : IAsyncLifetime
{
    public const string EvilNameId = "admin@example.org";
    public const string CommentInjectedSigned = "admin@example.org.evil.test";

    private JsonObject _responses = new();

    public string Base64(string name) =>
        _responses[name]?.GetValue<string>() ?? throw new KeyNotFoundException($"no samlify response named '{name}'");

    public string Xml(string name) => Encoding.UTF8.GetString(Convert.FromBase64String(Base64(name)));

    public async Task InitializeAsync()
    {
        var specs = new JsonArray
        {
            Spec("valid-both", "both"),
            Spec("valid-response", "response"),
            Spec("valid-assertion", "assertion"),
            Spec("unsigned", "none"),
            Spec("persistent", "both", nameId: "3f7b9c2e-persistent-id", format: SamlConstants.NameIdFormats.Persistent),
            Spec("transient", "both", nameId: "_transient-4711", format: SamlConstants.NameIdFormats.Transient),
            Spec("unspecified", "both", nameId: "alice", format: SamlConstants.NameIdFormats.Unspecified),
            Spec("oid-attributes", "both", attributes: OidAttributes()),
            Spec("comment-injection-base", "both", nameId: CommentInjectedSigned, attributes: Attributes(CommentInjectedSigned, "users")),
            With(Spec("wrong-key", "both", nameId: EvilNameId), new() { ["keyFile"] = TestKeys.Attacker.KeyFile, ["certFile"] = TestKeys.Attacker.CertFile }),
            With(Spec("expired-conditions", "both"), new() { ["conditionsSeconds"] = -600 }),
            With(Spec("expired-confirmation", "both"), new() { ["confirmationSeconds"] = -600 }),
            With(Spec("not-yet-valid", "both"), new() { ["shiftSeconds"] = 7200 }),
            With(Spec("not-yet-valid-conditions", "both"), new() { ["notBeforeSeconds"] = 3600 }),
            // Only IssueInstant lies in the future: Conditions and SubjectConfirmationData are valid now.
            With(Spec("issued-in-future", "both"), new() { ["shiftSeconds"] = 7200, ["notBeforeSeconds"] = -7300, ["conditionsSeconds"] = -6900, ["confirmationSeconds"] = -6900 }),
            With(Spec("wrong-audience", "both"), new() { ["audience"] = "https://other-sp.example/metadata" }),
            With(Spec("wrong-destination", "both"), new() { ["destination"] = "https://other-sp.example/acs" }),
            With(Spec("wrong-destination-response-unsigned", "assertion"), new() { ["destination"] = "https://other-sp.example/acs" }),
            With(Spec("wrong-recipient", "both"), new() { ["recipient"] = "https://other-sp.example/acs" }),
            With(Spec("wrong-issuer", "both"), new() { ["issuer"] = "https://other-idp.example/idp" }),
            With(Spec("wrong-assertion-issuer", "both"), new() { ["assertionIssuer"] = "https://other-idp.example/idp" }),
            With(Spec("rsa-sha1", "both"), new() { ["sigAlg"] = "rsa-sha1" }),
            With(Spec("in-response-to-unknown", "both"), new() { ["inResponseTo"] = "_never_sent_by_this_sp" }),
            With(Spec("in-response-to-inconsistent", "both"), new() { ["inResponseTo"] = "_pending_1", ["confirmationInResponseTo"] = "_other_2" }),
            With(Spec("status-responder", "both"), new() { ["status"] = "urn:oasis:names:tc:SAML:2.0:status:Responder" }),
            With(Spec("encrypted-cbc", "assertion"), new() { ["encryptToCertFile"] = TestKeys.ServiceProvider.CertFile, ["dataEncryption"] = SamlConstants.Algorithms.Aes256Cbc }),
            With(Spec("encrypted-gcm", "assertion"), new() { ["encryptToCertFile"] = TestKeys.ServiceProvider.CertFile, ["dataEncryption"] = SamlConstants.Algorithms.Aes128Gcm }),
            With(Spec("encrypted-response-signed", "both"), new() { ["encryptToCertFile"] = TestKeys.ServiceProvider.CertFile, ["dataEncryption"] = SamlConstants.Algorithms.Aes256Cbc, ["encryptThenSign"] = true }),
        };
        var result = await SamlifyIdentityProvider.RunAsync(new JsonObject { ["idp"] = Idp(), ["responses"] = specs });
        _responses = result["responses"]!.AsObject();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    internal static JsonObject Idp() => new()
    {
        ["entityId"] = SamlScenario.IdpEntityId,
        ["ssoUrl"] = SamlScenario.IdpSsoUrl,
        ["sloUrl"] = SamlScenario.IdpSloUrl,
        ["keyFile"] = TestKeys.IdpKeyFile,
        ["certFile"] = TestKeys.IdpCertFile,
    };

    internal static JsonObject Spec(string name, string sign, string nameId = "alice@example.org", string format = SamlConstants.NameIdFormats.EmailAddress, JsonArray? attributes = null) => new()
    {
        ["name"] = name,
        ["sign"] = sign,
        ["spEntityId"] = SamlScenario.SpEntityId,
        ["acs"] = SamlScenario.Acs,
        ["nameId"] = nameId,
        ["nameIdFormat"] = format,
        ["sessionIndex"] = "_session-" + name,
        // 30 minutes, so a slow (loaded) CI run cannot outlive the responses made at its start.
        ["conditionsSeconds"] = 1800,
        ["confirmationSeconds"] = 1800,
        ["attributes"] = attributes ?? Attributes("alice@example.org", "scs-admins", "k8s-viewers"),
    };

    internal static JsonObject With(JsonObject spec, JsonObject extra)
    {
        foreach (var (key, value) in extra) spec[key] = value?.DeepClone();
        return spec;
    }

    private static JsonArray Attributes(string email, params string[] groups) =>
    [
        new JsonObject { ["name"] = "email", ["values"] = new JsonArray(email) },
        new JsonObject { ["name"] = "groups", ["values"] = new JsonArray([.. groups.Select(g => (JsonNode)g)]) },
        new JsonObject { ["name"] = "displayName", ["values"] = new JsonArray("Alice Example") },
    ];

    private static JsonArray OidAttributes() =>
    [
        new JsonObject
        {
            ["name"] = "urn:oid:0.9.2342.19200300.100.1.3", ["friendlyName"] = "mail",
            ["nameFormat"] = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri", ["values"] = new JsonArray("alice@uni.example"),
        },
        new JsonObject
        {
            ["name"] = "urn:oid:1.3.6.1.4.1.5923.1.1.1.7", ["friendlyName"] = "eduPersonEntitlement",
            ["nameFormat"] = "urn:oasis:names:tc:SAML:2.0:attrname-format:uri",
            ["values"] = new JsonArray("urn:mace:scs:k8s-viewers", "urn:mace:scs:scs-admins", "urn:mace:scs:project-a"),
        },
    ];
}

[CollectionDefinition(Name)]
public sealed class SamlifyCollection : ICollectionFixture<SamlifyResponses>
{
    public const string Name = "samlify";
}
