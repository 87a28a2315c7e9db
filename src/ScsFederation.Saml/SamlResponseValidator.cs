using System.Xml;

namespace ScsFederation.Saml;

/// <summary>
/// Validates a SAML 2.0 Response from the HTTP-POST binding and returns the identity it asserts. Every check
/// fails closed with a specific <see cref="SamlRejectionReason"/>; identity data is read only from an element
/// whose signature was verified (the signed Response, or the signed Assertion itself).
/// </summary>
public sealed class SamlResponseValidator
{
    private const string Response = "samlp:Response";
    private const string Assertion = "samlp:Response/saml:Assertion";

    private readonly ISamlReplayCache _replayCache;
    private readonly ISamlRequestStore _requestStore;
    private readonly TimeProvider _time;
    private readonly SamlResponseValidatorLimits _limits;

    public SamlResponseValidator(ISamlReplayCache replayCache, ISamlRequestStore requestStore, TimeProvider? timeProvider = null, SamlResponseValidatorLimits? limits = null)
    {
        _replayCache = replayCache;
        _requestStore = requestStore;
        _time = timeProvider ?? TimeProvider.System;
        _limits = limits ?? new SamlResponseValidatorLimits();
    }

    public async Task<SamlValidationResult> ValidateAsync(string base64Response, SamlResponseExpectations expectations, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(expectations);
        try
        {
            var now = _time.GetUtcNow();
            var data = Verify(base64Response, expectations, now);
            await CheckInResponseToAsync(data, expectations.IdentityProvider, now, cancellationToken).ConfigureAwait(false);

            // Last, so a response refused by any other check does not burn its assertion ID.
            var replayKey = expectations.IdentityProvider.EntityId + "\n" + data.AssertionId;
            if (!await _replayCache.TryAddAsync(replayKey, data.NotOnOrAfter + expectations.IdentityProvider.ClockSkew, cancellationToken).ConfigureAwait(false))
                return SamlValidationResult.Failure(SamlRejectionReason.Replayed, $"assertion '{data.AssertionId}' was already used");
            return SamlValidationResult.Success(data);
        }
        catch (SamlRejectionException e)
        {
            return SamlValidationResult.Failure(e.Reason, e.Detail, e.Diagnostic);
        }
    }

    private async ValueTask CheckInResponseToAsync(SamlAssertionData data, SamlIdentityProviderOptions idp, DateTimeOffset now, CancellationToken cancellationToken)
    {
        if (data.InResponseTo is null)
        {
            if (!idp.AllowUnsolicited)
                throw new SamlRejectionException(SamlRejectionReason.UnsolicitedNotAllowed, $"unsolicited response (no InResponseTo) from '{idp.EntityId}', which may only answer requests");
            return;
        }
        var pending = await _requestStore.TakeAsync(data.InResponseTo, cancellationToken).ConfigureAwait(false);
        if (pending is null)
            throw new SamlRejectionException(SamlRejectionReason.InResponseToMismatch, $"InResponseTo '{data.InResponseTo}' does not name a pending request of this SP");
        if (!string.Equals(pending.IdentityProviderEntityId, idp.EntityId, StringComparison.Ordinal))
            throw new SamlRejectionException(SamlRejectionReason.InResponseToMismatch, $"request '{data.InResponseTo}' was sent to '{pending.IdentityProviderEntityId}', not to '{idp.EntityId}'");
        if (pending.NotOnOrAfter <= now)
            throw new SamlRejectionException(SamlRejectionReason.InResponseToMismatch, $"request '{data.InResponseTo}' has expired");
    }

