#!/usr/bin/env bash
# Starts and stops a throw-away Glance image API and Nova compute API (Debian's python3-glance 25.1 and
# python3-nova 26.2, the code Debian's glance-api / nova-api packages run) on loopback, on SQLite, authenticating
# tokens against a Keystone (scripts/keystone.sh). Only the APIs run: no scheduler, conductor or compute, so Nova
# serves flavors (the API database) but boots nothing; Glance stores images on the file system.
#
#   scripts/openstack-services.sh start NAME KEYSTONE_URL GLANCE_PORT NOVA_PORT   configure on first start, serve, wait until ready
#   scripts/openstack-services.sh stop NAME                                         stop both by their PID files (process groups)
#   scripts/openstack-services.sh status NAME                                       exit 0 when both run
#
# Environment:
#   OPENSTACK_DATA_DIR        instance folder (default: <repo>/.run/openstack-NAME)
#   OPENSTACK_ADMIN_PASSWORD  password of Keystone's admin user, which the services' keystonemiddleware uses
#                             (falls back to KEYSTONE_ADMIN_PASSWORD, then SCSFED_CLOUD_A_PASSWORD)
#
# Registering the services in Keystone's catalog, creating flavors and images is the caller's (the tests use the
# openstack CLI, as an operator would).
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
python=/usr/bin/python3   # Debian's interpreter: glance and nova live in its dist-packages

usage() { echo "usage: $0 start NAME KEYSTONE_URL GLANCE_PORT NOVA_PORT | stop NAME | status NAME" >&2; exit 2; }

cmd="${1:-}"; name="${2:-}"
[[ -n "$cmd" && -n "$name" ]] || usage
[[ "$name" =~ ^[A-Za-z0-9_-]+$ ]] || { echo "openstack-services.sh: invalid instance name '$name'" >&2; exit 2; }
data="${OPENSTACK_DATA_DIR:-$repo_root/.run/openstack-$name}"

