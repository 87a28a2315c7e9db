#!/usr/bin/env bash
# Prerequisites of the JSON-LD differential tests (tests/ScsFederation.Rdf.Tests/JsonLd/JsonLdDifferentialTests):
# Node.js >= 20 and the npm packages of tests/interop (jsonld, rdf-canonize). Idempotent.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v node >/dev/null 2>&1 || [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
  if ! command -v apt-get >/dev/null 2>&1; then
    echo "install-jsonld: Node.js >= 20 is required and apt-get is not available" >&2
    exit 1
  fi
  apt-get update
  DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm
  if [ "$(node -p 'process.versions.node.split(".")[0]')" -lt 20 ]; then
    echo "install-jsonld: the distribution's Node.js is older than 20; install Node.js 20+ (e.g. NodeSource) first" >&2
    exit 1
  fi
fi

cd "$repo/tests/interop"
if [ -f node_modules/jsonld/package.json ] && [ -f node_modules/rdf-canonize/package.json ] \
   && [ node_modules/.package-lock.json -nt package-lock.json ]; then
  echo "install-jsonld: npm packages already installed"
  exit 0
fi
npm ci --no-audit --no-fund
