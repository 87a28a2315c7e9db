#!/usr/bin/env bash
# What the SAML tests need: samlify (and its xmllint schema validator) from npm.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/prerequisites.sh"
ensure_npm_peers "$root" samlify @authenio/samlify-node-xmllint @xmldom/xmldom
# The interop IdP key pair is made per machine, never committed.
bash "$root/scripts/make-saml-idp-keys.sh"
echo "saml test prerequisites present: node $(node --version), samlify"
