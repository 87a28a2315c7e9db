#!/usr/bin/env node
// Reference SHACL check (rdf-validate-shacl, the JavaScript reference) used by the self-description
// tests: reads one JSON job on stdin and prints {conforms, results:[{focusNode, path, component, message}]}.
//   {"shapes": ["<repo-relative .ttl>", ...],          the shapes graph (Turtle files, merged)
//    "dataTurtle": ["<repo-relative .ttl>", ...],      extra data triples (e.g. a class hierarchy)
//    "rewrite": {"from": "<iri prefix>", "to": "<iri prefix>"},   applied to dataTurtle IRIs (optional)
//    "data": <JSON-LD document>}                       the data graph (contexts from the offline cache)
import { readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Parser } from 'n3';
import jsonld from 'jsonld';
import SHACLValidator from 'rdf-validate-shacl';
import factory from 'rdf-validate-shacl/src/defaultEnv.js';
import { documentLoader } from '../offline-contexts.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..');
const job = JSON.parse(readFileSync(0, 'utf8'));
const turtle = (file, rewrite) => {
  let quads = new Parser().parse(readFileSync(join(root, file), 'utf8'));
  if (!rewrite) return quads;
  const map = t => t.termType === 'NamedNode' && t.value.startsWith(rewrite.from) ? factory.namedNode(rewrite.to + t.value.slice(rewrite.from.length)) : t;
  return quads.map(q => factory.quad(map(q.subject), map(q.predicate), map(q.object), q.graph));
};
const shapes = factory.dataset(job.shapes.flatMap(f => turtle(f)));
const nquads = await jsonld.toRDF(job.data, { format: 'application/n-quads', documentLoader, safe: true });
const data = factory.dataset([...new Parser({ format: 'N-Quads' }).parse(nquads), ...(job.dataTurtle ?? []).flatMap(f => turtle(f, job.rewrite))]);
const report = await new SHACLValidator(shapes, { factory }).validate(data);
const term = t => t ? (t.termType === 'BlankNode' ? '_:' + t.value : t.value) : null;
console.log(JSON.stringify({
  conforms: report.conforms,
  results: report.results.map(r => ({ focusNode: term(r.focusNode), path: term(r.path), component: term(r.sourceConstraintComponent), message: r.message.map(m => m.value).join('; ') })),
}));
