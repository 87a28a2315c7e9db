#!/usr/bin/env bash
# Installs what the cloud-discovery tests run for real (scripts/openstack-services.sh): Debian's Glance
# (python3-glance 2:25.1) and Nova (python3-nova 2:26.2), the code Debian's glance-api and nova-api packages run,
# and the openstack CLI the tests create flavors and images with. The service packages themselves are not
# installed: their maintainer scripts set up databases through dbconfig-common, register endpoints through
# debconf and ship init units — the tests configure, start and stop their own instances on loopback.
# Idempotent: installs only what is missing; never starts a service.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/prerequisites.sh"
packages=(python3-glance python3-nova python3-openstackclient python3-keystonemiddleware)
ensure_debian_packages "${packages[@]}"

# The services run on Debian's interpreter, never a pyenv one.
/usr/bin/python3 -c 'import glance.cmd.api, glance.cmd.manage, nova.cmd.api, nova.cmd.manage, keystonemiddleware.auth_token' \
  || { echo "glance/nova are not importable by /usr/bin/python3" >&2; exit 1; }
command -v openstack >/dev/null || { echo "the openstack CLI is missing (python3-openstackclient)" >&2; exit 1; }
echo "openstack service prerequisites present: ${packages[*]}"
