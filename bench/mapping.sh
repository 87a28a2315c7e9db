#!/usr/bin/env bash
# Mapping engine benchmark: evaluations per second of the hub's engine (scsfed mapping bench)
# vs Keystone's Python RuleProcessor (Debian's keystone, driven in one process so Python
# start-up is excluded) on the same rule set and the same 1,000 assertions.
# Trials alternate between the two engines; the median trial of each is reported, by CPU time
# (robust on a shared machine) and by wall time. Whole `keystone-manage mapping_engine` runs are
# timed for reference. Writes bench/results/mapping.md.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
n=${MAPPING_BENCH_ASSERTIONS:-1000}
trials=${MAPPING_BENCH_TRIALS:-5}
dotnet_rounds=${MAPPING_BENCH_DOTNET_ROUNDS:-300}
python_rounds=${MAPPING_BENCH_PYTHON_ROUNDS:-5}

[[ -x /usr/bin/python3 ]] && /usr/bin/python3 -c 'import keystone.federation.utils' \
  || { echo "Keystone is not installed: run scripts/install-keystone.sh" >&2; exit 1; }

/usr/bin/python3 "$root/tests/interop/keystone-mapping/bench_inputs.py" "$work" "$n"

echo "building scsfed (Release)…" >&2
dotnet build "$root/src/ScsFederation.Cli" -c Release -o "$work/scsfed" -v quiet -nologo >/dev/null

/usr/bin/python3 - "$work" "$python_rounds" > "$work/python-request.json" <<'PY'
import json, sys
work, rounds = sys.argv[1], int(sys.argv[2])
mapping = json.load(open(f"{work}/rules.json"))
assertions = [json.loads(l) for l in open(f"{work}/assertions.jsonl") if l.strip()]
print(json.dumps({"id": "bench", "op": "bench", "mapping": mapping, "assertions": assertions, "rounds": rounds}))
PY

: > "$work/dotnet.jsonl"
: > "$work/python.jsonl"
for ((t = 1; t <= trials; t++)); do
  echo "trial $t/$trials…" >&2
  /usr/bin/python3 "$root/tests/interop/keystone-mapping/keystone_mapping_driver.py" < "$work/python-request.json" >> "$work/python.jsonl"
  dotnet "$work/scsfed/scsfed.dll" mapping bench --rules "$work/rules.json" --assertions "$work/assertions.jsonl" --rounds "$dotnet_rounds" \
    | /usr/bin/python3 -c 'import json,sys; print(json.dumps(json.load(sys.stdin)))' >> "$work/dotnet.jsonl"
done

# Whole keystone-manage runs for one assertion (process start-up included), 3 runs.
head -n 1 "$work/assertions.jsonl" | /usr/bin/python3 -c 'import json,sys; [print(f"{k}: {v}") for k,v in json.load(sys.stdin).items()]' > "$work/one.txt"
start=$(date +%s.%N)
for _ in 1 2 3; do keystone-manage mapping_engine --rules "$work/rules.json" --input "$work/one.txt" >/dev/null 2>&1; done
end=$(date +%s.%N)

/usr/bin/python3 - "$work" "$start" "$end" "$n" "$root/bench/results/mapping.md" <<'PY'
import json, platform, statistics, subprocess, sys, datetime
work, start, end, n, out = sys.argv[1], float(sys.argv[2]), float(sys.argv[3]), int(sys.argv[4]), sys.argv[5]
dn = [json.loads(l) for l in open(f"{work}/dotnet.jsonl")]
py = [json.loads(l) for l in open(f"{work}/python.jsonl")]
dn_cpu = [d["per_cpu_second"] for d in dn]
dn_wall = [d["per_second"] for d in dn]
py_cpu = [p["evaluations"] / p["cpu_seconds"] for p in py]
py_wall = [p["evaluations"] / p["seconds"] for p in py]
med = statistics.median
ratio_cpu = med(dn_cpu) / med(py_cpu)
ratio_wall = med(dn_wall) / med(py_wall)
manage = (end - start) / 3
cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), "unknown")
ks = subprocess.run(["dpkg-query", "-W", "-f=${Version}", "python3-keystone"], capture_output=True, text=True).stdout
dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
load = open("/proc/loadavg").read().split()[:3]
fmt = lambda xs: ", ".join(f"{x:,.0f}" for x in xs)
text = f"""# Mapping engine benchmark

Produced by `bench/mapping.sh` on {datetime.datetime.now(datetime.timezone.utc).strftime('%Y-%m-%d %H:%M UTC')}.
Same rule set (6 rules: plain, any_one_of, not_any_of, regex whitelist, blacklist, regex any_one_of,
placeholders, projects, group by id/name, groups, group_ids) and the same {n} seeded assertions
(`tests/interop/keystone-mapping/bench_inputs.py`) for both engines; {len(dn)} alternating trials each.

| engine | evaluations per trial | median evaluations/s (CPU time) | median evaluations/s (wall time) |
|---|---:|---:|---:|
| ScsFederation.Mapping (`scsfed mapping bench`, .NET {dotnet}, Release, after warm-up) | {dn[0]['evaluations']:,} | {med(dn_cpu):,.0f} | {med(dn_wall):,.0f} |
| Keystone RuleProcessor (python3-keystone {ks}, one process, start-up excluded) | {py[0]['evaluations']:,} | {med(py_cpu):,.0f} | {med(py_wall):,.0f} |

**Speed-up: {ratio_cpu:.1f}× by CPU time, {ratio_wall:.1f}× by wall time** (target ≥ 50×: {"met" if ratio_cpu >= 50 else "NOT met"}).

Trials (evaluations/s by CPU time) — scsfed: {fmt(dn_cpu)}; Keystone: {fmt(py_cpu)}.
Trials (wall time) — scsfed: {fmt(dn_wall)}; Keystone: {fmt(py_wall)}.

For reference, one whole `keystone-manage mapping_engine` run for one assertion (Python start-up,
configuration and rule validation included) takes {manage:.2f} s here, i.e. the command line tool
manages about {1 / manage:.1f} evaluations/s.

scsfed mapped {dn[0]['mapped']:,} of {dn[0]['evaluations']:,} evaluations (every assertion matches at least one rule).

Machine: {cpu}, {platform.machine()}, {subprocess.run(['nproc'], capture_output=True, text=True).stdout.strip()} cores, Linux {platform.release()};
load average at the end {' '.join(load)}. Other builds and tests shared the machine, so wall-time
figures are noisy; CPU time counts only the time each engine actually ran.
"""
open(out, "w").write(text)
print(text)
PY
