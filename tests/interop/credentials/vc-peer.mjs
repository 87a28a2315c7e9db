#!/usr/bin/env node
// Reference peer for tests/ScsFederation.Credentials.Tests/Interop: reads one JSON job {"ops":[...]}
// on stdin and prints {"results":[...]} (one entry per op, {"error": "..."} when an op failed).
// JOSE through jose 6; ES256K through node:crypto (OpenSSL) because jose 6 (WebCrypto only) has no
// secp256k1. JsonWebSignature2020 through jsonld 9 + rdf-canonize 5 + jose (b64:false detached JWS).
// Contexts only from the project's offline cache (schemas/contexts/index.json): never a network fetch.
//   {op:"generate", alg}                                  -> {jwk}   (private JWK)
//   {op:"sign", alg, jwk, header, payload}                -> {jws}   (payload: the JSON object, signed as JSON.stringify)
//   {op:"verify", jws, jwk}                               -> {ok, header, payload} | {ok:false, error}
//   {op:"verify-vp", jws, keys:{kid: jwk}}                -> {ok, header, inner:[{ok, mediaType, header, error}]}
//   {op:"jws2020-sign", variant, doc, jwk, alg, vm, created} -> {doc}
//   {op:"jws2020-verify", variant, doc, jwk}              -> {ok} | {ok:false, error}
import { readFileSync } from 'node:fs';
import { createHash, createPrivateKey, createPublicKey, generateKeyPairSync, sign as nodeSign, verify as nodeVerify } from 'node:crypto';
import jsonld from 'jsonld';
import canonize from 'rdf-canonize';
import { CompactSign, compactVerify, FlattenedSign, flattenedVerify, importJWK, exportJWK, generateKeyPair, decodeProtectedHeader, base64url } from 'jose';
import { documentLoader } from '../offline-contexts.mjs';

const enc = new TextEncoder();
const dec = new TextDecoder();

async function generate(alg) {
  if (alg === 'ES256K') {
    const { privateKey } = generateKeyPairSync('ec', { namedCurve: 'secp256k1' });
    return privateKey.export({ format: 'jwk' });
  }
  const opts = alg.startsWith('PS') || alg.startsWith('RS') ? { modulusLength: 2048, extractable: true } : alg === 'EdDSA' ? { crv: 'Ed25519', extractable: true } : { extractable: true };
  const { privateKey } = await generateKeyPair(alg, opts);
  return exportJWK(privateKey);
}

// ES256K by hand: RFC 8812, ECDSA P1363 (R||S) over SHA-256 of the JWS signing input.
function es256kSign(jwk, input) {
  return nodeSign('sha256', input, { key: createPrivateKey({ key: jwk, format: 'jwk' }), dsaEncoding: 'ieee-p1363' });
}
function es256kVerify(jwk, input, signature) {
  const { d, ...pub } = jwk;
  return nodeVerify('sha256', input, { key: createPublicKey({ key: pub, format: 'jwk' }), dsaEncoding: 'ieee-p1363' }, signature);
}

async function signCompact(alg, jwk, header, payloadBytes) {
  if (alg === 'ES256K') {
    const h = base64url.encode(JSON.stringify({ ...header, alg }));
    const p = base64url.encode(payloadBytes);
    return `${h}.${p}.${base64url.encode(es256kSign(jwk, enc.encode(`${h}.${p}`)))}`;
  }
  return new CompactSign(payloadBytes).setProtectedHeader({ ...header, alg }).sign(await importJWK(jwk, alg));
}

async function verifyCompact(jws, jwk) {
  const header = decodeProtectedHeader(jws);
  if (header.alg === 'ES256K') {
    const [h, p, s] = jws.split('.');
    if (!es256kVerify(jwk, enc.encode(`${h}.${p}`), base64url.decode(s))) throw new Error('signature verification failed');
    return { header, payload: JSON.parse(dec.decode(base64url.decode(p))) };
  }
  const { protectedHeader, payload } = await compactVerify(jws, await importJWK(jwk, header.alg));
  return { header: protectedHeader, payload: JSON.parse(dec.decode(payload)) };
}

async function canonical(doc) {
  const dataset = await jsonld.toRDF(doc, { documentLoader, safe: false });
  return canonize.canonize(dataset, { algorithm: 'RDFC-1.0', maxWorkFactor: 3 });
}
const sha256 = (s) => createHash('sha256').update(s).digest();

