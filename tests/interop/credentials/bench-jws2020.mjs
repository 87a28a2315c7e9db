#!/usr/bin/env node
// usage: node bench-jws2020.mjs KEY.jwk SECONDS DOC.json...
//   The JavaScript side of bench/credentials.sh: JsonWebSignature2020 (Gaia-X flavour) PS256 sign and
//   verify with jsonld 9 + rdf-canonize 5 + jose 6, the same key and inputs as the C# harness, the same
//   cold/warm rules (cold = first operation in this process; warm = process CPU time per operation over
//   the timed loop, and median wall time). "sign, key held": the key imported once before the loop.
//   Contexts from schemas/contexts only.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import jsonld from 'jsonld';
import canonize from 'rdf-canonize';
import { FlattenedSign, flattenedVerify, importJWK } from 'jose';
import { documentLoader } from '../offline-contexts.mjs';

const [keyFile, secondsArg, ...docs] = process.argv.slice(2);
const seconds = Number(secondsArg || 3);
const jwk = JSON.parse(readFileSync(keyFile, 'utf8'));
const { d, p, q, dp, dq, qi, ...publicJwk } = jwk;
const vm = 'did:web:bench.example#key-1';
const enc = new TextEncoder();

async function payloadOf(doc) {
  const { proof, ...body } = doc;
  const dataset = await jsonld.toRDF(body, { documentLoader, safe: false });
  const nquads = await canonize.canonize(dataset, { algorithm: 'RDFC-1.0', maxWorkFactor: 3 });
  return enc.encode(createHash('sha256').update(nquads).digest('hex'));
}

async function measure(name, file, op) {
  const c0 = process.cpuUsage();
  const w0 = performance.now();
  await op();
  const coldWall = performance.now() - w0;
  const c1 = process.cpuUsage(c0);
  const coldCpu = (c1.user + c1.system) / 1000;
  const warmUntil = performance.now() + 5000;
  for (let i = 0; i < 3 || (performance.now() < warmUntil && i < 5000); i++) await op();
  const samples = [];
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  while (samples.length < 10 || performance.now() - start < seconds * 1000) {
    const t = performance.now();
    await op();
    samples.push(performance.now() - t);
  }
  const cpu = process.cpuUsage(cpuStart);
  samples.sort((a, b) => a - b);
  console.log(JSON.stringify({ name, input: file.startsWith('(') ? file : basename(file), cold_cpu_ms: +coldCpu.toFixed(2), cold_wall_ms: +coldWall.toFixed(2),
    warm_cpu_ms: +((cpu.user + cpu.system) / 1000 / samples.length).toFixed(3), warm_median_ms: +samples[samples.length >> 1].toFixed(3), iterations: samples.length }));
}

for (const file of docs) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  delete doc.proof;
  doc.issuer = 'did:web:bench.example';
  let signed;
  await measure('jws2020 sign PS256', file, async () => {
    const key = await importJWK(jwk, 'PS256');
    const proof = { type: 'JsonWebSignature2020', created: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), proofPurpose: 'assertionMethod', verificationMethod: vm };
    const f = await new FlattenedSign(await payloadOf(doc)).setProtectedHeader({ alg: 'PS256', b64: false, crit: ['b64'] }).sign(key);
    signed = { ...doc, proof: { ...proof, jws: `${f.protected}..${f.signature}` } };
  });
  await measure('jws2020 verify PS256', file, async () => {
    const key = await importJWK(publicJwk, 'PS256');
    const [h, , s] = signed.proof.jws.split('.');
    await flattenedVerify({ protected: h, signature: s, payload: await payloadOf(signed) }, key);
  });
  // Key imported once, as a signing service holds it.
  const heldKey = await importJWK(jwk, 'PS256');
  await measure('jws2020 sign PS256, key held', file, async () => {
    const proof = { type: 'JsonWebSignature2020', created: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'), proofPurpose: 'assertionMethod', verificationMethod: vm };
    const f = await new FlattenedSign(await payloadOf(doc)).setProtectedHeader({ alg: 'PS256', b64: false, crit: ['b64'] }).sign(heldKey);
    signed = { ...doc, proof: { ...proof, jws: `${f.protected}..${f.signature}` } };
  });
}

// Last (so the cold figures above are a fresh process's): the floor: the JWS signature alone over a Gaia-X-sized payload (64 hex characters), no JSON-LD, no canonicalization.
{
  const heldKey = await importJWK(jwk, 'PS256');
  const payload = enc.encode('a'.repeat(64));
  const header = { alg: 'PS256', b64: false, crit: ['b64'] };
  await measure('PS256 signature only, key held', '(64-byte payload)', () => new FlattenedSign(payload).setProtectedHeader(header).sign(heldKey));
  await measure('PS256 signature only, key imported', '(64-byte payload)', async () => new FlattenedSign(payload).setProtectedHeader(header).sign(await importJWK(jwk, 'PS256')));
}
