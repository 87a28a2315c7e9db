#!/usr/bin/env bash
# A throw-away PostgreSQL cluster on 127.0.0.1 for the tests: `postgres.sh start [PORT]` prints the
# connection string; `postgres.sh stop` stops it by the PID in postmaster.pid. Data under .run/postgres.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
port="${2:-55432}"
dir="${SCSFED_PG_DIR:-$root/.run/postgres}"
bin="$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)"
[[ -x "$bin/initdb" ]] || { echo "PostgreSQL is not installed (run scripts/install-hub.sh)" >&2; exit 1; }
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    mkdir -p "$dir"
    [[ $(id -u) -eq 0 ]] && chown postgres:postgres "$dir"
    if [[ ! -f "$dir/data/PG_VERSION" ]]; then
      as_pg "$bin/initdb" -D "$dir/data" -U postgres --auth=trust -E UTF8 >/dev/null
    fi
    if [[ -f "$dir/data/postmaster.pid" ]] && kill -0 "$(head -1 "$dir/data/postmaster.pid")" 2>/dev/null; then
      :
    else
      rm -f "$dir/data/postmaster.pid"
      as_pg "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
        -o "-p $port -h 127.0.0.1 -k $dir -c fsync=off -c synchronous_commit=off -c max_connections=200" start >/dev/null
    fi
    as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -tAc "SELECT 1 FROM pg_roles WHERE rolname='scsfed'" | grep -q 1 \
      || as_pg "$bin/psql" -h 127.0.0.1 -p "$port" -U postgres -qc "CREATE ROLE scsfed LOGIN CREATEDB PASSWORD 'scsfed'"
    echo "Host=127.0.0.1;Port=$port;Username=scsfed;Password=scsfed;Database=postgres"
    ;;
  stop)
    if [[ -f "$dir/data/postmaster.pid" ]]; then
      pid="$(head -1 "$dir/data/postmaster.pid")"
      kill -INT "$pid" 2>/dev/null || true
      for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.2; done
    fi
    ;;
  *) echo "usage: $0 start [PORT] | stop" >&2; exit 2 ;;
esac
