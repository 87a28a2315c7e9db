#!/usr/bin/env node
// samlify as the upstream SAML identity provider for the ScsFederation.Saml tests.
// Reads one JSON job from stdin and writes one JSON result to stdout:
//   { idp: { entityId, ssoUrl, sloUrl, keyFile, certFile },
//     metadataOut?: path,                     -> IdP metadata written by samlify
//     responses?: [ ResponseSpec ],           -> result.responses[name] = base64 SAMLResponse (HTTP-POST)
//     authnRequests?: [ { name, spMetadataFile, binding: 'redirect'|'post', url?|samlRequest? } ],
//                                             -> samlify's IdP parses (and verifies) the SP's AuthnRequest
//     logoutRequests?: [ { name, spMetadataFile, url, relayState?, responseBinding?: 'redirect'|'post' } ] }
//                                             -> samlify parses the SP's LogoutRequest and answers with a
//                                                signed LogoutResponse (HTTP-Redirect URL or HTTP-POST value)
//     idpLogoutRequests?: [ { name, spMetadataFile, nameId, sessionIndex, relayState? } ]
//                                             -> an IdP-initiated, signed HTTP-Redirect LogoutRequest URL
//     logoutResponses?: [ { name, spMetadataFile, url } ]
//                                             -> samlify parses (and verifies) the SP's LogoutResponse
// ResponseSpec: { name, spEntityId, acs, sign: both|response|assertion|none, sigAlg?, keyFile?, certFile?,
//   encryptToCertFile?, dataEncryption?, encryptThenSign?, nameId, nameIdFormat, attributes: [{ name, friendlyName?, nameFormat?, values }],
//   inResponseTo?, confirmationInResponseTo?, issuer?, assertionIssuer?, audience?, destination?, recipient?,
//   shiftSeconds?, notBeforeSeconds?, conditionsSeconds?, confirmationSeconds?, sessionIndex? }
// The Response XML is our own template; samlify signs it (createLoginResponse) and optionally encrypts it.
import { readFileSync, writeFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import * as samlify from 'samlify';
import * as xmllint from '@authenio/samlify-node-xmllint';

const { binding } = samlify.Constants.namespace;
const P = 'urn:oasis:names:tc:SAML:2.0:protocol';
const A = 'urn:oasis:names:tc:SAML:2.0:assertion';
const SIG = {
  'rsa-sha256': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha256',
  'rsa-sha512': 'http://www.w3.org/2001/04/xmldsig-more#rsa-sha512',
  'rsa-sha1': 'http://www.w3.org/2000/09/xmldsig#rsa-sha1',
};

// samlify refuses to parse incoming messages without a schema validator; use the xmllint one, silenced.
process.setMaxListeners(0);
samlify.setSchemaValidator({
  validate: async (xml) => {
    const saved = [console.log, console.error, console.warn];
    console.log = console.error = console.warn = () => {};
    try { return await xmllint.validate(xml); } finally { [console.log, console.error, console.warn] = saved; }
  },
});

const xmlEscape = (v) => String(v).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const newId = () => `_${randomUUID().replace(/-/g, '')}`;
const at = (base, seconds) => new Date(base + seconds * 1000).toISOString();

function identityProvider(idp, over = {}) {
  return samlify.IdentityProvider({
    entityID: idp.entityId,
    privateKey: readFileSync(over.keyFile || idp.keyFile, 'utf8'),
    signingCert: readFileSync(over.certFile || idp.certFile, 'utf8'),
    requestSignatureAlgorithm: SIG[over.sigAlg || 'rsa-sha256'],
    wantAuthnRequestsSigned: true,
    wantLogoutResponseSigned: Boolean(over.wantLogoutResponseSigned),
    isAssertionEncrypted: Boolean(over.encryptToCertFile),
    dataEncryptionAlgorithm: over.dataEncryption,
    singleSignOnService: [
      { Binding: binding.redirect, Location: idp.ssoUrl },
      { Binding: binding.post, Location: idp.ssoUrl },
    ],
    singleLogoutService: [{ Binding: binding.redirect, Location: idp.sloUrl }],
  });
}

function responseTemplate(s) {
  const now = Date.now() + 1000 * (s.shiftSeconds || 0);
  const issuer = xmlEscape(s.issuer || s.idpEntityId);
  const assertionIssuer = xmlEscape(s.assertionIssuer || s.issuer || s.idpEntityId);
  const irt = s.inResponseTo ? ` InResponseTo="${xmlEscape(s.inResponseTo)}"` : '';
  const scIrt = s.confirmationInResponseTo ?? s.inResponseTo;
  const attributes = (s.attributes || []).map((a) =>
    `<saml:Attribute Name="${xmlEscape(a.name)}"${a.friendlyName ? ` FriendlyName="${xmlEscape(a.friendlyName)}"` : ''}` +
    ` NameFormat="${xmlEscape(a.nameFormat || 'urn:oasis:names:tc:SAML:2.0:attrname-format:basic')}">` +
    a.values.map((v) => `<saml:AttributeValue xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:type="xs:string">${xmlEscape(v)}</saml:AttributeValue>`).join('') +
    '</saml:Attribute>').join('');
  return `<samlp:Response xmlns:samlp="${P}" xmlns:saml="${A}" ID="${newId()}" Version="2.0" IssueInstant="${at(now, 0)}"` +
    ` Destination="${xmlEscape(s.destination || s.acs)}"${irt}>` +
    `<saml:Issuer>${issuer}</saml:Issuer>` +
    `<samlp:Status><samlp:StatusCode Value="${xmlEscape(s.status || 'urn:oasis:names:tc:SAML:2.0:status:Success')}"/></samlp:Status>` +
    `<saml:Assertion ID="${newId()}" Version="2.0" IssueInstant="${at(now, 0)}">` +
    `<saml:Issuer>${assertionIssuer}</saml:Issuer>` +
    `<saml:Subject><saml:NameID Format="${xmlEscape(s.nameIdFormat)}">${xmlEscape(s.nameId)}</saml:NameID>` +
    `<saml:SubjectConfirmation Method="urn:oasis:names:tc:SAML:2.0:cm:bearer"><saml:SubjectConfirmationData` +
    `${scIrt ? ` InResponseTo="${xmlEscape(scIrt)}"` : ''} NotOnOrAfter="${at(now, s.confirmationSeconds ?? 300)}" Recipient="${xmlEscape(s.recipient || s.acs)}"/>` +
    `</saml:SubjectConfirmation></saml:Subject>` +
    `<saml:Conditions NotBefore="${at(now, s.notBeforeSeconds ?? -30)}" NotOnOrAfter="${at(now, s.conditionsSeconds ?? 300)}">` +
    `<saml:AudienceRestriction><saml:Audience>${xmlEscape(s.audience || s.spEntityId)}</saml:Audience></saml:AudienceRestriction></saml:Conditions>` +
    `<saml:AuthnStatement AuthnInstant="${at(now, 0)}" SessionIndex="${xmlEscape(s.sessionIndex || newId())}">` +
    `<saml:AuthnContext><saml:AuthnContextClassRef>urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>` +
    (attributes ? `<saml:AttributeStatement>${attributes}</saml:AttributeStatement>` : '') +
    `</saml:Assertion></samlp:Response>`;
}

async function signedResponse(job, s) {
  const spec = { ...s, idpEntityId: job.idp.entityId };
  const xml = responseTemplate(spec);
  if (s.sign === 'none') return Buffer.from(xml).toString('base64');
  const idp = identityProvider(job.idp, s);
  // What the SP "wants" decides what samlify signs: assertion, message, or both.
  const sp = samlify.ServiceProvider({
    entityID: s.spEntityId,
    assertionConsumerService: [{ Binding: binding.post, Location: s.acs }],
    wantAssertionsSigned: s.sign === 'assertion' || s.sign === 'both',
    wantMessageSigned: s.sign === 'response' || s.sign === 'both',
    ...(s.encryptToCertFile ? { encryptCert: readFileSync(s.encryptToCertFile, 'utf8') } : {}),
  });
  const out = await idp.createLoginResponse(sp, {}, 'post', {}, { customTagReplacement: () => ({ id: 'unused', context: xml }), encryptThenSign: Boolean(s.encryptThenSign) });
  return out.context;
}

async function parseAuthnRequest(job, r) {
  const idp = identityProvider(job.idp);
  const sp = samlify.ServiceProvider({ metadata: readFileSync(r.spMetadataFile, 'utf8') });
  try {
    const request = r.binding === 'post'
      ? { body: { SAMLRequest: r.samlRequest } }
      : { query: Object.fromEntries(new URL(r.url).searchParams), octetString: new URL(r.url).search.slice(1).replace(/&Signature=[^&]*/, '') };
    const { extract, sigAlg } = await idp.parseLoginRequest(sp, r.binding, request);
    return { ok: true, id: extract.request.id, issuer: extract.issuer, acs: extract.request.assertionConsumerServiceUrl, sigAlg };
  } catch (e) {
    return { ok: false, error: String(e?.message || e) };
  }
}

async function answerLogoutRequest(job, r) {
  const idp = identityProvider(job.idp);
  // The hub only accepts signed LogoutResponses; samlify models that as an SP setting.
  const sp = samlify.ServiceProvider({ metadata: readFileSync(r.spMetadataFile, 'utf8'), wantLogoutResponseSigned: true });
  try {
    const url = new URL(r.url);
    const parsed = await idp.parseLogoutRequest(sp, 'redirect', {
      query: Object.fromEntries(url.searchParams),
      octetString: url.search.slice(1).replace(/&Signature=[^&]*/, ''),
    });
    const binding = r.responseBinding || 'redirect';
    const answer = idp.createLogoutResponse(sp, parsed, binding, r.relayState || '');
    return { ok: true, nameId: parsed.extract.nameID, sessionIndex: parsed.extract.sessionIndex, id: parsed.extract.request?.id,
      ...(binding === 'post' ? { samlResponse: answer.context } : { responseUrl: answer.context }) };
  } catch (e) {
    return { ok: false, error: String(e?.message || e) };
  }
}

function idpLogoutRequest(job, r) {
  const idp = identityProvider(job.idp);
  // The hub only accepts signed LogoutRequests; samlify models that as an SP setting.
  const sp = samlify.ServiceProvider({ metadata: readFileSync(r.spMetadataFile, 'utf8'), wantLogoutRequestSigned: true });
  const { context, id } = idp.createLogoutRequest(sp, 'redirect', { logoutNameID: r.nameId, sessionIndex: r.sessionIndex }, r.relayState || '');
  return { id, url: context };
}

async function parseLogoutResponse(job, r) {
  const idp = identityProvider(job.idp, { wantLogoutResponseSigned: true });
  const sp = samlify.ServiceProvider({ metadata: readFileSync(r.spMetadataFile, 'utf8') });
  try {
    const url = new URL(r.url);
    const parsed = await idp.parseLogoutResponse(sp, 'redirect', {
      query: Object.fromEntries(url.searchParams),
      octetString: url.search.slice(1).replace(/&Signature=[^&]*/, ''),
    });
    return { ok: true, issuer: parsed.extract.issuer, inResponseTo: parsed.extract.response?.inResponseTo, status: parsed.extract.statusCode ?? parsed.extract.response?.statusCode };
  } catch (e) {
    return { ok: false, error: String(e?.message || e) };
  }
}

const job = JSON.parse(readFileSync(0, 'utf8'));
const result = { responses: {}, authnRequests: {}, logoutRequests: {}, idpLogoutRequests: {}, logoutResponses: {} };
try {
  if (job.metadataOut) writeFileSync(job.metadataOut, identityProvider(job.idp).getMetadata() + '\n');
  for (const s of job.responses || []) result.responses[s.name] = await signedResponse(job, s);
  for (const r of job.authnRequests || []) result.authnRequests[r.name] = await parseAuthnRequest(job, r);
  for (const r of job.logoutRequests || []) result.logoutRequests[r.name] = await answerLogoutRequest(job, r);
  for (const r of job.idpLogoutRequests || []) result.idpLogoutRequests[r.name] = idpLogoutRequest(job, r);
  for (const r of job.logoutResponses || []) result.logoutResponses[r.name] = await parseLogoutResponse(job, r);
} catch (e) {
  process.stderr.write(`samlify-idp.mjs: ${e?.stack || e}\n`);
  process.exit(1);
}
process.stdout.write(JSON.stringify(result) + '\n');
