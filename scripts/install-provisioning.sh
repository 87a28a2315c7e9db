#!/usr/bin/env bash
# Installs what the provisioning tests need: Debian's Keystone (real OpenStack identity service),
# the openstack CLI (benchmark baseline and the CLI login path), Apache with mod_wsgi and
# mod_auth_openidc (the end-to-end login as SCS deploys it). Idempotent: skips what is present.
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/prerequisites.sh"
packages=(keystone python3-openstackclient apache2 libapache2-mod-wsgi-py3 libapache2-mod-auth-openidc sqlite3)
ensure_debian_packages "${packages[@]}"

# The system-wide services are not used; stop them if a package started one anyway.
for svc in keystone apache2; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    systemctl stop "$svc" || true
  fi
done
echo "provisioning prerequisites present: ${packages[*]}"
