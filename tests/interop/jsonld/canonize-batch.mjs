#!/usr/bin/env node
// Reference side of the JSON-LD differential test: for every *.jsonld in DIR, writes *.js.nq with
// the RDFC-1.0 canonical N-Quads computed by jsonld.js (toRDF) + rdf-canonize. Contexts come only
// from the project's offline cache (schemas/contexts/index.json); an unknown URL is an error.
// usage: node canonize-batch.mjs DIR
import { readFileSync, writeFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import jsonld from 'jsonld';
import canonize from 'rdf-canonize';
import { documentLoader } from '../offline-contexts.mjs';

const dir = process.argv[2];
if (!dir) {
  console.error('usage: node canonize-batch.mjs DIR');
  process.exit(2);
}
let count = 0;
for (const name of readdirSync(dir).filter((n) => n.endsWith('.jsonld')).sort()) {
  const doc = JSON.parse(readFileSync(join(dir, name), 'utf8'));
  let out;
  try {
    const dataset = await jsonld.toRDF(doc, { documentLoader, safe: false });
    out = await canonize.canonize(dataset, { algorithm: 'RDFC-1.0', maxWorkFactor: 3 });
  } catch (e) {
    out = `ERROR ${e.name}: ${e.message}\n`;
  }
  writeFileSync(join(dir, name.replace(/\.jsonld$/, '.js.nq')), out);
  count++;
}
console.log(`canonicalized ${count} documents`);
