#!/usr/bin/env python3
"""Mutation check for the SAML validator: removes one security check at a time from
src/ScsFederation.Saml, runs the tests meant to catch it, restores the file, and prints whether
they failed (they must). usage: python3 tests/ScsFederation.Saml.Tests/check-mutations.py
Edits only files under src/ScsFederation.Saml and always restores them; in a tree others build from,
run it in a copy instead:  git archive HEAD | tar -x -C /tmp/copy  (and link tests/interop/node_modules)."""
import subprocess, os
repo=os.path.abspath(os.path.join(os.path.dirname(__file__), '..', '..'))
root=os.path.join(repo, 'src', 'ScsFederation.Saml') + '/'
tests=os.path.join(repo, 'tests', 'ScsFederation.Saml.Tests')
muts=[
 ("comment-injection: read first text node only","SamlXmlText.cs","if (first.NextSibling is null && first is XmlText single) return single.Value ?? string.Empty;","if (first is XmlText single) return single.Value ?? string.Empty;","Comment_in_NameID"),
 ("replay cache off","SamlResponseValidator.cs","if (!await _replayCache.TryAddAsync(","if (false && !await _replayCache.TryAddAsync(","Replay"),
 ("audience check off","SamlResponseValidator.cs","            if (!named)\n","            if (false)\n","wrong-audience"),
 ("sha1 always allowed","SamlSignatureVerifier.cs","if (allowSha1) return;","return;","rsa-sha1"),
 ("duplicate id check off","SamlIdIndex.cs","if (id is not null && !seen.Add(id.Value))","if (false)","Signature_wrapping"),
 ("single-assertion check off","SamlResponseValidator.cs","if (count != 1)","if (count == 0)","Signature_wrapping|Evil_assertion"),
 ("recipient check off","SamlResponseValidator.cs","if (!string.Equals(recipient, acsUrl, StringComparison.Ordinal))","if (false)","wrong-recipient"),
 ("SCD expiry off","SamlResponseValidator.cs","                if (now - skew >= notOnOrAfter)\n                    throw new SamlRejectionException(SamlRejectionReason.Expired, $\"SubjectConfirmationData","                if (false)\n                    throw new SamlRejectionException(SamlRejectionReason.Expired, $\"SubjectConfirmationData","expired-confirmation"),
 ("DTD allowed","SamlXmlParser.cs","DtdProcessing = DtdProcessing.Prohibit","DtdProcessing = DtdProcessing.Parse","Xxe|Billion"),
 ("size limit off","SamlResponseValidator.cs","if (base64Response.Length > _limits.MaxEncodedLength)","if (false)","Oversized"),
 ("InResponseTo store check off","SamlResponseValidator.cs","        if (pending is null)\n","        if (false)\n","in-response-to-unknown"),
 ("unsolicited allowed","SamlResponseValidator.cs","            if (!idp.AllowUnsolicited)","            if (false)","Unsolicited"),
 ("transform allow-list off","SamlSignatureVerifier.cs","                else\n                    throw new SamlRejectionException(SamlRejectionReason.DisallowedTransform,","                else if (false)\n                    throw new SamlRejectionException(SamlRejectionReason.DisallowedTransform,","Transforms_other"),
 ("issuer check off","SamlResponseValidator.cs","        if (!string.Equals(value, expected, StringComparison.Ordinal))\n            throw new SamlRejectionException(SamlRejectionReason.WrongIssuer","        if (false)\n            throw new SamlRejectionException(SamlRejectionReason.WrongIssuer","wrong-issuer|wrong-assertion-issuer"),
 ("reference URI check off","SamlSignatureVerifier.cs","if (uri is null || uri.Length != id.Length + 1 || uri[0] != '#' || !uri.AsSpan(1).SequenceEqual(id))","if (uri is null)","Signature_wrapping|moved_to_a_new_id"),
 ("destination check off","SamlResponseValidator.cs","        if (destination is null ? responseSignature is not null : !string.Equals(destination, expectations.AssertionConsumerServiceUrl, StringComparison.Ordinal))","        if (false)","wrong-destination"),
 ("KeyInfo key instead of metadata keys","SamlSignatureVerifier.cs","if (signedXml.CheckSignature(key)) return;","if (signedXml.CheckSignature()) return;","Signature_by_a_key_not_in_the_metadata"),
 ("Conditions expiry off","SamlResponseValidator.cs","        if (now - skew >= notOnOrAfter)\n            throw new SamlRejectionException(SamlRejectionReason.Expired, $\"Conditions","        if (false)\n            throw new SamlRejectionException(SamlRejectionReason.Expired, $\"Conditions","expired-conditions"),
 ("IssueInstant future check off","SamlResponseValidator.cs","        if (issueInstant > now + skew)","        if (false)","issued-in-future"),
 ("status check off","SamlResponseValidator.cs","if (value == SamlConstants.StatusSuccess) return;","return;","status-responder"),
 ("element-scoped GetIdElement off (defense in depth behind the Reference-URI and unique-ID checks: MISSED is expected)","ElementScopedSignedXml.cs","string.Equals(idValue, _targetId, StringComparison.Ordinal) ? _target : null;","base.GetIdElement(document, idValue);","Signature_wrapping|moved_to_a_new_id|Baselines"),
]
for desc,f,old,new,flt in muts:
    p=root+f; src=open(p).read()
    assert old in src, desc
    open(p,'w').write(src.replace(old,new,1))
    try:
        filt='|'.join('FullyQualifiedName~'+x if not x.startswith('wrong') and not x.startswith('rsa') and not x.startswith('expired') and not x.startswith('in-response') and not x.startswith('issued') and not x.startswith('status') else 'DisplayName~'+x for x in flt.split('|'))
        r=subprocess.run(['dotnet','test',tests,'--filter',filt],capture_output=True,text=True,timeout=600)
        line=[l for l in r.stdout.splitlines() if 'Passed!' in l or 'Failed!' in l or 'error' in l.lower()][-1:]
        caught = bool(line) and "Failed!" in line[0]
        print(f"{'caught ' if caught else 'MISSED '} {desc:40s} {line[0] if line else r.stderr[-300:]}", flush=True)
    finally:
        open(p,'w').write(src)
