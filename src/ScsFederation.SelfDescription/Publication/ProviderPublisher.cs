using System.Globalization;
using System.Text.Json.Nodes;
using ScsFederation.Credentials.Jose;
using ScsFederation.Credentials.Jwt;
using ScsFederation.Credentials.Keys;
using ScsFederation.Credentials.Model;
using ScsFederation.Gxdch.Compliance;
using ScsFederation.Gxdch.Notary;

namespace ScsFederation.SelfDescription.Publication;

/// <summary>Options of <see cref="ProviderPublisher"/>.</summary>
public sealed class PublisherOptions
{
    /// <summary>The VC-JWT header profile the hub signs with (default: what GXDCH issues today).</summary>
    public VcJwtProfile Profile { get; init; } = VcJwtProfile.Gxdch;

    public string ComplianceLevel { get; init; } = Gxdch.Compliance.ComplianceLevel.Standard;

    public TimeProvider Clock { get; init; } = TimeProvider.System;
}

/// <summary>
/// Publishes a provider's credential set, in this order, stopping at the first refusal with nothing signed or stored
/// that the refusal concerns:
/// <list type="number">
/// <item>the registration-number credential from the configured notary — verified against the notary's pinned DID,
/// and about exactly the vcId, subject and number asked for (<see cref="NotaryClient"/>);</item>
/// <item>the subject graph (the set's subjects with the notary's subject) SHACL-validated against the shapes —
/// an invalid set is refused with the report before anything is signed;</item>
/// <item>each credential signed as VC-JWT with the issuer's key in the configured profile, and checked against that
/// key; then the VP-JWT enveloping them and the notary's credential;</item>
/// <item>optionally, the VP submitted to the compliance service, whose label must be signed by its pinned DID and whose
/// every <c>gx:digestSRI</c> must recompute over what was submitted (<see cref="ComplianceClient"/>);</item>
/// <item>the whole publication stored in one transaction (<see cref="IPublicationStore"/>).</item>
/// </list>
/// A refused step leaves the previous publication current and served.
/// </summary>
public sealed class ProviderPublisher(NotaryClient? notary, ComplianceClient? compliance, CredentialShapes shapes, IPublicationStore store, PublisherOptions? options = null)
{
    private readonly PublisherOptions _options = options ?? new PublisherOptions();

    /// <summary>The label's id: <c>compliance</c> next to the presentation (<c>…/providers/{p}/compliance</c>).</summary>
    public static string LabelIdFor(string presentationId) => presentationId[..(presentationId.LastIndexOf('/') + 1)] + "compliance";

