#!/usr/bin/env bash
# What the hub's own tests need: PostgreSQL (the same suite runs on SQLite and PostgreSQL) and the OIDC peers.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/prerequisites.sh"
ensure_debian_packages postgresql
ensure_npm_peers "$root" oidc-provider openid-client jose
echo "hub test prerequisites present: postgresql, node $(node --version), oidc-provider, openid-client"
