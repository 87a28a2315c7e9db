#!/usr/bin/env bash
# Installs what the provisioning tests need: Debian's Keystone (real OpenStack identity service),
# the openstack CLI (benchmark baseline and the CLI login path), Apache with mod_wsgi and
# mod_auth_openidc (the end-to-end login as SCS deploys it). Idempotent: skips what is present.
set -euo pipefail

packages=(keystone python3-openstackclient apache2 libapache2-mod-wsgi-py3 libapache2-mod-auth-openidc sqlite3)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  # Debian's postinst scripts would start system-wide keystone/apache2 services on ports 5000/80;
  # the tests start their own instances on loopback, so keep services from starting.
  policy_rc=/usr/sbin/policy-rc.d
  created_policy=0
  if [[ ! -e $policy_rc ]]; then
    printf '#!/bin/sh\nexit 101\n' | $SUDO tee "$policy_rc" >/dev/null
    $SUDO chmod +x "$policy_rc"
    created_policy=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $SUDO apt-get update -q
  $SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
  if ((created_policy)); then $SUDO rm -f "$policy_rc"; fi
fi

# The system-wide services are not used; stop them if a package started one anyway.
for svc in keystone apache2; do
  if command -v systemctl >/dev/null 2>&1 && systemctl is-active --quiet "$svc" 2>/dev/null; then
    systemctl stop "$svc" || true
  fi
done
echo "provisioning prerequisites present: ${packages[*]}"
