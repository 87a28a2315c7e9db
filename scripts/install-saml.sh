#!/usr/bin/env bash
# Installs what the SAML library's tests need: Node.js >= 20 and the npm peers in tests/interop
# (samlify signs the test responses and plays the IdP; @authenio/samlify-node-xmllint is samlify's
# schema validator). Idempotent: installs only what is missing.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends nodejs npm
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if ((major < 20)); then
  echo "install-saml: node $(node --version) is too old; samlify and the interop scripts need Node.js >= 20" >&2
  exit 1
fi

cd "$root/tests/interop"
if [[ ! -f node_modules/samlify/package.json || ! -d node_modules/@authenio/samlify-node-xmllint \
      || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "saml test prerequisites present: node $(node --version), samlify $(node -p 'require("./node_modules/samlify/package.json").version')"