pid_of() { cat "$data/$1.pid" 2>/dev/null || true; }
running() { local pid; pid="$(pid_of "$1")"; [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null; }

authtoken() { # KEYSTONE_URL PASSWORD
  cat <<CONF
[keystone_authtoken]
www_authenticate_uri = $1
auth_url = $1
auth_type = password
username = admin
password = $2
project_name = admin
user_domain_name = Default
project_domain_name = Default
CONF
}

write_glance() { # KEYSTONE_URL PASSWORD PORT
  local g="$data/glance"; mkdir -p "$g/images" "$g/staging" "$g/tasks"
  cat > "$g/glance-api.conf" <<CONF
[DEFAULT]
bind_host = 127.0.0.1
bind_port = $3
workers = 1
log_file = $g/glance-api.log
enabled_backends = local:file
[database]
connection = sqlite:///$g/glance.db
[glance_store]
default_backend = local
[local]
filesystem_store_datadir = $g/images
[os_glance_staging_store]
filesystem_store_datadir = $g/staging
[os_glance_tasks_store]
filesystem_store_datadir = $g/tasks
[paste_deploy]
flavor = keystone
config_file = $g/glance-api-paste.ini
$(authtoken "$1" "$2")
CONF
  # The v2 API behind keystonemiddleware: Glance's own default pipeline for flavor "keystone", without the caches.
  cat > "$g/glance-api-paste.ini" <<'INI'
[pipeline:glance-api-keystone]
pipeline = cors healthcheck http_proxy_to_wsgi versionnegotiation osprofiler authtoken context rootapp
[composite:rootapp]
paste.composite_factory = glance.api:root_app_factory
/: apiversions
/v2: apiv2app
[app:apiversions]
paste.app_factory = glance.api.versions:create_resource
[app:apiv2app]
paste.app_factory = glance.api.v2.router:API.factory
[filter:healthcheck]
paste.filter_factory = oslo_middleware:Healthcheck.factory
backends = disable_by_file
disable_by_file_path = /nonexistent/glance-healthcheck-disable
[filter:versionnegotiation]
paste.filter_factory = glance.api.middleware.version_negotiation:VersionNegotiationFilter.factory
[filter:context]
paste.filter_factory = glance.api.middleware.context:ContextMiddleware.factory
[filter:http_proxy_to_wsgi]
paste.filter_factory = oslo_middleware:HTTPProxyToWSGI.factory
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
delay_auth_decision = true
[filter:osprofiler]
paste.filter_factory = osprofiler.web:WsgiMiddleware.factory
[filter:cors]
paste.filter_factory = oslo_middleware.cors:filter_factory
oslo_config_project = glance
oslo_config_program = glance-api
INI
}

write_nova() { # KEYSTONE_URL PASSWORD PORT
  local n="$data/nova"; mkdir -p "$n/lock"
  cat > "$n/nova.conf" <<CONF
[DEFAULT]
enabled_apis = osapi_compute
osapi_compute_listen = 127.0.0.1
osapi_compute_listen_port = $3
osapi_compute_workers = 1
log_file = $n/nova-api.log
state_path = $n
# No message bus: the API answers flavor requests from its database; nothing here casts to a compute service.
transport_url = fake://
[api]
auth_strategy = keystone
[wsgi]
api_paste_config = $n/api-paste.ini
[api_database]
connection = sqlite:///$n/nova_api.db
[database]
connection = sqlite:///$n/nova.db
[oslo_concurrency]
lock_path = $n/lock
$(authtoken "$1" "$2")
CONF
  # The v2.1 API behind keystonemiddleware: Nova's own default pipeline (api-paste.ini), keystone flavor only.
  cat > "$n/api-paste.ini" <<'INI'
[composite:osapi_compute]
use = call:nova.api.openstack.urlmap:urlmap_factory
/: oscomputeversions
/v2.1: openstack_compute_api_v21
[composite:openstack_compute_api_v21]
use = call:nova.api.auth:pipeline_factory_v21
keystone = cors http_proxy_to_wsgi compute_req_id faultwrap request_log sizelimit osprofiler authtoken keystonecontext osapi_compute_app_v21
[filter:request_log]
paste.filter_factory = nova.api.openstack.requestlog:RequestLog.factory
[filter:compute_req_id]
paste.filter_factory = nova.api.compute_req_id:ComputeReqIdMiddleware.factory
[filter:faultwrap]
paste.filter_factory = nova.api.openstack:FaultWrapper.factory
[filter:osprofiler]
paste.filter_factory = nova.profiler:WsgiMiddleware.factory
[filter:sizelimit]
paste.filter_factory = oslo_middleware:RequestBodySizeLimiter.factory
[filter:http_proxy_to_wsgi]
paste.filter_factory = oslo_middleware.http_proxy_to_wsgi:HTTPProxyToWSGI.factory
[filter:keystonecontext]
paste.filter_factory = nova.api.auth:NovaKeystoneContext.factory
[filter:authtoken]
paste.filter_factory = keystonemiddleware.auth_token:filter_factory
[filter:cors]
paste.filter_factory = oslo_middleware.cors:filter_factory
oslo_config_project = nova
[app:osapi_compute_app_v21]
paste.app_factory = nova.api.openstack.compute:APIRouterV21.factory
[pipeline:oscomputeversions]
pipeline = cors faultwrap request_log http_proxy_to_wsgi oscomputeversionapp
[app:oscomputeversionapp]
paste.app_factory = nova.api.openstack.compute.versions:Versions.factory
INI
}

# run_module SERVICE MODULE CONFIG ARGS...: a console script's main() through Debian's python (no /usr/bin wrappers
# without the service packages).
run_module() {
  local prog=$1 module=$2; shift 2
  "$python" -c "import sys; from $module import main; sys.argv[0] = '$prog'; sys.exit(main())" "$@"
}

serve() { # SERVICE MODULE CONFIG PORT PROBE_PATH
  local service=$1 module=$2 config=$3 port=$4 probe=$5 dir="$data/$1"
  if (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then
    echo "openstack-services.sh: port $port on 127.0.0.1 is already in use (a stale instance? see 'ss -ltnp | grep :$port')" >&2
    return 1
  fi
  # setsid: the service is the leader of its own process group, so stop ends it and the worker it forks together.
  setsid "$python" -c "import sys; from $module import main; sys.argv[0] = '$service-api'; sys.exit(main())" \
    --config-file "$config" >> "$dir/server.log" 2>&1 < /dev/null &
  echo $! > "$data/$service.pid"
  for _ in $(seq 1 300); do
    if ! running "$service"; then
      echo "openstack-services.sh: $service-api $name exited during start-up, see $dir/server.log:" >&2
      tail -20 "$dir/server.log" >&2; rm -f "$data/$service.pid"; return 1
    fi
    # Any HTTP answer (the version document, or 401 from keystonemiddleware) means the API is serving.
    if "$python" -c "import urllib.request,urllib.error,sys
try: urllib.request.urlopen('http://127.0.0.1:$port$probe', timeout=2)
except urllib.error.HTTPError: pass" 2>/dev/null; then
      echo "$service-api $name ready on http://127.0.0.1:$port (pid $(pid_of "$service"))"
      return 0
    fi
    sleep 0.2
  done
  echo "openstack-services.sh: $service-api $name not ready after 60 s, see $dir/server.log" >&2
  return 1
}

start() {
  local keystone="${1:-}" glance_port="${2:-}" nova_port="${3:-}"
  [[ -n "$keystone" && "$glance_port" =~ ^[0-9]+$ && "$nova_port" =~ ^[0-9]+$ ]] || usage
  if running glance && running nova; then echo "openstack services $name already running"; return 0; fi
  local password="${OPENSTACK_ADMIN_PASSWORD:-${KEYSTONE_ADMIN_PASSWORD:-${SCSFED_CLOUD_A_PASSWORD:-}}}"
  [[ -n "$password" ]] || { echo "openstack-services.sh: set OPENSTACK_ADMIN_PASSWORD (Keystone's admin password)" >&2; exit 1; }
  mkdir -p "$data"
  write_glance "$keystone" "$password" "$glance_port"
  write_nova "$keystone" "$password" "$nova_port"
  if [[ ! -f "$data/.synced" ]]; then
    { run_module glance-manage glance.cmd.manage --config-file "$data/glance/glance-api.conf" db_sync \
      && run_module nova-manage nova.cmd.manage --config-file "$data/nova/nova.conf" api_db sync \
      && run_module nova-manage nova.cmd.manage --config-file "$data/nova/nova.conf" db sync; } > "$data/db-sync.log" 2>&1 || {
      echo "openstack-services.sh: database sync of $name failed, see $data/db-sync.log:" >&2; tail -20 "$data/db-sync.log" >&2; exit 1; }
    touch "$data/.synced"
  fi
  running glance || serve glance glance.cmd.api "$data/glance/glance-api.conf" "$glance_port" / || { stop; exit 1; }
  running nova || serve nova nova.cmd.api "$data/nova/nova.conf" "$nova_port" /v2.1 || { stop; exit 1; }
}

stop_one() {
  local service=$1 pid; pid="$(pid_of "$service")"
  if [[ -z "$pid" ]]; then echo "$service-api $name not running"; return 0; fi
  if kill -0 "$pid" 2>/dev/null; then
    kill -TERM -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$pid" 2>/dev/null; then kill -KILL -- "-$pid" 2>/dev/null || true; fi
  fi
  rm -f "$data/$service.pid"
  echo "$service-api $name stopped"
}

stop() { stop_one nova; stop_one glance; }

case "$cmd" in
  start) start "${3:-}" "${4:-}" "${5:-}" ;;
  stop) stop ;;
  status) running glance && running nova ;;
  *) usage ;;
esac
