# Shared by the scripts/install-*.sh: idempotent installs of Debian packages and the npm peers.
# Source it; it defines functions only.

# ensure_debian_packages PKG... — installs the missing ones; keeps their services from starting
# (the tests start their own instances on loopback).
ensure_debian_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  ((${#missing[@]})) || return 0
  local sudo=""; [[ $(id -u) -ne 0 ]] && sudo="sudo"
  local policy=/usr/sbin/policy-rc.d created=0
  if [[ ! -e $policy ]]; then
    printf '#!/bin/sh\nexit 101\n' | $sudo tee "$policy" >/dev/null; $sudo chmod +x "$policy"; created=1
  fi
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -q
  $sudo apt-get install -y -q --no-install-recommends "${missing[@]}"
  ((created)) && $sudo rm -f "$policy"
  return 0
}

# ensure_npm_peers ROOT MODULE... — Node.js >= 20 and `npm ci` in tests/interop when a module is missing
# or the lock file changed since the last install.
ensure_npm_peers() {
  local root=$1; shift
  command -v node >/dev/null && command -v npm >/dev/null || ensure_debian_packages nodejs npm
  local major; major="$(node -p 'process.versions.node.split(".")[0]')"
  if ((major < 20)); then
    echo "node $(node --version) is too old: the interop peers need Node.js >= 20" >&2
    return 1
  fi
  local dir="$root/tests/interop" need=0 m
  [[ -f $dir/node_modules/.package-lock.json && ! $dir/package-lock.json -nt $dir/node_modules/.package-lock.json ]] || need=1
  for m in "$@"; do [[ -f $dir/node_modules/$m/package.json ]] || need=1; done
  if ((need)); then (cd "$dir" && npm ci --no-audit --no-fund --loglevel=error); fi
}
