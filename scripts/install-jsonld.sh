#!/usr/bin/env bash
# Prerequisites of the JSON-LD differential tests (tests/ScsFederation.Rdf.Tests/JsonLd/JsonLdDifferentialTests):
# Node.js (Debian's if absent) and the npm packages of tests/interop (jsonld, rdf-canonize). Idempotent:
# does nothing when both are present.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

if ! command -v node >/dev/null 2>&1; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends nodejs npm
fi
major="$(node -p 'process.versions.node.split(".")[0]')"
if [[ "$major" -lt 18 ]]; then
  echo "install-jsonld: Node.js $(node --version) is too old for jsonld 9 (needs 18+; tests/interop asks for 20+)" >&2
  exit 1
fi

cd "$repo/tests/interop"
if [[ -f node_modules/jsonld/package.json && -f node_modules/rdf-canonize/package.json ]]; then
  echo "install-jsonld: node $(node --version), jsonld and rdf-canonize already installed"
  exit 0
fi
npm ci --no-audit --no-fund --loglevel=error
