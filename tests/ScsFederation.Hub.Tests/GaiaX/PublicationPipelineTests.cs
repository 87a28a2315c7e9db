using System.Text.Json.Nodes;
using ScsFederation.Core.Configuration;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Jwt;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.Model;
using ScsFederation.Credentials.Verification;
using ScsFederation.Gxdch;
using ScsFederation.Gxdch.Tests;
using ScsFederation.SelfDescription;
using ScsFederation.SelfDescription.Publication;
using ScsFederation.Storage;
using ScsFederation.Storage.Publication;

namespace ScsFederation.Hub.Tests.GaiaX;

/// <summary>
/// The whole pipeline against the notary and compliance stand-in (tests/interop/gaiax/gxdch-standin.mjs) and a real
/// SQLite hub database: what it stores is signed, enveloped, labelled and verifiable; every lie of a service and an
/// invalid set are refused with a stable reason, nothing is stored, and the previous publication stays current.
/// </summary>
[Collection(StandInCollection.Name)]
public sealed class PublicationPipelineTests(GxdchStandIn standIn) : IAsyncLifetime
{
    private const string Issuer = "https://hub.example/";
    private static readonly JsonWebKey IssuerKey = JsonWebKey.Generate("ES256");
    private readonly string _folder = Directory.CreateTempSubdirectory("scsfed-publication-").FullName;
    private EfPublicationStore _store = null!;