async function jws2020Payload(variant, doc, proofOptions) {
  const { proof, ...body } = doc;
  const docHash = sha256(await canonical(body));
  if (variant === 'gaiax') return enc.encode(docHash.toString('hex'));
  const { jws, ...opts } = proofOptions;
  return new Uint8Array(Buffer.concat([sha256(await canonical({ '@context': doc['@context'], ...opts })), docHash]));
}

async function run(op) {
  switch (op.op) {
    case 'generate': return { jwk: await generate(op.alg) };
    case 'sign': return { jws: await signCompact(op.alg, op.jwk, op.header, enc.encode(JSON.stringify(op.payload))) };
    case 'verify': {
      try { return { ok: true, ...(await verifyCompact(op.jws, op.jwk)) }; }
      catch (e) { return { ok: false, error: `${e.code || e.name}: ${e.message}` }; }
    }
    case 'verify-vp': {
      const pick = (jws) => { const kid = decodeProtectedHeader(jws).kid; const k = op.keys[kid]; if (!k) throw new Error(`no key for ${kid}`); return k; };
      let outer;
      try { outer = await verifyCompact(op.jws, pick(op.jws)); }
      catch (e) { return { ok: false, error: `${e.code || e.name}: ${e.message}` }; }
      const inner = [];
      for (const entry of [].concat(outer.payload.verifiableCredential || [])) {
        const m = /^data:([^,;]+)[,;](.+)$/.exec(entry.id || '');
        if (!m || entry.type !== 'EnvelopedVerifiableCredential') { inner.push({ ok: false, error: 'not an envelope' }); continue; }
        try { const r = await verifyCompact(m[2], pick(m[2])); inner.push({ ok: true, mediaType: m[1], header: r.header, payload: r.payload }); }
        catch (e) { inner.push({ ok: false, mediaType: m[1], error: `${e.code || e.name}: ${e.message}` }); }
      }
      return { ok: inner.every((i) => i.ok), header: outer.header, payload: outer.payload, inner };
    }
    case 'jws2020-sign': {
      const { proof, ...body } = op.doc;
      const proofOptions = { type: 'JsonWebSignature2020', created: op.created, proofPurpose: 'assertionMethod', verificationMethod: op.vm };
      const payload = await jws2020Payload(op.variant, body, proofOptions);
      const header = { alg: op.alg, b64: false, crit: ['b64'] };
      let jws;
      if (op.alg === 'ES256K') {
        const h = base64url.encode(JSON.stringify(header));
        jws = `${h}..${base64url.encode(es256kSign(op.jwk, Buffer.concat([enc.encode(`${h}.`), payload])))}`;
      } else {
        const f = await new FlattenedSign(payload).setProtectedHeader(header).sign(await importJWK(op.jwk, op.alg));
        jws = `${f.protected}..${f.signature}`;
      }
      return { doc: { ...body, proof: { ...proofOptions, jws } } };
    }
    case 'jws2020-verify': {
      try {
        const proof = op.doc.proof;
        const [h, empty, s] = proof.jws.split('.');
        if (empty !== '') throw new Error('not detached');
        const header = decodeProtectedHeader(proof.jws);
        if (header.b64 !== false || !header.crit?.includes('b64')) throw new Error('header lacks b64:false/crit');
        const payload = await jws2020Payload(op.variant, op.doc, proof);
        if (header.alg === 'ES256K') {
          if (!es256kVerify(op.jwk, Buffer.concat([enc.encode(`${h}.`), payload]), base64url.decode(s))) throw new Error('signature verification failed');
        } else {
          await flattenedVerify({ protected: h, signature: s, payload }, await importJWK(op.jwk, header.alg));
        }
        return { ok: true, header };
      } catch (e) { return { ok: false, error: `${e.code || e.name}: ${e.message}` }; }
    }
    default: throw new Error(`unknown op ${op.op}`);
  }
}

const job = JSON.parse(readFileSync(0, 'utf8'));
const results = [];
for (const op of job.ops) {
  try { results.push(await run(op)); } catch (e) { results.push({ error: `${e.code || e.name}: ${e.message}` }); }
}
process.stdout.write(JSON.stringify({ results }));
