#!/usr/bin/env node
// STAND-IN for two Gaia-X Digital Clearing House services that cannot run here (no images, no
// internet): a registration-number notary and a compliance service. It is not their code; it checks
// the wire format the hub must speak exactly as Gaia-X documents it and answers in the format the
// real services answer today (see tests/conformance/gaia-x/samples/loire/real-gxdch):
//   GET  /notary/v2/registration-numbers/{vat-id|lei-code|eori|euid|tax-id}/{number}?vcId=…&subjectId=…
//        -> 200, a notary-signed VC-JWT (typ vc+ld+jwt, cty vc+ld, iss/iat/exp in the header, ms)
//   POST /compliance/api/credential-offers/{standard-compliance|label-level-1..3}?vcid=<url-encoded id>
//        Content-Type: application/vp+jwt, body the VP-JWT
//        -> 201, a gx:LabelCredential VC-JWT (typ vc+jwt, cty vc) listing every enveloped credential
//           with gx:digestSRI = "sha256-" + hex SHA-256 of the RFC 8785 form of its decoded payload
//   GET  /notary/did.json, /compliance/did.json  -> the services' DID documents (did:web path form);
//        /mismatch/did.json serves the notary's document under another DID (a lying host)
// Both services sign with PS256 keys made at start. Usage: node gxdch-standin.mjs PORT
// Hostile modes for tests: POST /_lie {"mode": "..."} makes the next answers lie (see LIES below);
// {"mode": null} ends it. GET /_requests returns what the services received (method, path, query,
// content type, body), so tests can assert the wire format the client sent.
import http from 'node:http';
import { createHash } from 'node:crypto';
import { CompactSign, generateKeyPair, exportJWK, decodeProtectedHeader, base64url } from 'jose';

const port = Number(process.argv[2] ?? 0);
const host = `127.0.0.1%3A${port}`;
const notaryDid = `did:web:${host}:notary`;
const complianceDid = `did:web:${host}:compliance`;
const dec = new TextDecoder();

async function makeKey() {
  const { publicKey, privateKey } = await generateKeyPair('PS256', { modulusLength: 2048, extractable: true });
  return { privateKey, publicJwk: { ...(await exportJWK(publicKey)), alg: 'PS256' } };
}
const keys = { notary: await makeKey(), compliance: await makeKey(), stranger: await makeKey() };

const LIES = new Set([
  'unsigned-key',      // sign with a key the DID document does not list
  'other-did',         // notary answers signed as the compliance service (and the reverse)
  'wrong-subject',     // notary: credentialSubject.id is not the subjectId asked for
  'wrong-number',      // notary: another registration number
  'wrong-id',          // notary vcId / label id is not what was asked for
  'bad-digest',        // compliance: the first digest is of something else
  'unknown-credential',// compliance: lists a credential that was not submitted
  'not-label',         // compliance: a credential that is not a gx:LabelCredential
  'error-500',         // both: 500 with an internal-looking body
  'huge',              // both: a body far beyond any sane credential size
]);
let lie = null;
const requests = [];

function didDocument(did, jwk) {
  return { '@context': ['https://www.w3.org/ns/did/v1', 'https://w3id.org/security/suites/jws-2020/v1'], id: did,
    verificationMethod: [{ id: `${did}#X509-JWK`, type: 'JsonWebKey2020', controller: did, publicKeyJwk: jwk }],
    assertionMethod: [`${did}#X509-JWK`] };
}

async function signVc(service, payload, typ, cty) {
  const signer = lie === 'other-did' ? (service === 'notary' ? 'compliance' : 'notary') : service;
  const did = signer === 'notary' ? notaryDid : complianceDid;
  const key = lie === 'unsigned-key' ? keys.stranger : keys[signer];
  const now = Date.now();
  payload.issuer = did;
  return new CompactSign(new TextEncoder().encode(JSON.stringify(payload)))
    .setProtectedHeader({ alg: 'PS256', iss: did, kid: `${did}#X509-JWK`, iat: now, exp: now + 90 * 86400e3, cty, typ })
    .sign(key.privateKey);
}

