#!/usr/bin/env bash
# Brokered code flows per second: openid-client → hub → oidc-provider and back, hub on SQLite and on
# PostgreSQL, next to the oidc-provider + openid-client loop alone (no hub), in one run.
# Writes bench/results/oidc.md. Usage: bench/oidc.sh [FLOWS]   (default 200 per configuration)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
flows="${1:-200}"
out="$root/bench/results/oidc.md"
cd "$root"
bash scripts/install-hub.sh >/dev/null
dotnet build src/ScsFederation.Hub -c Release -nologo -v q >/dev/null
hub_dll="$root/src/ScsFederation.Hub/bin/Release/net10.0/ScsFederation.Hub.dll"
pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; bash scripts/postgres.sh stop || true; }
trap cleanup EXIT

wait_for() { for _ in $(seq 1 100); do curl -sf "$1" >/dev/null && return 0; sleep 0.2; done; echo "not ready: $1" >&2; return 1; }

node tests/interop/oidc/upstream-op.mjs 9311 > /tmp/scsfed-bench-op.log 2>&1 & pids+=($!)
wait_for http://127.0.0.1:9311/.well-known/openid-configuration

rp() { node tests/interop/oidc/rp.mjs "$@" --repeat "$flows" --no-userinfo --scope "openid email profile groups" | tail -1; }

# Warm up, then measure the peers alone: the RP stops at the hub's callback URL without calling it.
rp http://127.0.0.1:9311 hub-client hub-secret http://127.0.0.1:8085/signin-oidc/peer >/dev/null
baseline="$(rp http://127.0.0.1:9311 hub-client hub-secret http://127.0.0.1:8085/signin-oidc/peer)"

measure() { # storage provider, connection string
  local data; data="$(mktemp -d)"
  SCSFED_DATA_FOLDER="$data" SCSFED_STORAGE_PROVIDER="$1" SCSFED_CONNECTION_STRING="$2" \
    dotnet "$hub_dll" --config samples/interop/federation.yaml > "/tmp/scsfed-bench-hub-$1.log" 2>&1 &
  local pid=$!; pids+=($pid)
  wait_for http://127.0.0.1:8085/.well-known/openid-configuration
  rp http://127.0.0.1:8085 rp-test rp-secret http://127.0.0.1:8090/callback --idp peer >/dev/null   # warm-up
  rp http://127.0.0.1:8085 rp-test rp-secret http://127.0.0.1:8090/callback --idp peer
  kill "$pid"; wait "$pid" 2>/dev/null || true
}
sqlite="$(measure sqlite "")"
pg_cs="$(bash scripts/postgres.sh start)"
db="scsfed_bench_$RANDOM"
runuser -u postgres -- psql -h 127.0.0.1 -p 55432 -U postgres -qc "CREATE DATABASE $db OWNER scsfed" 2>/dev/null || psql "host=127.0.0.1 port=55432 user=scsfed dbname=postgres password=scsfed" -qc "CREATE DATABASE $db"
postgres="$(measure postgresql "${pg_cs/Database=postgres/Database=$db}")"

fps() { python3 -c 'import json,sys; print("%.1f" % json.loads(sys.argv[1])["flowsPerSecond"])' "$1"; }
{
  echo "# Brokered code flows per second"
  echo
  echo "Measured $(date -u +%Y-%m-%dT%H:%MZ) on $(nproc) cores; $flows sequential flows per configuration, one warm-up flow first."
  echo "Each flow: discovery is cached; authorize → (hub → upstream authorize → auto login → hub callback → code exchange"
  echo "+ ID token validation at the hub) → code → token exchange and ID token validation by openid-client."
  echo
  echo "| configuration | flows/s |"
  echo "|---|---|"
  echo "| oidc-provider + openid-client alone (no hub) | $(fps "$baseline") |"
  echo "| through the hub, SQLite | $(fps "$sqlite") |"
  echo "| through the hub, PostgreSQL | $(fps "$postgres") |"
  echo
  echo "A brokered flow is two full code flows (RP↔hub and hub↔upstream), so the hub's cost is the"
  echo "difference between the brokered rate and half the peers-alone rate."
} > "$out"
cat "$out"
