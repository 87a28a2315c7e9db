#!/usr/bin/env bash
# Serves an already bootstrapped Keystone (scripts/keystone.sh) under Apache mod_wsgi behind mod_auth_openidc, as
# SCS deploys it, with the site `scsfed provider onboard --output DIR` wrote (DIR/<provider>/apache-keystone.conf).
# Its own ServerRoot, PID file and logs: the system apache2 service is not used.
#
#   scripts/keystone-apache.sh start NAME SITE_CONF KEYSTONE_DATA_DIR
#   scripts/keystone-apache.sh stop NAME
#
# Environment: the secrets the site references (SCSFED_<PROVIDER>_OIDC_CLIENT_SECRET, ..._OIDC_CRYPTO_PASSPHRASE),
# APACHE_RUN_DIR (default <repo>/.run/apache-NAME).
# Facts this follows (Debian 12, Keystone 22.0.2, mod_auth_openidc 2.4.12): Keystone finds its configuration only
# through OS_KEYSTONE_CONFIG_FILES in the environment of the apache2 process itself (SetEnv is too late); Apache
# children cannot run as root, so the Keystone folder must belong to www-data.
set -euo pipefail

repo_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmd="${1:-}"; name="${2:-}"
[[ -n "$cmd" && "$name" =~ ^[A-Za-z0-9_-]+$ ]] || { echo "usage: $0 start NAME SITE_CONF KEYSTONE_DATA_DIR | stop NAME" >&2; exit 2; }
run="${APACHE_RUN_DIR:-$repo_root/.run/apache-$name}"
pidfile="$run/apache2.pid"

stop() {
  if [[ -f "$pidfile" ]] && kill -0 "$(cat "$pidfile")" 2>/dev/null; then
    local pid; pid="$(cat "$pidfile")"
    kill "$pid"
    for _ in $(seq 1 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -f "$pidfile"
  echo "apache $name stopped"
}

start() {
  local site="$1" keystone_data="$2"
  [[ -f "$site" ]] || { echo "keystone-apache.sh: site config $site not found" >&2; exit 1; }
  [[ -f "$keystone_data/keystone.conf" ]] || { echo "keystone-apache.sh: $keystone_data has no keystone.conf (run scripts/keystone.sh start first)" >&2; exit 1; }
  [[ -f /usr/lib/apache2/modules/mod_auth_openidc.so && -f /usr/lib/apache2/modules/mod_wsgi.so ]] || {
    echo "keystone-apache.sh: mod_wsgi/mod_auth_openidc missing: run scripts/install-provisioning.sh" >&2; exit 1; }
  mkdir -p "$run"
  chown -R www-data:www-data "$keystone_data"
  cat > "$run/apache2.conf" <<CONF
ServerRoot /etc/apache2
PidFile $pidfile
ErrorLog $run/error.log
LogLevel warn auth_openidc:info
User www-data
Group www-data
Mutex file:$run default
DefaultRuntimeDir $run
LoadModule mpm_event_module /usr/lib/apache2/modules/mod_mpm_event.so
LoadModule authz_core_module /usr/lib/apache2/modules/mod_authz_core.so
LoadModule authn_core_module /usr/lib/apache2/modules/mod_authn_core.so
LoadModule authz_user_module /usr/lib/apache2/modules/mod_authz_user.so
LoadModule mime_module /usr/lib/apache2/modules/mod_mime.so
LoadModule env_module /usr/lib/apache2/modules/mod_env.so
LoadModule headers_module /usr/lib/apache2/modules/mod_headers.so
LoadModule socache_shmcb_module /usr/lib/apache2/modules/mod_socache_shmcb.so
LoadModule wsgi_module /usr/lib/apache2/modules/mod_wsgi.so
LoadModule auth_openidc_module /usr/lib/apache2/modules/mod_auth_openidc.so
TypesConfig /etc/mime.types
LogFormat "%h %l %u %t \"%r\" %>s %b" common
CustomLog $run/access.log common
Include $site
CONF
  OS_KEYSTONE_CONFIG_FILES="$keystone_data/keystone.conf" apache2 -f "$run/apache2.conf" -k start
  for _ in $(seq 1 100); do [[ -f "$pidfile" ]] && break; sleep 0.1; done
  [[ -f "$pidfile" ]] || { echo "keystone-apache.sh: apache2 did not start, see $run/error.log" >&2; tail -20 "$run/error.log" >&2 || true; exit 1; }
  echo "apache $name started (pid $(cat "$pidfile")), logs in $run"
}

case "$cmd" in
  start) start "${3:?SITE_CONF}" "${4:?KEYSTONE_DATA_DIR}" ;;
  stop) stop ;;
  *) echo "usage: $0 start NAME SITE_CONF KEYSTONE_DATA_DIR | stop NAME" >&2; exit 2 ;;
esac
