#!/usr/bin/env bash
# JsonWebSignature2020 (Gaia-X flavour) PS256 sign and verify: ScsFederation.Credentials next to
# jsonld 9 + rdf-canonize 5 + jose 6 on the same key and the same real Tagus credentials, in one run,
# single-threaded on both sides. CPU time per operation (process CPU, cold = first operation in a fresh
# process, warm = after warm-up). Writes bench/results/credentials.md.
# usage: bash bench/credentials.sh [SECONDS per case (default 3)]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
seconds="${1:-3}"
work="$root/out/bench/credentials"; mkdir -p "$work" "$root/bench/results"
samples="$root/tests/conformance/gaia-x/samples/tagus-22.10"

# Inputs: the smallest and the largest signed Tagus credential (11 and 194 quads), proofs removed by the harnesses.
node -e '
const fs = require("fs"); const [samples, work] = process.argv.slice(1);
const pick = (file, i) => { const r = JSON.parse(fs.readFileSync(`${samples}/${file}`, "utf8")); const vp = r.selfDescriptionCredential || r;
  const all = [...vp.verifiableCredential, ...(r.complianceCredential ? [r.complianceCredential] : [])]; return all[i - 1]; };
fs.writeFileSync(`${work}/participant.json`, JSON.stringify(pick("participant-vp.json", 2)));
fs.writeFileSync(`${work}/service-offering.json`, JSON.stringify(pick("service-offering-label-level-1.json", 6)));
' "$samples" "$work"
# One RSA-2048 key for both sides, made by jose.
echo '{"ops":[{"op":"generate","alg":"PS256"}]}' | (cd "$root/tests/interop" && node credentials/vc-peer.mjs) \
  | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>process.stdout.write(JSON.stringify(JSON.parse(s).results[0].jwk)))' > "$work/key.jwk"

dotnet build -c Release -v q --nologo "$root/bench/ScsFederation.Credentials.Benchmarks" >/dev/null
harness="$root/bench/ScsFederation.Credentials.Benchmarks/bin/Release/net10.0/ScsFederation.Credentials.Benchmarks.dll"
inputs=("$work/participant.json" "$work/service-offering.json")
rounds="${ROUNDS:-2}"
: > "$work/dotnet.jsonl"; : > "$work/node.jsonl"
for ((r = 1; r <= rounds; r++)); do
  dotnet "$harness" "$work/key.jwk" "$seconds" "${inputs[@]}" >> "$work/dotnet.jsonl"
  (cd "$root/tests/interop" && node credentials/bench-jws2020.mjs "$work/key.jwk" "$seconds" "${inputs[@]}") >> "$work/node.jsonl"
done

# Cold start if the harness were published ReadyToRun (precompiled; the hub and CLI run JIT builds today): the same
# harness, published with -p:PublishReadyToRun=true, cold figures only (R2R=0 skips this).
: > "$work/dotnet-r2r.jsonl"
if [ "${R2R:-1}" != 0 ]; then
  dotnet publish -c Release -r linux-x64 --self-contained false -p:PublishReadyToRun=true -v q --nologo \
    -o "$work/r2r" "$root/bench/ScsFederation.Credentials.Benchmarks" >/dev/null
  for ((r = 1; r <= rounds; r++)); do
    BENCH_COLD_ONLY=1 dotnet "$work/r2r/ScsFederation.Credentials.Benchmarks.dll" "$work/key.jwk" 0 "${inputs[@]}" >> "$work/dotnet-r2r.jsonl"
  done
fi

