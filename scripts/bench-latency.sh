#!/usr/bin/env bash
# Round trips and requests of the pre-flight, with every AWS request delayed by a fixed
# time (tests/aws/latency_proxy.py in front of moto: a far region, a VPN). For
# `create nodegroup` with flags, with `-f`, and `create cluster` of a new cluster, through
# the installed layout (`eksctl` = eksctl-shim-proxy, eksctl-shim beside it), in front of a
# C stub eksctl that notes when it starts and exits 0 at once:
#   to start   time from the command to the stub's start, in round trips (the delay)
#   net        the same, less the time of the same command through the same forwarder
#              with no delay (the shim's own work, the forwarder's and moto's), so only
#              the waiting on AWS is counted
#   after      time from the stub's start to the shim's exit, in round trips (verification)
#   requests   AWS requests of one command; duplicates: the same request twice before
#              eksctl starts, or twice after (asking again after eksctl ran is not one)
# Results: bench-results/latency.md.
# Env: DELAY_MS (100), RUNS (3), SHIM_BIN (an eksctl-shim to use instead of a release
# build; its eksctl-shim-proxy beside it is used when there).
set -euo pipefail
. "$(dirname "$0")/env.sh"
"$ROOT/scripts/setup.sh" --bench
cd "$ROOT"
if [ -n "${SHIM_BIN:-}" ]; then full="$SHIM_BIN"; else release_build; full="$SHIM_RELEASE_BIN"; fi
proxy="$(dirname "$full")/eksctl-shim-proxy"

start_moto
# prod: drifted (its private subnets deleted after the control plane moved); calm: as made.
echo '{"cluster":"prod","moved":true,"delete":["private-a","private-b"],"nodegroup_stacks":["ng-old"]}' \
  | python3 tests/aws/world.py "$endpoint" >/dev/null
echo '{"cluster":"calm","nodegroup_stacks":["ng-old"]}' | python3 tests/aws/world.py "$endpoint" >/dev/null
port=$(free_port)
port0=$(free_port)
python3 tests/aws/latency_proxy.py "$endpoint" "$port" "${DELAY_MS:-100}" "$work/requests.jsonl" &
LAT_PID=$!
python3 tests/aws/latency_proxy.py "$endpoint" "$port0" 0 "$work/requests.jsonl" &
LAT0_PID=$!
trap 'kill $MOTO_PID $LAT_PID $LAT0_PID 2>/dev/null || true; rm -rf "$work"' EXIT
wait_for_port "$port"
wait_for_port "$port0"

mkdir -p "$work/real" "$work/shim" "$work/link"
cat > "$work/stub.c" <<'C'
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
int main(int argc, char **argv) {
  if (argc > 1 && strcmp(argv[1], "version") == 0) { puts("0.230.0"); return 0; }
  struct timespec ts; clock_gettime(CLOCK_REALTIME, &ts);
  FILE *f = fopen(getenv("STUB_LOG"), "a");
  fprintf(f, "%ld.%09ld\n", (long)ts.tv_sec, ts.tv_nsec); fclose(f);
  return 0;
}
C
cc -O2 -o "$work/real/eksctl" "$work/stub.c"
cp "$full" "$work/shim/eksctl-shim"
if [ -x "$proxy" ]; then cp "$proxy" "$work/shim/eksctl-shim-proxy"; ln -s "$work/shim/eksctl-shim-proxy" "$work/link/eksctl"
else ln -s "$work/shim/eksctl-shim" "$work/link/eksctl"; fi
cat > "$work/ng.yaml" <<'YAML'
apiVersion: eksctl.io/v1alpha5
kind: ClusterConfig
metadata: {name: prod, region: us-west-2}
managedNodeGroups:
  - name: ng-managed
nodeGroups:
  - name: ng-self
YAML

mkdir -p "$ROOT/bench-results"
PATH="$work/link:$work/real:$PATH" EKSCTL_SHIM_QUIET=1 python3 - "$work" "http://127.0.0.1:$port0" "http://127.0.0.1:$port" \
  "${DELAY_MS:-100}" "${RUNS:-3}" > "$ROOT/bench-results/latency.md" <<'PY'
import json, os, statistics, subprocess, sys, time
work, undelayed, delayed, delay_ms, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), int(sys.argv[5])
delay = delay_ms / 1000
cases = [
    ("create nodegroup (flags), drifted cluster", ["create", "nodegroup", "--cluster", "prod", "--name", "ng-new"]),
    ("create nodegroup (flags), clean cluster", ["create", "nodegroup", "--cluster", "calm", "--name", "ng-new"]),
    ("create nodegroup -f, drifted cluster", ["create", "nodegroup", "-f", f"{work}/ng.yaml"]),
    ("create cluster (new)", ["create", "cluster", "--name", "fresh"]),
]
stub_log = f"{work}/stub.log"
req_log = f"{work}/requests.jsonl"

def once(args, endpoint):
    open(stub_log, "w").close()
    seen = sum(1 for _ in open(req_log))
    env = dict(os.environ, AWS_ENDPOINT_URL=endpoint, STUB_LOG=stub_log)
    t0 = time.time()
    p = subprocess.run(["eksctl", *args], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    t1 = time.time()
    if p.returncode != 0:
        sys.exit(f"{args}: exit {p.returncode}: {p.stderr.decode()}")
    starts = [float(l) for l in open(stub_log) if l.strip()]
    reqs = [json.loads(l) for l in list(open(req_log))[seen:]]
    return t0, starts[0], t1, reqs

rows = []
for name, args in cases:
    once(args, undelayed)  # warm the page cache
    base = statistics.median(s - t0 for t0, s, _, _ in (once(args, undelayed) for _ in range(runs)))
    results = [once(args, delayed) for _ in range(runs)]
    start = statistics.median(s - t0 for t0, s, _, _ in results)
    after = statistics.median(t1 - s for _, s, t1, _ in results)
    reqs = results[-1][3]
    s, t0 = results[-1][1], results[-1][0]
    before = [r for r in reqs if r["t"] < s]
    after_reqs = [r for r in reqs if r["t"] >= s]
    dups = sum(len(part) - len({r["key"] for r in part}) for part in (before, after_reqs))
    ops = {}
    for r in before:
        ops[r["op"]] = ops.get(r["op"], 0) + 1
    rows.append((name, start / delay, (start - base) / delay, after / delay, len(before), len(reqs) - len(before), dups,
                 ", ".join(f"{o}" + (f" x{n}" if n > 1 else "") for o, n in sorted(ops.items()))))

print(f"Every AWS request delayed {delay_ms} ms (tests/aws/latency_proxy.py); medians of {runs} runs; "
      "round trips = time / delay. `net` leaves out the shim's own work (the same command through the forwarder with no delay).\n")
print("| command | round trips to eksctl's start | net | after eksctl exits 0 | requests before | after | duplicates | requests before eksctl starts |")
print("|:---|---:|---:|---:|---:|---:|---:|:---|")
for name, start, net, after, nb, na, dups, ops in rows:
    print(f"| `{name}` | {start:.2f} | {net:.2f} | {after:.2f} | {nb} | {na} | {dups} | {ops} |")
PY
cat "$ROOT/bench-results/latency.md"
