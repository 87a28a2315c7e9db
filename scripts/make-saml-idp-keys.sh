#!/usr/bin/env bash
# Makes the interop SAML IdP's throw-away key pair and metadata on this machine (never committed):
# samples/interop/saml-idp.key, saml-idp.crt and saml-idp-metadata.xml (written by samlify, the peer
# that signs with the key). Idempotent: keeps an existing pair, rewrites the metadata only when the
# certificate is newer.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/prerequisites.sh"
dir="$root/samples/interop"
key="$dir/saml-idp.key" crt="$dir/saml-idp.crt" metadata="$dir/saml-idp-metadata.xml"

command -v openssl >/dev/null || ensure_debian_packages openssl
if [[ ! -f $key || ! -f $crt ]]; then
  (umask 077; openssl req -x509 -newkey rsa:2048 -sha256 -days 3650 -nodes -keyout "$key" -out "$crt" \
    -subj "/CN=scsfed-interop-saml-idp (TEST ONLY)" 2>/dev/null)
  chmod 644 "$crt"
  rm -f "$metadata"
fi
if [[ ! -f $metadata || $crt -nt $metadata ]]; then
  ensure_npm_peers "$root" samlify @authenio/samlify-node-xmllint
  idp='"entityId":"http://127.0.0.1:9380/saml/idp","ssoUrl":"http://127.0.0.1:9380/saml/idp/sso","sloUrl":"http://127.0.0.1:9380/saml/idp/slo"'
  printf '{"idp":{%s,"keyFile":"%s","certFile":"%s"},"metadataOut":"%s"}' "$idp" "$key" "$crt" "$metadata" \
    | node "$root/tests/interop/saml/samlify-idp.mjs" >/dev/null
fi
