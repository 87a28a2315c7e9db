#!/usr/bin/env bash
# Installs what the RDF tests and bench/rdf.sh need: Node.js (from Debian if absent) and the npm peers
# in tests/interop (rdf-canonize, n3, jsonld) used by the differential tests. Idempotent: does nothing
# when node and the packages are already there.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

if ! command -v node >/dev/null; then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends nodejs npm
fi

cd "$root/tests/interop"
if [[ ! -d node_modules/rdf-canonize || ! -d node_modules/n3 || ! -d node_modules/jsonld ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "rdf test prerequisites present: node $(node --version), rdf-canonize, n3, jsonld"