    public async Task InitializeAsync()
    {
        var hub = await HubTestDatabase.MigratedAsync("sqlite", _folder);
        _store = new EfPublicationStore(new HubDbContextFactory(hub));
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    private static CloudProvider Entry(Action<GaiaXProviderSettings>? change = null)
    {
        var gx = new GaiaXProviderSettings
        {
            LegalName = "SCS One GmbH",
            RegistrationNumber = new GaiaXRegistrationNumber { VatId = "DE123456789" },
            HeadquartersAddress = new GaiaXAddress { CountryCode = "DE", Locality = "Berlin" },
            TermsAndConditions = new GaiaXDocument { Url = "https://scs-one.example/terms", Hash = new string('a', 64) },
            DataAccountExport = new GaiaXDataAccountExport(),
        };
        change?.Invoke(gx);
        return new CloudProvider { Id = "scs-one", DisplayName = "SCS One", GaiaX = gx };
    }

    private static readonly CloudInventory Inventory = new(
    [
        new CloudService("identity", "keystone", [new("public", "RegionOne", "https://keystone.scs-one.example/v3")]),
        new CloudService("compute", "nova", [new("public", "RegionOne", "https://nova.scs-one.example/v2.1")]),
    ], []);

    private static ProviderCredentialSet Set(Action<GaiaXProviderSettings>? change = null) =>
        new ProviderCredentialBuilder(Issuer).Build(Entry(change), Inventory, DateTimeOffset.UtcNow);

    private static IssuerSigner Signer(ProviderCredentialSet set) => new(JwsKey.Create(IssuerKey, "ES256"), set.IssuerDid + "#key-1");

    private ProviderPublisher Publisher() => new(standIn.Notary(), standIn.Compliance(), CredentialShapes.Default, _store);

    [Fact]
    public async Task A_published_set_is_signed_enveloped_labelled_and_stored()
    {
        var set = Set();
        var result = await Publisher().PublishAsync(set, "hash-1", Signer(set), submit: true);

        Assert.True(result.Ok, result.ToJson().ToJsonString());
        var publication = result.Publication!;
        var ours = new JwksKeySource([IssuerKey.ToPublic().With("kid", set.IssuerDid + "#key-1")]);
        foreach (var c in publication.Credentials.Where(c => c.Kind == PublishedKind.Credential))
        {
            var check = new VcJwtVerifier(ours).Verify(c.Body);
            Assert.True(check.Ok, $"{c.Id}: {check.Reason} {check.Detail}");
            Assert.Equal(c.Id, check.Credential!.Id);
            Assert.Equal("vc+jwt/vc", check.Profile);          // the default profile: what GXDCH issues today
            Assert.Equal("header-ms", check.TimeClaims);
            Assert.Equal("application/vc+jwt", c.MediaType);
        }
        Assert.Equal(set.Credentials.Select(c => c.Id).Order(), publication.Credentials.Where(c => c.Kind == PublishedKind.Credential).Select(c => c.Id).Order());

        // The VP envelopes every credential of the set and the notary's, as submitted; the label vouches for each of them.
        var vp = VerifiableCredential.Parse(System.Text.Encoding.UTF8.GetString(CompactJws.Parse(publication.Presentation!.Body).Payload));
        var enveloped = vp.VerifiableCredentials.Select(e => EnvelopedCredential.FromEntry(e)!).ToList();
        Assert.Equal(set.Credentials.Count + 1, enveloped.Count);
        Assert.Contains(enveloped, e => e.MediaType == "application/vc+ld+jwt" && e.Jwt == publication.Credentials.Single(c => c.Kind == PublishedKind.RegistrationNumber).Body);
        Assert.All(result.Service!.Digests, d => Assert.True(d.Matches, d.Id));
        Assert.Equal(set.Credentials.Count + 1, result.Service.Digests.Count);
        Assert.Equal(ProviderPublisher.LabelIdFor(set.PresentationId), publication.Label!.Id);

        var stored = await _store.CurrentAsync("scs-one", default);
        Assert.Equal(publication.Id, stored!.Id);
        Assert.Equal(publication.Label.Body, (await _store.FindAsync(publication.Label.Id, DateTimeOffset.UtcNow, default))!.Body);
        Assert.Equal("/compliance/api/credential-offers/standard-compliance", (string?)(await standIn.RequestsAsync()).Last()!["path"]);
    }

    [Fact]
    public async Task An_invalid_set_is_refused_with_its_shacl_report_before_anything_is_signed()
    {
        var set = Set(g => g.HeadquartersAddress.CountryCode = "XX");
        var before = (await standIn.RequestsAsync()).Count;
        var key = new CountingKey(JwsKey.Create(IssuerKey, "ES256"));
        var result = await Publisher().PublishAsync(set, "hash-x", new IssuerSigner(key, set.IssuerDid + "#key-1"), submit: true);

        Assert.Equal(PublicationRefusal.ShapesNotConformant, result.Reason);
        Assert.Equal(PublicationStage.Shapes, result.Stage);
        Assert.False(result.Report!.Conforms);
        Assert.Contains(result.Report.Results, r => r.ResultPath?.ToString()?.Contains("countryCode", StringComparison.Ordinal) == true);
        Assert.Contains("countryCode", result.ToJson()["report"]!.ToJsonString());
        Assert.Equal(0, key.Signatures);
        Assert.Null(await _store.CurrentAsync("scs-one", default));
        // Only the notary was asked; nothing went to the compliance service.
        Assert.All((await standIn.RequestsAsync()).Skip(before), r => Assert.StartsWith("/notary/", (string?)r!["path"]));
    }

    [Theory]
    [InlineData("unsigned-key", Refusal.BadSignature)]          // a notary credential signed by a key its DID does not list
    [InlineData("other-did", GxdchRefusal.IssuerNotPinned)]     // signed by another service's DID
    [InlineData("wrong-subject", GxdchRefusal.AnswerMismatch)]
    [InlineData("wrong-number", GxdchRefusal.AnswerMismatch)]
    public async Task A_lying_notary_is_refused_and_nothing_is_stored(string lie, string reason)
    {
        var set = Set();
        await standIn.LieAsync(lie);
        PublicationResult result;
        try { result = await Publisher().PublishAsync(set, "hash-1", Signer(set), submit: false); }
        finally { await standIn.Honest(); }
        Assert.Equal(reason, result.Reason);
        Assert.Equal(PublicationStage.Notary, result.Stage);
        Assert.Null(await _store.CurrentAsync("scs-one", default));
    }

    [Theory]
    [InlineData("bad-digest", GxdchRefusal.LabelDigestMismatch, PublicationStage.Compliance)]      // a tampered label
    [InlineData("unknown-credential", GxdchRefusal.LabelUnknownCredential, PublicationStage.Compliance)]
    [InlineData("not-label", GxdchRefusal.NotALabel, PublicationStage.Compliance)]
    [InlineData("wrong-id", GxdchRefusal.AnswerMismatch, PublicationStage.Notary)]
    [InlineData("unsigned-key", Refusal.BadSignature, PublicationStage.Notary)]  // the stand-in forges both answers: the notary's is checked first
    [InlineData("error-500", GxdchRefusal.ServiceRefused, PublicationStage.Notary)]
    public async Task A_failed_publication_leaves_the_previous_one_served(string lie, string reason, string stage)
    {
        var set = Set();
        var first = await Publisher().PublishAsync(set, "hash-1", Signer(set), submit: true);
        Assert.True(first.Ok, first.Detail);

        await standIn.LieAsync(lie);
        PublicationResult second;
        try { second = await Publisher().PublishAsync(Set(g => g.LegalName = "SCS One GmbH (renamed)"), "hash-2", Signer(set), submit: true); }
        finally { await standIn.Honest(); }

        Assert.Equal(reason, second.Reason);
        Assert.Equal(stage, second.Stage);
        var current = await _store.CurrentAsync("scs-one", default);
        Assert.Equal(first.Publication!.Id, current!.Id);
        Assert.Equal("hash-1", current.InputHash);
        var legalPerson = first.Publication.Credentials.Single(c => c.GxType == "gx:LegalPerson");
        Assert.Equal(legalPerson.Body, (await _store.FindAsync(legalPerson.Id, DateTimeOffset.UtcNow, default))!.Body);
        Assert.Equal(first.Publication.Label!.Body, (await _store.FindAsync(first.Publication.Label.Id, DateTimeOffset.UtcNow, default))!.Body);
    }

    [Theory]
    [InlineData("bad-digest", GxdchRefusal.LabelDigestMismatch)]   // a tampered label
    [InlineData("unsigned-key", Refusal.BadSignature)]            // a forged label: signed by a key the compliance DID does not list
    [InlineData("other-did", GxdchRefusal.IssuerNotPinned)]       // signed as the notary
    [InlineData("wrong-id", GxdchRefusal.AnswerMismatch)]
    public async Task Submit_later_adds_only_a_verified_label_to_the_stored_publication(string lie, string reason)
    {
        var set = Set();
        var published = await Publisher().PublishAsync(set, "hash-1", Signer(set), submit: false);
        Assert.True(published.Ok, published.Detail);
        Assert.Null(published.Publication!.Label);

        await standIn.LieAsync(lie);
        try
        {
            var refused = await Publisher().SubmitAsync("scs-one");
            Assert.Equal(reason, refused.Reason);
            Assert.Equal(PublicationStage.Compliance, refused.Stage);
        }
        finally { await standIn.Honest(); }
        Assert.Null((await _store.CurrentAsync("scs-one", default))!.Label);
        Assert.Null(await _store.FindAsync(ProviderPublisher.LabelIdFor(set.PresentationId), DateTimeOffset.UtcNow, default));

        var submitted = await Publisher().SubmitAsync("scs-one");
        Assert.True(submitted.Ok, submitted.Detail);
        Assert.Equal(submitted.Publication!.Label!.Body, (await _store.CurrentAsync("scs-one", default))!.Label!.Body);
    }

    [Fact]
    public async Task Without_a_published_issuer_key_nothing_is_asked_or_signed()
    {
        var set = Set();
        var result = await Publisher().PublishAsync(set, "hash-1", signer: null, submit: false);
        Assert.Equal(PublicationRefusal.IssuerKeyMissing, result.Reason);
        var other = await Publisher().PublishAsync(set, "hash-1", new IssuerSigner(JwsKey.Create(IssuerKey, "ES256"), "did:web:other.example#key-1"), submit: false);
        Assert.Equal(PublicationRefusal.IssuerKeyMissing, other.Reason);
    }

    [Fact]
    public async Task A_notary_pinned_by_jwks_is_checked_with_those_keys_and_its_did_is_not_resolved()
    {
        var document = JsonNode.Parse(await standIn.Http.GetStringAsync(new Uri(standIn.Base, "notary/did.json")))!;
        var jwk = document["verificationMethod"]![0]!["publicKeyJwk"]!.DeepClone().AsObject();
        jwk["kid"] = "X509-JWK";
        var pinned = Path.Combine(_folder, "notary.jwks.json");
        await File.WriteAllTextAsync(pinned, new JsonObject { ["keys"] = new JsonArray(jwk) }.ToJsonString());
        var stranger = Path.Combine(_folder, "stranger.jwks.json");
        await File.WriteAllTextAsync(stranger, new JsonObject { ["keys"] = new JsonArray(JsonWebKey.Generate("PS256").ToPublic().With("kid", "X509-JWK").ToJson()) }.ToJsonString());

        // No allowed fetch hosts: resolving the notary's DID would be refused (host_not_allowed), so only the pinned keys can verify.
        ProviderPublisher Publisher(string jwks) => SelfDescription.Publication.GaiaXPublication.CreatePublisher(new FederationConfig
        {
            Hub = new HubSettings { Issuer = "https://hub.example", GaiaX = new GaiaXPublicationSettings { Notary = new GxdchServiceSettings { Url = standIn.Base + "notary", Did = standIn.NotaryDid, Jwks = jwks } } },
        }, standIn.Http, _store, CredentialShapes.Default);

        var set = Set();
        var ok = await Publisher(pinned).PublishAsync(set, "hash-1", Signer(set), submit: false);
        Assert.True(ok.Ok, ok.ToJson().ToJsonString());
        var refused = await Publisher(stranger).PublishAsync(set, "hash-2", Signer(set), submit: false);
        Assert.Equal((PublicationStage.Notary, Refusal.BadSignature), (refused.Stage, refused.Reason));
        Assert.Equal("hash-1", (await _store.CurrentAsync("scs-one", default))!.InputHash);
    }

    /// <summary>Counts signatures, so a test can say "nothing was signed".</summary>
    private sealed class CountingKey(JwsKey inner) : JwsKey(inner.Algorithm, inner.Jwk)
    {
        public int Signatures { get; private set; }
        public override byte[] Sign(ReadOnlySpan<byte> signingInput) { Signatures++; return inner.Sign(signingInput); }
        public override bool Verify(ReadOnlySpan<byte> signingInput, ReadOnlySpan<byte> signature) => inner.Verify(signingInput, signature);
    }
}
