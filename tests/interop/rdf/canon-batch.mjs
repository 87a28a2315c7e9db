#!/usr/bin/env node
// usage: node canon-batch.mjs [--max-work-factor N] < requests.jsonl > results.jsonl
//   Differential peer for the C# RDFC-1.0 canonicalizer. Reads JSON lines {"id": "...", "nquads": "..."}
//   from stdin, canonicalizes each N-Quads document with rdf-canonize (RDFC-1.0, SHA-256), and writes
//   one JSON line per request: {"id", "canonical"} or {"id", "error"}. One process serves a whole batch
//   so the comparison costs one node start-up, not one per document.
import { createInterface } from 'node:readline';
import canonize from 'rdf-canonize';

const args = process.argv.slice(2);
const wfIndex = args.indexOf('--max-work-factor');
const maxWorkFactor = wfIndex >= 0 ? Number(args[wfIndex + 1]) : 3;

const lines = createInterface({ input: process.stdin, crlfDelay: Infinity });
for await (const line of lines) {
  if (!line.trim()) continue;
  let id = null;
  try {
    const request = JSON.parse(line);
    id = request.id;
    const canonical = await canonize.canonize(request.nquads, {
      algorithm: 'RDFC-1.0',
      inputFormat: 'application/n-quads',
      format: 'application/n-quads',
      maxWorkFactor,
    });
    process.stdout.write(JSON.stringify({ id, canonical }) + '\n');
  } catch (e) {
    process.stdout.write(JSON.stringify({ id, error: String(e && e.message || e) }) + '\n');
  }
}