    public async Task<PublicationResult> PublishAsync(ProviderCredentialSet set, string inputHash, IssuerSigner? signer, bool submit, CancellationToken cancellationToken = default)
    {
        if (notary is null)
            return PublicationResult.Refused(PublicationStage.Notary, PublicationRefusal.ServiceNotConfigured, "no registration-number notary is configured (hub.gaiaX.notary)");
        if (submit && compliance is null)
            return PublicationResult.Refused(PublicationStage.Compliance, PublicationRefusal.ServiceNotConfigured, "no compliance service is configured (hub.gaiaX.compliance)");
        if (signer is null || signer.Did != set.IssuerDid)
            return PublicationResult.Refused(PublicationStage.Signing, PublicationRefusal.IssuerKeyMissing,
                $"the hub has no published key for {set.IssuerDid}: list it under hub.didWeb.issuers and have its certificate chain accepted (GET /admin/did)");

        // 1. The notary's registration number, checked by the client (pinned DID, signature, ids, number).
        var kind = RegistrationNumberKind.Find(set.RegistrationNumber.Kind)
                   ?? throw new InvalidOperationException($"unknown registration number kind {set.RegistrationNumber.Kind}");
        var registration = await notary.RequestAsync(kind, set.RegistrationNumber.Number, set.RegistrationNumber.VcId, set.RegistrationNumber.SubjectId, cancellationToken);
        if (!registration.Ok) return PublicationResult.Refused(PublicationStage.Notary, registration.Reason!, registration.Detail!) with { Service = registration, Notes = set.Notes };
        var notaryCredential = registration.Verification!.Credential!;
        var notarySubject = notaryCredential.CredentialSubjects.First(s => VerifiableCredential.Text(s["id"]) == set.RegistrationNumber.SubjectId);

        // 2. SHACL before signing: nothing invalid carries the issuer's signature.
        var report = await shapes.ValidateAsync(set.SubjectGraph(notarySubject), cancellationToken);
        if (!report.Conforms)
            return PublicationResult.Refused(PublicationStage.Shapes, PublicationRefusal.ShapesNotConformant,
                $"the credential set does not conform to the shapes ({shapes.Source}): {report.Results.Count} result(s)") with { Report = report, Notes = set.Notes };

        // 3. Sign, and check every signature against the issuer's public key before it leaves the hub.
        var now = _options.Clock.GetUtcNow();
        var profile = _options.Profile;
        var jwtSigner = new VcJwtSigner(signer.Key, signer.Kid, profile) { Clock = () => now };
        var selfCheck = new VcJwtVerifier(new JwksKeySource([signer.Key.Jwk.ToPublic().With("kid", signer.Kid)]), new VcJwtVerifierOptions { Now = now });
        var published = new List<PublishedCredential>();
        var envelopes = new JsonArray();
        foreach (var credential in set.Credentials)
        {
            var jwt = jwtSigner.Sign(credential.Credential);
            var check = selfCheck.Verify(jwt);
            if (!check.Ok)
                return PublicationResult.Refused(PublicationStage.Signing, PublicationRefusal.SelfCheckFailed, $"{credential.Id} does not verify with {signer.Kid}: {check.Reason}: {check.Detail}");
            var mediaType = "application/" + profile.CredentialTyp;
            published.Add(new PublishedCredential(credential.Id, PublishedKind.Credential, credential.GxType, mediaType, jwt, profile.Name, now,
                check.Credential!.EffectiveValidUntil ?? now + jwtSigner.DefaultLifetime));
            envelopes.Add(new EnvelopedCredential(mediaType, jwt).ToEntry());
        }
        var notaryMediaType = MediaTypeOf(registration.Verification.Header, presentation: false);
        envelopes.Add(new EnvelopedCredential(notaryMediaType, registration.Jwt!).ToEntry());
        var validUntil = published.Select(p => p.ValidUntil).Append(notaryCredential.EffectiveValidUntil ?? DateTimeOffset.MaxValue).Min();
        var presentation = new JsonObject
        {
            ["@context"] = new JsonArray(VerifiableCredential.V2Context),
            ["type"] = new JsonArray("VerifiablePresentation"),
            ["id"] = set.PresentationId,
            ["holder"] = set.IssuerDid,
            ["validFrom"] = Timestamp(now),
            ["validUntil"] = Timestamp(validUntil),
            ["verifiableCredential"] = envelopes,
        };
        var vp = jwtSigner.Sign(presentation);
        var vpJws = CompactJws.Parse(vp);
        if (!signer.Key.Verify(vpJws.SigningInput, vpJws.Signature))
            return PublicationResult.Refused(PublicationStage.Signing, PublicationRefusal.SelfCheckFailed, $"the presentation does not verify with {signer.Kid}");
        published.Add(new PublishedCredential(set.RegistrationNumber.VcId, PublishedKind.RegistrationNumber, kind.GxType, notaryMediaType, registration.Jwt!,
            registration.Verification.Profile ?? "", now, notaryCredential.EffectiveValidUntil ?? validUntil));
        published.Add(new PublishedCredential(set.PresentationId, PublishedKind.Presentation, "VerifiablePresentation", "application/" + profile.PresentationTyp, vp, profile.Name, now, validUntil));
        var publication = new ProviderPublication(Guid.NewGuid().ToString("n"), set.ProviderId, set.IssuerDid, now, inputHash, published);

        // 4. Compliance (optional): the label must vouch for exactly what was submitted.
        Gxdch.GxdchResult? labelAnswer = null;
        if (submit)
        {
            var (label, answer, refusal) = await SubmitCoreAsync(publication, cancellationToken);
            if (refusal is not null) return refusal with { Notes = set.Notes };
            labelAnswer = answer;
            publication = publication with { Credentials = [.. published, label!] };
        }

        // 5. Store as one unit.
        await store.SaveAsync(publication, cancellationToken);
        return new PublicationResult { Publication = publication, Service = labelAnswer, Notes = set.Notes };
    }

