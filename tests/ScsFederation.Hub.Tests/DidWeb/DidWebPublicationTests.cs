using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Jwt;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.X509;
using ScsFederation.Hub.DidWeb;
using ScsFederation.Hub.Keys;

namespace ScsFederation.Hub.Tests.DidWeb;

/// <summary>
/// did:web publication over real HTTP on loopback: documents at both path forms, x5u chains, the registry stand-in
/// (exact wire format, fetches the x5u itself), and every refusal with a lying certificate chain.
/// </summary>
public sealed class DidWebPublicationTests
{
    private static JsonObject Credential(string did) => new()
    {
        ["@context"] = new JsonArray("https://www.w3.org/ns/credentials/v2"),
        ["type"] = new JsonArray("VerifiableCredential"),
        ["id"] = "https://example.org/credentials/1",
        ["issuer"] = did,
        ["validFrom"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("yyyy-MM-ddTHH:mm:ssZ"),
        ["credentialSubject"] = new JsonObject { ["id"] = did },
    };

    private static async Task<JsonObject> FetchDocumentAsync(DidWebHub hub)
    {
        using var response = await hub.Http.GetAsync(hub.Address.DocumentUrl);
        Assert.Equal(200, (int)response.StatusCode);
        Assert.Equal(DidWebEndpoints.DocumentMediaType, response.Content.Headers.ContentType?.MediaType);
        return (JsonObject)JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
    }

    [Theory]
    [InlineData(new string[0], "/.well-known/did.json")]
    [InlineData(new[] { "issuers", "provider-a" }, "/issuers/provider-a/did.json")]
    public async Task Document_is_served_where_the_did_resolves_and_a_vc_jwt_of_the_issuer_key_verifies_through_it(string[] path, string expectedPath)
    {
        await using var hub = await DidWebHub.StartAsync(path);
        await hub.Identity.RefreshAsync(default);
        Assert.Equal(DidPublicationRefusal.CertificateMissing, hub.Identity.Statuses.Single().Reason);
        var key = await hub.PendingKeyAsync();
        var chain = hub.ChainFor(key);
        var status = await hub.PublishAsync(chain);
        Assert.Null(status.Reason);

        // did:web:127.0.0.1%3A<port>[:a:b] → http://127.0.0.1:<port>/.well-known/did.json or /a/b/did.json
        Assert.Equal($"http://127.0.0.1:{new Uri(hub.Config.Hub.Issuer).Port}{expectedPath}", hub.Address.DocumentUrl);
        var document = await FetchDocumentAsync(hub);
        Assert.Equal(hub.Issuer.Did, document["id"]!.GetValue<string>());
        var method = document["verificationMethod"]!.AsArray().Single()!.AsObject();
        Assert.Equal("JsonWebKey2020", method["type"]!.GetValue<string>());
        var jwk = JsonWebKey.FromJson(method["publicKeyJwk"]!.AsObject());
        Assert.Equal("PS256", jwk.Alg);
        Assert.True(jwk.SamePublicKey(key));

        // The registry stand-in was asked with {"uri": x5u} and fetched the chain itself from the hub.
        Assert.Equal((jwk.X5u!, 200), Assert.Single(hub.Registry.Requests));
        using var pem = await hub.Http.GetAsync(jwk.X5u);
        Assert.Equal(DidWebEndpoints.PemMediaType, pem.Content.Headers.ContentType?.MediaType);
        var servedChain = await pem.Content.ReadAsStringAsync();
        Assert.Equal(chain, servedChain);
        Assert.True(X5uChainCheck.Check(servedChain, jwk, hub.Issuer.Did, new X5uCheckOptions { TrustedRoots = [hub.TrustedCa] }).Ok);

        var (signingKey, kid) = hub.Identity.SigningKey(hub.Issuer.Did)!.Value;
        Assert.Equal(method["id"]!.GetValue<string>(), kid);
        var jwt = new VcJwtSigner(signingKey, kid).Sign(Credential(hub.Issuer.Did));
        var result = new VcJwtVerifier(new DidDocumentKeySource(document)).Verify(jwt);
        Assert.True(result.Ok, result.Reason + " " + result.Detail);

        // Nothing is served for another host name or path.
        using var wrongPath = await hub.Http.GetAsync(hub.Address.Origin + (path.Length == 0 ? "/issuers/provider-a/did.json" : "/.well-known/did.json"));
        Assert.Equal(404, (int)wrongPath.StatusCode);
    }

    [Fact]
    public async Task A_chain_whose_leaf_carries_another_key_is_refused_and_nothing_is_published()
    {
        await using var hub = await DidWebHub.StartAsync([]);
        await hub.Identity.RefreshAsync(default);
        var other = JsonWebKey.Generate("PS256").ToPublic().With("alg", null);
        var status = await hub.PublishAsync(hub.ChainFor(other));
        Assert.Equal(("refused", DidPublicationRefusal.LeafKeyMismatch), (status.State, status.Reason));
        Assert.Empty(hub.Registry.Requests);
        Assert.Null(hub.Identity.SigningKey(hub.Issuer.Did));
        using var response = await hub.Http.GetAsync(hub.Address.DocumentUrl);
        Assert.Equal(404, (int)response.StatusCode);
    }

    [Fact]
    public async Task A_chain_whose_names_do_not_cover_the_did_host_is_refused()
    {
        await using var hub = await DidWebHub.StartAsync([]);
        await hub.Identity.RefreshAsync(default);
        var status = await hub.PublishAsync(hub.ChainFor(await hub.PendingKeyAsync(), san: "hub.other.example"));
        Assert.Equal(DidPublicationRefusal.SanMismatch, status.Reason);
        Assert.Contains("hub.other.example", status.Detail);
        Assert.Null(hub.Identity.SigningKey(hub.Issuer.Did));
    }

    [Fact]
    public async Task A_chain_whose_root_the_registry_does_not_list_is_refused()
    {
        await using var hub = await DidWebHub.StartAsync([]);
        await hub.Identity.RefreshAsync(default);
        using var otherCaKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=Unlisted CA", otherCaKey, HashAlgorithmName.SHA256);
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var otherCa = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));

