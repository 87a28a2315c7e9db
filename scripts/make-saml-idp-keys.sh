#!/usr/bin/env bash
# Makes the interop SAML IdP's throw-away key pair and metadata on this machine (never committed):
# samples/interop/saml-idp.key, saml-idp.crt, saml-idp-metadata.xml and saml-idp-strict-metadata.xml
# (written by samlify, the peer that signs with the key). The two metadata files describe two entities
# with the one key, for the two SAML upstreams of samples/interop/federation.yaml: the hub refuses two
# upstreams with one entityID. Idempotent: keeps an existing pair, rewrites metadata only when missing
# or older than the certificate.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/prerequisites.sh"
dir="$root/samples/interop"
key="$dir/saml-idp.key" crt="$dir/saml-idp.crt" metadata="$dir/saml-idp-metadata.xml"
strict="$dir/saml-idp-strict-metadata.xml"

command -v openssl >/dev/null || ensure_debian_packages openssl
if [[ ! -f $key || ! -f $crt ]]; then
  (umask 077; openssl req -x509 -newkey rsa:2048 -sha256 -days 3650 -nodes -keyout "$key" -out "$crt" \
    -subj "/CN=scsfed-interop-saml-idp (TEST ONLY)" 2>/dev/null)
  chmod 644 "$crt"
  rm -f "$metadata" "$strict"
fi
# write_metadata FILE ENTITY_ID: samlify's IdP metadata for the test key under that entity id (SSO/SLO below it).
write_metadata() {
  local file=$1 entity=$2
  [[ -f $file && ! $crt -nt $file ]] && return 0
  ensure_npm_peers "$root" samlify @authenio/samlify-node-xmllint
  local idp="\"entityId\":\"$entity\",\"ssoUrl\":\"$entity/sso\",\"sloUrl\":\"$entity/slo\""
  printf '{"idp":{%s,"keyFile":"%s","certFile":"%s"},"metadataOut":"%s"}' "$idp" "$key" "$crt" "$file" \
    | node "$root/tests/interop/saml/samlify-idp.mjs" >/dev/null
}
write_metadata "$metadata" http://127.0.0.1:9380/saml/idp
write_metadata "$strict" http://127.0.0.1:9380/saml/idp-strict