    /// <summary>Submits the provider's current presentation to the compliance service and stores the verified label with it.</summary>
    public async Task<PublicationResult> SubmitAsync(string providerId, CancellationToken cancellationToken = default)
    {
        if (compliance is null)
            return PublicationResult.Refused(PublicationStage.Compliance, PublicationRefusal.ServiceNotConfigured, "no compliance service is configured (hub.gaiaX.compliance)");
        var current = await store.CurrentAsync(providerId, cancellationToken);
        var now = _options.Clock.GetUtcNow();
        var vp = current?.Presentation;
        if (current is null || vp is null || vp.ValidUntil <= now)
            return PublicationResult.Refused(PublicationStage.Compliance, PublicationRefusal.NothingPublished,
                vp is null ? $"nothing is published for {providerId}: run scsfed sd publish first" : $"the presentation of {providerId} expired at {vp.ValidUntil:O}: publish again");
        var (label, answer, refusal) = await SubmitCoreAsync(current, cancellationToken);
        if (refusal is not null) return refusal;
        await store.AddLabelAsync(current.Id, label!, cancellationToken);
        return new PublicationResult { Publication = current with { Credentials = [.. current.Credentials.Where(c => c.Kind != PublishedKind.Label), label!] }, Service = answer };
    }

    private async Task<(PublishedCredential? Label, Gxdch.GxdchResult? Answer, PublicationResult? Refusal)> SubmitCoreAsync(ProviderPublication publication, CancellationToken cancellationToken)
    {
        var vp = publication.Presentation!;
        var labelId = LabelIdFor(vp.Id);
        var answer = await compliance!.SubmitAsync(vp.Body, labelId, _options.ComplianceLevel, cancellationToken);
        if (!answer.Ok) return (null, answer, PublicationResult.Refused(PublicationStage.Compliance, answer.Reason!, answer.Detail!) with { Service = answer });
        var credential = answer.Verification!.Credential!;
        var now = _options.Clock.GetUtcNow();
        var label = new PublishedCredential(labelId, PublishedKind.Label, "gx:LabelCredential", MediaTypeOf(answer.Verification.Header, presentation: false), answer.Jwt!,
            answer.Verification.Profile ?? "", now, credential.EffectiveValidUntil ?? vp.ValidUntil);
        return (label, answer, null);
    }

    /// <summary>The media type a JWT is served and enveloped as, from its header <c>typ</c> (<c>vc+ld+jwt</c> → <c>application/vc+ld+jwt</c>).</summary>
    internal static string MediaTypeOf(JsonObject? header, bool presentation)
    {
        var typ = header?["typ"] is JsonValue v && v.TryGetValue(out string? s) ? s.ToLowerInvariant() : null;
        if (typ is not null && !typ.StartsWith("application/", StringComparison.Ordinal)) typ = "application/" + typ;
        var fallback = presentation ? "application/vp+jwt" : "application/vc+jwt";
        return typ is not null && (presentation ? typ.StartsWith("application/vp+", StringComparison.Ordinal) : EnvelopedCredential.MediaTypes.Contains(typ)) ? typ : fallback;
    }

    private static string Timestamp(DateTimeOffset t) => t.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
