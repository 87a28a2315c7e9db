#!/usr/bin/env bash
# Provisioning benchmark (a script, not a test): plan + apply for 2 providers x ACCOUNTS accounts against two real
# Keystones (Debian's package, scripts/keystone.sh), then a second apply (must report 0 changes); and, as the
# baseline, the `openstack` CLI doing the same per-account work (project, user, role assignment) in a loop.
#
#   bench/provisioning.sh                     # 1,000 accounts per provider, 50-account openstack CLI baseline
#   ACCOUNTS=200 BASELINE_ACCOUNTS=20 bench/provisioning.sh
#
# Writes bench/results/provisioning.md (appends a dated section). Needs scripts/install-provisioning.sh first.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
accounts="${ACCOUNTS:-1000}"
baseline_accounts="${BASELINE_ACCOUNTS:-50}"
parallelism="${PARALLELISM:-4}"
work="$(mktemp -d /tmp/scsfed-bench-XXXXXX)"
password="$(head -c 16 /dev/urandom | od -An -tx1 | tr -d ' \n')"
export SCSFED_CLOUD_A_PASSWORD="$password" KEYSTONE_ADMIN_PASSWORD="$password"
ports=(9356 9357)
results="$repo/bench/results/provisioning.md"

cleanup() {
  for i in 0 1; do KEYSTONE_DATA_DIR="$work/ks$i" "$repo/scripts/keystone.sh" stop "bench$i" >/dev/null 2>&1 || true; done
  rm -rf "$work"
}
trap cleanup EXIT

command -v keystone-manage >/dev/null || { echo "Keystone missing: run scripts/install-provisioning.sh" >&2; exit 1; }
echo "building scsfed ..."
dotnet build "$repo/src/ScsFederation.Cli" -c Release -nologo -v q -o "$work/cli" >/dev/null
scsfed=(dotnet "$work/cli/scsfed.dll")

for i in 0 1; do KEYSTONE_DATA_DIR="$work/ks$i" "$repo/scripts/keystone.sh" start "bench$i" "${ports[$i]}"; done

cat > "$work/mapping.json" <<'JSON'
{ "rules": [ { "remote": [ { "type": "OIDC-preferred_username" }, { "type": "OIDC-groups", "any_one_of": ["scs-admins"] } ],
               "local": [ { "user": { "name": "{0}" } }, { "projects": [ { "name": "p-{0}", "roles": [ { "name": "member" } ] } ] } ] } ] }
JSON
cat > "$work/federation.yaml" <<YAML
hub:
  issuer: http://127.0.0.1:8085
  dataFolder: $work/data
  storage:
    provider: sqlite
    connectionString: "Data Source=$work/data/hub.db"
providers:
  - id: bench-a
    mapping: $work/mapping.json
    keystone:
      url: http://127.0.0.1:${ports[0]}/v3
      domain: scs-bench
      admin:
        password: \${env:SCSFED_CLOUD_A_PASSWORD}
  - id: bench-b
    mapping: $work/mapping.json
    keystone:
      url: http://127.0.0.1:${ports[1]}/v3
      domain: scs-bench
      admin:
        password: \${env:SCSFED_CLOUD_A_PASSWORD}
YAML
mkdir -p "$work/data"

"${scsfed[@]}" provider onboard bench-a --config "$work/federation.yaml" >/dev/null
"${scsfed[@]}" provider onboard bench-b --config "$work/federation.yaml" >/dev/null

# The grants the hub would have stored at each account's login (the mapping result for group scs-admins).
/usr/bin/python3 - "$work/data/hub.db" "$accounts" <<'PY'
import json, sqlite3, sys
db, n = sys.argv[1], int(sys.argv[2])
con = sqlite3.connect(db)
rows = []
for provider in ("bench-a", "bench-b"):
    for i in range(n):
        user = f"bench{i:05d}"
        grant = {"user": {"name": user}, "group_ids": [], "group_names": [],
                 "projects": [{"name": f"p-{user}", "roles": [{"name": "member"}]}], "kubernetes": []}
        rows.append((f"acc-{i}", provider, json.dumps(grant), 0))
con.executemany("INSERT INTO account_grants (AccountId, ProviderId, GrantJson, UpdatedAt) VALUES (?,?,?,?)", rows)
con.commit()
PY

calc() { /usr/bin/python3 -c "print(round($1, 3))"; }
timed() { local start end; start=$(date +%s.%N); "$@" > "$work/out.txt" 2>"$work/err.txt"; end=$(date +%s.%N); calc "$end - $start"; }
plan_s=$(timed "${scsfed[@]}" provision plan --quiet --config "$work/federation.yaml")
plan_out=$(cat "$work/out.txt")
apply_s=$(timed "${scsfed[@]}" provision apply --quiet --parallelism "$parallelism" --config "$work/federation.yaml")
apply_out=$(cat "$work/out.txt")
reapply_s=$(timed "${scsfed[@]}" provision apply --quiet --config "$work/federation.yaml")
reapply_out=$(cat "$work/out.txt")
echo "$apply_out"; echo "$reapply_out"

# Baseline: the openstack CLI, one account = create project, create user, add role (3 commands), on a third domain.
export OS_AUTH_URL="http://127.0.0.1:${ports[0]}/v3" OS_USERNAME=admin OS_PASSWORD="$password" OS_PROJECT_NAME=admin \
       OS_USER_DOMAIN_NAME=Default OS_PROJECT_DOMAIN_NAME=Default OS_IDENTITY_API_VERSION=3
baseline_s="n/a"
if command -v openstack >/dev/null && ((baseline_accounts > 0)); then
  openstack domain create scs-bench-cli >/dev/null
  start=$(date +%s.%N)
  for i in $(seq 1 "$baseline_accounts"); do
    openstack project create --domain scs-bench-cli "p-cli$i" >/dev/null
    openstack user create --domain scs-bench-cli "cli$i" >/dev/null
    openstack role add --user "cli$i" --user-domain scs-bench-cli --project "p-cli$i" --project-domain scs-bench-cli member >/dev/null
  done
  end=$(date +%s.%N)
  baseline_s=$(calc "$end - $start")
fi

per_account_hub=$(calc "$apply_s / (2 * $accounts)")
per_account_cli=$([[ $baseline_s == n/a ]] && echo n/a || calc "$baseline_s / $baseline_accounts")
{
  echo
  echo "## $(date -u +%Y-%m-%dT%H:%MZ) — 2 providers × $accounts accounts (parallelism $parallelism)"
  echo
  echo "Machine: $(nproc) cores, load average at end: $(cut -d' ' -f1-3 /proc/loadavg); Keystone $(dpkg-query -W -f='${Version}' keystone) on SQLite (WAL), keystone-wsgi-public (single-threaded wsgiref) per provider."
  echo
  echo "| step | seconds | output |"
  echo "|---|---|---|"
  echo "| plan (both providers) | $plan_s | $(echo "$plan_out" | tr '\n' ' ') |"
  echo "| apply (both providers, parallel) | $apply_s | $(echo "$apply_out" | tr '\n' ' ') |"
  echo "| second apply | $reapply_s | $(echo "$reapply_out" | tr '\n' ' ') |"
  echo "| openstack CLI loop, $baseline_accounts accounts, one Keystone | $baseline_s | 3 commands per account |"
  echo
  echo "Per account and provider: hub apply ${per_account_hub} s, openstack CLI loop ${per_account_cli} s."
} >> "$results"
echo "results appended to $results"
