#!/usr/bin/env bash
# Installs what the hub's own tests need: Node.js peers from npm (oidc-provider, openid-client, samlify,
# jsonld, rdf-canonize, …) in tests/interop, and PostgreSQL from Debian's packages. Idempotent.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"

packages=(postgresql)
command -v node >/dev/null || packages+=(nodejs npm)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  SUDO=""; [[ $(id -u) -ne 0 ]] && SUDO="sudo"
  policy_rc=/usr/sbin/policy-rc.d; created=0
  # The package would start a cluster on port 5432; the tests run their own on loopback.
  if [[ ! -e $policy_rc ]]; then printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy_rc" >/dev/null; $SUDO chmod +x "$policy_rc"; created=1; fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  ((created)) && $SUDO rm -f "$policy_rc"
fi

cd "$root/tests/interop"
if [[ ! -d node_modules/oidc-provider || package-lock.json -nt node_modules/.package-lock.json ]]; then
  npm ci --no-audit --no-fund --loglevel=error
fi
echo "hub test prerequisites present: postgresql, node $(node --version), npm peers"