ROUNDS="$rounds" node - "$work/dotnet.jsonl" "$work/node.jsonl" "$root/bench/results/credentials.md" "$work/dotnet-r2r.jsonl" <<'JS'
const fs = require('fs'), os = require('os');
const [dn, js, out, r2rFile] = process.argv.slice(2);
const key = (r) => `${r.name}|${r.input}`;
// Per case: the best round's warm CPU time and the best cold CPU time (each round is a fresh process).
const read = (f) => {
  const m = new Map();
  for (const r of fs.readFileSync(f, 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l))) {
    const b = m.get(key(r));
    m.set(key(r), b ? { ...r, warm_cpu_ms: Math.min(b.warm_cpu_ms, r.warm_cpu_ms), warm_median_ms: Math.min(b.warm_median_ms, r.warm_median_ms),
      cold_cpu_ms: Math.min(b.cold_cpu_ms, r.cold_cpu_ms), cold_wall_ms: Math.min(b.cold_wall_ms, r.cold_wall_ms) } : r);
  }
  return [...m.values()];
};
const cs = read(dn), node = new Map(read(js).map((r) => [key(r), r]));
const x = (a, b) => (b / a).toFixed(1) + '×';
const find = (list, name, input) => list.find((r) => r.name === name && r.input === input);
const jsAll = read(js);
const floorRows = ['held', 'imported'].map((how) => {
  const c = find(cs, `PS256 signature only, key ${how}`, '(64-byte payload)'), p = find(jsAll, `PS256 signature only, key ${how}`, '(64-byte payload)');
  const docs = ['participant.json', 'service-offering.json'].map((input) => {
    const jsSign = find(jsAll, how === 'held' ? 'jws2020 sign PS256, key held' : 'jws2020 sign PS256', input);
    return `${input}: JS ${jsSign.warm_cpu_ms} ms ÷ ${c.warm_cpu_ms} ms = **${x(c.warm_cpu_ms, jsSign.warm_cpu_ms)}** at most`;
  });
  return `| key ${how} | ${c.warm_cpu_ms} | ${p.warm_cpu_ms} | ${docs.join('; ')} |`;
});
const r2r = new Map(read(r2rFile).map((r) => [key(r), r]));
const rows = cs.map((c) => { const p = node.get(key(c)), rr = r2r.get(key(c));
  return `| ${c.name} | ${c.input} | ${c.warm_cpu_ms} | ${p.warm_cpu_ms} | **${x(c.warm_cpu_ms, p.warm_cpu_ms)}** | ${c.warm_median_ms} | ${p.warm_median_ms} | ${c.cold_cpu_ms} | ${p.cold_cpu_ms} | **${x(c.cold_cpu_ms, p.cold_cpu_ms)}** | ${rr ? `${rr.cold_cpu_ms} (**${x(rr.cold_cpu_ms, p.cold_cpu_ms)}**)` : '–'} |`; });
fs.writeFileSync(out, `# Credentials benchmark: JsonWebSignature2020 PS256, ScsFederation.Credentials vs jsonld + rdf-canonize + jose

Generated by \`bench/credentials.sh\` on ${new Date().toISOString()} (${os.cpus().length} cores, ${os.cpus()[0].model.trim()}; load average at the end ${os.loadavg()[0].toFixed(1)}).
Same RSA-2048 key and the same two real Tagus credentials (proof removed; 11 and 194 quads) on both sides:
.NET Release (\`bench/ScsFederation.Credentials.Benchmarks\`) and Node ${process.version} (\`tests/interop/credentials/bench-jws2020.mjs\`:
jsonld 9, rdf-canonize 5, jose 6). Gaia-X flavour: JSON-LD → RDF → RDFC-1.0 → SHA-256 hex → detached \`b64:false\` JWS.
"sign" includes the key import (JWK → OpenSSL key, every time); "sign, key held" signs with a key imported once before,
as a signing service holds it; verify includes the canonicalization of the signed document (the public key is imported
each time on the JS side, cached by the verifier on the C# side).

**CPU time** per operation (process user + system CPU; the machine is shared, CPU time is steadier than wall time):
*warm* = timed loop after warm-up (5 s or 5,000 operations, so tiered JIT has settled), divided by the iterations; *cold* = the first operation in a fresh process
(JIT / module warm-up, context parsing, key import). ${process.env.ROUNDS || 2} rounds alternate the sides; the best of each is shown.
Speed-up = JS ÷ C#. The last column: the same harness published ReadyToRun (\`-p:PublishReadyToRun=true\`, precompiled
code, no JIT for our assemblies) — cold figures only; the hub and CLI run JIT builds today, so the main cold column is what they pay.
Each cold figure is the first operation *of its kind* in the process: sign on participant.json is the process's very
first operation (key import, OpenSSL set-up, JIT, context processing), the later rows already share some of that.

| case | input | C# warm CPU ms | JS warm CPU ms | warm speed-up | C# warm median wall ms | JS warm median wall ms | C# cold CPU ms | JS cold CPU ms | cold speed-up | C# cold CPU ms if ReadyToRun (speed-up) |
|---|---|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}

**The floor** (rows "PS256 signature only": the JWS signature over a 64-byte payload, no JSON-LD; both sides call the
same OpenSSL 3.0 — .NET the system libcrypto, Node its bundled copy — for the RSA-2048 private-key operation; a fresh key
also pays OpenSSL's blinding set-up on its first use). However fast C#'s JSON-LD and canonicalization get, the sign
speed-up cannot exceed JS sign ÷ C# signature alone:

| key | C# signature alone, warm CPU ms | JS signature alone (jose), warm CPU ms | best achievable sign speed-up |
|---|---|---|---|
${floorRows.join('\n')}
`);
console.log(fs.readFileSync(out, 'utf8'));
JS