    private SamlAssertionData Verify(string base64Response, SamlResponseExpectations expectations, DateTimeOffset now)
    {
        var idp = expectations.IdentityProvider;
        if (string.IsNullOrEmpty(base64Response))
            throw new SamlRejectionException(SamlRejectionReason.MalformedEncoding, "SAMLResponse is empty");
        if (base64Response.Length > _limits.MaxEncodedLength)
            throw new SamlRejectionException(SamlRejectionReason.MessageTooLarge, $"SAMLResponse has {base64Response.Length} characters; the limit is {_limits.MaxEncodedLength}");
        byte[] bytes;
        try
        {
            bytes = Convert.FromBase64String(base64Response);
        }
        catch (FormatException)
        {
            throw new SamlRejectionException(SamlRejectionReason.MalformedEncoding, "SAMLResponse is not valid base64");
        }

        var document = SamlXmlParser.Parse(bytes, _limits.MaxXmlCharacters);
        var response = document.DocumentElement!;
        if (response.LocalName != "Response" || response.NamespaceURI != SamlConstants.ProtocolNamespace)
            throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"root element is <{response.Name}>, not samlp:Response");
        SamlIdIndex.RequireUniqueIds(document);
        var responseId = RequireVersionAndId(response, Response);

        var responseSignature = SamlSignatureVerifier.FindEnvelopedSignature(response, Response);
        if (responseSignature is not null)
            SamlSignatureVerifier.Verify(response, responseSignature, idp.SigningCertificates, idp.AllowSha1, Response);

        // Exactly one assertion in the whole document, and it is a direct child of the Response: an assertion
        // anywhere else (inside Extensions, a Signature, another Assertion) is a wrapping attempt.
        var assertion = SingleAssertion(document, response);
        var encrypted = assertion.LocalName == "EncryptedAssertion";
        if (encrypted)
        {
            assertion = SamlAssertionDecryptor.Decrypt(assertion, expectations.ServiceProvider.EncryptionCertificate, idp.AllowCbcEncryption, _limits.MaxXmlCharacters);
            // The decrypted assertion is a new document; the same uniqueness rules apply inside it.
            SamlIdIndex.RequireUniqueIds(assertion.OwnerDocument);
            if (assertion.GetElementsByTagName("Assertion", SamlConstants.AssertionNamespace).Count != 0)
                throw new SamlRejectionException(SamlRejectionReason.AssertionNotUnique, "the decrypted assertion contains another assertion");
        }

        var assertionSignature = SamlSignatureVerifier.FindEnvelopedSignature(assertion, Assertion);
        if (assertionSignature is not null)
            SamlSignatureVerifier.Verify(assertion, assertionSignature, idp.SigningCertificates, idp.AllowSha1, Assertion);

        // Encryption is no integrity: anyone can encrypt to the SP's public key. An encrypted assertion counts only
        // inside a signed Response or when the decrypted assertion carries its own verified signature.
        if (encrypted && responseSignature is null && assertionSignature is null)
            throw new SamlRejectionException(SamlRejectionReason.SignatureMissing, "an EncryptedAssertion is accepted only inside a signed Response or when the decrypted assertion is signed");
        if (responseSignature is null && assertionSignature is null)
            throw new SamlRejectionException(SamlRejectionReason.SignatureMissing, "neither the Response nor the Assertion is signed");
        if (idp.RequireSignedAssertion && assertionSignature is null)
            throw new SamlRejectionException(SamlRejectionReason.SignatureMissing, "the Assertion is not signed and this identity provider must sign assertions");

        // From here on `response` (if signed) and `assertion` are the verified nodes themselves.
        CheckIssuer(response, idp.EntityId, Response, required: false);
        CheckStatus(response);
        var destination = SamlXmlElements.Attribute(response, "Destination");
        if (destination is null ? responseSignature is not null : !string.Equals(destination, expectations.AssertionConsumerServiceUrl, StringComparison.Ordinal))
            throw new SamlRejectionException(SamlRejectionReason.WrongDestination,
                $"Response Destination is '{destination ?? "(missing)"}', expected '{expectations.AssertionConsumerServiceUrl}'");
        var responseInResponseTo = SamlXmlElements.Attribute(response, "InResponseTo");

