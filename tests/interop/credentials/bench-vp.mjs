#!/usr/bin/env node
// usage: node credentials/bench-vp.mjs SHAPES.ttl CLASSES.ttl SECONDS VP.jwt DIDS.json [CASE]
//   The JavaScript side of bench/presentation.sh: verifying a VP-JWT of 10 enveloped VC-JWTs with jose 6, then
//   SHACL-validating the credential subjects with jsonld 9 (JSON-LD → RDF) and rdf-validate-shacl 0.6 (+ n3 for the
//   shapes), mirroring bench/ScsFederation.Presentation.Benchmarks: shapes loaded once (timed apart); cases
//   "vp verify" (every signature — keys imported once per run —, header typ/alg/kid, issuer binding, exp, payload
//   decoding) and "vp verify + shacl"; cold = the first run in this process, warm = process CPU time per run over a
//   timed loop after warm-up. Contexts from schemas/contexts only.
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import N3 from 'n3';
import jsonld from 'jsonld';
import { compactVerify, importJWK } from 'jose';
import SHACLValidator from 'rdf-validate-shacl';
import factory from 'rdf-validate-shacl/src/defaultEnv.js';
import { documentLoader } from '../offline-contexts.mjs';

const [shapesFile, classesFile, secondsText, vpFile, didsFile] = process.argv.slice(2);
const seconds = Number(secondsText);
const vp = readFileSync(vpFile, 'utf8').trim();
const methods = new Map(JSON.parse(readFileSync(didsFile, 'utf8')).flatMap((d) => d.verificationMethod.map((m) => [m.id, m.publicKeyJwk])));
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const parse = (file) => new N3.Parser({ format: 'Turtle', blankNodePrefix: '' }).parse(readFileSync(file, 'utf8'));

const c0 = cpu();
const validator = new SHACLValidator(factory.dataset(parse(shapesFile)), { factory });
const classes = parse(classesFile);
const loadCpu = cpu() - c0;

const decoder = new TextDecoder();
const profiles = { 'vp+jwt': 'vp', 'vc+jwt': 'vc', 'vc+ld+jwt': 'vc+ld' };

async function verify() {
  const keys = new Map();
  const key = async (header) => {
    if (!header.kid || !methods.has(header.kid)) throw new Error(`kid ${header.kid} not found`);
    if (!keys.has(header.kid)) keys.set(header.kid, await importJWK(methods.get(header.kid), header.alg));
    return keys.get(header.kid);
  };
  const now = Date.now();
  const one = async (jwt) => {
    const { payload, protectedHeader: h } = await compactVerify(jwt, key, { algorithms: ['PS256', 'ES256', 'ES384', 'EdDSA', 'RS256'] });
    if (profiles[h.typ] !== h.cty) throw new Error(`typ ${h.typ} / cty ${h.cty} not accepted`);
    const body = JSON.parse(decoder.decode(payload));
    const subject = body.type.includes('VerifiablePresentation') ? body.holder : body.issuer;
    if (h.iss !== subject || h.kid.split('#')[0] !== subject) throw new Error('issuer mismatch');
    if (typeof h.exp === 'number' && h.exp < now) throw new Error('expired');
    if (body.validUntil && Date.parse(body.validUntil) < now) throw new Error('expired');
    return body;
  };
  const presentation = await one(vp);
  const credentials = [];
  for (const entry of presentation.verifiableCredential) {
    if (entry.type !== 'EnvelopedVerifiableCredential' || !entry.id.startsWith('data:application/')) throw new Error('not an envelope');
    credentials.push(await one(entry.id.slice(entry.id.indexOf(',') + 1)));
  }
  if (credentials.length !== 10) throw new Error(`${credentials.length} enveloped credentials`);
  return credentials;
}

// jsonld's quads (plain objects) as RDF/JS terms of the validator's factory.
const term = (t) => t.termType === 'NamedNode' ? factory.namedNode(t.value) : t.termType === 'BlankNode' ? factory.blankNode(t.value)
  : t.termType === 'Literal' ? factory.literal(t.value, t.language || factory.namedNode(t.datatype.value)) : factory.defaultGraph();
let results = 0, quads = 0;

async function verifyAndValidate() {
  const data = [];
  for (const vc of await verify()) {
    const subjects = Array.isArray(vc.credentialSubject) ? vc.credentialSubject : [vc.credentialSubject];
    for (const q of await jsonld.toRDF({ '@context': vc['@context'], '@graph': subjects }, { documentLoader, safe: false }))
      data.push(factory.quad(term(q.subject), term(q.predicate), term(q.object), term(q.graph)));
  }
  quads = data.length;
  const report = await validator.validate(factory.dataset([...data, ...classes]));
  results = report.results.length;
}

async function measure(name, op) {
  const t0 = cpu();
  const w0 = performance.now();
  await op();
  const coldWall = performance.now() - w0;
  const coldCpu = cpu() - t0;
  const warmUntil = performance.now() + 5000;
  for (let i = 0; i < 20 || (performance.now() < warmUntil && i < 5000); i++) await op();
  const samples = [];
  const cpuStart = cpu();
  const start = performance.now();
  while (samples.length < 10 || performance.now() - start < seconds * 1000) {
    const t = performance.now();
    await op();
    samples.push(performance.now() - t);
  }
  const warmCpu = (cpu() - cpuStart) / samples.length;
  samples.sort((a, b) => a - b);
  console.log(JSON.stringify({
    name, input: basename(vpFile), vp_bytes: vp.length, quads, results, load_cpu_ms: Math.round(loadCpu * 10) / 10,
    cold_cpu_ms: +coldCpu.toFixed(2), cold_wall_ms: +coldWall.toFixed(2),
    warm_cpu_ms: +warmCpu.toFixed(3), warm_median_ms: +samples[samples.length >> 1].toFixed(3), iterations: samples.length,
  }));
}

// An optional 6th argument runs one case only, so that its cold figure is a fresh process's first run.
const only = process.argv[7];
if (!only || only === 'vp verify') await measure('vp verify', verify);
if (!only || only === 'vp verify + shacl') await measure('vp verify + shacl', verifyAndValidate);
