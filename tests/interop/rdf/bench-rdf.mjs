#!/usr/bin/env node
// usage: node bench-rdf.mjs ROOT DATA_DIR SECONDS
//   The JavaScript side of bench/rdf.sh: times rdf-canonize (N-Quads text -> canonical N-Quads),
//   n3 (Turtle parse) and jsonld + rdf-canonize (JSON-LD -> canonical) on the same inputs as the C#
//   harness. One JSON line per case on stdout. Contexts come from schemas/contexts (offline only).
import { readFileSync } from 'node:fs';
import { join, basename } from 'node:path';
import { performance } from 'node:perf_hooks';
import canonize from 'rdf-canonize';
import { Parser } from 'n3';
import jsonld from 'jsonld';

const [root, dataDir, secondsArg] = process.argv.slice(2);
if (!root || !dataDir) { console.error('usage: node bench-rdf.mjs ROOT DATA_DIR SECONDS'); process.exit(2); }
const minMs = Number(secondsArg || 3) * 1000;

// Offline document loader over the project's context cache: unknown URLs are errors, never fetched.
const contextDir = join(root, 'schemas', 'contexts');
const index = JSON.parse(readFileSync(join(contextDir, 'index.json'), 'utf8'));
const entries = Array.isArray(index) ? index.map((e) => [e.url, e.file]) : Object.entries(index.contexts || index);
const contexts = new Map(entries.map(([url, file]) => [url, JSON.parse(readFileSync(join(contextDir, file), 'utf8'))]));
const documentLoader = async (url) => {
  const document = contexts.get(url) ?? contexts.get(url.replace(/#$/, ''));
  if (!document) throw new Error(`context not in offline cache: ${url}`);
  return { contextUrl: null, documentUrl: url, document };
};

async function measure(name, input, quads, op) {
  const warmUntil = performance.now() + 500;
  let warm = 0;
  while (warm < 3 || (performance.now() < warmUntil && warm < 200)) { await op(); warm++; }
  const samples = [];
  const start = performance.now();
  while (samples.length < 5 || performance.now() - start < minMs) {
    const t0 = performance.now();
    await op();
    samples.push(performance.now() - t0);
  }
  samples.sort((a, b) => a - b);
  const mean = samples.reduce((a, b) => a + b, 0) / samples.length;
  console.log(JSON.stringify({ name, input, quads, iterations: samples.length, mean_ms: +mean.toFixed(4),
    median_ms: +samples[samples.length >> 1].toFixed(4), ops_per_s: +(1000 / mean).toFixed(1) }));
}

const nq = [
  ['canon participant', join(dataDir, 'participant-50.nq')],
  ['canon Gaia-X credential', join(root, 'tests/conformance/gaia-x/samples/tagus-22.10/canonical/service-offering-label-level-1.vc6.nq')],
  ['canon 5,010-quad document', join(dataDir, 'doc-5010.nq')],
];
for (const [name, file] of nq) {
  const text = readFileSync(file, 'utf8');
  const quads = text.split('\n').filter((l) => l.length > 0).length;
  await measure(name, basename(file), quads, () => canonize.canonize(text, {
    algorithm: 'RDFC-1.0', inputFormat: 'application/n-quads', format: 'application/n-quads', maxWorkFactor: 3 }));
}

const shapesFile = join(root, 'tests/conformance/gaia-x/shapes/gx-25.11-development.shacl.ttl');
const shapes = readFileSync(shapesFile, 'utf8');
await measure('Turtle parse 25.11 shapes', basename(shapesFile), 164702, () => new Parser({ format: 'text/turtle' }).parse(shapes));

for (const file of process.argv.slice(5)) {
  const doc = JSON.parse(readFileSync(file, 'utf8'));
  const once = async () => {
    const dataset = await jsonld.toRDF(doc, { documentLoader, safe: false });
    return canonize.canonize(dataset, { algorithm: 'RDFC-1.0', format: 'application/n-quads', maxWorkFactor: 3 });
  };
  const quads = (await once()).split('\n').length - 1;
  await measure(`JSON-LD -> canonical`, basename(file), quads, once);
}