        var assertionId = RequireVersionAndId(assertion, Assertion);
        var skew = idp.ClockSkew;
        var issueInstant = SamlXmlElements.Instant(assertion, "IssueInstant", Assertion)
            ?? throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"{Assertion}/@IssueInstant is missing");
        if (issueInstant > now + skew)
            throw new SamlRejectionException(SamlRejectionReason.NotYetValid, $"assertion IssueInstant {issueInstant:O} is in the future");
        CheckIssuer(assertion, idp.EntityId, Assertion, required: true);

        var notOnOrAfter = CheckConditions(assertion, expectations.ServiceProvider.EntityId, now, skew);
        var subject = SamlXmlElements.RequiredChild(assertion, SamlConstants.AssertionNamespace, "Subject", Assertion + "/saml:Subject");
        var (confirmationNotOnOrAfter, confirmationInResponseTo) =
            CheckBearerConfirmation(subject, expectations.AssertionConsumerServiceUrl, responseInResponseTo, now, skew);
        if (confirmationNotOnOrAfter < notOnOrAfter) notOnOrAfter = confirmationNotOnOrAfter;

        var nameIdElement = SamlXmlElements.FirstChild(subject, SamlConstants.AssertionNamespace, "NameID")
            ?? throw new SamlRejectionException(SamlRejectionReason.MissingNameId, "the Subject has no NameID (EncryptedID is not supported)");
        var nameId = SamlXmlText.ReadSimpleContent(nameIdElement, Assertion + "/saml:Subject/saml:NameID");
        if (nameId.Length == 0)
            throw new SamlRejectionException(SamlRejectionReason.MissingNameId, "the NameID is empty");

        string? sessionIndex = null;
        DateTimeOffset? authnInstant = null;
        var authn = SamlXmlElements.FirstChild(assertion, SamlConstants.AssertionNamespace, "AuthnStatement");
        if (authn is not null)
        {
            sessionIndex = SamlXmlElements.Attribute(authn, "SessionIndex");
            authnInstant = SamlXmlElements.Instant(authn, "AuthnInstant", Assertion + "/saml:AuthnStatement");
            var sessionEnd = SamlXmlElements.Instant(authn, "SessionNotOnOrAfter", Assertion + "/saml:AuthnStatement");
            if (sessionEnd is { } end && now - skew >= end)
                throw new SamlRejectionException(SamlRejectionReason.Expired, $"AuthnStatement SessionNotOnOrAfter {end:O} has passed");
        }

        return new SamlAssertionData
        {
            Issuer = idp.EntityId,
            NameId = nameId,
            NameIdFormat = SamlXmlElements.Attribute(nameIdElement, "Format"),
            SessionIndex = sessionIndex,
            AssertionId = assertionId,
            ResponseId = responseId,
            InResponseTo = responseInResponseTo ?? confirmationInResponseTo,
            AuthnInstant = authnInstant,
            NotOnOrAfter = notOnOrAfter,
            Attributes = ReadAttributes(assertion),
            ResponseSigned = responseSignature is not null,
            AssertionSigned = assertionSignature is not null,
            AssertionWasEncrypted = encrypted,
        };
    }

    private static string RequireVersionAndId(XmlElement element, string path)
    {
        var version = SamlXmlElements.Attribute(element, "Version");
        if (version != "2.0")
            throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"{path}/@Version is '{version}', not 2.0");
        var id = SamlXmlElements.Attribute(element, "ID");
        if (string.IsNullOrEmpty(id))
            throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"{path}/@ID is missing");
        return id;
    }

    private static XmlElement SingleAssertion(XmlDocument document, XmlElement response)
    {
        var plain = document.GetElementsByTagName("Assertion", SamlConstants.AssertionNamespace);
        var encrypted = document.GetElementsByTagName("EncryptedAssertion", SamlConstants.AssertionNamespace);
        var count = plain.Count + encrypted.Count;
        if (count != 1)
            throw new SamlRejectionException(SamlRejectionReason.AssertionNotUnique, $"the response contains {count} assertions; exactly one is accepted");
        var assertion = (XmlElement)(plain.Count == 1 ? plain[0]! : encrypted[0]!);
        if (assertion.ParentNode != response)
            throw new SamlRejectionException(SamlRejectionReason.AssertionNotUnique, $"the assertion is inside <{assertion.ParentNode?.Name}>, not a direct child of the Response");
        return assertion;
    }

    private static void CheckIssuer(XmlElement element, string expected, string path, bool required)
    {
        var issuer = SamlXmlElements.FirstChild(element, SamlConstants.AssertionNamespace, "Issuer");
        if (issuer is null)
        {
            if (required) throw new SamlRejectionException(SamlRejectionReason.WrongIssuer, $"{path}/saml:Issuer is missing");
            return;
        }
        var value = SamlXmlText.ReadSimpleContent(issuer, path + "/saml:Issuer").Trim();
        if (!string.Equals(value, expected, StringComparison.Ordinal))
            throw new SamlRejectionException(SamlRejectionReason.WrongIssuer, $"{path}/saml:Issuer is '{value}', expected '{expected}'");
    }

    private static void CheckStatus(XmlElement response)
    {
        var status = SamlXmlElements.RequiredChild(response, SamlConstants.ProtocolNamespace, "Status", Response + "/samlp:Status");
        var code = SamlXmlElements.RequiredChild(status, SamlConstants.ProtocolNamespace, "StatusCode", Response + "/samlp:Status/samlp:StatusCode");
        var value = SamlXmlElements.Attribute(code, "Value");
        if (value == SamlConstants.StatusSuccess) return;
        var sub = SamlXmlElements.FirstChild(code, SamlConstants.ProtocolNamespace, "StatusCode");
        var message = SamlXmlElements.FirstChild(status, SamlConstants.ProtocolNamespace, "StatusMessage");
        throw new SamlRejectionException(SamlRejectionReason.StatusNotSuccess,
            $"the IdP answered '{value}'{(sub is null ? "" : $" / '{SamlXmlElements.Attribute(sub, "Value")}'")}{(message is null ? "" : $": {SamlXmlText.ReadDeepText(message)}")}");
    }

    private static DateTimeOffset CheckConditions(XmlElement assertion, string audience, DateTimeOffset now, TimeSpan skew)
    {
        var path = Assertion + "/saml:Conditions";
        var conditions = SamlXmlElements.RequiredChild(assertion, SamlConstants.AssertionNamespace, "Conditions", path);
        if (SamlXmlElements.Instant(conditions, "NotBefore", path) is { } notBefore && now + skew < notBefore)
            throw new SamlRejectionException(SamlRejectionReason.NotYetValid, $"Conditions NotBefore {notBefore:O} is in the future");
        var notOnOrAfter = SamlXmlElements.Instant(conditions, "NotOnOrAfter", path)
            ?? throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, $"{path}/@NotOnOrAfter is missing; assertions without an end of validity are refused");
        if (now - skew >= notOnOrAfter)
            throw new SamlRejectionException(SamlRejectionReason.Expired, $"Conditions NotOnOrAfter {notOnOrAfter:O} has passed");

        // Every AudienceRestriction must name this SP (they are ANDed), and at least one must be present.
        var restrictions = 0;
        foreach (var restriction in SamlXmlElements.Children(conditions, SamlConstants.AssertionNamespace, "AudienceRestriction"))
        {
            restrictions++;
            var named = false;
            foreach (var candidate in SamlXmlElements.Children(restriction, SamlConstants.AssertionNamespace, "Audience"))
            {
                if (string.Equals(SamlXmlText.ReadSimpleContent(candidate, path + "/saml:AudienceRestriction/saml:Audience").Trim(), audience, StringComparison.Ordinal))
                {
                    named = true;
                    break;
                }
            }
            if (!named)
                throw new SamlRejectionException(SamlRejectionReason.WrongAudience, $"an AudienceRestriction does not include this SP '{audience}'");
        }
        if (restrictions == 0)
            throw new SamlRejectionException(SamlRejectionReason.WrongAudience, "the assertion has no AudienceRestriction; it could be meant for any SP");
        return notOnOrAfter;
    }

    private static (DateTimeOffset NotOnOrAfter, string? InResponseTo) CheckBearerConfirmation(
        XmlElement subject, string acsUrl, string? responseInResponseTo, DateTimeOffset now, TimeSpan skew)
    {
        var path = Assertion + "/saml:Subject/saml:SubjectConfirmation";
        SamlRejectionException? firstFailure = null;
        foreach (var confirmation in SamlXmlElements.Children(subject, SamlConstants.AssertionNamespace, "SubjectConfirmation"))
        {
            if (SamlXmlElements.Attribute(confirmation, "Method") != SamlConstants.BearerConfirmationMethod) continue;
            var data = SamlXmlElements.FirstChild(confirmation, SamlConstants.AssertionNamespace, "SubjectConfirmationData");
            try
            {
                if (data is null)
                    throw new SamlRejectionException(SamlRejectionReason.NoBearerSubjectConfirmation, "bearer SubjectConfirmation without SubjectConfirmationData");
                var recipient = SamlXmlElements.Attribute(data, "Recipient");
                if (!string.Equals(recipient, acsUrl, StringComparison.Ordinal))
                    throw new SamlRejectionException(SamlRejectionReason.WrongRecipient, $"SubjectConfirmationData Recipient is '{recipient ?? "(missing)"}', expected '{acsUrl}'");
                var notOnOrAfter = SamlXmlElements.Instant(data, "NotOnOrAfter", path)
                    ?? throw new SamlRejectionException(SamlRejectionReason.NoBearerSubjectConfirmation, "bearer SubjectConfirmationData has no NotOnOrAfter");
                if (now - skew >= notOnOrAfter)
                    throw new SamlRejectionException(SamlRejectionReason.Expired, $"SubjectConfirmationData NotOnOrAfter {notOnOrAfter:O} has passed");
                if (SamlXmlElements.Instant(data, "NotBefore", path) is { } notBefore && now + skew < notBefore)
                    throw new SamlRejectionException(SamlRejectionReason.NotYetValid, $"SubjectConfirmationData NotBefore {notBefore:O} is in the future");
                var inResponseTo = SamlXmlElements.Attribute(data, "InResponseTo");
                if (inResponseTo is not null && responseInResponseTo is not null && !string.Equals(inResponseTo, responseInResponseTo, StringComparison.Ordinal))
                    throw new SamlRejectionException(SamlRejectionReason.InResponseToMismatch,
                        $"SubjectConfirmationData InResponseTo '{inResponseTo}' differs from the Response's '{responseInResponseTo}'");
                if (inResponseTo is null && responseInResponseTo is not null)
                    throw new SamlRejectionException(SamlRejectionReason.InResponseToMismatch, "the Response answers a request but the signed SubjectConfirmationData has no InResponseTo");
                return (notOnOrAfter, inResponseTo);
            }
            catch (SamlRejectionException e)
            {
                firstFailure ??= e;
            }
        }
        throw firstFailure ?? new SamlRejectionException(SamlRejectionReason.NoBearerSubjectConfirmation, "the Subject has no bearer SubjectConfirmation");
    }

    private static List<SamlAttribute> ReadAttributes(XmlElement assertion)
    {
        var attributes = new List<SamlAttribute>();
        foreach (var statement in SamlXmlElements.Children(assertion, SamlConstants.AssertionNamespace, "AttributeStatement"))
        {
            foreach (var attribute in SamlXmlElements.Children(statement, SamlConstants.AssertionNamespace, "Attribute"))
            {
                var name = SamlXmlElements.Attribute(attribute, "Name");
                if (string.IsNullOrEmpty(name))
                    throw new SamlRejectionException(SamlRejectionReason.MalformedMessage, "an Attribute has no Name");
                var values = new List<string>();
                foreach (var value in SamlXmlElements.Children(attribute, SamlConstants.AssertionNamespace, "AttributeValue"))
                    values.Add(SamlXmlText.ReadDeepText(value));
                attributes.Add(new SamlAttribute(name, SamlXmlElements.Attribute(attribute, "FriendlyName"), SamlXmlElements.Attribute(attribute, "NameFormat"), values));
            }
        }
        return attributes;
    }
}
