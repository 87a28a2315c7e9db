#!/usr/bin/env bash
# Installs Debian's Keystone (python3-keystone: the real RuleProcessor the mapping engine is
# compared against) and the Python modules its mapping code imports. Idempotent: installs only
# what is missing; never starts a Keystone service (tests drive the library in-process).
set -euo pipefail

packages=(keystone python3-keystone python3-jsonschema)
missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  SUDO=""
  if [[ $(id -u) -ne 0 ]]; then SUDO="sudo"; fi
  # keystone's postinst would start a system service; the tests do not need one.
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

# The mapping tests import keystone from the system python, never the pyenv one.
/usr/bin/python3 -c 'import keystone.federation.utils, keystone.tests.unit.mapping_fixtures' \
  || { echo "keystone's python modules are not importable by /usr/bin/python3" >&2; exit 1; }
echo "keystone mapping prerequisites present: ${packages[*]}"
