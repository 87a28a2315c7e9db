#!/usr/bin/env bash
# Bootstraps, starts and stops a throw-away Keystone (Debian's package) on loopback, on SQLite in WAL mode.
#
#   scripts/keystone.sh start NAME PORT   bootstrap on first start, serve on 127.0.0.1:PORT, wait until ready
#   scripts/keystone.sh stop NAME         stop the instance by its PID file
#   scripts/keystone.sh status NAME       exit 0 when running
#
# Environment:
#   KEYSTONE_DATA_DIR          instance folder (default: <repo>/.run/keystone-NAME)
#   KEYSTONE_ADMIN_PASSWORD    bootstrap password of user admin (falls back to SCSFED_CLOUD_A_PASSWORD)
#   KEYSTONE_TRUSTED_DASHBOARD WebSSO origin Keystone may post tokens back to (default http://127.0.0.1:9360/)
#   KEYSTONE_OWNER             user owning the files (default: current user; www-data when served by Apache)
#   KEYSTONE_PASSWORD_ROUNDS   bcrypt rounds (default 4: test instances only, keeps password auth cheap)
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python=/usr/bin/python3   # Debian's interpreter: the keystone modules live in its dist-packages

usage() { echo "usage: $0 start NAME PORT | stop NAME | status NAME" >&2; exit 2; }

cmd="${1:-}"; name="${2:-}"
[[ -n "$cmd" && -n "$name" ]] || usage
[[ "$name" =~ ^[A-Za-z0-9_-]+$ ]] || { echo "keystone.sh: invalid instance name '$name'" >&2; exit 2; }
data="${KEYSTONE_DATA_DIR:-$repo_root/.run/keystone-$name}"
pidfile="$data/keystone.pid"

is_running() {
  [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null
}

write_config() {
  local port="$1"
  cat > "$data/keystone.conf" <<CONF
[DEFAULT]
log_file = $data/keystone.log
debug = ${KEYSTONE_DEBUG:-false}

[database]
connection = sqlite:///$data/keystone.db

[token]
provider = fernet
expiration = 3600

[fernet_tokens]
key_repository = $data/fernet-keys

[fernet_receipts]
key_repository = $data/fernet-keys

[credential]
key_repository = $data/credential-keys

[identity]
password_hash_rounds = ${KEYSTONE_PASSWORD_ROUNDS:-4}

[auth]
methods = password,token,openid,mapped,application_credential

[federation]
trusted_dashboard = ${KEYSTONE_TRUSTED_DASHBOARD:-http://127.0.0.1:9360/}
sso_callback_template = $data/sso_callback_template.html

[openid]
remote_id_attribute = OIDC-iss

[cache]
# In-process cache (one Keystone process per instance): token validation and role lookups cost far less CPU.
enabled = true
backend = dogpile.cache.memory
CONF
  echo "$port" > "$data/port"
}

bootstrap() {
  local port="$1" password="$2" owner="$3"
  local manage=(keystone-manage --config-file "$data/keystone.conf")
  "${manage[@]}" db_sync
  # WAL lets readers proceed while Keystone writes; the mode is stored in the database file itself.
  "$python" - "$data/keystone.db" <<'PY'
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
mode = con.execute("PRAGMA journal_mode=WAL").fetchone()[0]
con.close()
if mode.lower() != "wal":
    sys.exit(f"could not switch {sys.argv[1]} to WAL (got {mode})")
PY
  "${manage[@]}" fernet_setup --keystone-user "$owner" --keystone-group "$(id -gn "$owner")"
  "${manage[@]}" credential_setup --keystone-user "$owner" --keystone-group "$(id -gn "$owner")"
  "${manage[@]}" bootstrap \
    --bootstrap-password "$password" \
    --bootstrap-username admin \
    --bootstrap-project-name admin \
    --bootstrap-role-name admin \
    --bootstrap-service-name keystone \
    --bootstrap-region-id RegionOne \
    --bootstrap-admin-url "http://127.0.0.1:$port/v3" \
    --bootstrap-public-url "http://127.0.0.1:$port/v3" \
    --bootstrap-internal-url "http://127.0.0.1:$port/v3"
  touch "$data/.bootstrapped"
}

start() {
  local port="${1:-}"
  [[ "$port" =~ ^[0-9]+$ ]] || usage
  if is_running; then
    echo "keystone $name already running (pid $(cat "$pidfile"))"
    return 0
  fi
  # Another server on the port would answer the readiness probe in our place: refuse instead.
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "keystone.sh: port $port on 127.0.0.1 is already in use (a stale instance? see 'ss -ltnp | grep :$port')" >&2
    exit 1
  fi
  local password="${KEYSTONE_ADMIN_PASSWORD:-${SCSFED_CLOUD_A_PASSWORD:-}}"
  local owner="${KEYSTONE_OWNER:-$(id -un)}"
  mkdir -p "$data"
  write_config "$port"
  cp -f /etc/keystone/sso_callback_template.html "$data/sso_callback_template.html"
  if [[ ! -f "$data/.bootstrapped" ]]; then
    [[ -n "$password" ]] || { echo "keystone.sh: set KEYSTONE_ADMIN_PASSWORD (or SCSFED_CLOUD_A_PASSWORD) for the first start" >&2; exit 1; }
    bootstrap "$port" "$password" "$owner" > "$data/bootstrap.log" 2>&1 || {
      echo "keystone.sh: bootstrap of $name failed, see $data/bootstrap.log:" >&2; tail -20 "$data/bootstrap.log" >&2; exit 1; }
  fi
  chown -R "$owner" "$data"

  OS_KEYSTONE_CONFIG_FILES="$data/keystone.conf" \
    setsid "$python" /usr/bin/keystone-wsgi-public --host 127.0.0.1 --port "$port" \
    >> "$data/server.log" 2>&1 < /dev/null &
  echo $! > "$pidfile"

  # Ready = the version document answers; fail fast if the process died (e.g. port in use).
  for _ in $(seq 1 150); do
    if ! is_running; then
      echo "keystone.sh: keystone $name exited during start-up, see $data/server.log:" >&2
      tail -20 "$data/server.log" >&2; rm -f "$pidfile"; exit 1
    fi
    if "$python" -c "import urllib.request,sys; urllib.request.urlopen('http://127.0.0.1:$port/v3', timeout=2)" 2>/dev/null; then
      echo "keystone $name ready on http://127.0.0.1:$port/v3 (pid $(cat "$pidfile"))"
      return 0
    fi
    sleep 0.2
  done
  echo "keystone.sh: keystone $name not ready after 30 s, see $data/server.log" >&2
  stop; exit 1
}

stop() {
  if ! [[ -f "$pidfile" ]]; then echo "keystone $name not running"; return 0; fi
  local pid; pid="$(cat "$pidfile")"
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -9 "$pid" 2>/dev/null || true; fi
  fi
  rm -f "$pidfile"
  echo "keystone $name stopped"
}

case "$cmd" in
  start) start "${3:-}" ;;
  stop) stop ;;
  status) is_running ;;
  *) usage ;;
esac
