#!/usr/bin/env bash
# SAML response validation throughput: the hub's SamlResponseValidator next to samlify's SP, on the
# same samlify-signed responses (Response and Assertion signed, RSA-SHA256, multi-valued attribute).
# Single-threaded on both sides; the two run in alternating rounds and the median round counts, by wall
# time and by CPU time (the machine may be shared). Writes bench/results/saml.md.
# usage: bash bench/saml.sh [RESPONSES (default 200)] [PASSES per round (default 3)] [ROUNDS (default 3)]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-200}"; passes="${2:-3}"; rounds="${3:-3}"
work="$root/out/bench/saml"; mkdir -p "$work"
bash "$root/scripts/install-saml.sh" >/dev/null

idp_entity="http://127.0.0.1:9380/saml/idp"
sp_entity="https://hub.test/saml/metadata"
acs="https://hub.test/saml/acs/peer-saml"
metadata="$root/samples/interop/saml-idp-metadata.xml"

# One samlify job: n responses, each a fresh signed Response (distinct IDs, so replay checks pass).
node -e '
const [n, idp, sp, acs, key, cert] = process.argv.slice(1);
const attrs = [{ name: "email", values: ["alice@example.org"] }, { name: "groups", values: ["scs-admins", "k8s-viewers"] },
  { name: "displayName", values: ["Alice Example"] }];
const responses = Array.from({ length: +n }, (_, i) => ({ name: `r${i}`, sign: "both", spEntityId: sp, acs,
  nameId: "alice@example.org", nameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", attributes: attrs, conditionsSeconds: 3600, confirmationSeconds: 3600 }));
console.log(JSON.stringify({ idp: { entityId: idp, ssoUrl: idp + "/sso", sloUrl: idp + "/slo", keyFile: key, certFile: cert }, responses }));
' "$n" "$idp_entity" "$sp_entity" "$acs" "$root/samples/interop/saml-idp.key" "$root/samples/interop/saml-idp.crt" \
  | node "$root/tests/interop/saml/samlify-idp.mjs" > "$work/responses.json"

(cd "$root/bench/saml" && dotnet build -c Release SamlValidatorBench.cs >/dev/null 2>&1) || true
hub() { (cd "$root/bench/saml" && dotnet run -c Release --no-build SamlValidatorBench.cs -- "$work/responses.json" "$metadata" "$sp_entity" "$acs" "$passes" 2>/dev/null \
        || dotnet run -c Release SamlValidatorBench.cs -- "$work/responses.json" "$metadata" "$sp_entity" "$acs" "$passes" 2>/dev/null) | tail -1; }
samlify() { (cd "$root/tests/interop/saml" && node samlify-sp-bench.mjs "$work/responses.json" "$metadata" "$sp_entity" "$acs" "$@"); }

: > "$work/hub.jsonl"; : > "$work/samlify.jsonl"
for ((r = 1; r <= rounds; r++)); do
  hub | tee -a "$work/hub.jsonl"
  samlify "$passes" --no-schema | tee -a "$work/samlify.jsonl"
done
# samlify's default schema validation (xmllint/emscripten) is ~10x slower; one pass of it is enough.
samlify_schema="$(samlify 1)"; echo "$samlify_schema"

median() { node -e '
const rows = require("fs").readFileSync(process.argv[1], "utf8").trim().split("\n").map(JSON.parse);
const pick = (k) => { const v = rows.map((r) => r[k]).sort((a, b) => a - b); return v[Math.floor(v.length / 2)]; };
console.log(JSON.stringify({ per_s: pick("per_s"), per_cpu_s: pick("per_cpu_s"), mean_ms: pick("mean_ms") }));' "$1"; }
hub_m="$(median "$work/hub.jsonl")"; samlify_m="$(median "$work/samlify.jsonl")"
get() { node -p "JSON.parse(process.argv[1]).$2" "$1"; }
ratio() { node -p "(JSON.parse(process.argv[1]).$3 / JSON.parse(process.argv[2]).$3).toFixed(1)" "$1" "$2"; }

mkdir -p "$root/bench/results"
cat > "$root/bench/results/saml.md" <<MD
# SAML response validation: ScsFederation.Saml vs samlify

One run of \`bench/saml.sh $n $passes $rounds\` on $(date -u +%Y-%m-%dT%H:%MZ) ($(nproc) cores, $(uname -m), node $(node --version),
.NET $(dotnet --version); load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) — the machine was shared with other builds).
Input: $n responses signed by samlify 2.13 (Response and Assertion signed, RSA-SHA256, exclusive c14n,
2048-bit key, 3 attributes, one multi-valued). Each side validates all of them $passes times per round after a
warm-up pass, single-threaded; hub and samlify alternate for $rounds rounds; the table shows the median round.

| validator | what it checks | responses/s (wall) | responses/CPU-s | mean ms (wall) |
|---|---|---:|---:|---:|
| ScsFederation.Saml \`SamlResponseValidator\` | both signatures, XSW rules, issuer, status, audience, destination, recipient, times, replay cache | $(get "$hub_m" per_s) | $(get "$hub_m" per_cpu_s) | $(get "$hub_m" mean_ms) |
| samlify SP \`parseLoginResponse\`, no schema validation | signature, issuer, status, times | $(get "$samlify_m" per_s) | $(get "$samlify_m" per_cpu_s) | $(get "$samlify_m" mean_ms) |
| samlify SP \`parseLoginResponse\` + xmllint schema (samlify's recommended setup), 1 pass | same + XML schema | $(get "$samlify_schema" per_s) | $(get "$samlify_schema" per_cpu_s) | $(get "$samlify_schema" mean_ms) |

**Hub / samlify (no schema): $(ratio "$hub_m" "$samlify_m" per_s)× by wall time, $(ratio "$hub_m" "$samlify_m" per_cpu_s)× by CPU time**
(target ≥ 2×); against samlify with schema validation $(ratio "$hub_m" "$samlify_schema" per_s)× by wall time.

Raw lines (hub rounds, samlify rounds, samlify with schema):
\`\`\`
$(cat "$work/hub.jsonl")
$(cat "$work/samlify.jsonl")
$samlify_schema
\`\`\`
MD
echo "bench/saml.sh: wrote bench/results/saml.md" >&2