// RFC 8785: ECMAScript number/string serialization (JSON.stringify does both), members sorted by UTF-16 code units.
function jcs(value) {
  if (value === null || typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(jcs).join(',')}]`;
  return `{${Object.keys(value).sort().map(k => `${JSON.stringify(k)}:${jcs(value[k])}`).join(',')}}`;
}
const payloadOf = jwt => JSON.parse(dec.decode(base64url.decode(jwt.split('.')[1])));

const registrationTypes = {
  'vat-id': ['gx:VatID', 'gx:vatID'], 'lei-code': ['gx:LeiCode', 'schema:leiCode'], 'eori': ['gx:EORI', 'gx:eori'],
  'euid': ['gx:EUID', 'gx:euid'], 'tax-id': ['gx:TaxID', 'schema:taxID'],
};

async function notary(kind, number, query) {
  const vcId = query.get('vcId'), subjectId = query.get('subjectId');
  if (!registrationTypes[kind]) return [404, 'application/json', JSON.stringify({ message: `unknown registration number type ${kind}` })];
  if (!vcId || !subjectId) return [400, 'application/json', JSON.stringify({ message: 'vcId and subjectId are required' })];
  const [type, property] = registrationTypes[kind];
  const now = new Date();
  const subject = { '@context': { schema: 'https://schema.org/' }, id: lie === 'wrong-subject' ? 'https://attacker.example/subject' : subjectId,
    type, [property]: lie === 'wrong-number' ? 'XX000000000' : number };
  if (kind === 'vat-id' || kind === 'lei-code') subject['gx:countryCode'] = number.slice(0, 2);
  const vc = { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/gaia-x/development#'],
    type: ['VerifiableCredential', type], id: lie === 'wrong-id' ? 'https://attacker.example/vc' : vcId,
    validFrom: now.toISOString(), validUntil: new Date(now.getTime() + 90 * 86400e3).toISOString(),
    credentialSubject: subject, evidence: { 'gx:evidenceOf': type, 'gx:evidenceURL': 'https://stand-in.invalid/registry', 'gx:executionDate': now.toISOString() } };
  return [200, 'application/vc+ld+jwt', await signVc('notary', vc, 'vc+ld+jwt', 'vc+ld')];
}

async function compliance(level, query, contentType, body) {
  if (!['standard-compliance', 'label-level-1', 'label-level-2', 'label-level-3'].includes(level)) return [404, 'application/json', '{"message":"unknown offer"}'];
  if (contentType !== 'application/vp+jwt') return [415, 'application/json', JSON.stringify({ message: `Content-Type must be application/vp+jwt, not ${contentType}` })];
  const vcid = query.get('vcid');
  if (!vcid) return [400, 'application/json', '{"message":"vcid is required"}'];
  let header, vp;
  try { header = decodeProtectedHeader(body); vp = payloadOf(body); }
  catch (e) { return [400, 'application/json', JSON.stringify({ message: `body is not a compact JWS: ${e.message}` })]; }
  if (header.typ !== 'vp+jwt' && header.typ !== 'vp+ld+jwt' && header.typ !== 'vp+ld+json+jwt') return [400, 'application/json', JSON.stringify({ message: `typ ${header.typ} is not a VP` })];
  const entries = Array.isArray(vp.verifiableCredential) ? vp.verifiableCredential : [vp.verifiableCredential].filter(Boolean);
  const compliant = [];
  for (const entry of entries) {
    if (entry?.type !== 'EnvelopedVerifiableCredential' || typeof entry.id !== 'string' || !entry.id.startsWith('data:application/vc'))
      return [400, 'application/json', '{"message":"every verifiableCredential must be an EnvelopedVerifiableCredential data: URL"}'];
    const vc = payloadOf(entry.id.slice(entry.id.indexOf(',') + 1));
    const types = [].concat(vc.type).filter(t => t !== 'VerifiableCredential');
    compliant.push({ id: vc.id, type: types[0], 'gx:digestSRI': 'sha256-' + createHash('sha256').update(jcs(vc)).digest('hex') });
  }
  if (lie === 'bad-digest' && compliant.length) compliant[0]['gx:digestSRI'] = 'sha256-' + createHash('sha256').update('something else').digest('hex');
  if (lie === 'unknown-credential') compliant.push({ id: 'https://attacker.example/other', type: 'gx:LegalPerson', 'gx:digestSRI': 'sha256-' + '0'.repeat(64) });
  const now = new Date();
  const label = { '@context': ['https://www.w3.org/ns/credentials/v2', 'https://w3id.org/gaia-x/development#'],
    type: ['VerifiableCredential', lie === 'not-label' ? 'gx:LegalPerson' : 'gx:LabelCredential'], id: lie === 'wrong-id' ? 'https://attacker.example/label' : vcid,
    validFrom: now.toISOString(), validUntil: new Date(now.getTime() + 90 * 86400e3).toISOString(),
    credentialSubject: { id: `${vcid}#cs`, 'gx:labelLevel': level === 'standard-compliance' ? 'SC' : level.replace('label-level-', 'L'),
      'gx:engineVersion': 'stand-in', 'gx:rulesVersion': 'CD25.10', 'gx:compliantCredentials': compliant } };
  return [201, 'application/vc+jwt', await signVc('compliance', label, 'vc+jwt', 'vc')];
}

