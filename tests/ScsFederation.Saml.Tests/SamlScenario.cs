using System.Security.Cryptography.X509Certificates;

namespace ScsFederation.Saml.Tests;

/// <summary>The hub-as-SP and samlify-as-IdP setup every test shares (hub issuer https://hub.test, upstream "peer-saml").</summary>
internal static class SamlScenario
{
    public const string IdpEntityId = "http://127.0.0.1:9380/saml/idp";
    public const string IdpSsoUrl = "http://127.0.0.1:9380/saml/idp/sso";
    public const string IdpSloUrl = "http://127.0.0.1:9380/saml/idp/slo";
    public const string SpEntityId = "https://hub.test/saml/metadata";
    public const string Acs = "https://hub.test/saml/acs/peer-saml";
    public const string SpSlo = "https://hub.test/saml/slo/peer-saml";

    public static SamlServiceProviderOptions ServiceProvider(X509Certificate2? encryption = null) => new()
    {
        EntityId = SpEntityId,
        AssertionConsumerServiceUrls = [Acs],
        SingleLogoutServiceUrl = SpSlo,
        SigningCertificate = TestKeys.ServiceProvider.Certificate,
        EncryptionCertificate = encryption,
    };

    public static SamlIdentityProviderOptions IdentityProvider(bool allowUnsolicited = true, bool allowSha1 = false) => new()
    {
        EntityId = IdpEntityId,
        SigningCertificates = [TestKeys.IdpCertificate],
        SingleSignOnRedirectUrl = IdpSsoUrl,
        SingleSignOnPostUrl = IdpSsoUrl,
        SingleLogoutRedirectUrl = IdpSloUrl,
        AllowUnsolicited = allowUnsolicited,
        AllowSha1 = allowSha1,
    };

    public static SamlResponseExpectations Expectations(bool allowUnsolicited = true, bool allowSha1 = false, X509Certificate2? encryption = null, bool allowCbc = false) =>
        new(ServiceProvider(encryption), IdentityProvider(allowUnsolicited, allowSha1) with { AllowCbcEncryption = allowCbc }, Acs);

    public static SamlResponseValidator Validator(ISamlRequestStore? requests = null, SamlResponseValidatorLimits? limits = null) =>
        new(new InMemorySamlReplayCache(), requests ?? new InMemorySamlRequestStore(), limits: limits);
}
