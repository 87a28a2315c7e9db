#!/usr/bin/env node
// Reference peer for tests/ScsFederation.Shacl.Tests: rdf-validate-shacl 0.6 on n3-parsed N-Quads.
// Reads one JSON job {"shapes": "<path to N-Quads>", "cases": [{"name", "data": "<path to N-Quads>"}]} on stdin
// and prints {"results": [{name, conforms, results: [{focusNode, path, component, severity, value, sourceShape}]}]}.
// The C# side converts shapes and data to N-Quads with the hub's own RDF core, so both engines see the very
// same triples and blank-node labels (n3 keeps labels with blankNodePrefix ''); what differs is only SHACL.
// Terms are printed in N-Triples spelling. One validator (compiled shapes) serves all cases, as the hub does.
import { readFileSync } from 'node:fs';
import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import factory from 'rdf-validate-shacl/src/defaultEnv.js';

function parse(path) {
  const quads = new N3.Parser({ format: 'N-Quads', blankNodePrefix: '' }).parse(readFileSync(path, 'utf8'));
  return factory.dataset(quads);
}

function term(t) {
  if (!t) return null;
  if (t.termType === 'NamedNode') return `<${t.value}>`;
  if (t.termType === 'BlankNode') return `_:${t.value}`;
  const lex = JSON.stringify(t.value);
  if (t.language) return `${lex}@${t.language}`;
  if (t.datatype.value === 'http://www.w3.org/2001/XMLSchema#string') return lex;
  return `${lex}^^<${t.datatype.value}>`;
}

const job = JSON.parse(readFileSync(0, 'utf8'));
const timing = job.timing ?? false;
const t0 = process.cpuUsage();
const validator = new SHACLValidator(parse(job.shapes), { factory });
const out = [];
for (const c of job.cases) {
  const data = parse(c.data);
  const report = await validator.validate(data);
  out.push({
    name: c.name,
    conforms: report.conforms,
    results: report.results.map(r => ({
      focusNode: term(r.focusNode), path: term(r.path), component: term(r.sourceConstraintComponent),
      severity: term(r.severity), value: term(r.value), sourceShape: term(r.sourceShape),
    })),
  });
}
const cpu = process.cpuUsage(t0);
console.log(JSON.stringify({ results: out, cpuMicros: cpu.user + cpu.system }));