async function route(req, body) {
  const url = new URL(req.url, `http://127.0.0.1:${port}`);
  const path = url.pathname;
  if (req.method === 'POST' && path === '/_lie') {
    const mode = JSON.parse(body || '{}').mode ?? null;
    if (mode !== null && !LIES.has(mode)) return [400, 'text/plain', `unknown lie ${mode}`];
    lie = mode; return [204, 'text/plain', ''];
  }
  if (req.method === 'GET' && path === '/_requests') return [200, 'application/json', JSON.stringify(requests)];
  if (req.method === 'GET' && path === '/notary/did.json') return [200, 'application/did+json', JSON.stringify(didDocument(notaryDid, keys.notary.publicJwk))];
  // A host that answers for a DID it is not: did:web:<host>:mismatch resolves to the notary's document.
  if (req.method === 'GET' && path === '/mismatch/did.json') return [200, 'application/did+json', JSON.stringify(didDocument(notaryDid, keys.notary.publicJwk))];
  if (req.method === 'GET' && path === '/compliance/did.json') return [200, 'application/did+json', JSON.stringify(didDocument(complianceDid, keys.compliance.publicJwk))];
  requests.push({ method: req.method, path, query: Object.fromEntries(url.searchParams), contentType: req.headers['content-type'] ?? null, body });
  if (lie === 'error-500') return [500, 'text/plain', 'java.lang.NullPointerException at http://10.0.0.7:8080/internal/notary-db'];
  if (lie === 'huge') return [200, 'application/vc+jwt', 'e'.repeat(8 * 1024 * 1024)];
  let m;
  if (req.method === 'GET' && (m = path.match(/^\/notary\/v2\/registration-numbers\/([a-z-]+)\/([^/]+)$/))) return notary(m[1], decodeURIComponent(m[2]), url.searchParams);
  if (req.method === 'POST' && (m = path.match(/^\/compliance\/api\/credential-offers\/([a-z0-9-]+)$/))) return compliance(m[1], url.searchParams, req.headers['content-type'], body);
  return [404, 'application/json', '{"message":"not found"}'];
}

const server = http.createServer((req, res) => {
  let body = '';
  req.setEncoding('utf8');
  req.on('data', c => { body += c; });
  req.on('end', async () => {
    try {
      const [status, type, text] = await route(req, body);
      res.writeHead(status, { 'content-type': type });
      res.end(text);
    } catch (e) { res.writeHead(500, { 'content-type': 'text/plain' }); res.end(String(e)); }
  });
});
server.listen(port, '127.0.0.1', () => {
  console.log(`READY ${JSON.stringify({ port: server.address().port, notaryDid, complianceDid })}`);
});
