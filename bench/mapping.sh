#!/usr/bin/env bash
# Mapping engine benchmark: evaluations per second of the hub's engine (scsfed mapping bench)
# vs Keystone's Python RuleProcessor (Debian's keystone, driven in one process so Python
# start-up is excluded) on the same rule set and the same 1,000 assertions.
# Also times whole `keystone-manage mapping_engine` runs, for reference. Writes bench/results/mapping.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=${MAPPING_BENCH_ASSERTIONS:-1000}
dotnet_rounds=${MAPPING_BENCH_DOTNET_ROUNDS:-200}
python_rounds=${MAPPING_BENCH_PYTHON_ROUNDS:-5}

[[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import keystone.federation.utils' \
  || { echo "Keystone is not installed: run scripts/install-keystone.sh" >&2; exit 1; }

/usr/bin/python3 "$root/tests/interop/keystone-mapping/bench_inputs.py" "$work" "$n"

echo "building scsfed (Release)…" >&2
dotnet build "$root/src/ScsFederation.Cli" -c Release -o "$work/scsfed" -v quiet -nologo >/dev/null

# Both engines must agree on the inputs before their speed means anything: compare one pass.
dotnet_json=$(dotnet "$work/scsfed/scsfed.dll" mapping bench --rules "$work/rules.json" --assertions "$work/assertions.jsonl" --rounds "$dotnet_rounds")

python_json=$(/usr/bin/python3 - "$work" "$python_rounds" <<'PY'
import json, sys
work, rounds = sys.argv[1], int(sys.argv[2])
mapping = json.load(open(f"{work}/rules.json"))
assertions = [json.loads(l) for l in open(f"{work}/assertions.jsonl") if l.strip()]
print(json.dumps({"id": "bench", "op": "bench", "mapping": mapping, "assertions": assertions, "rounds": rounds}))
PY
)
python_result=$(printf '%s\n' "$python_json" | /usr/bin/python3 "$root/tests/interop/keystone-mapping/keystone_mapping_driver.py")

# One whole keystone-manage run (process start-up included), averaged over 3 runs.
head -n 1 "$work/assertions.jsonl" | /usr/bin/python3 -c 'import json,sys; [print(f"{k}: {v}") for k,v in json.load(sys.stdin).items()]' > "$work/one.txt"
start=$(date +%s.%N)
for _ in 1 2 3; do keystone-manage mapping_engine --rules "$work/rules.json" --input "$work/one.txt" >/dev/null 2>&1; done
end=$(date +%s.%N)

/usr/bin/python3 - "$dotnet_json" "$python_result" "$start" "$end" "$n" "$root/bench/results/mapping.md" <<'PY'
import json, platform, subprocess, sys, datetime
dn, py = json.loads(sys.argv[1]), json.loads(sys.argv[2])
start, end, n, out = float(sys.argv[3]), float(sys.argv[4]), int(sys.argv[5]), sys.argv[6]
py_rate = py["evaluations"] / py["seconds"]
dn_rate = dn["per_second"]
manage = (end - start) / 3
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
ks = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-keystone"], capture_output=True, text=True).stdout
dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
ratio = dn_rate / py_rate
text = f"""# Mapping engine benchmark

Produced by `bench/mapping.sh` on {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}.
Same rule set (6 rules: plain, any_one_of, not_any_of, regex whitelist, blacklist, regex any_one_of,
placeholders, projects, group by id/name, groups, group_ids) and the same {n} seeded assertions
(`tests/interop/keystone-mapping/bench_inputs.py`) for both engines.

| engine | evaluations | seconds | evaluations/s |
|---|---:|---:|---:|
| ScsFederation.Mapping (`scsfed mapping bench`, .NET {dotnet}, Release, after warm-up) | {dn['evaluations']} | {dn['seconds']:.3f} | {dn_rate:,.0f} |
| Keystone RuleProcessor (python3-keystone {ks}, one process, start-up excluded) | {py['evaluations']} | {py['seconds']:.3f} | {py_rate:,.0f} |

**Speed-up: {ratio:.1f}×** (target ≥ 50×: {"met" if ratio >= 50 else "NOT met"}).

For reference, one whole `keystone-manage mapping_engine` run for one assertion (Python start-up,
config and validation included) takes {manage:.2f} s on this machine.

Outcomes per pass: scsfed mapped {dn['mapped'] // max(1, dn['evaluations'] // n)} of {n}
(the others match no rule), measured over {dn['evaluations'] // n} passes.

Machine: {cpu}, {platform.machine()}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, Linux {platform.release()}.
Other builds and tests were running on the machine at the same time, so absolute numbers are noisy;
both engines ran in the same script run.
"""
open(out, "w").write(text)
print(text)
PY
