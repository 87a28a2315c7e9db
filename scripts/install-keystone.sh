#!/usr/bin/env bash
# Installs Debian's Keystone (python3-keystone: the real RuleProcessor the mapping engine is
# compared against) and the Python modules its mapping code imports. Idempotent: installs only
# what is missing; never starts a Keystone service (tests drive the library in-process).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
source "$root/scripts/lib/prerequisites.sh"
packages=(keystone python3-keystone python3-jsonschema)
ensure_debian_packages "${packages[@]}"

# The mapping tests import keystone from the system python, never the pyenv one.
/usr/bin/python3 -c 'import keystone.federation.utils, keystone.tests.unit.mapping_fixtures' \
  || { echo "keystone's python modules are not importable by /usr/bin/python3" >&2; exit 1; }
echo "keystone mapping prerequisites present: ${packages[*]}"
