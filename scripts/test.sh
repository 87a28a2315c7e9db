#!/usr/bin/env bash
# The one test command: installs what the tests need (every scripts/install-*.sh), starts PostgreSQL,
# builds the solution, runs every test project (the interop suite twice: SQLite and PostgreSQL), and
# ends with the line "N passed, N failed". Exit status 0 only when nothing failed.
set -uo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
results="$root/out/test-results"
rm -rf "$results"; mkdir -p "$results"
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

for script in scripts/install-*.sh; do
  echo "== $script"
  bash "$script" || { echo "install step $script failed" >&2; echo "0 passed, 1 failed"; exit 1; }
done

pg="$(bash scripts/postgres.sh start)" || { echo "PostgreSQL did not start" >&2; echo "0 passed, 1 failed"; exit 1; }
trap 'bash scripts/postgres.sh stop' EXIT
export SCSFED_TEST_POSTGRES="$pg"

echo "== dotnet build"
build_failed=0
dotnet build ScsFederation.sln -c Release -nologo -v q 2>&1 | tail -5 || true
[[ ${PIPESTATUS[0]} -eq 0 ]] || build_failed=1

# The self-contained ReadyToRun hub the container image packages (deploy/Dockerfile), once for both interop runs:
# PublishedHubTests starts it with the Helm chart's default configuration.
echo "== dotnet publish (hub, self-contained)"
rm -rf out/publish/hub
dotnet publish src/ScsFederation.Hub -c Release -r linux-x64 --self-contained -p:PublishReadyToRun=true -o out/publish/hub -nologo -v q 2>&1 | tail -5 || true
[[ ${PIPESTATUS[0]} -eq 0 ]] || build_failed=1

run() { # name project [env...]
  local name=$1 project=$2; shift 2
  echo "== $name"
  env "$@" dotnet test "$project" -c Release --no-build -nologo \
    --logger "trx;LogFileName=$results/$name.trx" --logger "console;verbosity=minimal" 2>&1 | tail -15
}
for project in tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  if [[ $name == ScsFederation.Interop.Tests ]]; then
    run "$name.sqlite" "$project" SCSFED_TEST_STORAGE=sqlite
    run "$name.postgresql" "$project" SCSFED_TEST_STORAGE=postgresql
  else
    run "$name" "$project"
  fi
done

python3 - "$results" "$build_failed" <<'PY'
import glob, sys, xml.etree.ElementTree as ET
ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = skipped = 0
for f in sorted(glob.glob(sys.argv[1] + "/*.trx")):
    c = ET.parse(f).getroot().find("t:ResultSummary/t:Counters", ns)
    p, fl = int(c.get("passed")), int(c.get("failed")) + int(c.get("error", 0)) + int(c.get("timeout", 0))
    n = int(c.get("notExecuted", 0))
    print(f"  {f.rsplit('/', 1)[1]}: {p} passed, {fl} failed, {n} skipped")
    passed, failed, skipped = passed + p, failed + fl, skipped + n
failed += int(sys.argv[2])  # a build failure counts as a failure even if some projects still ran
print(f"{passed} passed, {failed} failed" + (f", {skipped} skipped" if skipped else ""))
sys.exit(1 if failed or passed == 0 else 0)
PY
