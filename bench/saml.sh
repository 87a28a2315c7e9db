#!/usr/bin/env bash
# SAML response validation throughput: the hub's SamlResponseValidator next to samlify's SP, on the
# same samlify-signed responses (Response and Assertion signed, RSA-SHA256, 2 multi-valued attributes).
# One run, single-threaded on both sides; writes bench/results/saml.md.
# usage: bash bench/saml.sh [RESPONSES (default 200)] [PASSES (default 5)]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
n="${1:-200}"; passes="${2:-5}"
work="$root/out/bench/saml"; mkdir -p "$work"
bash "$root/scripts/install-saml.sh" >/dev/null

idp_entity="http://127.0.0.1:9380/saml/idp"
sp_entity="https://hub.test/saml/metadata"
acs="https://hub.test/saml/acs/peer-saml"
metadata="$root/samples/interop/saml-idp-metadata.xml"

# One samlify job: n responses, each a fresh signed Response (distinct IDs, so replay checks pass).
node -e '
const [n, idp, sp, acs, key, cert] = process.argv.slice(1);
const attrs = [{ name: "email", values: ["alice@example.org"] }, { name: "groups", values: ["scs-admins", "k8s-viewers"] }];
const responses = Array.from({ length: +n }, (_, i) => ({ name: `r${i}`, sign: "both", spEntityId: sp, acs,
  nameId: "alice@example.org", nameIdFormat: "urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress", attributes: attrs, conditionsSeconds: 3600, confirmationSeconds: 3600 }));
console.log(JSON.stringify({ idp: { entityId: idp, ssoUrl: idp + "/sso", sloUrl: idp + "/slo", keyFile: key, certFile: cert }, responses }));
' "$n" "$idp_entity" "$sp_entity" "$acs" "$root/samples/interop/saml-idp.key" "$root/samples/interop/saml-idp.crt" \
  | node "$root/tests/interop/saml/samlify-idp.mjs" > "$work/responses.json"

cd "$root/tests/interop/saml"
# samlify's schema validation is ~10x slower than the rest; one pass of it is enough for a stable mean.
samlify_schema="$(node samlify-sp-bench.mjs "$work/responses.json" "$metadata" "$sp_entity" "$acs" 1)"
samlify_plain="$(node samlify-sp-bench.mjs "$work/responses.json" "$metadata" "$sp_entity" "$acs" "$passes" --no-schema)"
cd "$root/bench/saml"
hub="$(dotnet run -c Release SamlValidatorBench.cs -- "$work/responses.json" "$metadata" "$sp_entity" "$acs" "$passes" 2>/dev/null | tail -1)"

per_s() { node -p "JSON.parse(process.argv[1]).per_s" "$1"; }
ratio() { node -p "(JSON.parse(process.argv[1]).per_s / JSON.parse(process.argv[2]).per_s).toFixed(1)" "$1" "$2"; }
echo "$samlify_schema"; echo "$samlify_plain"; echo "$hub"

mkdir -p "$root/bench/results"
cat > "$root/bench/results/saml.md" <<MD
# SAML response validation: ScsFederation.Saml vs samlify

One run of \`bench/saml.sh $n $passes\` on $(date -u +%Y-%m-%d) ($(nproc) cores, $(uname -m), node $(node --version), .NET $(dotnet --version)).
Input: $n responses signed by samlify (Response and Assertion, RSA-SHA256, exclusive c14n, 2048-bit key,
3 attributes of which one multi-valued), each validated $passes times (samlify with schema validation: once)
after one warm-up pass, one thread, while nothing else is measured.

| validator | checks | responses/s | mean ms |
|---|---|---:|---:|
| ScsFederation.Saml \`SamlResponseValidator\` | both signatures, XSW rules, issuer, audience, destination, recipient, times, replay cache | $(per_s "$hub") | $(node -p "JSON.parse(process.argv[1]).mean_ms" "$hub") |
| samlify SP \`parseLoginResponse\` + xmllint schema (its default) | signature, issuer, status, time | $(per_s "$samlify_schema") | $(node -p "JSON.parse(process.argv[1]).mean_ms" "$samlify_schema") |
| samlify SP \`parseLoginResponse\`, no schema | signature, issuer, status, time | $(per_s "$samlify_plain") | $(node -p "JSON.parse(process.argv[1]).mean_ms" "$samlify_plain") |

Ratio hub / samlify: **$(ratio "$hub" "$samlify_schema")×** against samlify with schema validation,
**$(ratio "$hub" "$samlify_plain")×** against samlify without it (target ≥ 2×).

Raw lines:
\`\`\`
$hub
$samlify_schema
$samlify_plain
\`\`\`
MD
echo "bench/saml.sh: wrote bench/results/saml.md" >&2