        var status = await hub.PublishAsync(hub.ChainFor(await hub.PendingKeyAsync(), ca: otherCa, caKey: otherCaKey));
        Assert.Equal(DidPublicationRefusal.UntrustedRoot, status.Reason);
        Assert.Equal(409, Assert.Single(hub.Registry.Requests).Status);
        Assert.Null(hub.Identity.SigningKey(hub.Issuer.Did));
    }

    [Fact]
    public async Task A_self_signed_lab_chain_is_refused_unless_the_operator_allows_it()
    {
        await using var hub = await DidWebHub.StartAsync([], "ES256");
        await hub.Identity.RefreshAsync(default);
        var now = DateTimeOffset.UtcNow;
        var lab = IssuerCertificates.CreateLabChainPem(await hub.PendingKeyAsync(), hub.Address.Host, now.AddMinutes(-5), now.AddDays(30));

        var refused = await hub.PublishAsync(lab);
        Assert.Equal(DidPublicationRefusal.UntrustedRoot, refused.Reason);
        Assert.Contains("allowSelfSigned", refused.Detail);

        hub.Config.Hub.DidWeb.AllowSelfSigned = true;
        var published = await hub.PublishAsync(lab);
        Assert.Null(published.Reason);
        Assert.NotNull(hub.Identity.SigningKey(hub.Issuer.Did));
    }

    [Fact]
    public async Task Rotation_keeps_the_old_method_resolvable_until_its_credentials_expire()
    {
        await using var hub = await DidWebHub.StartAsync([]);
        await hub.Identity.RefreshAsync(default);
        Assert.Null((await hub.PublishAsync(hub.ChainFor(await hub.PendingKeyAsync()))).Reason);
        var (oldKey, oldKid) = hub.Identity.SigningKey(hub.Issuer.Did)!.Value;
        var oldJwt = new VcJwtSigner(oldKey, oldKid).Sign(Credential(hub.Issuer.Did));

        var next = await hub.Identity.RotateAsync(hub.Issuer.Did, default);
        await hub.Identity.RefreshAsync(default); // as POST /admin/did/rotate does
        Assert.Contains(hub.Identity.Statuses.Single().Keys, k => k.State == "pending" && k.CertificateSigningRequest!.Contains("BEGIN CERTIFICATE REQUEST"));
        Assert.Equal(oldKid, hub.Identity.SigningKey(hub.Issuer.Did)!.Value.Kid); // unpublished keys never sign
        hub.Clock.Now += TimeSpan.FromDays(1);
        Assert.Null((await hub.PublishAsync(hub.ChainFor(JsonWebKey.Parse(next.PublicJwk)))).Reason);

        var (newKey, newKid) = hub.Identity.SigningKey(hub.Issuer.Did)!.Value;
        Assert.NotEqual(oldKid, newKid);
        var document = await FetchDocumentAsync(hub);
        Assert.Equal([newKid, oldKid], document["assertionMethod"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.True(new VcJwtVerifier(new DidDocumentKeySource(document)).Verify(oldJwt).Ok);
        Assert.True(new VcJwtVerifier(new DidDocumentKeySource(document)).Verify(new VcJwtSigner(newKey, newKid).Sign(Credential(hub.Issuer.Did))).Ok);
        using (var oldChain = await hub.Http.GetAsync(hub.Address.X5uUrl(oldKid.Split('#')[1]))) Assert.Equal(200, (int)oldChain.StatusCode);

        hub.Clock.Now += TimeSpan.FromDays(hub.Config.Hub.DidWeb.CredentialLifetimeDays) + TimeSpan.FromMinutes(1);
        await hub.Identity.RefreshAsync(default);
        var later = await FetchDocumentAsync(hub);
        Assert.Equal([newKid], later["assertionMethod"]!.AsArray().Select(n => n!.GetValue<string>()));
        Assert.Equal("kid_not_found", new VcJwtVerifier(new DidDocumentKeySource(later)).Verify(oldJwt).Reason);
    }

    [Fact]
    public async Task Private_issuer_keys_are_sealed_at_rest_and_bound_to_their_did()
    {
        await using var hub = await DidWebHub.StartAsync([], "EdDSA");
        await hub.Identity.RefreshAsync(default);
        var now = DateTimeOffset.UtcNow;
        hub.Config.Hub.DidWeb.AllowSelfSigned = true;
        await hub.PublishAsync(IssuerCertificates.CreateLabChainPem(await hub.PendingKeyAsync(), hub.Address.Host, now.AddMinutes(-5), now.AddDays(30)));
        var (key, _) = hub.Identity.SigningKey(hub.Issuer.Did)!.Value;
        var d = key.Jwk.Str("d")!;

        var files = Directory.GetFiles(Path.Combine(hub.Folder, "issuer-keys"), "*.json", SearchOption.AllDirectories);
        var stored = Assert.Single(files);
        var text = await File.ReadAllTextAsync(stored);
        Assert.DoesNotContain(d, text);
        Assert.DoesNotContain(Convert.ToBase64String(Base64Url.Decode(d)), text);
        Assert.DoesNotContain("\"d\"", text);
        if (!OperatingSystem.IsWindows()) Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(stored));

        var record = (await hub.Store.ListAsync(hub.Issuer.Did, default)).Single();
        var kek = KeyEncryptionKey.Load(hub.Config.Hub);
        Assert.Contains(d, Encoding.UTF8.GetString(kek.Decrypt(record.SealedPrivateJwk, $"issuer-key:{record.Did}#{record.KeyId}")));
        // Sealed to its DID: the same bytes presented as another issuer's key do not open.
        Assert.ThrowsAny<CryptographicException>(() => kek.Decrypt(record.SealedPrivateJwk, $"issuer-key:did:web:other.example#{record.KeyId}"));
    }

    [Theory]
    [InlineData("PS256")]
    [InlineData("ES384")]
    [InlineData("EdDSA")]
    public async Task A_jws_of_the_hub_key_verifies_in_jose_with_the_jwk_of_the_served_document(string algorithm)
    {
        await using var hub = await DidWebHub.StartAsync(["jose"], algorithm);
        await hub.Identity.RefreshAsync(default);
        Assert.Null((await hub.PublishAsync(hub.ChainFor(await hub.PendingKeyAsync()))).Reason);
        var (key, kid) = hub.Identity.SigningKey(hub.Issuer.Did)!.Value;
        var jwt = new VcJwtSigner(key, kid).Sign(Credential(hub.Issuer.Did));
        var jwk = (await FetchDocumentAsync(hub))["verificationMethod"]![0]!["publicKeyJwk"]!.DeepClone();

        var answer = await NodeProcess.RunJobAsync("credentials/vc-peer.mjs",
            new JsonObject { ["ops"] = new JsonArray(new JsonObject { ["op"] = "verify", ["jws"] = jwt, ["jwk"] = jwk }) }, TimeSpan.FromMinutes(2));
        var verdict = answer["results"]![0]!;
        Assert.True(verdict["ok"]!.GetValue<bool>(), verdict.ToJsonString());
        // And a changed signature is refused by jose too, so the check above is not vacuous.
        var at = jwt.LastIndexOf('.') + 5;
        var tampered = jwt[..at] + (jwt[at] == 'A' ? 'B' : 'A') + jwt[(at + 1)..];
        var refusal = await NodeProcess.RunJobAsync("credentials/vc-peer.mjs",
            new JsonObject { ["ops"] = new JsonArray(new JsonObject { ["op"] = "verify", ["jws"] = tampered, ["jwk"] = jwk.DeepClone() }) }, TimeSpan.FromMinutes(2));
        Assert.False(refusal["results"]![0]!["ok"]!.GetValue<bool>());
    }
}
