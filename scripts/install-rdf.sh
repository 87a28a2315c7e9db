#!/usr/bin/env bash
# What the RDF tests need: the JavaScript reference implementations (jsonld, rdf-canonize, n3) from npm.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/prerequisites.sh"
ensure_npm_peers "$root" jsonld rdf-canonize n3 rdf-validate-shacl
echo "rdf test prerequisites present: node $(node --version), jsonld, rdf-canonize, n3"
