#!/usr/bin/env node
// Times samlify's ServiceProvider.parseLoginResponse (HTTP-POST) on the responses bench/saml.sh generated,
// so the hub's validator can be compared on the very same signed responses.
// usage: node samlify-sp-bench.mjs RESPONSES.json IDP-METADATA.xml SP-ENTITY-ID ACS PASSES [--no-schema]
//   --no-schema  samlify without XML schema validation (its xmllint validator is the default in production)
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';
import * as samlify from 'samlify';
import * as xmllint from '@authenio/samlify-node-xmllint';

const [file, metadataFile, spEntityId, acs, passesArg, flag] = process.argv.slice(2);
if (!passesArg) { console.error('usage: node samlify-sp-bench.mjs RESPONSES.json IDP-METADATA.xml SP-ENTITY-ID ACS PASSES [--no-schema]'); process.exit(2); }
const schema = flag !== '--no-schema';
// xmllint (emscripten) adds stream listeners per call; not a leak worth a warning here.
process.setMaxListeners(0);
process.stdout.setMaxListeners(0);
process.stderr.setMaxListeners(0);
samlify.setSchemaValidator(schema
  ? { validate: async (xml) => {
      const saved = [console.log, console.error, console.warn];
      console.log = console.error = console.warn = () => {};
      try { return await xmllint.validate(xml); } finally { [console.log, console.error, console.warn] = saved; }
    } }
  : { validate: async () => 'skipped' });

const responses = Object.values(JSON.parse(readFileSync(file, 'utf8')).responses);
const idp = samlify.IdentityProvider({ metadata: readFileSync(metadataFile, 'utf8') });
const sp = samlify.ServiceProvider({
  entityID: spEntityId,
  assertionConsumerService: [{ Binding: samlify.Constants.namespace.binding.post, Location: acs }],
  wantAssertionsSigned: true,
});

async function pass() {
  const start = performance.now();
  for (const SAMLResponse of responses) {
    const { extract } = await sp.parseLoginResponse(idp, 'post', { body: { SAMLResponse } });
    if (!extract.nameID) throw new Error('samlify returned no NameID');
  }
  return performance.now() - start;
}

await pass(); // warm-up
// CPU time as well as wall time: the bench machine is shared, and CPU time is less sensitive to other load.
const cpuStart = process.cpuUsage();
let total = 0;
const passes = Number(passesArg);
for (let i = 0; i < passes; i++) total += await pass();
const cpuUsed = process.cpuUsage(cpuStart);
const cpu = (cpuUsed.user + cpuUsed.system) / 1000;
const n = responses.length * passes;
console.log(JSON.stringify({ op: `samlify ${JSON.parse(readFileSync(new URL('../node_modules/samlify/package.json', import.meta.url))).version} ServiceProvider.parseLoginResponse`, schema, n, mean_ms: +(total / n).toFixed(3), per_s: +(1000 * n / total).toFixed(1), cpu_ms: +cpu.toFixed(1), per_cpu_s: +(1000 * n / cpu).toFixed(1) }));
