#!/usr/bin/env node
// SHACL benchmark peer (bench/shacl.sh): rdf-validate-shacl 0.6 + n3, mirroring
// bench/ScsFederation.Shacl.Benchmarks: shapes loaded once (Turtle parse + SHACLValidator construction, timed
// apart), then per input (N-Quads) the first validation (cold) and a timed loop (warm). Process CPU time.
// usage: node shacl/bench-shacl.mjs SHAPES.ttl CLASSES.ttl SECONDS INPUT.nq...
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import N3 from 'n3';
import SHACLValidator from 'rdf-validate-shacl';
import factory from 'rdf-validate-shacl/src/defaultEnv.js';

const [shapesFile, classesFile, secondsText, ...inputs] = process.argv.slice(2);
const seconds = Number(secondsText);
const cpu = () => { const u = process.cpuUsage(); return (u.user + u.system) / 1000; };
const parse = (file, format) => new N3.Parser({ format, blankNodePrefix: '' }).parse(readFileSync(file, 'utf8'));

const c0 = cpu();
const validator = new SHACLValidator(factory.dataset(parse(shapesFile, 'Turtle')), { factory });
// rdf-validate-shacl builds its shape objects lazily: the first validation pays for part of the loading (in "cold").
const classes = parse(classesFile, 'Turtle');
const loadCpu = cpu() - c0;

for (const file of inputs) {
  const data = parse(file, 'N-Quads');
  const dataset = () => factory.dataset([...data, ...classes]);
  const t0 = cpu();
  const first = await validator.validate(dataset());
  const coldCpu = cpu() - t0;
  for (let i = 0; i < 5; i++) await validator.validate(dataset());
  const samples = [];
  const start = performance.now();
  const cpuStart = cpu();
  while (performance.now() - start < seconds * 1000) {
    const t = performance.now();
    await validator.validate(dataset());
    samples.push(performance.now() - t);
  }
  const warmCpu = (cpu() - cpuStart) / samples.length;
  samples.sort((a, b) => a - b);
  console.log(JSON.stringify({
    input: basename(file), quads: data.length, results: first.results.length, load_cpu_ms: Math.round(loadCpu * 10) / 10,
    cold_cpu_ms: Math.round(coldCpu * 100) / 100, warm_cpu_ms: Math.round(warmCpu * 1000) / 1000,
    warm_median_ms: Math.round(samples[samples.length >> 1] * 1000) / 1000, iterations: samples.length,
  }));
}
